// Floods a peer may send to keep an engine busy without progress, each of which must be stopped
// after a bound (issue 9, "abuse and load"): empty application_data records, warning alerts,
// renegotiation requests (a ClientHello to a server, a HelloRequest to a client), before and
// after the handshake, alone and mixed.
//
// After a real in-memory handshake, the attacker's records are forged under its own write keys,
// which an Observer on its engine hands over (on_secret), so they pass authentication exactly as
// a malicious peer's would. Records go in one feed() at a time, so the count accepted before the
// engine stops is exact; the stopping alert is then decrypted by the attacker's own engine.
#include <cstddef>
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include <catch2/catch.hpp>

#include "record/content_type.hpp"
#include "support/engine_pair.hpp"
#include "support/record_forger.hpp"
#include "tlsx/code_points.hpp"
#include "tlsx/engine.hpp"

namespace {

using namespace tlsx;
using Bytes = std::vector<std::uint8_t>;
using record::ContentType;

using test::KeyCatcher;
using test::plain_record;

/// test::RecordForger with the checks done here.
class Forger {
 public:
  Forger(const Bytes& key, const Bytes& iv) {
    auto made = test::RecordForger::create(key, iv);
    REQUIRE(made);
    forger_.emplace(std::move(*made));
  }
  Bytes record(ContentType type, const Bytes& plaintext) {
    auto rec = forger_->record(type, plaintext);
    REQUIRE(rec);
    return std::move(*rec);
  }

 private:
  std::optional<test::RecordForger> forger_;
};

/// A handshake done in memory, with the keys of both sides caught.
struct Established {
  KeyCatcher client_keys, server_keys;
  test::Connection c;

  explicit Established(const Limits& limits = {}) {
    auto client_config = test::default_client_config();
    auto server_config = test::default_server_config();
    client_config.cipher_suites = {CipherSuite::TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256};
    server_config.cipher_suites = client_config.cipher_suites;
    client_config.limits = limits;
    server_config.limits = limits;
    client_config.observer = &client_keys;
    server_config.observer = &server_keys;
    c = test::connect(client_config, server_config);
    REQUIRE(c.ok);
    REQUIRE(client_keys.client_key.size() == 16);
  }
  Forger as_client() const { return {client_keys.client_key, client_keys.client_iv}; }
  Forger as_server() const { return {server_keys.server_key, server_keys.server_iv}; }
};

/// Feeds `make()` records one feed() at a time until the engine fails or `max` went in;
/// returns how many it took without failing.
template <class Make>
std::size_t flood(Engine& victim, std::size_t max, Make make) {
  for (std::size_t i = 0; i < max; ++i) {
    const Bytes rec = make(i);
    if (!victim.feed(rec) || victim.status().failed) return i;
  }
  return max;
}

/// What the victim's last output told the attacker: the attacker's engine reads it and fails
/// with the victim's fatal alert.
const Error* deliver(Engine& from, Engine& to) {
  const auto out = from.pending_output();
  (void)to.feed(out);
  from.consume_output(out.size());
  return to.error();
}

const Bytes kUserCanceledWarning{1, 90};  // AlertLevel::warning, user_canceled (RFC 5246 §7.2)
const Bytes kHelloRequest{0, 0, 0, 0};    // HandshakeType hello_request, empty body

Bytes client_hello_message() {
  auto engine = Engine::client(test::default_client_config(), "localhost");
  REQUIRE(engine);
  const auto out = engine->pending_output();
  REQUIRE(out.size() > record::kRecordHeaderSize);
  return {out.begin() + record::kRecordHeaderSize, out.end()};
}

constexpr std::size_t kFlood = 100'000;  // far more than any limit: the loop must stop early

}  // namespace

