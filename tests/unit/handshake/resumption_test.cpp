// Session resumption (RFC 5246 §7.3 abbreviated handshake, RFC 5077 tickets, RFC 7627 §5.3)
// through the public Engine API, in memory: every suite by session ID and by ticket, with and
// without extended master secret, and every refusal that must fall back to a full handshake.
#include <chrono>
#include <memory>
#include <string>
#include <vector>

#include <catch2/catch.hpp>

#include "handshake/cipher_suites.hpp"
#include "handshake/flow.hpp"
#include "support/engine_pair.hpp"
#include "support/test_support.hpp"
#include "tlsx/config.hpp"
#include "tlsx/engine.hpp"
#include "tlsx/session.hpp"

using namespace tlsx;
using tlsx::test::connect;
using tlsx::test::default_client_config;
using tlsx::test::default_server_config;

namespace {

using Time = std::chrono::system_clock::time_point;

/// A clock the test moves by hand.
struct FakeClock {
  // Starts at the real time (the test PKI is recent) and moves only when told.
  std::shared_ptr<Time> now = std::make_shared<Time>(
      std::chrono::floor<std::chrono::seconds>(std::chrono::system_clock::now()));
  Clock clock() const {
    return [now = now] { return *now; };
  }
  void advance(std::chrono::seconds s) const { *now += s; }
};

enum class Mode { session_id, ticket };

ServerConfig resuming_server(Mode mode, const FakeClock& clock) {
  ServerConfig config = default_server_config();
  config.clock = clock.clock();
  if (mode == Mode::session_id) {
    config.session_cache = make_memory_session_cache({}, clock.clock());
  } else {
    auto keys = TicketKeys::create(*config.provider, std::chrono::hours(12), clock.clock());
    REQUIRE(keys.has_value());
    config.ticket_keys = *keys;
  }
  return config;
}

ClientConfig client_at(const FakeClock& clock) {
  ClientConfig config = default_client_config();
  config.clock = clock.clock();
  // The test PKI must be valid at the fake time.
  config.verify.time =
      std::chrono::duration_cast<std::chrono::seconds>(clock.now->time_since_epoch()).count();
  return config;
}

/// A full handshake, then the session it left.
Session first_session(const ClientConfig& client, const ServerConfig& server) {
  auto c = connect(client, server);
  if (!c.ok) {
    const Error* e = c.client->error() != nullptr ? c.client->error() : c.server->error();
    FAIL((e != nullptr ? e->message() : std::string("no error")));
  }
  REQUIRE_FALSE(c.client->negotiated()->resumed);
  auto session = c.client->session();
  REQUIRE(session.has_value());
  return *session;
}

bool resumed_with(ClientConfig client, const ServerConfig& server, const Session& session,
                  const std::string& name = "localhost") {
  client.session = session;
  auto c = connect(client, server, name);
  REQUIRE(c.ok);
  CHECK(c.client->negotiated()->resumed == c.server->negotiated()->resumed);
  return c.client->negotiated()->resumed;
}

std::string pki_path(const char* name) {
  return std::string(TLSX_TEST_DATA_DIR) + "/pki/" + name;
}

/// The server's RSA chain plus the ECDSA one (P-256 leaf under P-384 CAs), and a client trusting
/// both roots, so that every suite tlsx supports can be negotiated and resumed.
void add_ecdsa_chain(ServerConfig& server, ClientConfig& client) {
  static const auto ec = [] {
    auto key =
        CertifiedKey::from_pem_files(pki_path("ec-server-chain.pem"), pki_path("ec-server.key"));
    REQUIRE(key.has_value());
    return std::move(*key);
  }();
  static const auto trust = [] {
    auto store = TrustStore::from_pem(test::read_file(pki_path("ca.pem")) +
                                      test::read_file(pki_path("ec-ca.pem")));
    REQUIRE(store.has_value());
    return std::make_shared<const TrustStore>(std::move(*store));
  }();
  server.certificates.push_back(ec);
  client.trust = trust;
}

std::vector<CipherSuite> all_suites() {
  std::vector<CipherSuite> out;
  for (const auto& suite : handshake::supported_cipher_suites()) out.push_back(suite.id);
  return out;
}

}  // namespace

