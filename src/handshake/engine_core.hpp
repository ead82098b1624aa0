// EngineCore: what stands behind tlsx::Engine.
//
// Implementation notes
// - Records come in through record::RecordReader and go out through record::RecordWriter; the
//   core never sees ciphertext.
// - The handshake is a std::variant of Expect* states per role (client_states.hpp,
//   server_states.hpp); each holds only the data valid at that point, so a secret that does not
//   exist yet cannot be used by mistake, and secrets die (and are wiped) with their state.
// - Order is data: every message sent or received is checked against the flow table
//   (handshake/flow.hpp) by expect_step() before any state sees it.
// - The transcript is updated in exactly one place per direction: receive_message() and
//   send_message().
// - Failure is sticky: fail() records the first error and queues its fatal alert.
#pragma once

#include <chrono>
#include <cstdint>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <variant>
#include <vector>

#include "handshake/cipher_suites.hpp"
#include "handshake/flow.hpp"
#include "handshake/handshake_header.hpp"
#include "handshake/handshake_type.hpp"
#include "handshake/key_exchange.hpp"
#include "handshake/transcript.hpp"
#include "handshake/wire.hpp"
#include "record/record_reader.hpp"
#include "record/record_writer.hpp"
#include "tlsx/config.hpp"
#include "tlsx/engine.hpp"
#include "tlsx/observer.hpp"

namespace tlsx::handshake {
class ClientHandshake;
class ServerHandshake;
}  // namespace tlsx::handshake

namespace tlsx::detail {

enum class Role : std::uint8_t { client, server };

/// Secrets and parameters both roles share once the ServerHello is known.
struct SessionKeys {
  const handshake::CipherSuiteInfo* suite = nullptr;
  handshake::Random client_random{};
  handshake::Random server_random{};
  SecretBytes master_secret;
};

class EngineCore {
 public:
  EngineCore(Role role, const CommonConfig& common);
  ~EngineCore();
  EngineCore(const EngineCore&) = delete;
  EngineCore& operator=(const EngineCore&) = delete;

  // ---- the public Engine API ----
  Result<std::size_t> feed(std::span<const std::uint8_t> from_peer);
  Result<void> end_of_input();
  [[nodiscard]] std::span<const std::uint8_t> pending_output() const noexcept;
  void consume_output(std::size_t n) noexcept;
  Result<std::size_t> write(std::span<const std::uint8_t> data);
  Result<std::size_t> read(std::span<std::uint8_t> out);
  Result<void> close();
  Result<void> resume();
  [[nodiscard]] Status status() const noexcept;
  [[nodiscard]] std::string_view state_name() const noexcept;
  [[nodiscard]] const Negotiated* negotiated() const noexcept {
    return negotiated_started_ ? &negotiated_ : nullptr;
  }
  [[nodiscard]] const Error* error() const noexcept { return error_ ? &*error_ : nullptr; }
  /// The session a later handshake may resume (Engine::session()).
  [[nodiscard]] const std::optional<Session>& resumable_session() const noexcept {
    return resumable_session_;
  }
  /// The role handshakes set it once the session is known (and a client again on a ticket).
  void set_resumable_session(std::optional<Session> session) {
    resumable_session_ = std::move(session);
  }
  Result<void> export_keying_material(std::span<std::uint8_t> out, std::string_view label,
                                      std::optional<std::span<const std::uint8_t>> context) const;

  /// Attaches the role's handshake; a client's sends its ClientHello at once.
  Result<void> start(std::unique_ptr<handshake::ClientHandshake> client);
  void start(std::unique_ptr<handshake::ServerHandshake> server);

  // ---- services for the role handshakes ----
  [[nodiscard]] Role role() const noexcept { return role_; }
  [[nodiscard]] const crypto::Provider& provider() const noexcept { return *provider_; }
  [[nodiscard]] Observer* observer() const noexcept { return observer_; }
  [[nodiscard]] handshake::Transcript& transcript() noexcept { return transcript_; }
  [[nodiscard]] Negotiated& negotiated_mut() noexcept {
    negotiated_started_ = true;
    return negotiated_;
  }
  [[nodiscard]] std::int64_t now_unix_seconds() const;

