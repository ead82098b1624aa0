// ECDHE over secp256r1/secp384r1 and ECDSA authentication (RFC 8422) through the public Engine
// API, in memory: every ECDHE_ECDSA suite on both NIST groups and x25519, a server with an RSA
// and an ECDSA chain choosing by what the client offers, mutual TLS with an ECDSA client
// certificate, and the refusals (no usable chain, a bad ServerKeyExchange signature, an invalid
// point in ClientKeyExchange) with the alert the RFCs give.
#include <functional>
#include <memory>
#include <string>
#include <vector>

#include <catch2/catch.hpp>

#include "support/engine_pair.hpp"
#include "support/test_support.hpp"
#include "tlsx/config.hpp"
#include "tlsx/engine.hpp"

using namespace tlsx;
using tlsx::test::check_refused;
using tlsx::test::connect;

namespace {

std::string pki_path(const char* name) {
  return std::string(TLSX_TEST_DATA_DIR) + "/pki/" + name;
}

CertifiedKey load(const char* chain, const char* key) {
  auto certified = CertifiedKey::from_pem_files(pki_path(chain), pki_path(key));
  REQUIRE(certified.has_value());
  return std::move(*certified);
}

/// P-256 leaf under the P-384 intermediate and root, as a server sends it.
const CertifiedKey& ec_server() {
  static const CertifiedKey key = load("ec-server-chain.pem", "ec-server.key");
  return key;
}
const CertifiedKey& rsa_server() {
  return test::test_pki().server;
}

/// Trusts the RSA test root and the ECDSA test root.
std::shared_ptr<const TrustStore> both_roots() {
  static const auto store = [] {
    std::string pem = test::read_file(pki_path("ca.pem"));
    pem += test::read_file(pki_path("ec-ca.pem"));
    auto trust = TrustStore::from_pem(pem);
    REQUIRE(trust.has_value());
    return std::make_shared<const TrustStore>(std::move(*trust));
  }();
  return store;
}

ServerConfig server_with(std::vector<CertifiedKey> certificates) {
  ServerConfig config;
  config.certificates = std::move(certificates);
  return config;
}

ClientConfig client() {
  ClientConfig config;
  config.trust = both_roots();
  return config;
}

bool issued_by_ec_intermediate(const Negotiated& n) {
  return n.peer_chain.issuer(0).find("ECDSA intermediate") != std::string::npos;
}

void check_data_flows(test::Connection& c) {
  const std::vector<std::uint8_t> ping = {'p', 'i', 'n', 'g'};
  CHECK(test::transfer(*c.client, *c.server, *c.client, *c.server, ping) == ping);
  CHECK(test::transfer(*c.server, *c.client, *c.client, *c.server, ping) == ping);
}

std::vector<std::uint8_t> take_output(Engine& engine) {
  const auto out = engine.pending_output();
  std::vector<std::uint8_t> bytes(out.begin(), out.end());
  engine.consume_output(bytes.size());
  return bytes;
}

/// A signer that signs a corrupted message (as a buggy HSM would): its signatures are valid
/// ECDSA signatures over the wrong bytes.
class WrongMessageKey : public PrivateKeyOperations {
 public:
  explicit WrongMessageKey(std::shared_ptr<const PrivateKeyOperations> inner)
      : inner_(std::move(inner)) {}
  KeyAlgorithm algorithm() const noexcept override { return inner_->algorithm(); }
  std::size_t rsa_bits() const noexcept override { return inner_->rsa_bits(); }
  Result<std::vector<std::uint8_t>> sign(SignatureScheme scheme,
                                         std::span<const std::uint8_t> message) const override {
    std::vector<std::uint8_t> copy(message.begin(), message.end());
    copy[copy.size() / 2] ^= 0x01;
    return inner_->sign(scheme, copy);
  }
  Result<std::uint8_t> decrypt_pkcs1_implicit(std::span<const std::uint8_t> ciphertext,
                                              std::span<std::uint8_t> out) const override {
    return inner_->decrypt_pkcs1_implicit(ciphertext, out);
  }

 private:
  std::shared_ptr<const PrivateKeyOperations> inner_;
};

}  // namespace

