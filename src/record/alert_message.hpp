// The alert protocol's one message (RFC 5246 §7.2):
//
//   enum { warning(1), fatal(2), (255) } AlertLevel;
//   struct {
//       AlertLevel level;
//       AlertDescription description;
//   } Alert;
#pragma once

#include <array>
#include <cstdint>
#include <span>
#include <string>

#include "tlsx/alert.hpp"
#include "tlsx/error.hpp"

namespace tlsx::record {

inline constexpr std::size_t kAlertSize = 2;

struct AlertMessage {
  AlertLevel level = AlertLevel::fatal;
  AlertDescription description = AlertDescription::internal_error;

  /// close_notify at any level: the peer closed its write side cleanly (RFC 5246 §7.2.1).
  [[nodiscard]] bool is_close_notify() const noexcept {
    return description == AlertDescription::close_notify;
  }
  [[nodiscard]] bool is_fatal() const noexcept { return level == AlertLevel::fatal; }
  /// "fatal handshake_failure", "warning unknown(0xc8)"
  [[nodiscard]] std::string to_string() const;
};

/// Parses an alert record's plaintext. It must be exactly 2 bytes: TLS 1.2 implementations send
/// one alert per record, and a fragment of any other length "could not be decoded because ... the
/// length of the message was incorrect" (RFC 5246 §7.2.2 decode_error). The level must be
/// warning(1) or fatal(2); any other value is outside the enum's defined range, also
/// decode_error. Unknown descriptions are kept (the level decides what they mean).
[[nodiscard]] Result<AlertMessage> parse_alert(std::span<const std::uint8_t> fragment);

/// The 2 bytes of an alert.
[[nodiscard]] std::array<std::uint8_t, kAlertSize> serialize(const AlertMessage& alert) noexcept;

}  // namespace tlsx::record