TEST_CASE("every suite resumes by session ID and by ticket, with and without EMS", "[resumption]") {
  FakeClock clock;
  const auto suites = all_suites();
  REQUIRE(suites.size() >= 17);
  for (const Mode mode : {Mode::session_id, Mode::ticket}) {
    for (const bool ems : {true, false}) {
      for (const CipherSuite suite : suites) {
        INFO(handshake::find_cipher_suite(suite)->iana_name
             << (mode == Mode::ticket ? " ticket" : " session ID") << (ems ? " EMS" : " no EMS"));
        ServerConfig server = resuming_server(mode, clock);
        server.resume_without_ems = !ems;
        ClientConfig client = client_at(clock);
        client.cipher_suites = {suite};
        client.ems = ems ? EmsMode::on : EmsMode::off;
        client.resume_without_ems = !ems;
        add_ecdsa_chain(server, client);
        const Session session = first_session(client, server);
        CHECK(session.extended_master_secret() == ems);
        CHECK(session.cipher_suite() == suite);
        CHECK((mode == Mode::ticket ? !session.ticket().empty() : session.ticket().empty()));
        CHECK((mode == Mode::session_id ? session.session_id().size() == 32
                                        : session.session_id().empty()));

        client.session = session;
        auto c = connect(client, server);
        REQUIRE(c.ok);
        CHECK(c.client->negotiated()->resumed);
        CHECK(c.server->negotiated()->resumed);
        CHECK(c.client->negotiated()->cipher_suite == suite);
        CHECK(c.server->negotiated()->key_exchange ==
              handshake::to_string(handshake::find_cipher_suite(suite)->kx));
        CHECK(c.client->negotiated()->extended_master_secret == ems);
        // Application data flows under the keys derived from the old master secret.
        const std::vector<std::uint8_t> ping{'p', 'i', 'n', 'g'};
        CHECK(test::transfer(*c.client, *c.server, *c.client, *c.server, ping) == ping);
        CHECK(test::transfer(*c.server, *c.client, *c.client, *c.server, ping) == ping);
        // The client can resume again from what the resumed connection left.
        auto again = c.client->session();
        REQUIRE(again.has_value());
        CHECK(resumed_with(client, server, *again));
      }
    }
  }
}

TEST_CASE("a session without EMS is not resumed unless both sides opt in", "[resumption]") {
  FakeClock clock;
  for (const Mode mode : {Mode::session_id, Mode::ticket}) {
    ServerConfig server = resuming_server(mode, clock);
    ClientConfig client = client_at(clock);
    client.ems = EmsMode::off;
    client.resume_without_ems = true;
    const Session session = first_session(client, server);
    // Server not opted in: a full handshake.
    CHECK_FALSE(resumed_with(client, server, session));
    // Client not opted in: it does not even offer the session.
    server.resume_without_ems = true;
    ClientConfig strict = client;
    strict.resume_without_ems = false;
    CHECK_FALSE(resumed_with(strict, server, session));
    CHECK(resumed_with(client, server, session));
    // Original lacked EMS and the new hello has it: a full handshake (RFC 7627 §5.3).
    ClientConfig with_ems = client;
    with_ems.ems = EmsMode::on;
    CHECK_FALSE(resumed_with(with_ems, server, session));
  }
}

TEST_CASE("resuming an EMS session without EMS aborts with handshake_failure", "[resumption]") {
  FakeClock clock;
  ServerConfig server = resuming_server(Mode::session_id, clock);
  ClientConfig client = client_at(clock);
  Session session = first_session(client, server);
  REQUIRE(session.extended_master_secret());
  // A client that (wrongly) offers the EMS session without the extension: the server aborts.
  // Our own client never does this, so mark the session as non-EMS on the client side only.
  session.fields_mut().extended_master_secret = false;
  client.ems = EmsMode::off;
  client.resume_without_ems = true;
  client.session = session;
  auto c = connect(client, server);
  CHECK_FALSE(c.ok);
  REQUIRE(c.server->error() != nullptr);
  CHECK(c.server->error()->alert == AlertDescription::handshake_failure);
}

TEST_CASE("the client aborts when the server resumes with a different EMS state", "[resumption]") {
  FakeClock clock;
  ServerConfig server = resuming_server(Mode::session_id, clock);
  ClientConfig client = client_at(clock);
  Session session = first_session(client, server);
  REQUIRE(session.extended_master_secret());
  // The client's copy says "no EMS" (legacy opt-in), but it still offers EMS in its hello: the
  // server resumes its EMS session with the extension, and the client must abort
  // (RFC 7627 §5.3: the resumed session's EMS state may not change).
  session.fields_mut().extended_master_secret = false;
  client.resume_without_ems = true;
  client.session = session;
  auto c = connect(client, server);
  CHECK_FALSE(c.ok);
  REQUIRE(c.client->error() != nullptr);
  CHECK(c.client->error()->alert == AlertDescription::handshake_failure);
}