TEST_CASE("every ECDHE_ECDSA suite completes over x25519 and secp256r1", "[ecdsa]") {
  const auto suite = GENERATE(CipherSuite::TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256,
                              CipherSuite::TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384,
                              CipherSuite::TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305_SHA256,
                              CipherSuite::TLS_ECDHE_ECDSA_WITH_AES_128_CBC_SHA,
                              CipherSuite::TLS_ECDHE_ECDSA_WITH_AES_256_CBC_SHA,
                              CipherSuite::TLS_ECDHE_ECDSA_WITH_AES_128_CBC_SHA256,
                              CipherSuite::TLS_ECDHE_ECDSA_WITH_AES_256_CBC_SHA384);
  const auto group = GENERATE(NamedGroup::x25519, NamedGroup::secp256r1);
  CAPTURE(to_string(suite), to_string(group));
  ClientConfig client_config = client();
  client_config.cipher_suites = {suite};
  // The client must list the key's curve too (RFC 8422 section 5.3); x25519 comes first.
  client_config.groups = {group, NamedGroup::secp256r1};
  auto c = connect(client_config, server_with({ec_server()}));
  REQUIRE(c.ok);
  for (const Engine* engine : {c.client.get(), c.server.get()}) {
    const Negotiated* n = engine->negotiated();
    REQUIRE(n != nullptr);
    CHECK(n->cipher_suite == suite);
    CHECK(n->key_exchange == "ECDHE_ECDSA");
    CHECK(n->group == group);
    CHECK(n->signature_scheme == SignatureScheme::ecdsa_secp256r1_sha256);
  }
  // The client verified the P-256 leaf through the P-384 intermediate to the P-384 root.
  CHECK(c.client->negotiated()->verified_chain.size() == 3);
  check_data_flows(c);
}

TEST_CASE("secp384r1 ECDHE and an ECDHE_RSA suite over secp256r1", "[ecdsa]") {
  ClientConfig client_config = client();
  client_config.groups = {NamedGroup::secp384r1, NamedGroup::secp256r1};
  ServerConfig server_config = server_with({ec_server()});
  server_config.groups = {NamedGroup::secp384r1, NamedGroup::secp256r1};
  auto c = connect(client_config, server_config);
  REQUIRE(c.ok);
  CHECK(c.server->negotiated()->group == NamedGroup::secp384r1);
  check_data_flows(c);

  client_config.groups = {NamedGroup::secp256r1};
  client_config.cipher_suites = {CipherSuite::TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256};
  auto rsa = connect(client_config, server_with({rsa_server()}));
  REQUIRE(rsa.ok);
  CHECK(rsa.client->negotiated()->group == NamedGroup::secp256r1);
  CHECK(rsa.client->negotiated()->key_exchange == "ECDHE_RSA");
  check_data_flows(rsa);
}

TEST_CASE("the server takes its own group order among the client's groups", "[ecdsa]") {
  ClientConfig client_config = client();
  client_config.groups = {NamedGroup::secp384r1, NamedGroup::secp256r1, NamedGroup::x25519};
  ServerConfig server_config = server_with({ec_server()});
  server_config.groups = {NamedGroup::secp256r1, NamedGroup::x25519};
  auto c = connect(client_config, server_config);
  REQUIRE(c.ok);
  CHECK(c.client->negotiated()->group == NamedGroup::secp256r1);
  // By default x25519 comes first.
  auto d = connect(client_config, server_with({ec_server()}));
  REQUIRE(d.ok);
  CHECK(d.client->negotiated()->group == NamedGroup::x25519);
}