TEST_CASE("abuse: empty application_data records stop at max_empty_records", "[engine][abuse]") {
  for (const std::size_t limit : {std::size_t{32}, std::size_t{4}}) {
    Limits limits;
    limits.max_empty_records = limit;
    Established e(limits);
    auto forger = e.as_client();
    const std::size_t taken = flood(*e.c.server, kFlood, [&](std::size_t) {
      return forger.record(ContentType::application_data, {});
    });
    INFO("limit " << limit);
    CHECK(taken == limit);
    REQUIRE(e.c.server->error() != nullptr);
    CHECK(e.c.server->error()->code == ErrorCode::limit);
    CHECK(e.c.server->error()->alert == AlertDescription::unexpected_message);
    const Error* seen = deliver(*e.c.server, *e.c.client);
    REQUIRE(seen != nullptr);
    CHECK(seen->code == ErrorCode::peer_alert);
    CHECK(seen->alert == AlertDescription::unexpected_message);
    WARN("empty-record flood: stopped after " << taken << " records (max_empty_records " << limit
                                              << "), fatal unexpected_message");
  }
}

TEST_CASE("abuse: empty records in a row are counted, data in between resets", "[engine][abuse]") {
  Established e;
  auto forger = e.as_client();
  // 32 empty, one byte of data, 32 empty, ...: every run stays within the limit.
  for (int round = 0; round < 10; ++round) {
    for (int i = 0; i < 32; ++i) {
      REQUIRE(e.c.server->feed(forger.record(ContentType::application_data, {})));
    }
    REQUIRE(e.c.server->feed(forger.record(ContentType::application_data, {'x'})));
  }
  CHECK_FALSE(e.c.server->status().failed);
  std::vector<std::uint8_t> buf(64);
  auto n = e.c.server->read(buf);
  REQUIRE(n);
  CHECK(*n == 10);
}

TEST_CASE("abuse: warning alerts stop at max_warning_alerts, after and before the handshake",
          "[engine][abuse]") {
  SECTION("encrypted, after the handshake") {
    Established e;
    auto forger = e.as_client();
    const std::size_t taken = flood(*e.c.server, kFlood, [&](std::size_t) {
      return forger.record(ContentType::alert, kUserCanceledWarning);
    });
    CHECK(taken == Limits{}.max_warning_alerts);
    REQUIRE(e.c.server->error() != nullptr);
    CHECK(e.c.server->error()->code == ErrorCode::limit);
    const Error* seen = deliver(*e.c.server, *e.c.client);
    REQUIRE(seen != nullptr);
    CHECK(seen->alert == AlertDescription::unexpected_message);
    WARN("warning-alert flood: stopped after " << taken << " alerts, fatal unexpected_message");
  }
  SECTION("plaintext, before the ClientHello") {
    auto server = Engine::server(test::default_server_config());
    REQUIRE(server);
    const std::size_t taken = flood(*server, kFlood, [](std::size_t) {
      return plain_record(ContentType::alert, kUserCanceledWarning);
    });
    CHECK(taken == Limits{}.max_warning_alerts);
    REQUIRE(server->error() != nullptr);
    CHECK(server->error()->code == ErrorCode::limit);
  }
  SECTION("empty and warning records mixed: neither resets the other") {
    Established e;
    auto forger = e.as_client();
    const std::size_t taken = flood(*e.c.server, kFlood, [&](std::size_t i) {
      return i % 2 == 0 ? forger.record(ContentType::application_data, {})
                        : forger.record(ContentType::alert, kUserCanceledWarning);
    });
    // The warning counter runs out first: 16 warnings and 16 (or 17) empty records.
    CHECK(taken <= 2 * Limits{}.max_warning_alerts + 1);
    CHECK(e.c.server->status().failed);
  }
}

TEST_CASE("abuse: zero-length handshake fragments before the ClientHello are bounded",
          "[engine][abuse]") {
  // RFC 5246 §6.2.1: zero-length fragments of handshake, alert or ChangeCipherSpec content
  // MUST NOT be sent. Whatever tlsx answers, a stream of them must not be taken forever.
  auto server = Engine::server(test::default_server_config());
  REQUIRE(server);
  const std::size_t taken =
      flood(*server, kFlood, [](std::size_t) { return plain_record(ContentType::handshake, {}); });
  CHECK(taken <= Limits{}.max_empty_records);
  CHECK(server->status().failed);
  WARN("zero-length handshake records before the hello: stopped after " << taken);
}

