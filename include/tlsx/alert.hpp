// TLS alert protocol code points (RFC 5246 §7.2 and later registrations).
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

namespace tlsx {

/// Alert level byte (RFC 5246 §7.2). Unknown values are kept as-is.
enum class AlertLevel : std::uint8_t { warning = 1, fatal = 2 };

/// Alert description byte. The enum keeps unknown wire values; use alert_name() or to_string().
enum class AlertDescription : std::uint8_t {
  close_notify = 0,
  unexpected_message = 10,
  bad_record_mac = 20,
  decryption_failed_RESERVED = 21,
  record_overflow = 22,
  decompression_failure_RESERVED = 30,
  handshake_failure = 40,
  no_certificate_RESERVED = 41,
  bad_certificate = 42,
  unsupported_certificate = 43,
  certificate_revoked = 44,
  certificate_expired = 45,
  certificate_unknown = 46,
  illegal_parameter = 47,
  unknown_ca = 48,
  access_denied = 49,
  decode_error = 50,
  decrypt_error = 51,
  export_restriction_RESERVED = 60,
  protocol_version = 70,
  insufficient_security = 71,
  internal_error = 80,
  inappropriate_fallback = 86,
  user_canceled = 90,
  no_renegotiation = 100,
  missing_extension = 109,
  unsupported_extension = 110,
  certificate_unobtainable_RESERVED = 111,
  unrecognized_name = 112,
  bad_certificate_status_response = 113,
  bad_certificate_hash_value_RESERVED = 114,
  unknown_psk_identity = 115,
  certificate_required = 116,
  no_application_protocol = 120,
};

/// The IANA name of a description ("bad_record_mac"), or an empty view when unregistered.
std::string_view alert_name(AlertDescription description) noexcept;

/// Like alert_name() but never empty: unregistered values print as "unknown(0x..)".
std::string to_string(AlertDescription description);

/// "warning", "fatal" or "unknown(0x..)".
std::string to_string(AlertLevel level);

}  // namespace tlsx
