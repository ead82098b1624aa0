// The server's side of a full TLS 1.2 handshake (RFC 5246 §7.3), as a variant of states.
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include "handshake/certificate.hpp"
#include "handshake/client_hello.hpp"
#include "handshake/ecdhe.hpp"
#include "handshake/engine_core.hpp"
#include "handshake/peer_key.hpp"

namespace tlsx::handshake {

class ServerHandshake {
 public:
  static Result<std::unique_ptr<ServerHandshake>> create(detail::EngineCore& core,
                                                         const ServerConfig& config);
  Result<void> on_message(const record::HandshakeMessage& message, const FlowStepInfo& step);
  Result<void> on_change_cipher_spec(const FlowStepInfo& step);
  [[nodiscard]] std::string_view state_name() const noexcept;

 private:
  struct ExpectClientHello {
    static constexpr std::string_view kName = "ExpectClientHello";
  };
  struct ExpectClientCertificate {  ///< mutual TLS only
    static constexpr std::string_view kName = "ExpectClientCertificate";
    detail::SessionKeys keys;
    const CertifiedKey* certificate = nullptr;
    std::optional<EcdheKeyPair> ephemeral;  ///< ECDHE only
    ProtocolVersion client_version = ProtocolVersion::tls12;
  };
  struct ExpectClientKeyExchange {
    static constexpr std::string_view kName = "ExpectClientKeyExchange";
    detail::SessionKeys keys;
    const CertifiedKey* certificate = nullptr;
    std::optional<EcdheKeyPair> ephemeral;  ///< ECDHE only
    ProtocolVersion client_version = ProtocolVersion::tls12;
    std::optional<PeerKey> client_key;  ///< from a verified client certificate
  };
  struct ExpectCertificateVerify {  ///< after a non-empty client Certificate
    static constexpr std::string_view kName = "ExpectCertificateVerify";
    detail::SessionKeys keys;
    PeerKey client_key;
  };
  struct ExpectChangeCipherSpec {
    static constexpr std::string_view kName = "ExpectChangeCipherSpec";
    detail::SessionKeys keys;
    bool abbreviated = false;  ///< we resumed and already sent our Finished
  };
  struct ExpectFinished {
    static constexpr std::string_view kName = "ExpectFinished";
    detail::SessionKeys keys;
    bool abbreviated = false;
  };
  struct Connected {
    static constexpr std::string_view kName = "Connected";
  };
  using State =
      std::variant<ExpectClientHello, ExpectClientCertificate, ExpectClientKeyExchange,
                   ExpectCertificateVerify, ExpectChangeCipherSpec, ExpectFinished, Connected>;

  /// What the ClientHello asked for, decoded from its extensions.
  struct ClientOffer;
  /// Our answer to it.
  struct Choice;

  ServerHandshake(detail::EngineCore& core, const ServerConfig& config);
  Result<void> on_client_hello(ByteView body);
  Result<void> on_client_certificate(ExpectClientCertificate& state, ByteView body);
  Result<PeerKey> verify_client_chain(const Certificate& message);
  Result<void> on_client_key_exchange(ExpectClientKeyExchange& state, ByteView body);
  Result<void> on_certificate_verify(ExpectCertificateVerify& state, ByteView body);
  Result<void> send_certificate_request();
  Result<void> on_finished(ExpectFinished& state, ByteView body);
  Result<ClientOffer> read_offer(const ClientHello& hello) const;
  Result<Choice> choose(const ClientHello& hello, const ClientOffer& offer) const;
  [[nodiscard]] std::vector<const CertifiedKey*> candidate_certificates(
      const ClientOffer& offer) const;
  Result<void> send_first_flight(const ClientHello& hello, const ClientOffer& offer,
                                 const Choice& choice);
  /// ServerHello extensions answering the offer, shared by full and abbreviated handshakes.
  /// ec_point_formats only when point_formats (an ECDHE key exchange in this handshake).
  Result<void> add_server_hello_extensions(std::vector<Extension>& exts, const ClientOffer& offer,
                                           const Choice& choice, bool point_formats) const;
  /// Fills Negotiated with what both handshake shapes agree on.
  void record_negotiated(const ClientOffer& offer, const Choice& choice);
  /// The session the client offers (ticket first, then session ID) if it may be resumed, per
  /// the rules in session_resumption.cpp; an error only for the RFC 7627 §5.3 abort.
  Result<std::optional<Session>> resumable_offer(const ClientHello& hello, const ClientOffer& offer,
                                                 const Choice& choice);
  /// Re-verifies a stored client chain (keeping the path for Negotiated::verified_chain).
  [[nodiscard]] bool client_auth_still_accepts(const Session& session);
  Result<void> send_abbreviated_flight(const ClientHello& hello, const ClientOffer& offer,
                                       Choice choice, Session session);
  Result<void> send_new_session_ticket(const Session& session);
  /// The session this handshake created (or resumed), for Engine::session() and the cache.
  [[nodiscard]] Session make_session(const detail::SessionKeys& keys) const;
  template <class Next>
  void move_to(Next next, const FlowStepInfo& step);

  detail::EngineCore& core_;
  State state_;
  const FlowStepInfo* current_step_ = nullptr;

  std::vector<CertifiedKey> certificates_;
  CertificateSelector selector_;
  std::vector<const CipherSuiteInfo*> suites_;
  std::vector<NamedGroup> groups_;
  std::vector<SignatureScheme> schemes_;
  std::vector<std::string> alpn_;
  EmsMode ems_mode_ = EmsMode::on;
  bool offer_etm_ = true;
  bool prefer_server_order_ = true;
  bool informational_extensions_ = true;
  ClientAuth client_auth_ = ClientAuth::none;
  std::shared_ptr<const TrustStore> client_trust_;
  VerifyPolicy client_verify_;
  bool send_client_ca_names_ = true;

  // Resumption (RFC 5246 §7.3, RFC 5077).
  std::shared_ptr<SessionCache> session_cache_;
  std::shared_ptr<TicketKeys> ticket_keys_;
  bool reissue_tickets_ = false;
  bool resume_without_ems_ = false;
  std::chrono::seconds ticket_lifetime_{7200};
  std::vector<std::uint8_t> session_id_;     ///< the ServerHello's session ID
  bool send_ticket_ = false;                 ///< a NewSessionTicket is in this flow
  std::optional<Session> resumed_;           ///< the session an abbreviated handshake resumed
  CertificateChain resumed_verified_chain_;  ///< its client chain's path, verified again
};

}  // namespace tlsx::handshake
