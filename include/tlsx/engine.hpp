// Engine: one TLS 1.2 connection, client or server, without any I/O (sans-I/O).
//
// Bytes from the network go in through feed(); bytes for the network come out of
// pending_output()/consume_output(); the application reads and writes plaintext with read() and
// write(). The caller owns the transport and decides when to move bytes, which makes the engine
// usable with any event loop, in tests without sockets, and step by step in course mode.
//
//   auto engine = tlsx::Engine::client(config, "example.com");   // ClientHello is queued
//   while (!engine->status().handshake_done) {
//     send_all(engine->pending_output()); engine->consume_output(...);
//     engine->feed(receive_some());                                  // may fail: see error()
//   }
//
// Errors: every call that can fail returns Result. A fatal error is sticky: once an engine has
// failed, every later call returns the same error, and pending_output() holds the fatal alert we
// sent (flush it to the peer before closing the transport). "Would block" is never an error: it
// is a Status.
#pragma once

#include <cstddef>
#include <cstdint>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <string_view>

#include "tlsx/code_points.hpp"
#include "tlsx/config.hpp"
#include "tlsx/error.hpp"
#include "tlsx/session.hpp"
#include "tlsx/x509.hpp"

namespace tlsx {

/// What the engine can do next.
struct Status {
  bool handshake_done = false;  ///< application data may flow
  bool wants_input = false;     ///< progress needs more bytes from the peer
  bool has_output = false;      ///< pending_output() is not empty
  bool can_read = false;        ///< read() has plaintext to return
  bool paused = false;          ///< an observer paused the handshake; call resume()
  bool peer_closed = false;     ///< the peer sent close_notify: no more data will arrive
  bool closed = false;          ///< we sent close_notify (close() was called)
  bool failed = false;          ///< a fatal error occurred; see Engine::error()
};

/// The parameters a handshake settled on (valid once the handshake is done; some earlier).
struct Negotiated {
  ProtocolVersion version = ProtocolVersion::tls12;
  CipherSuite cipher_suite{};
  std::string cipher_suite_name;                    ///< IANA name
  std::string key_exchange;                         ///< "ECDHE_ECDSA", "ECDHE_RSA" or "RSA"
  std::optional<NamedGroup> group;                  ///< ECDHE group
  std::optional<SignatureScheme> signature_scheme;  ///< ServerKeyExchange signature
  bool extended_master_secret = false;
  bool encrypt_then_mac = false;
  bool secure_renegotiation = false;  ///< RFC 5746 support was signalled by the peer
  std::string alpn;                   ///< empty: none
  std::string server_name;            ///< SNI (server: what the client sent)
  CertificateChain peer_chain;        ///< as received, leaf first (server: the client's, if any)
  CertificateChain verified_chain;    ///< verified path, leaf .. trust anchor (client with
                                      ///< verification on; server: a client certificate)
  /// CertificateVerify signature scheme (mutual TLS; both roles), unset when none was sent.
  std::optional<SignatureScheme> client_signature_scheme;
  /// The handshake was abbreviated: it resumed an earlier session (RFC 5246 §7.3).
  bool resumed = false;
};

namespace detail {
class EngineCore;
}

class Engine {
 public:
  /// A client for server_name (a DNS name or an IP literal; it is what the certificate is
  /// verified against, and what SNI carries when it is a DNS name). The ClientHello is queued in
  /// pending_output() at once. Fails on an unusable config (e.g. no suite the provider supports).
  static Result<Engine> client(const ClientConfig& config, std::string_view server_name);
  /// A server. Fails on an unusable config (e.g. no certificate).
  static Result<Engine> server(const ServerConfig& config);

  Engine(Engine&&) noexcept;
  Engine& operator=(Engine&&) noexcept;
  Engine(const Engine&) = delete;
  Engine& operator=(const Engine&) = delete;
  ~Engine();

  /// Hands bytes received from the peer to the engine, which takes all of them and processes as
  /// much as it can (it stops early only when an observer pauses it; the rest stays buffered).
  /// Returns the number of bytes taken (always from_peer.size() unless it fails).
  Result<std::size_t> feed(std::span<const std::uint8_t> from_peer);
  /// The transport reached end of file. Without a prior close_notify this is a truncation
  /// (ErrorCode::truncated); after one it is the clean end of the connection.
  Result<void> end_of_input();

  /// Bytes to send to the peer; valid until the next non-const call.
  [[nodiscard]] std::span<const std::uint8_t> pending_output() const noexcept;
  /// n bytes of pending_output() were sent.
  void consume_output(std::size_t n) noexcept;

  /// Encrypts application data into records (fragmenting as needed). Only after the handshake.
  Result<std::size_t> write(std::span<const std::uint8_t> data);
  /// Copies up to out.size() bytes of received plaintext; 0 when none is buffered.
  Result<std::size_t> read(std::span<std::uint8_t> out);
  /// Queues close_notify. Further write() calls fail.
  Result<void> close();
  /// Continues a handshake an observer paused.
  Result<void> resume();

  [[nodiscard]] Status status() const noexcept;
  /// The state machine's current state, e.g. "ExpectServerHello" (what a course shows).
  [[nodiscard]] std::string_view state() const noexcept;
  /// Negotiated parameters; nullptr before the ServerHello.
  [[nodiscard]] const Negotiated* negotiated() const noexcept;
  /// The fatal error, or nullptr.
  [[nodiscard]] const Error* error() const noexcept;
  /// After the handshake: the resumable session (client: with the ticket/ID received, updated by
  /// a later NewSessionTicket); nullopt before, or when the server offered no way to resume.
  [[nodiscard]] std::optional<Session> session() const;

  /// RFC 5705 keying material exporter (requires extended master secret or accepts the RFC 7627
  /// §5.4 risk when it was not negotiated). context: nullopt means "no context" (distinct from
  /// an empty one).
  Result<void> export_keying_material(std::span<std::uint8_t> out, std::string_view label,
                                      std::optional<std::span<const std::uint8_t>> context) const;

 private:
  explicit Engine(std::unique_ptr<detail::EngineCore> core) noexcept;
  std::unique_ptr<detail::EngineCore> core_;
};

}  // namespace tlsx
