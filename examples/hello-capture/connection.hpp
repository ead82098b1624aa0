// One client connection of the capture server, without I/O: the event loop hands it bytes, end of
// file, deadlines and shutdown, and sends what output() holds. It runs a tlsx server engine with a
// CaptureObserver, turns the first ClientHello into a capture as soon as the hello's fate is known
// (handshake completed, alert, close, timeout, malformed bytes), stores it, and then answers one
// request with the echo before closing.
//
// Phases: handshake -> request -> closing (flush, then the loop shuts the write side down) ->
// linger (read and discard until the peer closes, so that closing never resets the connection
// before the peer read our response) -> done (close the socket).
#pragma once

#include <chrono>
#include <cstdint>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "capture_json.hpp"

#include "capture_observer.hpp"
#include "capture_store.hpp"
#include "hello_json.hpp"
#include "tlsx/config.hpp"
#include "tlsx/engine.hpp"

namespace hello_capture {

using SteadyClock = std::chrono::steady_clock;

/// What every connection shares: read-only after startup (the store is thread-safe).
struct ConnectionSettings {
  const tlsx::ServerConfig* server_config = nullptr;  ///< copied per connection with our observer
  CaptureStore* store = nullptr;
  std::chrono::milliseconds handshake_timeout{10'000};  ///< from accept to handshake done
  /// After the handshake: to send a whole request, and again to read the answer. Not extended by
  /// each byte, so that a client trickling a request (slowloris) is cut off all the same.
  std::chrono::milliseconds idle_timeout{30'000};
  std::chrono::milliseconds linger{2'000};  ///< waiting for the peer to close
};

class Connection {
 public:
  enum class Phase { handshake, request, closing, linger, done };

  Connection(const ConnectionSettings& settings, std::uint64_t id, std::string peer,
             SteadyClock::time_point now);

  void on_bytes(std::span<const std::uint8_t> bytes, SteadyClock::time_point now);
  void on_eof(SteadyClock::time_point now);
  /// The deadline passed (the loop calls this when now >= deadline()).
  void on_deadline(SteadyClock::time_point now);
  /// The server is stopping: record what is in flight and end.
  void on_shutdown();
  /// The loop flushed everything and shut the write side down (in phase closing).
  void on_write_side_closed(SteadyClock::time_point now);
  /// Sending failed (the peer reset the connection).
  void on_write_error();

  [[nodiscard]] std::span<const std::uint8_t> output() const;
  void consume_output(std::size_t n);

  [[nodiscard]] Phase phase() const { return phase_; }
  /// False once the peer ended its side: the loop stops polling for input.
  [[nodiscard]] bool wants_input() const { return !peer_eof_ && phase_ != Phase::done; }
  [[nodiscard]] SteadyClock::time_point deadline() const { return deadline_; }
  /// The capture, once stored (null before).
  [[nodiscard]] const Json& capture() const { return capture_; }
  /// One line for the server log (no newline).
  [[nodiscard]] std::string log_line(SteadyClock::time_point now) const;

 private:
  void note_received(std::span<const std::uint8_t> bytes);
  void after_engine_progress(SteadyClock::time_point now);
  void fail(const tlsx::Error& error);
  const DescribedHello* described_hello();
  void finish_capture(Json outcome);
  Json completed_outcome() const;
  Json failure_outcome(const tlsx::Error& error);
  void handle_request(SteadyClock::time_point now);
  void close_with_output();

  const ConnectionSettings& settings_;
  std::uint64_t id_;
  std::string peer_;
  SteadyClock::time_point start_;
  std::chrono::system_clock::time_point first_byte_time_;
  SteadyClock::time_point deadline_;
  Phase phase_ = Phase::handshake;

  // Declared before the engine, which borrows it.
  std::unique_ptr<CaptureObserver> observer_;
  std::unique_ptr<tlsx::Engine> engine_;  ///< null only if it could not be made (phase done)

  std::uint64_t bytes_in_ = 0;
  std::uint64_t bytes_out_ = 0;
  std::vector<std::uint8_t> received_prefix_;  ///< first bytes, while no hello has arrived
  std::optional<DescribedHello> described_;    ///< the hello, decoded once it is needed
  bool captured_ = false;
  bool peer_eof_ = false;
  Json capture_;
  std::string request_buffer_;
  std::string request_summary_;  ///< for the log
  std::string failure_;          ///< for the log, when the engine failed or could not start
};

/// Bytes of a connection kept for a capture when no ClientHello message could be assembled
/// (garbage, truncated or oversized records): the first kReceivedPrefixLimit bytes.
inline constexpr std::size_t kReceivedPrefixLimit = 4096;

}  // namespace hello_capture
