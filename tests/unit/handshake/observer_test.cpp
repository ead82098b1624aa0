// The engine observer: records both ways, secrets, protection changes, pause/resume.
//
// Handshakes run in memory with a SeededProvider per role, so that every run of the same
// configuration moves the same bytes; the checks compare runs with and without an observer, and
// with a pause at every transition.
#include <array>
#include <cstdint>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include <catch2/catch.hpp>

#include "support/engine_pair.hpp"
#include "support/test_support.hpp"
#include "tlsx/code_points.hpp"
#include "tlsx/crypto/seeded_provider.hpp"
#include "tlsx/engine.hpp"
#include "tlsx/observer.hpp"

using namespace tlsx;
using tlsx::test::ByteVec;

namespace {

/// Everything one engine's observer saw.
class Recorder final : public Observer {
 public:
  explicit Recorder(bool pause_everywhere) : pause_(pause_everywhere) {}

  void on_record(Direction dir, std::span<const std::uint8_t> record) override {
    auto& stream = dir == Direction::inbound ? records_in : records_out;
    stream.insert(stream.end(), record.begin(), record.end());
    ++(dir == Direction::inbound ? record_count_in : record_count_out);
    // A record is a 5-byte header whose length field covers the rest.
    if (record.size() < 5 || record.size() != 5u + (std::size_t{record[3]} << 8 | record[4])) {
      malformed_records++;
    }
  }
  void on_message(Direction dir, HandshakeType /*type*/,
                  std::span<const std::uint8_t> /*raw*/) override {
    if (dir == Direction::inbound) ++inbound_steps;
  }
  Action on_transition(std::string_view from, std::string_view to, const FlowStep& step) override {
    transitions.push_back(std::string(from) + " -> " + std::string(to) + " (" +
                          std::string(step.message) + ")");
    last_to = std::string(to);
    if (step.direction == Direction::inbound) ++inbound_transitions;
    return pause_ ? Action::pause : Action::proceed;
  }
  void on_secret(SecretKind kind, std::span<const std::uint8_t> value) override {
    secrets[kind].emplace_back(value.begin(), value.end());
  }
  void on_protection_change(Direction dir, std::string_view from, std::string_view to) override {
    protection_changes.push_back(std::string(dir == Direction::inbound ? "in " : "out ") +
                                 std::string(from) + " -> " + std::string(to));
    if (dir == Direction::inbound) ++inbound_steps;  // the ChangeCipherSpec step
  }

  ByteVec records_in, records_out;
  std::size_t record_count_in = 0, record_count_out = 0, malformed_records = 0;
  std::vector<std::string> transitions;
  std::string last_to;
  std::size_t inbound_steps = 0;        ///< handshake messages + ChangeCipherSpecs received
  std::size_t inbound_transitions = 0;  ///< transitions on a step the peer sent
  std::map<SecretKind, std::vector<ByteVec>> secrets;
  std::vector<std::string> protection_changes;