TEST_CASE("a server with an RSA and an ECDSA chain picks by what the client offers", "[ecdsa]") {
  const ServerConfig dual = server_with({rsa_server(), ec_server()});
  const ServerConfig dual_ec_first = server_with({ec_server(), rsa_server()});

  SECTION("only ECDSA suites: the ECDSA chain") {
    ClientConfig client_config = client();
    client_config.cipher_suites = {CipherSuite::TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384,
                                   CipherSuite::TLS_ECDHE_ECDSA_WITH_AES_128_CBC_SHA};
    auto c = connect(client_config, dual);
    REQUIRE(c.ok);
    CHECK(c.client->negotiated()->cipher_suite ==
          CipherSuite::TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384);
    CHECK(issued_by_ec_intermediate(*c.client->negotiated()));
  }
  SECTION("only RSA suites: the RSA chain") {
    ClientConfig client_config = client();
    client_config.cipher_suites = {CipherSuite::TLS_ECDHE_RSA_WITH_CHACHA20_POLY1305_SHA256,
                                   CipherSuite::TLS_RSA_WITH_AES_128_GCM_SHA256};
    auto c = connect(client_config, dual_ec_first);
    REQUIRE(c.ok);
    CHECK(c.client->negotiated()->cipher_suite ==
          CipherSuite::TLS_ECDHE_RSA_WITH_CHACHA20_POLY1305_SHA256);
    CHECK(c.client->negotiated()->peer_chain.issuer(0) == "CN=tlsx test root CA");
  }
  SECTION("all suites but only RSA signature schemes: the RSA chain") {
    ClientConfig client_config = client();
    client_config.signature_schemes = {SignatureScheme::rsa_pss_rsae_sha256};
    auto c = connect(client_config, dual_ec_first);
    REQUIRE(c.ok);
    CHECK(c.client->negotiated()->key_exchange == "ECDHE_RSA");
    CHECK(c.client->negotiated()->signature_scheme == SignatureScheme::rsa_pss_rsae_sha256);
  }
  SECTION("defaults on both sides: ECDSA first in tlsx's order") {
    auto c = connect(client(), dual);
    REQUIRE(c.ok);
    CHECK(c.client->negotiated()->cipher_suite ==
          CipherSuite::TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256);
    CHECK(issued_by_ec_intermediate(*c.client->negotiated()));
  }
  SECTION("the client's curves exclude the ECDSA key's: the RSA chain (RFC 8422 section 5.3)") {
    ClientConfig client_config = client();
    client_config.groups = {NamedGroup::x25519};
    auto c = connect(client_config, dual);
    REQUIRE(c.ok);
    CHECK(c.client->negotiated()->key_exchange == "ECDHE_RSA");
  }
  SECTION("SNI that only the RSA certificate covers wins over suite order") {
    // ec-server.pem names localhost and 127.0.0.1; server.pem also example.com.
    auto c = connect(client(), dual_ec_first, "example.com");
    REQUIRE(c.ok);
    CHECK(c.client->negotiated()->key_exchange == "ECDHE_RSA");
    CHECK(c.server->negotiated()->server_name == "example.com");
  }
  SECTION("the client's order when the server defers to it") {
    ServerConfig server_config = dual;
    server_config.prefer_server_order = false;
    ClientConfig client_config = client();
    client_config.cipher_suites = {CipherSuite::TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384,
                                   CipherSuite::TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256};
    auto c = connect(client_config, server_config);
    REQUIRE(c.ok);
    CHECK(c.client->negotiated()->cipher_suite ==
          CipherSuite::TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384);
  }
}

TEST_CASE("a server with one chain only picks suites its key can authenticate", "[ecdsa]") {
  SECTION("ECDSA chain, client offers RSA suites only") {
    ClientConfig client_config = client();
    client_config.cipher_suites = {CipherSuite::TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256,
                                   CipherSuite::TLS_RSA_WITH_AES_128_GCM_SHA256};
    check_refused(connect(client_config, server_with({ec_server()})),
                  AlertDescription::handshake_failure);
  }
  SECTION("RSA chain, client accepts only ecdsa_secp256r1_sha256") {
    ClientConfig client_config = client();
    client_config.signature_schemes = {SignatureScheme::ecdsa_secp256r1_sha256};
    client_config.cipher_suites = {CipherSuite::TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256,
                                   CipherSuite::TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256};
    check_refused(connect(client_config, server_with({rsa_server()})),
                  AlertDescription::handshake_failure);
  }
  SECTION("ECDSA chain, client lists no curve of the key") {
    ClientConfig client_config = client();
    client_config.groups = {NamedGroup::x25519, NamedGroup::secp384r1};
    check_refused(connect(client_config, server_with({ec_server()})),
                  AlertDescription::handshake_failure);
  }
}

