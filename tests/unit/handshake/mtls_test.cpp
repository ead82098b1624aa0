// Mutual TLS (RFC 5246 §7.4.4, §7.4.6, §7.4.8) through the public Engine API, in memory: the
// server's client-auth policies, the client's certificate and selector, and every refusal with
// the alert the RFC (and OpenSSL/GnuTLS practice) gives.
#include <functional>
#include <memory>
#include <string>
#include <vector>

#include <catch2/catch.hpp>

#include "handshake/flow.hpp"
#include "support/engine_pair.hpp"
#include "tlsx/config.hpp"
#include "tlsx/engine.hpp"
#include "tlsx/observer.hpp"

using namespace tlsx;
using tlsx::test::check_refused;
using tlsx::test::connect;
using tlsx::test::default_client_config;
using tlsx::test::default_server_config;

namespace {

std::string pki_path(const char* name) {
  return std::string(TLSX_TEST_DATA_DIR) + "/pki/" + name;
}

CertifiedKey load_client(const char* cert) {
  auto key = CertifiedKey::from_pem_files(pki_path(cert), pki_path("client.key"));
  REQUIRE(key.has_value());
  return std::move(*key);
}

ServerConfig mtls_server(ClientAuth policy) {
  ServerConfig config = default_server_config();
  config.client_auth = policy;
  config.client_trust = test::test_pki().trust;
  return config;
}

ClientConfig client_with(const char* cert) {
  ClientConfig config = default_client_config();
  config.certificate = load_client(cert);
  return config;
}

/// Records the handshake message types an engine sends.
class SentMessages : public Observer {
 public:
  void on_message(Direction dir, HandshakeType type, std::span<const std::uint8_t>) override {
    if (dir == Direction::outbound) sent.push_back(type);
  }
  std::vector<HandshakeType> sent;
};

/// A key held elsewhere (an HSM, a remote signer): counts its signatures, and optionally signs
/// a mutated message, as a buggy or malicious signer over the wrong transcript would.
class CallbackKey : public PrivateKeyOperations {
 public:
  CallbackKey(std::shared_ptr<const PrivateKeyOperations> inner, bool mutate)
      : inner_(std::move(inner)), mutate_(mutate) {}
  std::size_t rsa_bits() const noexcept override { return inner_->rsa_bits(); }
  Result<std::vector<std::uint8_t>> sign(SignatureScheme scheme,
                                         std::span<const std::uint8_t> message) const override {
    ++signatures;
    std::vector<std::uint8_t> copy(message.begin(), message.end());
    if (mutate_ && !copy.empty()) copy[copy.size() / 2] ^= 0x01;
    return inner_->sign(scheme, copy);
  }
  Result<std::uint8_t> decrypt_pkcs1_implicit(std::span<const std::uint8_t> ciphertext,
                                              std::span<std::uint8_t> out) const override {
    return inner_->decrypt_pkcs1_implicit(ciphertext, out);
  }
  mutable int signatures = 0;

