#include "record/alert_message.hpp"

#include <fmt/format.h>

#include "tlsx/byte_reader.hpp"

namespace tlsx::record {

std::string AlertMessage::to_string() const {
  return fmt::format("{} {}", tlsx::to_string(level), tlsx::to_string(description));
}

Result<AlertMessage> parse_alert(std::span<const std::uint8_t> fragment) {
  ByteReader r(fragment);
  std::uint8_t level = 0;
  std::uint8_t description = 0;
  if (!(r.u8(level) && r.u8(description) && r.empty())) {
    return fail_decode(
        fmt::format("alert record of {} bytes, must be {}", fragment.size(), kAlertSize));
  }
  const auto alert_level = static_cast<AlertLevel>(level);
  if (alert_level != AlertLevel::warning && alert_level != AlertLevel::fatal) {
    return fail_decode(
        fmt::format("alert level {} is neither warning nor fatal", tlsx::to_string(alert_level)));
  }
  return AlertMessage{alert_level, static_cast<AlertDescription>(description)};
}

std::array<std::uint8_t, kAlertSize> serialize(const AlertMessage& alert) noexcept {
  return {static_cast<std::uint8_t>(alert.level), static_cast<std::uint8_t>(alert.description)};
}

}  // namespace tlsx::record
