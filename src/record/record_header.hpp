// The 5-byte record header (RFC 5246 §6.2.1):
//
//   struct {
//       ContentType type;
//       ProtocolVersion version;
//       uint16 length;
//       opaque fragment[TLSPlaintext.length];
//   } TLSPlaintext;
//
// The header is checked on its own, before any of the fragment arrives, so that a bad type,
// version or length is refused without buffering up to 18 KiB of garbage first.
#pragma once

#include <cstddef>
#include <cstdint>
#include <span>
#include <vector>

#include "record/content_type.hpp"
#include "tlsx/error.hpp"

namespace tlsx::record {

struct RecordHeader {
  ContentType type = ContentType::handshake;
  std::uint16_t version = kTls12;
  std::uint16_t length = 0;  ///< fragment length
};

/// Which record-layer versions are acceptable.
enum class VersionCheck : std::uint8_t {
  /// Exactly {3,3}: every record once the version is negotiated.
  tls12,
  /// Any {3,xx}: records that arrive before the version is known, i.e. the server reading the
  /// ClientHello and the client reading up to the ServerHello. RFC 5246 Appendix E.1: a server
  /// "MUST accept any value {03,XX} as the record layer version number for ClientHello", and a
  /// client cannot know the server's choice before the ServerHello.
  tls_family,
  /// {3,1}..{3,3}: a stricter choice for a server's first records, refusing SSL 3.0's {3,0}
  /// (which RFC 5246 Appendix E.1 would still let a ClientHello record carry).
  tls10_to_tls12,
};

/// Checks a complete header. `max_fragment` is kMaxPlaintextSize while records are unprotected and
/// kMaxCiphertextSize once they are protected. Errors, with the alert RFC 5246 asks for:
///   - a content type other than the four defined ones: unexpected_message (§6: "If a TLS
///     implementation receives an unexpected record type, it MUST send an unexpected_message
///     alert");
///   - a version other than the acceptable ones: protocol_version (§7.2.2);
///   - a length above max_fragment: record_overflow (§7.2.2);
[[nodiscard]] Result<RecordHeader> parse_record_header(std::span<const std::uint8_t> header,
                                                       VersionCheck check,
                                                       std::size_t max_fragment);

/// Rejects a zero-length plaintext of handshake, alert or change_cipher_spec type with
/// unexpected_message. RFC 5246 §6.2.1: "Implementations MUST NOT send zero-length fragments of
/// Handshake, Alert, or ChangeCipherSpec content types", so such a record is "an inappropriate
/// message" (§7.2.2 unexpected_message). Zero-length application data is allowed ("MAY be sent as
/// they are potentially useful as a traffic analysis countermeasure"). Checked on the plaintext,
/// i.e. after decryption, since a protected empty record still carries an IV or tag.
[[nodiscard]] Result<void> check_fragment_not_empty(ContentType type, std::size_t length);

/// Appends the 5 header bytes.
void write_record_header(std::vector<std::uint8_t>& out, const RecordHeader& header);

}  // namespace tlsx::record
