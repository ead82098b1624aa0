// RecordProtection: how one direction's records are protected under the current cipher spec.
//
// Implementations: NullProtection (before the first ChangeCipherSpec), AeadProtection (AES-GCM,
// ChaCha20-Poly1305) and CbcHmacProtection (AES-CBC with HMAC, MAC-then-encrypt or
// encrypt-then-MAC). An object holds the keys of one direction; the caller owns the sequence
// number (see DirectionState) and passes it in with each record, since it also goes into the
// additional data / MAC input of every record (RFC 5246 §6.2.3).
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <span>
#include <string>

#include "record/content_type.hpp"
#include "tlsx/error.hpp"

namespace tlsx::record {

/// What the MAC / additional data of one record covers besides the data.
struct RecordContext {
  std::uint64_t sequence = 0;
  ContentType type = ContentType::application_data;
  std::uint16_t version = kTls12;
};

/// The 13 bytes every protected record authenticates besides its data, RFC 5246 §6.2.3:
/// seq_num(8) || type(1) || version(2) || length(2). `length` is the plaintext length for AEADs
/// (§6.2.3.3) and MAC-then-encrypt (§6.2.3.1), the IV + ciphertext length for encrypt-then-MAC
/// (RFC 7366 §3). The length may be secret (MAC-then-encrypt): no branch depends on it.
inline constexpr std::size_t kRecordAadSize = 13;
[[nodiscard]] constexpr std::array<std::uint8_t, kRecordAadSize> record_aad(
    const RecordContext& context, std::uint16_t length) noexcept {
  std::array<std::uint8_t, kRecordAadSize> aad{};
  for (std::size_t i = 0; i < 8; ++i) {
    aad[i] = static_cast<std::uint8_t>(context.sequence >> (56 - 8 * i));
  }
  aad[8] = static_cast<std::uint8_t>(context.type);
  aad[9] = static_cast<std::uint8_t>(context.version >> 8);
  aad[10] = static_cast<std::uint8_t>(context.version);
  aad[11] = static_cast<std::uint8_t>(length >> 8);
  aad[12] = static_cast<std::uint8_t>(length);
  return aad;
}

class RecordProtection {
 public:
  virtual ~RecordProtection() = default;

  /// "null", "AES-128-GCM", "AES-128-CBC-HMAC-SHA1", ...
  [[nodiscard]] virtual std::string name() const = 0;
  /// True only for NullProtection: fragments are plaintext, so the 2^14 limit applies to them.
  [[nodiscard]] virtual bool is_null() const noexcept { return false; }

  /// Size of the fragment seal() makes from a plaintext of plaintext_size bytes.
  [[nodiscard]] virtual std::size_t sealed_size(std::size_t plaintext_size) const noexcept = 0;

  /// Protects plaintext into out, which must be exactly sealed_size(plaintext.size()) bytes and
  /// must not overlap plaintext.
  [[nodiscard]] virtual Result<void> seal(const RecordContext& context,
                                          std::span<const std::uint8_t> plaintext,
                                          std::span<std::uint8_t> out) = 0;

  /// Verifies and decrypts a received fragment in place and returns the plaintext, a subspan of
  /// fragment. Every authentication or format failure of a protected record is
  /// ErrorCode::bad_record_mac with the alert bad_record_mac, with nothing to tell the causes
  /// apart (RFC 5246 §7.2.2 bad_record_mac). On failure the fragment's contents are unspecified.
  [[nodiscard]] virtual Result<std::span<std::uint8_t>> open(const RecordContext& context,
                                                             std::span<std::uint8_t> fragment) = 0;
};

/// The one error every protected-record failure turns into.
[[nodiscard]] inline std::unexpected<Error> fail_bad_record_mac() {
  return fail(ErrorCode::bad_record_mac, AlertDescription::bad_record_mac,
              "record authentication failed");
}

}  // namespace tlsx::record
