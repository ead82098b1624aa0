// Constant-time pieces of CBC record decryption (RFC 5246 §6.2.3.2):
//
//   struct {
//       opaque IV[SecurityParameters.record_iv_length];
//       block-ciphered struct {
//           opaque content[TLSCompressed.length];
//           opaque MAC[SecurityParameters.mac_length];
//           uint8 padding[GenericBlockCipher.padding_length];
//           uint8 padding_length;
//       };
//   } GenericBlockCipher;
//
// After decryption the padding length byte is secret until the MAC has been checked: how long the
// receiver takes, and which memory it touches, must not depend on it, or the receiver becomes a
// padding oracle (Vaudenay 2002; Lucky Thirteen, 2013). These helpers never branch on the
// padding and never index memory with a secret; they return masks (0xff..ff = good, 0 = bad) that
// the caller combines into a single verdict, so padding and MAC failures look the same.
#pragma once

#include <cstddef>
#include <cstdint>
#include <span>

#include "record/record_protection.hpp"
#include "record/secret_length_hmac.hpp"

namespace tlsx::record {

/// Returns v unchanged, but hides it from the optimizer. Masks computed from secrets go through
/// it so that they stay arithmetic: without it GCC -O2 turned the selection loops of extract_mac
/// into a load at a secret index and a loop split at a secret bound (found by
/// tests/unit/record/constant_time_memcheck_test.cpp under Valgrind). Same idea as BoringSSL's
/// value_barrier_w.
[[nodiscard]] inline std::uint64_t value_barrier(std::uint64_t v) noexcept {
  __asm__("" : "+r"(v));
  return v;
}

/// The padding of a decrypted block-ciphered struct (`decrypted` = content || MAC || padding ||
/// padding_length, its size public and at least mac_size + 1).
struct CbcPadding {
  /// 0xff..ff when all padding_length + 1 trailing bytes equal padding_length and the padding
  /// leaves room for a MAC of mac_size bytes; 0 otherwise.
  std::uint64_t good = 0;
  /// decrypted.size() - padding_length - 1 when good, decrypted.size() - 1 otherwise (as if the
  /// padding were empty, so the MAC is still computed over a plausible length). Secret.
  std::size_t unpadded_length = 0;
};

/// Checks the padding, reading the same 256 (or all, if fewer) trailing bytes whatever the
/// padding length is: "check all possible padding bytes" (RFC 5246 §6.2.3.2 allows up to 255).
[[nodiscard]] CbcPadding check_cbc_padding(std::span<const std::uint8_t> decrypted,
                                           std::size_t mac_size) noexcept;

/// Copies the mac_out.size() bytes at the secret offset mac_start of `decrypted` into mac_out.
/// Reads every byte of decrypted[scan_start, decrypted.size()) whatever mac_start is; mac_start
/// must lie in [scan_start, decrypted.size() - mac_out.size()]. Cost: O(scanned + mac_size^2).
void extract_mac(std::span<const std::uint8_t> decrypted, std::size_t scan_start,
                 std::size_t mac_start, std::span<std::uint8_t> mac_out) noexcept;

/// The verdict on a decrypted MAC-then-encrypt block.
struct MacThenEncryptVerdict {
  std::uint64_t good = 0;          ///< 0xff..ff when padding and MAC are both right, else 0
  std::size_t content_length = 0;  ///< the content's length (meaningful only when good)
};

/// The whole constant-time check of a decrypted block-ciphered struct (content || MAC ||
/// padding || padding_length; its size public, a multiple of the block size and at least
/// mac.digest_size() + 1): padding (check_cbc_padding), MAC over the secret content length
/// (SecretLengthHmac), received MAC (extract_mac), and one combined mask. The caller branches
/// only on the returned verdict.
[[nodiscard]] MacThenEncryptVerdict verify_mac_then_encrypt(
    SecretLengthHmac& mac, const RecordContext& context, std::span<const std::uint8_t> decrypted);

/// 0xff..ff when a and b (same size) are equal, without an early exit.
[[nodiscard]] std::uint64_t equal_mask(std::span<const std::uint8_t> a,
                                       std::span<const std::uint8_t> b) noexcept;

}  // namespace tlsx::record