 private:
  bool pause_;
};

/// One side of a run: its engine, and every byte it took in and gave out.
struct Side {
  std::unique_ptr<Engine> engine;
  Recorder* recorder = nullptr;
  ByteVec fed, sent;
  std::size_t pauses = 0;
  bool pause_stopped_after_one_step = true;
};

/// Takes everything `from` has queued (in one piece, so a pause must stop inside it) and feeds it
/// to `to`, resuming `to` after each pause. Returns the number of bytes moved.
std::size_t move_all(Side& from, Side& to) {
  const auto out = from.engine->pending_output();
  const ByteVec piece(out.begin(), out.end());
  from.engine->consume_output(piece.size());
  if (piece.empty() || to.engine->status().failed) return piece.size();
  from.sent.insert(from.sent.end(), piece.begin(), piece.end());
  to.fed.insert(to.fed.end(), piece.begin(), piece.end());
  REQUIRE(to.engine->feed(piece).has_value());
  while (to.engine->status().paused) {
    ++to.pauses;
    // Paused right after the step that caused the transition: no later step was handled yet.
    if (to.recorder->inbound_steps != to.recorder->inbound_transitions ||
        to.engine->state() != to.recorder->last_to) {
      to.pause_stopped_after_one_step = false;
    }
    REQUIRE(to.engine->resume().has_value());
  }
  return piece.size();
}

struct Run {
  Side client, server;
  std::unique_ptr<Recorder> client_recorder, server_recorder;
  ByteVec echoed;
};

/// The test server's certificate with a key whose randomness (RSA-PSS salts, blinding) also
/// comes from rng: a SeededProvider in the config alone does not make the ServerKeyExchange
/// reproducible, since the key operations draw from the provider they were made with.
ServerConfig seeded_server_config(const crypto::Provider& rng) {
  const std::string pki = std::string(TLSX_TEST_DATA_DIR) + "/pki/";
  auto key = PrivateKey::from_pem_file(pki + "server.key");
  REQUIRE(key.has_value());
  ServerConfig config;
  config.certificates.push_back(CertifiedKey{test::test_pki().server.chain,
                                             make_private_key_operations(std::move(*key), rng)});
  config.provider = &rng;
  return config;
}

/// A seeded handshake, then "ping" from the client and "pong" back.
Run run(CipherSuite suite, EmsMode ems, bool observe, bool pause) {
  crypto::SeededProvider client_rng(1), server_rng(2);
  Run r;
  auto client_config = test::default_client_config();
  auto server_config = seeded_server_config(server_rng);
  client_config.provider = &client_rng;
  client_config.cipher_suites = {suite};
  client_config.ems = ems;
  server_config.ems = ems;
  if (observe) {
    r.client_recorder = std::make_unique<Recorder>(pause);
    r.server_recorder = std::make_unique<Recorder>(pause);
    client_config.observer = r.client_recorder.get();
    server_config.observer = r.server_recorder.get();
    r.client.recorder = r.client_recorder.get();
    r.server.recorder = r.server_recorder.get();
  }
  auto client = Engine::client(client_config, "localhost");
  auto server = Engine::server(server_config);
  REQUIRE(client.has_value());
  REQUIRE(server.has_value());
  r.client.engine = std::make_unique<Engine>(std::move(*client));
  r.server.engine = std::make_unique<Engine>(std::move(*server));
  for (int round = 0; round < 100; ++round) {
    if (move_all(r.client, r.server) + move_all(r.server, r.client) == 0) break;
  }
  REQUIRE(r.client.engine->status().handshake_done);
  REQUIRE(r.server.engine->status().handshake_done);
  REQUIRE(r.client.engine->write(test::bytes_of("ping")).has_value());
  move_all(r.client, r.server);
  std::array<std::uint8_t, 16> buf{};
  auto got = r.server.engine->read(buf);
  REQUIRE(got.has_value());
  REQUIRE(*got == 4);
  REQUIRE(r.server.engine->write(test::bytes_of("pong")).has_value());
  move_all(r.server, r.client);
  got = r.client.engine->read(buf);
  REQUIRE(got.has_value());
  r.echoed.assign(buf.begin(), buf.begin() + static_cast<std::ptrdiff_t>(*got));
  return r;
}

struct SecretSizes {
  std::size_t pre_master, mac, key, iv;
};

void check_secrets(const Recorder& rec, const SecretSizes& sizes, bool ems) {
  const std::map<SecretKind, std::size_t> expected = {
      {SecretKind::pre_master_secret, sizes.pre_master},
      {SecretKind::master_secret, 48},
      {SecretKind::key_block, 2 * (sizes.mac + sizes.key + sizes.iv)},
      {SecretKind::client_write_mac_key, sizes.mac},
      {SecretKind::server_write_mac_key, sizes.mac},
      {SecretKind::client_write_key, sizes.key},
      {SecretKind::server_write_key, sizes.key},
      {SecretKind::client_write_iv, sizes.iv},
      {SecretKind::server_write_iv, sizes.iv},
      {SecretKind::client_verify_data, 12},
      {SecretKind::server_verify_data, 12},
  };
  for (const auto& [kind, size] : expected) {
    INFO(to_string(kind));
    REQUIRE(rec.secrets.count(kind) == 1);
    CHECK(rec.secrets.at(kind).size() == 1);
    CHECK(rec.secrets.at(kind).front().size() == size);
  }
  CHECK(rec.secrets.count(SecretKind::session_hash) == (ems ? 1u : 0u));
  if (ems) CHECK(rec.secrets.at(SecretKind::session_hash).front().size() == 32);
  // The key block is the concatenation of its parts, in RFC 5246 §6.3 order.
  ByteVec joined;
  for (SecretKind part : {SecretKind::client_write_mac_key, SecretKind::server_write_mac_key,
                          SecretKind::client_write_key, SecretKind::server_write_key,
                          SecretKind::client_write_iv, SecretKind::server_write_iv}) {
    const auto& v = rec.secrets.at(part).front();
    joined.insert(joined.end(), v.begin(), v.end());
  }
  CHECK(joined == rec.secrets.at(SecretKind::key_block).front());
}

struct Case {
  CipherSuite suite;
  EmsMode ems;
  SecretSizes sizes;
  const char* protection;
};

const Case kCases[] = {
    {CipherSuite::TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256,
     EmsMode::on,
     {32, 0, 16, 4},
     "AES-128-GCM"},
    {CipherSuite::TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA,
     EmsMode::off,
     {32, 20, 16, 16},
     "AES-128-CBC-HMAC-SHA-1 (encrypt-then-MAC)"},
    {CipherSuite::TLS_RSA_WITH_AES_128_CBC_SHA256,
     EmsMode::on,
     {48, 32, 16, 16},
     "AES-128-CBC-HMAC-SHA-256 (encrypt-then-MAC)"},
    {CipherSuite::TLS_ECDHE_RSA_WITH_CHACHA20_POLY1305_SHA256,
     EmsMode::off,
     {32, 0, 32, 12},
     "ChaCha20-Poly1305"},
};

}  // namespace

