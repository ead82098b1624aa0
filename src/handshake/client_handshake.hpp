// The client's side of a full TLS 1.2 handshake (RFC 5246 §7.3), as a variant of states.
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include "crypto/rsa.hpp"
#include "handshake/certificate_request.hpp"
#include "handshake/engine_core.hpp"
#include "handshake/new_session_ticket.hpp"
#include "handshake/server_hello.hpp"
#include "handshake/server_key_exchange.hpp"

namespace tlsx::handshake {

class ClientHandshake {
 public:
  /// Checks the config; the ClientHello is sent by start().
  static Result<std::unique_ptr<ClientHandshake>> create(detail::EngineCore& core,
                                                         const ClientConfig& config,
                                                         std::string_view server_name);
  Result<void> start();
  Result<void> on_message(const record::HandshakeMessage& message, const FlowStepInfo& step);
  Result<void> on_change_cipher_spec(const FlowStepInfo& step);
  [[nodiscard]] std::string_view state_name() const noexcept;

 private:
  // ---- states: each holds only what is valid at that point ----
  struct ExpectServerHello {
    static constexpr std::string_view kName = "ExpectServerHello";
  };
  struct ExpectCertificate {
    static constexpr std::string_view kName = "ExpectCertificate";
    detail::SessionKeys keys;
  };
  struct ExpectServerKeyExchange {
    static constexpr std::string_view kName = "ExpectServerKeyExchange";
    detail::SessionKeys keys;
    crypto::RsaPublicKey server_key;
  };
  struct ExpectServerHelloDone {
    static constexpr std::string_view kName = "ExpectServerHelloDone";
    detail::SessionKeys keys;
    crypto::RsaPublicKey server_key;
    std::optional<Opaque> server_point;  ///< ECDHE only
  };
  struct ExpectChangeCipherSpec {
    static constexpr std::string_view kName = "ExpectChangeCipherSpec";
    detail::SessionKeys keys;
    bool abbreviated = false;  ///< resuming: the server finishes first, then we do
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
      std::variant<ExpectServerHello, ExpectCertificate, ExpectServerKeyExchange,
                   ExpectServerHelloDone, ExpectChangeCipherSpec, ExpectFinished, Connected>;

  ClientHandshake(detail::EngineCore& core, const ClientConfig& config);

  Result<void> on_server_hello(ExpectServerHello& state, ByteView body);
  Result<void> on_certificate(ExpectCertificate& state, ByteView body);
  Result<void> on_server_key_exchange(ExpectServerKeyExchange& state, ByteView body);
  Result<void> on_certificate_request(ExpectServerHelloDone& state, ByteView body);
  Result<void> on_server_hello_done(ExpectServerHelloDone& state, ByteView body);
  /// Mutual TLS: our certificate and the scheme to sign with, or nullopt for an empty
  /// Certificate.
  struct ClientCredential {
    CertifiedKey certified;
    SignatureScheme scheme{};
  };
  [[nodiscard]] std::optional<ClientCredential> choose_client_credential() const;
  Result<void> on_finished(ExpectFinished& state, ByteView body);
  // ---- resumption (client_resumption.cpp) ----
  /// Keeps config.session when it may be offered (RFC 7627 §5.3 client rules, same suite and
  /// server name) and picks the session ID to send.
  Result<void> prepare_offer(const ClientConfig& config);
  /// The server echoed our session ID: checks the resumed parameters, takes the stored master
  /// secret and moves on to the server's ChangeCipherSpec (RFC 5246 §7.3, Figure 2).
  Result<void> resume(const ServerHello& hello, const CipherSuiteInfo& suite);
  Result<void> on_new_session_ticket(ByteView body);
  /// Our ChangeCipherSpec and Finished after the server's in an abbreviated handshake.
  Result<void> finish_abbreviated(const detail::SessionKeys& keys);
  [[nodiscard]] std::optional<Session> make_session(const detail::SessionKeys& keys) const;
  Result<void> check_server_extensions(const ServerHello& hello);
  Result<void> verify_server_chain(const CertificateChain& chain);
  template <class Next>
  void move_to(Next next, const FlowStepInfo& step);

  detail::EngineCore& core_;
  State state_;
  const FlowStepInfo* current_step_ = nullptr;

  // What we offered (public data, kept for checking the server's answers).
  std::string server_name_;
  bool sni_sent_ = false;
  std::vector<const CipherSuiteInfo*> suites_;
  std::vector<NamedGroup> groups_;
  std::vector<SignatureScheme> schemes_;
  std::vector<std::string> alpn_;
  EmsMode ems_mode_ = EmsMode::on;
  bool offer_etm_ = true;
  bool verify_peer_ = true;
  std::shared_ptr<const TrustStore> trust_;
  VerifyPolicy verify_policy_;
  Random client_random_{};
  std::optional<CertifiedKey> client_certificate_;
  ClientCertificateSelector client_certificate_selector_;
  std::optional<CertificateRequest> certificate_request_;  ///< the server's, if it sent one

  // Resumption.
  std::optional<Session> offered_;                ///< the session we offer, if any
  std::vector<std::uint8_t> offered_session_id_;  ///< the ClientHello's session ID
  bool offer_tickets_ = true;

  // What the server chose.
  bool ems_ = false;
  bool etm_ = false;
  bool ticket_acked_ = false;                    ///< ServerHello had session_ticket
  std::vector<std::uint8_t> server_session_id_;  ///< the ServerHello's session ID
  std::optional<NewSessionTicket> new_ticket_;   ///< received in this handshake
};

}  // namespace tlsx::handshake