 private:
  std::shared_ptr<const PrivateKeyOperations> inner_;
  bool mutate_;
};

std::vector<std::uint8_t> take_output(Engine& engine) {
  const auto out = engine.pending_output();
  std::vector<std::uint8_t> bytes(out.begin(), out.end());
  engine.consume_output(bytes.size());
  return bytes;
}

using Messages = std::vector<std::vector<std::uint8_t>>;

/// Rewrites the plaintext handshake records at the start of a flight (before ChangeCipherSpec):
/// edit sees the handshake messages (with their headers); the result has one record per
/// message, followed by the rest of the flight unchanged.
std::vector<std::uint8_t> rewrite_flight(const std::vector<std::uint8_t>& wire,
                                         const std::function<void(Messages&)>& edit) {
  std::size_t pos = 0;
  std::vector<std::uint8_t> payload;
  while (pos + 5 <= wire.size() && wire[pos] == 22) {
    const std::size_t len = (std::size_t{wire[pos + 3]} << 8) | wire[pos + 4];
    for (std::size_t i = 0; i < len; ++i) payload.push_back(wire[pos + 5 + i]);
    pos += 5 + len;
  }
  Messages messages;
  for (std::size_t p = 0; p + 4 <= payload.size();) {
    const std::size_t len =
        (std::size_t{payload[p + 1]} << 16) | (std::size_t{payload[p + 2]} << 8) | payload[p + 3];
    messages.emplace_back(payload.begin() + static_cast<std::ptrdiff_t>(p),
                          payload.begin() + static_cast<std::ptrdiff_t>(p + 4 + len));
    p += 4 + len;
  }
  edit(messages);
  std::vector<std::uint8_t> out;
  for (const auto& message : messages) {
    for (std::uint8_t b : {std::uint8_t{22}, std::uint8_t{3}, std::uint8_t{3},
                           static_cast<std::uint8_t>(message.size() >> 8),
                           static_cast<std::uint8_t>(message.size() & 0xff)}) {
      out.push_back(b);
    }
    for (std::uint8_t b : message) out.push_back(b);
  }
  for (std::size_t i = pos; i < wire.size(); ++i) out.push_back(wire[i]);
  return out;
}

std::size_t index_of(const Messages& messages, std::uint8_t type) {
  for (std::size_t i = 0; i < messages.size(); ++i) {
    if (messages[i][0] == type) return i;
  }
  FAIL("message type " << int{type} << " not in the flight");
  return 0;
}

constexpr std::uint8_t kCertificate = 11;
constexpr std::uint8_t kCertificateRequest = 13;
constexpr std::uint8_t kServerHelloDone = 14;
constexpr std::uint8_t kCertificateVerify = 15;
constexpr std::uint8_t kClientKeyExchange = 16;

/// Client and server engines with the ClientHello delivered and the server's first flight
/// taken (not yet delivered).
struct FirstFlight {
  Engine client;
  Engine server;
  std::vector<std::uint8_t> server_flight;
};
FirstFlight first_flight(const ClientConfig& client_config, const ServerConfig& server_config) {
  auto client = Engine::client(client_config, "localhost");
  auto server = Engine::server(server_config);
  REQUIRE(client.has_value());
  REQUIRE(server.has_value());
  REQUIRE(server->feed(take_output(*client)).has_value());
  auto flight = take_output(*server);
  return FirstFlight{std::move(*client), std::move(*server), std::move(flight)};
}

void check_unexpected(Engine& engine) {
  REQUIRE(engine.error() != nullptr);
  CHECK(engine.error()->origin == Origin::local);
  CHECK(engine.error()->alert == AlertDescription::unexpected_message);
}

}  // namespace

TEST_CASE("require with a valid client certificate succeeds and exposes the chain", "[mtls]") {
  const auto suite = GENERATE(CipherSuite::TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256,
                              CipherSuite::TLS_RSA_WITH_AES_256_CBC_SHA256);
  const auto scheme =
      GENERATE(SignatureScheme::rsa_pkcs1_sha256, SignatureScheme::rsa_pss_rsae_sha384,
               SignatureScheme::rsa_pkcs1_sha512);
  auto client_config = client_with("client.pem");
  client_config.cipher_suites = {suite};
  client_config.signature_schemes = {scheme, SignatureScheme::rsa_pss_rsae_sha256};
  SentMessages client_sent;
  client_config.observer = &client_sent;
  auto c = connect(client_config, mtls_server(ClientAuth::require));
  REQUIRE(c.ok);
  const Negotiated* server_view = c.server->negotiated();
  REQUIRE(server_view != nullptr);
  CHECK(server_view->cipher_suite == suite);
  REQUIRE(server_view->peer_chain.size() == 1);
  CHECK(server_view->peer_chain.subject(0) == "CN=tlsx test client,O=tlsx tests");
  REQUIRE(server_view->verified_chain.size() == 2);
  CHECK(server_view->verified_chain.subject(1) == "CN=tlsx test root CA");
  // The client picks the first of its schemes that the server listed (the server lists all six).
  CHECK(server_view->client_signature_scheme == scheme);
  CHECK(c.client->negotiated()->client_signature_scheme == scheme);
  CHECK(client_sent.sent ==
        std::vector<HandshakeType>{HandshakeType::client_hello, HandshakeType::certificate,
                                   HandshakeType::client_key_exchange,
                                   HandshakeType::certificate_verify, HandshakeType::finished});
  // Application data flows after mutual authentication.
  const std::vector<std::uint8_t> data = {'h', 'i'};
  CHECK(test::transfer(*c.client, *c.server, *c.client, *c.server, data) == data);
}