TEST_CASE("observer sees every record both ways, exactly the bytes moved", "[observer]") {
  for (const Case& c : kCases) {
    INFO(to_string(c.suite));
    const Run r = run(c.suite, c.ems, /*observe=*/true, /*pause=*/false);
    CHECK(r.echoed == test::bytes_of("pong"));
    for (const Side* side : {&r.client, &r.server}) {
      CHECK(test::to_hex(side->recorder->records_out) == test::to_hex(side->sent));
      CHECK(test::to_hex(side->recorder->records_in) == test::to_hex(side->fed));
      CHECK(side->recorder->malformed_records == 0);
    }
    // Every record one side wrote is one the other side deframed.
    CHECK(r.client.recorder->record_count_out == r.server.recorder->record_count_in);
    CHECK(r.server.recorder->record_count_out == r.client.recorder->record_count_in);
    CHECK(r.client.recorder->record_count_out >= 5);  // hello, CKE, CCS, Finished, data
  }
}

TEST_CASE("observer reports every secret once per handshake with its size", "[observer]") {
  for (const Case& c : kCases) {
    INFO(to_string(c.suite));
    const Run r = run(c.suite, c.ems, /*observe=*/true, /*pause=*/false);
    const bool ems = c.ems == EmsMode::on;
    check_secrets(*r.client.recorder, c.sizes, ems);
    check_secrets(*r.server.recorder, c.sizes, ems);
    // Both ends derived the same values.
    CHECK(r.client.recorder->secrets == r.server.recorder->secrets);
  }
}

