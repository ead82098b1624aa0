#include "tlsx/error.hpp"

#include <fmt/format.h>

namespace tlsx {

std::string_view to_string(ErrorCode code) noexcept {
  switch (code) {
    case ErrorCode::decode:
      return "decode";
    case ErrorCode::unexpected_message:
      return "unexpected_message";
    case ErrorCode::bad_record_mac:
      return "bad_record_mac";
    case ErrorCode::record_overflow:
      return "record_overflow";
    case ErrorCode::protocol_version:
      return "protocol_version";
    case ErrorCode::handshake_failure:
      return "handshake_failure";
    case ErrorCode::illegal_parameter:
      return "illegal_parameter";
    case ErrorCode::decrypt_error:
      return "decrypt_error";
    case ErrorCode::certificate:
      return "certificate";
    case ErrorCode::unsupported:
      return "unsupported";
    case ErrorCode::invalid_argument:
      return "invalid_argument";
    case ErrorCode::crypto:
      return "crypto";
    case ErrorCode::peer_alert:
      return "peer_alert";
    case ErrorCode::closed:
      return "closed";
    case ErrorCode::truncated:
      return "truncated";
    case ErrorCode::io:
      return "io";
    case ErrorCode::timeout:
      return "timeout";
    case ErrorCode::limit:
      return "limit";
    case ErrorCode::internal:
      return "internal";
  }
  return "unknown";
}

std::string Error::message() const {
  // A truncation is the transport ending without any alert: it must not read "peer sent
  // close_notify" (the alert field only keeps us from sending one to a peer that is gone).
  if (code == ErrorCode::truncated) {
    return detail.empty() ? std::string("connection closed without close_notify (truncation)")
                          : detail;
  }
  const std::string alert_text = to_string(alert);
  if (origin == Origin::peer) {
    return detail.empty() ? fmt::format("peer sent {}", alert_text)
                          : fmt::format("peer sent {}: {}", alert_text, detail);
  }
  return detail.empty() ? alert_text : fmt::format("{}: {}", alert_text, detail);
}

}  // namespace tlsx
