#include "capture_observer.hpp"

namespace hello_capture {

void CaptureObserver::on_message(tlsx::Direction dir, tlsx::HandshakeType type,
                                 std::span<const std::uint8_t> raw) {
  // Only the first one: tlsx refuses renegotiation, so a second ClientHello never gets this far.
  if (dir != tlsx::Direction::inbound || type != tlsx::HandshakeType::client_hello || hello_) {
    return;
  }
  hello_.emplace(raw.begin(), raw.end());
  hello_time_ = std::chrono::system_clock::now();
}

void CaptureObserver::on_message_error(tlsx::HandshakeType type,
                                       std::span<const std::uint8_t> /*raw*/,
                                       const tlsx::Error& error) {
  if (type == tlsx::HandshakeType::client_hello && !hello_error_) hello_error_ = error;
}

void CaptureObserver::on_alert(tlsx::Direction dir, tlsx::AlertLevel level,
                               tlsx::AlertDescription description) {
  if (level != tlsx::AlertLevel::fatal) return;
  auto& slot = dir == tlsx::Direction::outbound ? alert_sent_ : alert_received_;
  if (!slot) slot = description;
}

}  // namespace hello_capture