TEST_CASE("require without a client certificate fails with handshake_failure", "[mtls]") {
  // RFC 5246 §7.4.6; TLS 1.2 practice of OpenSSL and GnuTLS (certificate_required is TLS 1.3).
  SentMessages client_sent;
  auto client_config = default_client_config();
  client_config.observer = &client_sent;
  auto c = connect(client_config, mtls_server(ClientAuth::require));
  check_refused(c, AlertDescription::handshake_failure);
  // The client answered with an empty Certificate, not with silence or a CertificateVerify.
  CHECK(client_sent.sent ==
        std::vector<HandshakeType>{HandshakeType::client_hello, HandshakeType::certificate,
                                   HandshakeType::client_key_exchange, HandshakeType::finished});
}

TEST_CASE("request without a client certificate succeeds with no chain", "[mtls]") {
  const auto suite = GENERATE(CipherSuite::TLS_ECDHE_RSA_WITH_CHACHA20_POLY1305_SHA256,
                              CipherSuite::TLS_RSA_WITH_AES_128_GCM_SHA256);
  auto client_config = default_client_config();
  client_config.cipher_suites = {suite};
  auto c = connect(client_config, mtls_server(ClientAuth::request));
  REQUIRE(c.ok);
  CHECK(c.server->negotiated()->peer_chain.empty());
  CHECK(c.server->negotiated()->verified_chain.empty());
  CHECK_FALSE(c.server->negotiated()->client_signature_scheme.has_value());
}

TEST_CASE("request with a valid client certificate verifies it", "[mtls]") {
  auto c = connect(client_with("client.pem"), mtls_server(ClientAuth::request));
  REQUIRE(c.ok);
  CHECK(c.server->negotiated()->verified_chain.size() == 2);
}

TEST_CASE("a client certificate is never sent unasked", "[mtls]") {
  SentMessages client_sent;
  auto client_config = client_with("client.pem");
  client_config.observer = &client_sent;
  auto c = connect(client_config, default_server_config());
  REQUIRE(c.ok);
  CHECK(client_sent.sent.size() == 3);  // ClientHello, ClientKeyExchange, Finished
  CHECK(c.server->negotiated()->peer_chain.empty());
}

TEST_CASE("bad client certificates are refused with the right alert", "[mtls]") {
  const auto policy = GENERATE(ClientAuth::request, ClientAuth::require);
  SECTION("untrusted CA -> unknown_ca") {
    check_refused(connect(client_with("client-untrusted.pem"), mtls_server(policy)),
                  AlertDescription::unknown_ca);
  }
  SECTION("expired -> certificate_expired") {
    check_refused(connect(client_with("client-expired.pem"), mtls_server(policy)),
                  AlertDescription::certificate_expired);
  }
  SECTION("EKU serverAuth only -> unsupported_certificate") {
    check_refused(connect(client_with("client-serverauth.pem"), mtls_server(policy)),
                  AlertDescription::unsupported_certificate);
  }
  SECTION("a server certificate is no client certificate") {
    auto client_config = default_client_config();
    client_config.certificate = test::test_pki().server;
    check_refused(connect(client_config, mtls_server(policy)),
                  AlertDescription::unsupported_certificate);
  }
}

TEST_CASE("a CertificateVerify that does not verify is refused with decrypt_error", "[mtls]") {
  const auto suite = GENERATE(CipherSuite::TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256,
                              CipherSuite::TLS_RSA_WITH_AES_128_GCM_SHA256);
  auto client_config = default_client_config();
  client_config.cipher_suites = {suite};
  const CertifiedKey good = load_client("client.pem");
  SECTION("signed with the wrong key") {
    // The server's key with the client's chain: from_pem_files would refuse the mismatch.
    client_config.certificate = CertifiedKey{good.chain, test::test_pki().server.key};
    check_refused(connect(client_config, mtls_server(ClientAuth::require)),
                  AlertDescription::decrypt_error);
  }
  SECTION("signed over a mutated transcript") {
    auto key = std::make_shared<CallbackKey>(good.key, /*mutate=*/true);
    client_config.certificate = CertifiedKey{good.chain, key};
    check_refused(connect(client_config, mtls_server(ClientAuth::require)),
                  AlertDescription::decrypt_error);
    CHECK(key->signatures == 1);
  }
  SECTION("the same signer without the mutation succeeds (control)") {
    auto key = std::make_shared<CallbackKey>(good.key, /*mutate=*/false);
    client_config.certificate = CertifiedKey{good.chain, key};
    auto c = connect(client_config, mtls_server(ClientAuth::require));
    CHECK(c.ok);
    CHECK(key->signatures == 1);
  }
}

