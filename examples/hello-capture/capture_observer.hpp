// The per-connection Observer: it keeps the first ClientHello exactly as it arrived (before the
// engine parses it, so that malformed hellos are seen too), the engine's reason for refusing it,
// and the first fatal alert in each direction. Everything hello-capture knows about a hello comes
// through this public API.
#pragma once

#include <chrono>
#include <cstdint>
#include <optional>
#include <vector>

#include "tlsx/observer.hpp"

namespace hello_capture {

class CaptureObserver final : public tlsx::Observer {
 public:
  void on_message(tlsx::Direction dir, tlsx::HandshakeType type,
                  std::span<const std::uint8_t> raw) override;
  void on_message_error(tlsx::HandshakeType type, std::span<const std::uint8_t> raw,
                        const tlsx::Error& error) override;
  void on_alert(tlsx::Direction dir, tlsx::AlertLevel level,
                tlsx::AlertDescription description) override;

  /// The first ClientHello message (header included), once one arrived.
  [[nodiscard]] const std::optional<std::vector<std::uint8_t>>& hello() const { return hello_; }
  /// When it arrived.
  [[nodiscard]] std::chrono::system_clock::time_point hello_time() const { return hello_time_; }
  /// The engine refused the hello (malformed or unacceptable): its error.
  [[nodiscard]] const std::optional<tlsx::Error>& hello_error() const { return hello_error_; }
  /// First fatal alert we sent / received.
  [[nodiscard]] std::optional<tlsx::AlertDescription> alert_sent() const { return alert_sent_; }
  [[nodiscard]] std::optional<tlsx::AlertDescription> alert_received() const {
    return alert_received_;
  }

 private:
  std::optional<std::vector<std::uint8_t>> hello_;
  std::chrono::system_clock::time_point hello_time_;
  std::optional<tlsx::Error> hello_error_;
  std::optional<tlsx::AlertDescription> alert_sent_;
  std::optional<tlsx::AlertDescription> alert_received_;
};

}  // namespace hello_capture
