// Observer: watch (and pause) an engine as it works. Course mode, the capture server and the key
// log are built on it. Every callback has an empty default, so override only what you need; an
// engine without an observer skips all of this work.
//
// Callbacks run synchronously inside Engine calls, on the caller's thread. Spans are valid only
// during the call: copy what you keep. Secrets passed to on_secret are live key material.
#pragma once

#include <cstdint>
#include <span>
#include <string_view>

#include "tlsx/alert.hpp"
#include "tlsx/code_points.hpp"
#include "tlsx/error.hpp"

namespace tlsx {

enum class Direction : std::uint8_t { inbound, outbound };

/// What on_transition's caller should do next.
enum class Action : std::uint8_t {
  proceed,
  pause,  ///< stop after the current message; Engine::resume() continues
};

/// Secrets as the key schedule derives them (RFC 5246 §8.1, §6.3, §7.4.9; RFC 7627).
enum class SecretKind : std::uint8_t {
  pre_master_secret,
  session_hash,  ///< the EMS session hash (not secret, but part of the derivation)
  master_secret,
  key_block,
  client_write_mac_key,
  server_write_mac_key,
  client_write_key,
  server_write_key,
  client_write_iv,
  server_write_iv,
  client_verify_data,
  server_verify_data,
};
[[nodiscard]] std::string_view to_string(SecretKind kind) noexcept;

/// One step of the handshake flow table (see docs/STATE-MACHINE.md).
struct FlowStep {
  std::string_view message;      ///< "ClientHello", "ChangeCipherSpec", ...
  Direction direction;           ///< from this engine's point of view
  std::string_view rfc_section;  ///< "RFC 5246 §7.4.1.2"
};

class Observer {
 public:
  virtual ~Observer() = default;
  /// A record as it crosses the wire (5-byte header + fragment): inbound ones as soon as they
  /// are deframed, still protected; outbound ones as written, already protected. Concatenated in
  /// order, they are exactly the bytes fed in (up to where the engine stopped) and taken out.
  virtual void on_record(Direction /*dir*/, std::span<const std::uint8_t> /*record*/) {}
  /// The protection of one direction changed at a ChangeCipherSpec (RFC 5246 §7.1): `from` and
  /// `to` name the record protections ("null", "AES-128-CBC-HMAC-SHA-1", "AES-128-GCM", ...);
  /// the direction's sequence number restarts at 0.
  virtual void on_protection_change(Direction /*dir*/, std::string_view /*from*/,
                                    std::string_view /*to*/) {}
  /// A complete handshake message (4-byte header + body): inbound ones as they arrive, before
  /// they are parsed (so that even a malformed ClientHello is seen), outbound ones as they are
  /// queued.
  virtual void on_message(Direction /*dir*/, HandshakeType /*type*/,
                          std::span<const std::uint8_t> /*raw*/) {}
  /// A received handshake message was refused (malformed, or unacceptable), with the error about
  /// to be raised.
  virtual void on_message_error(HandshakeType /*type*/, std::span<const std::uint8_t> /*raw*/,
                                const Error& /*error*/) {}
  /// The engine moved from one state to the next after handling step.
  virtual Action on_transition(std::string_view /*from*/, std::string_view /*to*/,
                               const FlowStep& /*step*/) {
    return Action::proceed;
  }
  virtual void on_secret(SecretKind /*kind*/, std::span<const std::uint8_t> /*value*/) {}
  /// An alert sent or received.
  virtual void on_alert(Direction /*dir*/, AlertLevel /*level*/, AlertDescription /*description*/) {
  }
};

}  // namespace tlsx