TEST_CASE("the client's selector sees the server's CertificateRequest", "[mtls]") {
  const bool send_names = GENERATE(true, false);
  std::vector<CertificateRequestInfo> seen;
  const CertifiedKey good = load_client("client.pem");
  auto client_config = default_client_config();
  client_config.certificate_selector = [&](const CertificateRequestInfo& request) {
    seen.push_back(request);
    return std::optional<CertifiedKey>(good);
  };
  auto server_config = mtls_server(ClientAuth::require);
  server_config.send_client_ca_names = send_names;
  server_config.signature_schemes = {SignatureScheme::rsa_pss_rsae_sha512,
                                     SignatureScheme::rsa_pkcs1_sha256};
  auto c = connect(client_config, server_config);
  REQUIRE(c.ok);
  REQUIRE(seen.size() == 1);
  CHECK(seen[0].certificate_types == std::vector<std::uint8_t>{1, 64});  // rsa_sign, ecdsa_sign
  CHECK(seen[0].signature_schemes == server_config.signature_schemes);
  if (send_names) {
    // The DER subject of the one anchor: SEQUENCE { SET { SEQUENCE { CN "tlsx test root CA" }}}
    REQUIRE(seen[0].certificate_authorities.size() == 1);
    const auto& name = seen[0].certificate_authorities[0];
    REQUIRE(name.size() > 17);
    CHECK(name[0] == 0x30);
    CHECK(std::string(name.end() - 17, name.end()) == "tlsx test root CA");
  } else {
    CHECK(seen[0].certificate_authorities.empty());
  }
  // Our default order prefers PSS-SHA256, which the server does not accept: the first common
  // one in our order is rsa_pss_rsae_sha512.
  CHECK(c.server->negotiated()->client_signature_scheme == SignatureScheme::rsa_pss_rsae_sha512);
}

TEST_CASE("a selector that declines sends an empty Certificate", "[mtls]") {
  int calls = 0;
  auto client_config = client_with("client.pem");
  client_config.certificate_selector = [&](const CertificateRequestInfo&) {
    ++calls;
    return std::optional<CertifiedKey>();
  };
  auto request = connect(client_config, mtls_server(ClientAuth::request));
  REQUIRE(request.ok);
  CHECK(request.server->negotiated()->peer_chain.empty());
  check_refused(connect(client_config, mtls_server(ClientAuth::require)),
                AlertDescription::handshake_failure);
  CHECK(calls == 2);
}

TEST_CASE("the flow table has the client-auth shapes", "[mtls]") {
  using handshake::HandshakeShape;
  using handshake::StepMessage;
  auto messages = [](const HandshakeShape& shape) {
    std::vector<StepMessage> out;
    for (const auto* step : handshake::flow_for(shape)) out.push_back(step->message);
    return out;
  };
  using enum StepMessage;
  CHECK(messages({true, true, true}) ==
        std::vector<StepMessage>{client_hello, server_hello, server_certificate,
                                 server_key_exchange, certificate_request, server_hello_done,
                                 client_certificate, client_key_exchange, certificate_verify,
                                 client_change_cipher_spec, client_finished,
                                 server_change_cipher_spec, server_finished});
  // An empty client Certificate: no CertificateVerify (RFC 5246 §7.4.8).
  CHECK(messages({false, true, false}) ==
        std::vector<StepMessage>{client_hello, server_hello, server_certificate,
                                 certificate_request, server_hello_done, client_certificate,
                                 client_key_exchange, client_change_cipher_spec, client_finished,
                                 server_change_cipher_spec, server_finished});
  // client_verify means nothing without client_auth.
  CHECK(messages({true, false, true}) == messages({true, false, false}));

  // The server's one choice: CertificateRequest where ServerHelloDone was expected.
  const HandshakeShape plain{true, false, false};
  const auto chosen = handshake::shape_chosen_by_server(plain, 4, 13);
  REQUIRE(chosen.has_value());
  CHECK(chosen->client_auth);
  CHECK_FALSE(handshake::shape_chosen_by_server(plain, 4, 14).has_value());    // ServerHelloDone
  CHECK_FALSE(handshake::shape_chosen_by_server(plain, 3, 13).has_value());    // before SKE
  CHECK_FALSE(handshake::shape_chosen_by_server(plain, 6, 11).has_value());    // client Certificate
  CHECK_FALSE(handshake::shape_chosen_by_server(*chosen, 4, 13).has_value());  // only once
  CHECK(handshake::shape_chosen_by_server({false, false, false}, 3, 13).has_value());  // RSA kx
  // Shapes refine only forward.
  CHECK(handshake::same_prefix(plain, *chosen, 4));
  CHECK_FALSE(handshake::same_prefix(plain, *chosen, 5));
}

