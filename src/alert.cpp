#include "tlsx/alert.hpp"

#include <fmt/format.h>

namespace tlsx {

std::string_view alert_name(AlertDescription description) noexcept {
  using enum AlertDescription;
  switch (description) {
    case close_notify:
      return "close_notify";
    case unexpected_message:
      return "unexpected_message";
    case bad_record_mac:
      return "bad_record_mac";
    case decryption_failed_RESERVED:
      return "decryption_failed";
    case record_overflow:
      return "record_overflow";
    case decompression_failure_RESERVED:
      return "decompression_failure";
    case handshake_failure:
      return "handshake_failure";
    case no_certificate_RESERVED:
      return "no_certificate";
    case bad_certificate:
      return "bad_certificate";
    case unsupported_certificate:
      return "unsupported_certificate";
    case certificate_revoked:
      return "certificate_revoked";
    case certificate_expired:
      return "certificate_expired";
    case certificate_unknown:
      return "certificate_unknown";
    case illegal_parameter:
      return "illegal_parameter";
    case unknown_ca:
      return "unknown_ca";
    case access_denied:
      return "access_denied";
    case decode_error:
      return "decode_error";
    case decrypt_error:
      return "decrypt_error";
    case export_restriction_RESERVED:
      return "export_restriction";
    case protocol_version:
      return "protocol_version";
    case insufficient_security:
      return "insufficient_security";
    case internal_error:
      return "internal_error";
    case inappropriate_fallback:
      return "inappropriate_fallback";
    case user_canceled:
      return "user_canceled";
    case no_renegotiation:
      return "no_renegotiation";
    case missing_extension:
      return "missing_extension";
    case unsupported_extension:
      return "unsupported_extension";
    case certificate_unobtainable_RESERVED:
      return "certificate_unobtainable";
    case unrecognized_name:
      return "unrecognized_name";
    case bad_certificate_status_response:
      return "bad_certificate_status_response";
    case bad_certificate_hash_value_RESERVED:
      return "bad_certificate_hash_value";
    case unknown_psk_identity:
      return "unknown_psk_identity";
    case certificate_required:
      return "certificate_required";
    case no_application_protocol:
      return "no_application_protocol";
    default:
      return {};
  }
}

std::string to_string(AlertDescription description) {
  const auto name = alert_name(description);
  if (!name.empty()) return std::string(name);
  return fmt::format("unknown(0x{:02x})", static_cast<unsigned>(description));
}

std::string to_string(AlertLevel level) {
  switch (level) {
    case AlertLevel::warning:
      return "warning";
    case AlertLevel::fatal:
      return "fatal";
    default:
      return fmt::format("unknown(0x{:02x})", static_cast<unsigned>(level));
  }
}

}  // namespace tlsx
