// Constant-time comparison, selection and wiping (see include/tlsx/crypto/constant_time.hpp).
//
// Comparison and wiping are delegated to libsodium, whose sodium_memcmp and sodium_memzero are
// written so that the compiler can neither shortcut the loop nor drop the stores. Selection is
// plain mask arithmetic: every byte of both inputs is read and every output byte written.
#include "tlsx/crypto/constant_time.hpp"

#include <sodium.h>

#include "crypto/declassify.hpp"

namespace tlsx::crypto {

bool ct_equal(std::span<const std::uint8_t> a, std::span<const std::uint8_t> b) noexcept {
  // The lengths are public (they are on the wire); only the contents must not leak.
  if (a.size() != b.size()) return false;
  if (a.empty()) return true;
  // The verdict is public: every caller branches on it (a failed tag or Finished check ends the
  // connection), so it is declassified for the memcheck constant-time tests.
  return declassify(sodium_memcmp(a.data(), b.data(), a.size()) == 0);
}

void ct_select(std::span<std::uint8_t> out, std::uint8_t mask, std::span<const std::uint8_t> a,
               std::span<const std::uint8_t> b) noexcept {
  if (out.size() != a.size() || out.size() != b.size()) {
    // API misuse: write nothing that could be mistaken for either input.
    secure_wipe(out);
    return;
  }
  const std::uint8_t not_mask = static_cast<std::uint8_t>(~mask);
  for (std::size_t i = 0; i < out.size(); ++i) {
    out[i] = static_cast<std::uint8_t>((a[i] & mask) | (b[i] & not_mask));
  }
}

void secure_wipe(void* data, std::size_t size) noexcept {
  if (data == nullptr || size == 0) return;
  sodium_memzero(data, size);
}

}  // namespace tlsx::crypto