TEST_CASE("resumption is refused for another suite, another SNI, expiry and eviction",
          "[resumption]") {
  FakeClock clock;
  for (const Mode mode : {Mode::session_id, Mode::ticket}) {
    ServerConfig server = resuming_server(mode, clock);
    ClientConfig client = client_at(clock);
    client.cipher_suites = {CipherSuite::TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256,
                            CipherSuite::TLS_ECDHE_RSA_WITH_CHACHA20_POLY1305_SHA256};
    const Session session = first_session(client, server);
    CHECK(resumed_with(client, server, session));
    SECTION("different suite") {
      ClientConfig other = client;
      other.cipher_suites = {CipherSuite::TLS_ECDHE_RSA_WITH_CHACHA20_POLY1305_SHA256};
      CHECK_FALSE(resumed_with(other, server, session));  // the client does not offer it
      // A server that no longer enables the suite refuses it even when offered.
      ServerConfig narrow = server;
      narrow.cipher_suites = {CipherSuite::TLS_ECDHE_RSA_WITH_CHACHA20_POLY1305_SHA256};
      CHECK_FALSE(resumed_with(client, narrow, session));
    }
    SECTION("different SNI") {
      Session renamed = session;
      renamed.fields_mut().server_name = "example.com";
      CHECK_FALSE(resumed_with(client, server, renamed, "example.com"));
    }
    SECTION("expired") {
      clock.advance(std::chrono::seconds(7201));
      CHECK_FALSE(resumed_with(client, server, session));
    }
  }
}

TEST_CASE("an evicted session-ID entry is not resumed", "[resumption]") {
  FakeClock clock;
  ServerConfig server = resuming_server(Mode::session_id, clock);
  server.session_cache =
      make_memory_session_cache({2, 1 << 20, std::chrono::seconds(7200)}, clock.clock());
  ClientConfig client = client_at(clock);
  const Session first = first_session(client, server);
  (void)first_session(client, server);
  (void)first_session(client, server);  // evicts the first (capacity 2)
  CHECK_FALSE(resumed_with(client, server, first));
}

TEST_CASE("tampered, foreign and rotated-out tickets fall back to a full handshake",
          "[resumption]") {
  FakeClock clock;
  ServerConfig server = resuming_server(Mode::ticket, clock);
  ClientConfig client = client_at(clock);
  const Session session = first_session(client, server);
  REQUIRE(session.ticket().size() > 16 + 12 + 16);
  SECTION("tampered") {
    for (const std::size_t at : {std::size_t{0}, std::size_t{20}, session.ticket().size() - 1}) {
      Session tampered = session;
      tampered.fields_mut().ticket[at] ^= 0x01;
      CHECK_FALSE(resumed_with(client, server, tampered));
    }
    Session truncated = session;
    truncated.fields_mut().ticket.resize(20);
    CHECK_FALSE(resumed_with(client, server, truncated));
  }
  SECTION("foreign") {
    ServerConfig other = resuming_server(Mode::ticket, clock);
    CHECK_FALSE(resumed_with(client, other, session));
  }
  SECTION("rotated out") {
    server.ticket_keys->rotate();
    CHECK(resumed_with(client, server, session));  // the previous key still opens it
    server.ticket_keys->rotate();
    CHECK_FALSE(resumed_with(client, server, session));
  }
  SECTION("automatic rotation") {
    clock.advance(std::chrono::hours(13));  // one rotation: still the previous key
    server.ticket_lifetime_hint = std::chrono::hours(48);
    CHECK(resumed_with(client, server, session));
    clock.advance(std::chrono::hours(13));  // two: gone
    CHECK_FALSE(resumed_with(client, server, session));
  }
}

TEST_CASE("ticket acceptance echoes the client's session ID and reissue sends a new ticket",
          "[resumption]") {
  FakeClock clock;
  ServerConfig server = resuming_server(Mode::ticket, clock);
  ClientConfig client = client_at(clock);
  const Session session = first_session(client, server);
  client.session = session;
  auto c = connect(client, server);
  REQUIRE(c.ok);
  CHECK(c.client->negotiated()->resumed);
  CHECK(c.client->session()->ticket().size() == session.ticket().size());
  CHECK(std::equal(session.ticket().begin(), session.ticket().end(),
                   c.client->session()->ticket().begin()));  // not reissued by default
  server.reissue_tickets = true;
  auto d = connect(client, server);
  REQUIRE(d.ok);
  CHECK(d.client->negotiated()->resumed);
  REQUIRE(d.client->session().has_value());
  CHECK_FALSE(std::equal(session.ticket().begin(), session.ticket().end(),
                         d.client->session()->ticket().begin()));
  CHECK(resumed_with(client, server, *d.client->session()));
}