TEST_CASE("abuse: renegotiation ClientHellos are refused, then stopped after a bound",
          "[engine][abuse]") {
  Established e;
  auto forger = e.as_client();
  const Bytes hello = client_hello_message();
  std::size_t warnings_out = 0;
  const std::size_t taken = flood(*e.c.server, kFlood, [&](std::size_t) {
    // Each refused attempt is answered with one no_renegotiation warning record.
    warnings_out = e.c.server->pending_output().size();
    return forger.record(ContentType::handshake, hello);
  });
  const std::size_t limit = Limits{}.max_warning_alerts;
  CHECK(taken == limit);
  REQUIRE(e.c.server->error() != nullptr);
  CHECK(e.c.server->error()->code == ErrorCode::limit);
  CHECK(e.c.server->error()->alert == AlertDescription::no_renegotiation);
  // 16 warnings of one 31-byte record each (5 header + 8 nonce + 2 alert + 16 tag): bounded.
  CHECK(warnings_out == limit * 31);
  // The client reads the 16 warnings (its own warning limit is 16) and then the fatal alert.
  const Error* seen = deliver(*e.c.server, *e.c.client);
  REQUIRE(seen != nullptr);
  CHECK(seen->code == ErrorCode::peer_alert);
  CHECK(seen->alert == AlertDescription::no_renegotiation);
  WARN("renegotiation flood: " << taken << " ClientHellos refused with no_renegotiation "
                               << "warnings, the next one ended the connection (fatal "
                               << "no_renegotiation)");
}

TEST_CASE("abuse: HelloRequests from a malicious server are bounded", "[engine][abuse]") {
  SECTION("after the handshake: refused with warnings, then fatal") {
    Established e;
    auto forger = e.as_server();
    const std::size_t taken = flood(*e.c.client, kFlood, [&](std::size_t) {
      return forger.record(ContentType::handshake, kHelloRequest);
    });
    CHECK(taken == Limits{}.max_warning_alerts);
    REQUIRE(e.c.client->error() != nullptr);
    CHECK(e.c.client->error()->alert == AlertDescription::no_renegotiation);
  }
  SECTION("during the handshake: ignored, then unexpected_message") {
    auto client = Engine::client(test::default_client_config(), "localhost");
    REQUIRE(client);
    client->consume_output(client->pending_output().size());
    const std::size_t taken = flood(*client, kFlood, [](std::size_t) {
      return plain_record(ContentType::handshake, kHelloRequest);
    });
    CHECK(taken == Limits{}.max_warning_alerts);
    REQUIRE(client->error() != nullptr);
    CHECK(client->error()->alert == AlertDescription::unexpected_message);
  }
}

TEST_CASE("abuse: a mixed flood that resets the in-a-row counters is still bounded",
          "[engine][abuse]") {
  // A renegotiation attempt is a handshake record, which resets the empty-record and warning
  // counters; the renegotiation counter is per connection, so the whole flood ends anyway.
  Established e;
  auto forger = e.as_client();
  const Bytes hello = client_hello_message();
  const Limits limits;
  const std::size_t round = 1 + limits.max_empty_records + limits.max_warning_alerts;
  const std::size_t taken = flood(*e.c.server, kFlood, [&](std::size_t i) {
    const std::size_t k = i % round;
    if (k == 0) return forger.record(ContentType::handshake, hello);
    if (k <= limits.max_empty_records) return forger.record(ContentType::application_data, {});
    return forger.record(ContentType::alert, kUserCanceledWarning);
  });
  CHECK(taken == limits.max_warning_alerts * round);
  CHECK(e.c.server->status().failed);
  WARN("mixed flood: stopped after " << taken << " records (" << limits.max_warning_alerts
                                     << " rounds of " << round << ")");
}