TEST_CASE("observer reports each protection change", "[observer]") {
  for (const Case& c : kCases) {
    INFO(to_string(c.suite));
    const Run r = run(c.suite, c.ems, /*observe=*/true, /*pause=*/false);
    const std::string to = std::string(" -> ") + c.protection;
    // The client switches its writes first (its ChangeCipherSpec), then its reads.
    CHECK(r.client.recorder->protection_changes ==
          std::vector<std::string>{"out null" + to, "in null" + to});
    CHECK(r.server.recorder->protection_changes ==
          std::vector<std::string>{"in null" + to, "out null" + to});
  }
}

TEST_CASE("pause at every transition stops after one message and changes no byte", "[observer]") {
  for (const Case& c : kCases) {
    INFO(to_string(c.suite));
    const Run plain = run(c.suite, c.ems, /*observe=*/false, /*pause=*/false);
    const Run watched = run(c.suite, c.ems, /*observe=*/true, /*pause=*/false);
    const Run paused = run(c.suite, c.ems, /*observe=*/true, /*pause=*/true);
    // No observer, an observer, an observer pausing everywhere: the same bytes on the wire.
    CHECK(test::to_hex(plain.client.sent) == test::to_hex(watched.client.sent));
    CHECK(test::to_hex(plain.server.sent) == test::to_hex(watched.server.sent));
    CHECK(test::to_hex(plain.client.sent) == test::to_hex(paused.client.sent));
    CHECK(test::to_hex(plain.server.sent) == test::to_hex(paused.server.sent));
    CHECK(paused.echoed == test::bytes_of("pong"));
    // Every transition paused the engine that made it, and the pause held after that one step.
    const bool ecdhe = c.suite != CipherSuite::TLS_RSA_WITH_AES_128_CBC_SHA256;
    CHECK(paused.client.pauses == (ecdhe ? 6u : 5u));  // SH, Cert, [SKE], SHD, CCS, Finished
    CHECK(paused.server.pauses == 4u);                 // CH, CKE, CCS, Finished
    CHECK(paused.client.pauses == paused.client.recorder->transitions.size());
    CHECK(paused.server.pauses == paused.server.recorder->transitions.size());
    CHECK(paused.client.pause_stopped_after_one_step);
    CHECK(paused.server.pause_stopped_after_one_step);
    CHECK(paused.client.recorder->transitions == watched.client.recorder->transitions);
    CHECK(paused.server.recorder->transitions == watched.server.recorder->transitions);
  }
}

TEST_CASE("a paused engine takes input but handles none of it until resumed", "[observer]") {
  crypto::SeededProvider client_rng(1), server_rng(2);
  Recorder client_rec(/*pause_everywhere=*/true);
  auto client_config = test::default_client_config();
  auto server_config = test::default_server_config();
  client_config.provider = &client_rng;
  server_config.provider = &server_rng;
  client_config.observer = &client_rec;
  auto client = Engine::client(client_config, "localhost");
  auto server = Engine::server(server_config);
  REQUIRE(client.has_value());
  REQUIRE(server.has_value());
  const auto hello = client->pending_output();
  REQUIRE(server->feed(hello).has_value());
  client->consume_output(hello.size());
  const ByteVec flight(server->pending_output().begin(), server->pending_output().end());
  REQUIRE(client->feed(flight).has_value());
  // The whole flight was taken, but only the ServerHello was handled.
  CHECK(client->status().paused);
  CHECK_FALSE(client->status().wants_input);
  CHECK(client->state() == "ExpectCertificate");
  CHECK(client->pending_output().empty());
  // More input while paused is buffered, not handled.
  REQUIRE(client->feed({}).has_value());
  CHECK(client->state() == "ExpectCertificate");
  REQUIRE(client->resume().has_value());
  CHECK(client->state() == "ExpectServerKeyExchange");
  REQUIRE(client->resume().has_value());
  CHECK(client->state() == "ExpectServerHelloDone");
  REQUIRE(client->resume().has_value());
  // ServerHelloDone handled: the client's second flight is out and it waits for the server.
  CHECK(client->state() == "ExpectChangeCipherSpec");
  CHECK_FALSE(client->pending_output().empty());
}