TEST_CASE("mutual TLS with an ECDSA client certificate", "[ecdsa][mtls]") {
  const auto server_cert = GENERATE(0, 1);
  ServerConfig server_config = server_with({server_cert == 0 ? ec_server() : rsa_server()});
  server_config.client_auth = ClientAuth::require;
  server_config.client_trust = both_roots();
  ClientConfig client_config = client();
  client_config.certificate = load("ec-client-chain.pem", "ec-client.key");
  auto c = connect(client_config, server_config);
  REQUIRE(c.ok);
  const Negotiated* n = c.server->negotiated();
  CHECK(n->client_signature_scheme == SignatureScheme::ecdsa_secp256r1_sha256);
  REQUIRE(n->verified_chain.size() == 3);
  CHECK(n->verified_chain.subject(0) == "CN=tlsx test ECDSA client,O=tlsx tests");
  check_data_flows(c);

  SECTION("a server accepting only RSA schemes gets an empty Certificate") {
    server_config.signature_schemes = {SignatureScheme::rsa_pss_rsae_sha256};
    client_config.signature_schemes = {SignatureScheme::rsa_pss_rsae_sha256,
                                       SignatureScheme::ecdsa_secp256r1_sha256};
    server_config.certificates = {rsa_server()};
    check_refused(connect(client_config, server_config), AlertDescription::handshake_failure);
  }
  SECTION("a CertificateVerify over the wrong transcript is decrypt_error") {
    CertifiedKey bad = load("ec-client-chain.pem", "ec-client.key");
    bad.key = std::make_shared<WrongMessageKey>(bad.key);
    client_config.certificate = bad;
    check_refused(connect(client_config, server_config), AlertDescription::decrypt_error);
  }
}

TEST_CASE("a bad ECDSA signature in ServerKeyExchange is decrypt_error", "[ecdsa]") {
  CertifiedKey bad = ec_server();
  bad.key = std::make_shared<WrongMessageKey>(bad.key);
  auto c = connect(client(), server_with({bad}));
  REQUIRE_FALSE(c.ok);
  REQUIRE(c.client->error() != nullptr);
  CHECK(c.client->error()->origin == Origin::local);
  CHECK(c.client->error()->alert == AlertDescription::decrypt_error);
  CHECK(c.server->error()->origin == Origin::peer);
}

TEST_CASE("an invalid P-256 point in ClientKeyExchange is refused", "[ecdsa]") {
  // The client's second flight starts with a plaintext ClientKeyExchange record:
  // 22 03 03 len | 16 len24 | point_len(65) | 04 X Y.
  const auto edit = GENERATE(0, 1, 2);
  ClientConfig client_config = client();
  client_config.groups = {NamedGroup::secp256r1};
  auto cl = Engine::client(client_config, "localhost");
  auto sv = Engine::server(server_with({ec_server()}));
  REQUIRE(cl.has_value());
  REQUIRE(sv.has_value());
  REQUIRE(sv->feed(take_output(*cl)).has_value());
  REQUIRE(cl->feed(take_output(*sv)).has_value());
  auto flight = take_output(*cl);
  REQUIRE(flight.size() > 5 + 4 + 1 + 65);
  REQUIRE(flight[5] == 16);
  REQUIRE(flight[9] == 65);
  REQUIRE(flight[10] == 0x04);
  AlertDescription expected = AlertDescription::illegal_parameter;
  if (edit == 0) {
    flight[10 + 64] ^= 0x01;  // Y changed: not on the curve
  } else if (edit == 1) {
    for (std::size_t i = 11; i < 10 + 65; ++i) flight[i] = 0xff;  // coordinates >= p
  } else {
    flight[10] = 0x02;  // a compressed-point format byte (RFC 8422 section 5.1.2 forbids it)
    expected = AlertDescription::decode_error;
  }
  CAPTURE(edit);
  CHECK_FALSE(sv->feed(flight).has_value());
  REQUIRE(sv->error() != nullptr);
  CHECK(sv->error()->alert == expected);
}

TEST_CASE("a selector's certificate must suit a suite the client offers", "[ecdsa]") {
  // The selector's pick is the only candidate: an ECDSA chain for an RSA-only client fails.
  ClientConfig client_config = client();
  client_config.cipher_suites = {CipherSuite::TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256};
  ServerConfig server_config = server_with({rsa_server(), ec_server()});
  server_config.selector = [&](std::string_view) { return &server_config.certificates[1]; };
  check_refused(connect(client_config, server_config), AlertDescription::handshake_failure);
  server_config.selector = [&](std::string_view) { return &server_config.certificates[0]; };
  CHECK(connect(client_config, server_config).ok);
}