TEST_CASE("the client enforces the client-auth flow", "[mtls]") {
  auto f = first_flight(client_with("client.pem"), mtls_server(ClientAuth::require));
  SECTION("CertificateRequest after ServerHelloDone") {
    (void)f.client.feed(rewrite_flight(f.server_flight, [](Messages& m) {
      std::swap(m[index_of(m, kCertificateRequest)], m[index_of(m, kServerHelloDone)]);
    }));
    check_unexpected(f.client);
  }
  SECTION("two CertificateRequests") {
    (void)f.client.feed(rewrite_flight(f.server_flight, [](Messages& m) {
      const auto at = index_of(m, kCertificateRequest);
      m.insert(m.begin() + static_cast<std::ptrdiff_t>(at), m[at]);
    }));
    check_unexpected(f.client);
  }
  SECTION("unchanged (control)") {
    REQUIRE(f.client.feed(rewrite_flight(f.server_flight, [](Messages&) {})).has_value());
    CHECK_FALSE(f.client.status().failed);
  }
}

TEST_CASE("the server enforces the client-auth flow", "[mtls]") {
  SECTION("a certificate without CertificateVerify") {
    auto f = first_flight(client_with("client.pem"), mtls_server(ClientAuth::require));
    REQUIRE(f.client.feed(f.server_flight).has_value());
    (void)f.server.feed(rewrite_flight(take_output(f.client), [](Messages& m) {
      m.erase(m.begin() + static_cast<std::ptrdiff_t>(index_of(m, kCertificateVerify)));
    }));
    check_unexpected(f.server);
  }
  SECTION("a CertificateVerify after an empty Certificate") {
    auto f = first_flight(default_client_config(), mtls_server(ClientAuth::request));
    REQUIRE(f.client.feed(f.server_flight).has_value());
    (void)f.server.feed(rewrite_flight(take_output(f.client), [](Messages& m) {
      m.push_back({kCertificateVerify, 0, 0, 4, 0x04, 0x01, 0, 0});
    }));
    check_unexpected(f.server);
  }
  SECTION("a client Certificate nobody asked for") {
    auto f = first_flight(default_client_config(), default_server_config());
    REQUIRE(f.client.feed(f.server_flight).has_value());
    (void)f.server.feed(rewrite_flight(take_output(f.client), [](Messages& m) {
      m.insert(m.begin() + static_cast<std::ptrdiff_t>(index_of(m, kClientKeyExchange)),
               std::vector<std::uint8_t>{kCertificate, 0, 0, 3, 0, 0, 0});
    }));
    check_unexpected(f.server);
  }
  SECTION("unchanged (control)") {
    auto f = first_flight(client_with("client.pem"), mtls_server(ClientAuth::require));
    REQUIRE(f.client.feed(f.server_flight).has_value());
    REQUIRE(f.server.feed(rewrite_flight(take_output(f.client), [](Messages&) {})).has_value());
    REQUIRE(f.client.feed(take_output(f.server)).has_value());
    CHECK(f.client.status().handshake_done);
    CHECK(f.server.status().handshake_done);
  }
}

TEST_CASE("server config without client_trust is refused", "[mtls]") {
  ServerConfig config = default_server_config();
  config.client_auth = ClientAuth::require;
  auto engine = Engine::server(config);
  REQUIRE_FALSE(engine.has_value());
  CHECK(engine.error().code == ErrorCode::invalid_argument);
}
