#include "capture/hex_digest.hpp"

#include <array>
#include <memory>

#include "crypto/builtin/builtin.hpp"

namespace tlsx::capture {

std::string to_hex(std::span<const std::uint8_t> bytes) {
  static constexpr char kDigits[] = "0123456789abcdef";
  std::string out;
  out.reserve(bytes.size() * 2);
  for (std::uint8_t b : bytes) {
    out.push_back(kDigits[b >> 4]);
    out.push_back(kDigits[b & 0x0f]);
  }
  return out;
}

std::string hex4(std::uint16_t value) {
  const std::array<std::uint8_t, 2> be{static_cast<std::uint8_t>(value >> 8),
                                       static_cast<std::uint8_t>(value & 0xff)};
  return to_hex(be);
}

std::string hex_digest(crypto::HashAlgorithm alg, std::string_view text) {
  // Only the two algorithms the fingerprints use; both builtin factories cannot fail.
  std::unique_ptr<crypto::Hash> hash = alg == crypto::HashAlgorithm::md5
                                           ? crypto::builtin::make_md5()
                                           : crypto::builtin::make_sha256();
  hash->update(std::span(reinterpret_cast<const std::uint8_t*>(text.data()), text.size()));
  std::array<std::uint8_t, 32> digest{};
  const std::size_t size = alg == crypto::HashAlgorithm::md5 ? 16 : 32;
  hash->finish(std::span(digest).first(size));
  return to_hex(std::span(digest).first(size));
}

}  // namespace tlsx::capture
