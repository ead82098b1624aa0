#include "record/constant_time_cbc.hpp"

#include <algorithm>
#include <array>

#include "tlsx/crypto/constant_time.hpp"

namespace tlsx::record {

using crypto::ct_mask_eq;
using crypto::ct_mask_is_zero;
using crypto::ct_mask_lt;

namespace {

constexpr std::size_t kMaxPaddingBytes = 256;  // padding_length (0..255) + the length byte
constexpr std::size_t kMaxMacSize = 64;

}  // namespace

CbcPadding check_cbc_padding(std::span<const std::uint8_t> decrypted,
                             std::size_t mac_size) noexcept {
  const std::size_t size = decrypted.size();
  const std::uint64_t padding_length = decrypted.back();
  // The padding and its length byte must fit after a MAC: padding_length + 1 + mac_size <= size.
  std::uint64_t good = ~ct_mask_lt(size, padding_length + 1 + mac_size);

  const std::size_t to_check = std::min(kMaxPaddingBytes, size);  // public
  for (std::size_t i = 0; i < to_check; ++i) {
    const std::uint64_t byte = decrypted[size - 1 - i];
    const std::uint64_t in_padding = ct_mask_lt(i, padding_length + 1);
    good &= ~(in_padding & ~ct_mask_eq(byte, padding_length));
  }
  // A bad padding counts as empty so that the length stays in range.
  const std::uint64_t removed = (padding_length & good) + 1;
  return {good, size - static_cast<std::size_t>(removed)};
}

void extract_mac(std::span<const std::uint8_t> decrypted, std::size_t scan_start,
                 std::size_t mac_start, std::span<std::uint8_t> mac_out) noexcept {
  const std::size_t mac_size = mac_out.size();
  if (mac_size == 0 || mac_size > kMaxMacSize) return;
  const std::size_t mac_end = mac_start + mac_size;

  // Pass 1: OR every byte of the MAC into `rotated`, at (position - scan_start) mod mac_size, so
  // the MAC ends up rotated by `rotation` = (mac_start - scan_start) mod mac_size. The slot index
  // cycles through public values; only the masks depend on mac_start.
  std::array<std::uint8_t, kMaxMacSize> rotated{};
  std::uint64_t rotation = 0;
  std::size_t slot = 0;
  for (std::size_t i = scan_start; i < decrypted.size(); ++i) {
    const std::uint64_t in_mac = ~ct_mask_lt(i, mac_start) & ct_mask_lt(i, mac_end);
    rotated[slot] |= static_cast<std::uint8_t>(decrypted[i] & in_mac);
    rotation |= slot & ct_mask_eq(i, mac_start);
    slot = slot + 1 == mac_size ? 0 : slot + 1;
  }

  // Pass 2: undo the rotation, reading every slot for every output byte.
  for (std::size_t k = 0; k < mac_size; ++k) {
    std::uint64_t source = rotation + k;
    source -= mac_size & ~ct_mask_lt(source, mac_size);
    std::uint8_t byte = 0;
    for (std::size_t j = 0; j < mac_size; ++j) {
      byte |= static_cast<std::uint8_t>(rotated[j] & ct_mask_eq(j, source));
    }
    mac_out[k] = byte;
  }
  crypto::secure_wipe(rotated);
}

std::uint64_t equal_mask(std::span<const std::uint8_t> a,
                         std::span<const std::uint8_t> b) noexcept {
  if (a.size() != b.size()) return 0;  // sizes are public
  std::uint64_t diff = 0;
  for (std::size_t i = 0; i < a.size(); ++i) diff |= a[i] ^ b[i];
  return ct_mask_is_zero(diff);
}

}  // namespace tlsx::record