TEST_CASE("a client-certificate session follows the current client-auth policy", "[resumption]") {
  FakeClock clock;
  const std::string pki = std::string(TLSX_TEST_DATA_DIR) + "/pki/";
  auto client_cert = CertifiedKey::from_pem_files(pki + "client.pem", pki + "client.key");
  REQUIRE(client_cert.has_value());
  for (const Mode mode : {Mode::session_id, Mode::ticket}) {
    ServerConfig server = resuming_server(mode, clock);
    server.client_auth = ClientAuth::request;
    server.client_trust = test::test_pki().trust;
    ClientConfig with_cert = client_at(clock);
    with_cert.certificate = *client_cert;
    ClientConfig without_cert = client_at(clock);

    const Session certified = first_session(with_cert, server);
    const Session anonymous = first_session(without_cert, server);
    CHECK(resumed_with(with_cert, server, certified));
    CHECK(resumed_with(without_cert, server, anonymous));
    // The resumed connection still shows the client's chain.
    with_cert.session = certified;
    auto c = connect(with_cert, server);
    REQUIRE(c.ok);
    CHECK(c.server->negotiated()->resumed);
    CHECK(c.server->negotiated()->peer_chain.size() >= 1);
    CHECK(c.server->negotiated()->verified_chain.size() >= 2);  // leaf .. anchor, verified again

    ServerConfig strict = server;
    strict.client_auth = ClientAuth::require;
    CHECK(resumed_with(with_cert, strict, certified));
    CHECK_FALSE(resumed_with(with_cert, strict, anonymous));  // now needs a certificate

    ServerConfig other_ca = server;
    auto other = TrustStore::from_pem_file(pki + "other-ca.pem");
    REQUIRE(other.has_value());
    other_ca.client_trust = std::make_shared<const TrustStore>(std::move(*other));
    other_ca.send_client_ca_names = false;
    ClientConfig no_cert = client_at(clock);
    no_cert.session = certified;
    auto d = connect(no_cert, other_ca);  // chain no longer verifies: full handshake
    REQUIRE(d.ok);
    CHECK_FALSE(d.server->negotiated()->resumed);
  }
}

TEST_CASE("the key log has one CLIENT_RANDOM line per connection, resumed ones included",
          "[resumption]") {
  FakeClock clock;
  for (const Mode mode : {Mode::session_id, Mode::ticket}) {
    std::vector<std::string> client_lines;
    std::vector<std::string> server_lines;
    ServerConfig server = resuming_server(mode, clock);
    server.key_log = [&](std::string_view line) { server_lines.emplace_back(line); };
    ClientConfig client = client_at(clock);
    client.key_log = [&](std::string_view line) { client_lines.emplace_back(line); };
    const Session session = first_session(client, server);
    CHECK(resumed_with(client, server, session));
    CHECK(resumed_with(client, server, session));
    REQUIRE(client_lines.size() == 3);
    CHECK(server_lines == client_lines);
    for (std::size_t i = 0; i < 3; ++i) {
      CHECK(client_lines[i].rfind("CLIENT_RANDOM ", 0) == 0);
      CHECK(client_lines[i].size() == 14 + 64 + 1 + 96);
    }
    // Distinct client randoms, one master secret.
    CHECK(client_lines[0].substr(14, 64) != client_lines[1].substr(14, 64));
    CHECK(client_lines[1].substr(14, 64) != client_lines[2].substr(14, 64));
    CHECK(client_lines[0].substr(79) == client_lines[1].substr(79));
    CHECK(client_lines[0].substr(79) == client_lines[2].substr(79));
  }
}

TEST_CASE("without a cache or ticket keys nothing is resumable", "[resumption]") {
  auto c = connect(default_client_config(), default_server_config());
  REQUIRE(c.ok);
  CHECK_FALSE(c.client->session().has_value());
  CHECK_FALSE(c.server->session().has_value());
}

TEST_CASE("the flow table orders the abbreviated handshake as RFC 5246 Figure 2", "[resumption]") {
  using handshake::HandshakeShape;
  using handshake::StepMessage;
  auto messages = [](const HandshakeShape& shape) {
    std::vector<StepMessage> out;
    for (const auto* step : handshake::flow_for(shape)) out.push_back(step->message);
    return out;
  };
  HandshakeShape resumed;
  resumed.ecdhe = true;  // ignored: no key exchange when resuming
  resumed.client_auth = true;
  resumed.resumed = true;
  CHECK(messages(resumed) ==
        std::vector<StepMessage>{
            StepMessage::client_hello, StepMessage::server_hello,
            StepMessage::server_change_cipher_spec, StepMessage::server_finished,
            StepMessage::client_change_cipher_spec, StepMessage::client_finished});
  resumed.ticket = true;
  CHECK(messages(resumed)[2] == StepMessage::new_session_ticket);
  HandshakeShape full;
  full.ticket = true;
  const auto steps = messages(full);
  REQUIRE(steps.size() == 11);  // ECDHE: Certificate, ServerKeyExchange, ServerHelloDone, ...
  CHECK(steps[7] == StepMessage::client_finished);
  CHECK(steps[8] == StepMessage::new_session_ticket);  // after the client's Finished
  CHECK(steps[9] == StepMessage::server_change_cipher_spec);
  // A CertificateRequest cannot be chosen in an abbreviated handshake.
  CHECK_FALSE(handshake::shape_chosen_by_server(resumed, 2, 13).has_value());
}