  /// Serializes a handshake message with its header, checks it against the flow, adds it to the
  /// transcript, tells the observer and queues it.
  template <class Message>
  Result<void> send_message(handshake::StepMessage step, const Message& message);
  /// Queues ChangeCipherSpec and switches the write direction to the pending protection.
  Result<void> send_change_cipher_spec();

  /// Refines the flow's shape (key exchange, client authentication); fails (internal_error)
  /// when the new shape would change steps already taken.
  Result<void> set_shape(const handshake::HandshakeShape& shape);
  [[nodiscard]] const handshake::HandshakeShape& shape() const noexcept { return shape_; }
  /// Installs the protections derived from the key block as pending in both directions.
  Result<void> install_pending_keys(const SessionKeys& keys, bool encrypt_then_mac);
  /// Derives the master secret (or the extended one) from the pre-master secret, reports it to
  /// the observer and the key log. Call after the ClientKeyExchange entered the transcript.
  Result<void> derive_master_secret(SessionKeys& keys, const SecretBytes& pre_master_secret,
                                    bool extended);
  /// An abbreviated handshake: takes the resumed session's master secret and reports it to the
  /// observer and the key log (one CLIENT_RANDOM line per connection, as Wireshark expects).
  void resume_master_secret(SessionKeys& keys, const SecretBytes& master_secret);
  /// "Now" from the configured clock.
  [[nodiscard]] std::chrono::system_clock::time_point now() const;
  /// verify_data for sender over the transcript (before_last: excluding the message just added).
  Result<handshake::Opaque> verify_data(const SessionKeys& keys, bool client_sender,
                                        bool before_last);

  /// Tells the observer about a secret.
  void report_secret(SecretKind kind, std::span<const std::uint8_t> value) const;
  /// The handshake completed: application data may flow.
  void handshake_complete(SessionKeys keys);
  /// After a transition: asks the observer whether to pause.
  void transitioned(std::string_view from, std::string_view to,
                    const handshake::FlowStepInfo& step);

  [[nodiscard]] const Limits& limits() const noexcept { return limits_; }

 private:
  friend class tlsx::handshake::ClientHandshake;
  friend class tlsx::handshake::ServerHandshake;

  Result<void> process_input();
  Result<void> handle_event(const record::InboundEvent& event);
  Result<void> receive_message(const record::HandshakeMessage& message);
  Result<void> receive_change_cipher_spec();
  Result<void> receive_after_handshake(const record::HandshakeMessage& message);
  Result<void> on_peer_close_notify();
  Result<const handshake::FlowStepInfo*> expect_step(std::uint8_t handshake_type, bool inbound);
  Result<void> queue_handshake_bytes(handshake::StepMessage step, HandshakeType type,
                                     std::span<const std::uint8_t> raw);
  void refresh_reader_version_check();
  /// Records the first fatal error, queues its alert (for local errors) and returns it.
  std::unexpected<Error> fail_connection(Error error);

  Role role_;
  const crypto::Provider* provider_;
  Observer* observer_;
  KeyLogCallback key_log_;
  Clock clock_;
  Limits limits_;

  record::RecordReader reader_;
  record::RecordWriter writer_;
  std::vector<std::uint8_t> inbox_;  ///< received bytes not yet taken by the reader
  std::size_t inbox_pos_ = 0;
  std::vector<std::uint8_t> app_in_;  ///< received plaintext not yet read
  std::size_t app_in_pos_ = 0;

  handshake::Transcript transcript_;
  handshake::HandshakeShape shape_;
  std::vector<const handshake::FlowStepInfo*> flow_;
  std::size_t flow_pos_ = 0;

  std::unique_ptr<handshake::ClientHandshake> client_;
  std::unique_ptr<handshake::ServerHandshake> server_;
  std::optional<SessionKeys> session_;  ///< set once the handshake completed
  std::optional<Session> resumable_session_;

  Negotiated negotiated_;
  bool negotiated_started_ = false;
  bool handshake_done_ = false;
  bool paused_ = false;
  bool close_sent_ = false;
  bool peer_closed_ = false;
  std::size_t renegotiation_attempts_ = 0;
  std::optional<Error> error_;
};

template <class Message>
Result<void> EngineCore::send_message(handshake::StepMessage step, const Message& message) {
  std::vector<std::uint8_t> raw;
  if (auto written = handshake::write_handshake_message(message, raw); !written) {
    return written;
  }
  return queue_handshake_bytes(step, Message::kType, raw);
}

}  // namespace tlsx::detail
