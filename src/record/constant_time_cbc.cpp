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
constexpr std::size_t kMaxPadding = 255;

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
    const std::uint64_t in_padding = value_barrier(ct_mask_lt(i, padding_length + 1));
    good &= ~(in_padding & ~value_barrier(ct_mask_eq(byte, padding_length)));
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
    // The masks use a laundered copy of i: otherwise the optimizer rewrites the loop in terms of
    // i - mac_start, and the (public) loads and loop test become arithmetic on the secret.
    const std::uint64_t at = value_barrier(i);
    const std::uint64_t in_mac =
        value_barrier(~ct_mask_lt(at, mac_start) & ct_mask_lt(at, mac_end));
    rotated[slot] |= static_cast<std::uint8_t>(decrypted[i] & in_mac);
    rotation |= slot & value_barrier(ct_mask_eq(at, mac_start));
    slot = slot + 1 == mac_size ? 0 : slot + 1;
  }

  // Pass 2: undo the rotation, reading every slot for every output byte.
  for (std::size_t k = 0; k < mac_size; ++k) {
    std::uint64_t source = rotation + value_barrier(k);
    source -= mac_size & value_barrier(~ct_mask_lt(source, mac_size));
    std::uint8_t byte = 0;
    for (std::size_t j = 0; j < mac_size; ++j) {
      byte |= static_cast<std::uint8_t>(rotated[j] &
                                        value_barrier(ct_mask_eq(value_barrier(j), source)));
    }
    mac_out[k] = byte;
  }
  crypto::secure_wipe(rotated);
}

MacThenEncryptVerdict verify_mac_then_encrypt(SecretLengthHmac& mac, const RecordContext& context,
                                              std::span<const std::uint8_t> decrypted) {
  const std::size_t mac_size = mac.digest_size();
  const CbcPadding padding = check_cbc_padding(decrypted, mac_size);
  const std::size_t content_length = padding.unpadded_length - mac_size;  // secret
  const std::size_t max_content = decrypted.size() - 1 - mac_size;        // public
  const std::size_t min_content = max_content > kMaxPadding ? max_content - kMaxPadding : 0;

  std::array<std::uint8_t, kMaxMacSize> expected{};
  std::array<std::uint8_t, kMaxMacSize> received{};
  const auto expected_mac = std::span(expected).first(mac_size);
  const auto received_mac = std::span(received).first(mac_size);
  // The header carries the secret length as data, which the hash treats like any other byte.
  const auto header = record_aad(context, static_cast<std::uint16_t>(content_length));
  mac.compute(header, decrypted.first(max_content), min_content, content_length, expected_mac);
  extract_mac(decrypted.first(max_content + mac_size), min_content, content_length, received_mac);
  const std::uint64_t good = padding.good & equal_mask(expected_mac, received_mac);
  crypto::secure_wipe(expected);
  crypto::secure_wipe(received);
  return {good, content_length};
}

std::uint64_t equal_mask(std::span<const std::uint8_t> a,
                         std::span<const std::uint8_t> b) noexcept {
  if (a.size() != b.size()) return 0;  // sizes are public
  std::uint64_t diff = 0;
  for (std::size_t i = 0; i < a.size(); ++i) diff |= a[i] ^ b[i];
  return ct_mask_is_zero(diff);
}

}  // namespace tlsx::record
