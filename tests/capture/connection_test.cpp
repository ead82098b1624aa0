// hello-capture's Connection without sockets: a tlsx client engine (and hand-made bytes) talk to
// it in memory, with a fake clock for the deadlines. Covers the capture of completed, refused,
// malformed, truncated, mutated and stalled hellos, the echo, and the phase sequence.
#include <filesystem>
#include <fstream>
#include <random>
#include <string>
#include <vector>

#include <catch2/catch.hpp>

#include "capture_store.hpp"
#include "connection.hpp"
#include "support/engine_pair.hpp"
#include "support/test_support.hpp"

using namespace hello_capture;
using namespace std::chrono_literals;
using tlsx::test::ByteVec;

namespace {

// A store in a fresh temporary file, removed at the end.
struct TempStore {
  std::filesystem::path path;
  std::unique_ptr<CaptureStore> store;
  TempStore() {
    static int counter = 0;
    path = std::filesystem::temp_directory_path() /
           ("hello-capture-unit-" + std::to_string(::getpid()) + "-" + std::to_string(++counter) +
            ".jsonl");
    std::filesystem::remove(path);
    store = std::make_unique<CaptureStore>(path.string(), "");
  }
  ~TempStore() {
    store.reset();
    std::filesystem::remove(path);
  }
  std::vector<Json> lines() const {
    std::vector<Json> out;
    std::ifstream in(path);
    for (std::string line; std::getline(in, line);) out.push_back(Json::parse(line));
    return out;
  }
};

struct Fixture {
  tlsx::ServerConfig server_config = [] {
    auto c = tlsx::test::default_server_config();
    c.alpn = {"http/1.1"};
    return c;
  }();
  TempStore temp;
  ConnectionSettings settings = [this] {
    ConnectionSettings s;
    s.server_config = &server_config;
    s.store = temp.store.get();
    s.handshake_timeout = 10s;
    s.idle_timeout = 30s;
    s.linger = 2s;
    return s;
  }();
  SteadyClock::time_point now{};
  std::uint64_t next_id = 1;

  std::unique_ptr<Connection> connection() {
    return std::make_unique<Connection>(settings, next_id++, "192.0.2.1:4433", now);
  }
};

// Moves bytes both ways until neither side has anything to say.
void pump(tlsx::Engine& client, Connection& c, SteadyClock::time_point now) {
  for (int round = 0; round < 100; ++round) {
    bool moved = false;
    if (auto out = client.pending_output(); !out.empty()) {
      const ByteVec bytes(out.begin(), out.end());
      client.consume_output(bytes.size());
      c.on_bytes(bytes, now);
      moved = true;
    }
    if (auto out = c.output(); !out.empty()) {
      const ByteVec bytes(out.begin(), out.end());
      c.consume_output(bytes.size());
      if (!client.status().failed) (void)client.feed(bytes);
      moved = true;
    }
    if (!moved) return;
  }
}

std::string read_all(tlsx::Engine& client) {
  std::string text;
  std::uint8_t buffer[4096];
  for (;;) {
    auto n = client.read(buffer);
    if (!n || *n == 0) return text;
    text.append(reinterpret_cast<const char*>(buffer), *n);
  }
}

// A ClientHello record as a tlsx client sends it.
ByteVec client_hello_record(const std::string& server_name = "localhost") {
  auto config = tlsx::test::default_client_config();
  config.alpn = {"http/1.1"};
  auto client = tlsx::Engine::client(config, server_name);
  REQUIRE(client);
  auto out = client->pending_output();
  return ByteVec(out.begin(), out.end());
}

}  // namespace

TEST_CASE("Connection: a completed handshake is captured and echoed", "[capture][connection]") {
  Fixture f;
  auto c = f.connection();
  auto config = tlsx::test::default_client_config();
  config.alpn = {"h2", "http/1.1"};
  auto client = tlsx::Engine::client(config, "localhost");
  REQUIRE(client);
  pump(*client, *c, f.now);
  REQUIRE(client->status().handshake_done);
  CHECK(c->phase() == Connection::Phase::request);

  const auto lines = f.temp.lines();
  REQUIRE(lines.size() == 1);
  const Json& cap = lines[0];
  CHECK(cap == c->capture());
  CHECK(cap["peer"] == "192.0.2.1:4433");
  CHECK(cap["tls"]["record_version"] == "0x0303");
  CHECK(cap["tls"]["client_version"] == "0x0303");
  CHECK(cap["outcome"]["result"] == "completed");
  CHECK(cap["outcome"]["version"] == "TLS 1.2");
  CHECK(cap["outcome"]["alpn"] == "http/1.1");
  CHECK(cap["outcome"]["server_name"] == "localhost");
  CHECK(cap["tls"]["ja4"].get<std::string>().starts_with("t12d"));
  CHECK(cap["tls"]["ja4"].get<std::string>().substr(8, 2) == "h2");

  const std::string request = "GET /json HTTP/1.1\r\nHost: localhost\r\n\r\n";
  REQUIRE(client->write(
      std::span(reinterpret_cast<const std::uint8_t*>(request.data()), request.size())));
  pump(*client, *c, f.now);
  CHECK(c->phase() == Connection::Phase::closing);
  const std::string response = read_all(*client);
  CHECK(client->status().peer_closed);  // close_notify after the response
  REQUIRE(response.starts_with("HTTP/1.1 200 OK\r\n"));
  const auto body = response.substr(response.find("\r\n\r\n") + 4);
  CHECK(Json::parse(body) == cap);

  c->on_write_side_closed(f.now);
  CHECK(c->phase() == Connection::Phase::linger);
  c->on_eof(f.now);
  CHECK(c->phase() == Connection::Phase::done);
  CHECK(c->log_line(f.now).find("completed") != std::string::npos);
}

TEST_CASE("Connection: a line that is not HTTP gets the capture as one JSON line",
          "[capture][connection]") {
  Fixture f;
  auto c = f.connection();
  auto client = tlsx::Engine::client(tlsx::test::default_client_config(), "example.com");
  REQUIRE(client);
  pump(*client, *c, f.now);
  REQUIRE(client->status().handshake_done);
  const std::string hello = "hello\n";
  REQUIRE(client->write(std::span(reinterpret_cast<const std::uint8_t*>(hello.data()), 6)));
  pump(*client, *c, f.now);
  const std::string response = read_all(*client);
  REQUIRE(response.ends_with("}\n"));
  CHECK(response.find('\n') == response.size() - 1);
  CHECK(Json::parse(response) == c->capture());
  CHECK(c->capture()["outcome"]["server_name"] == "example.com");
}

TEST_CASE("Connection: refused and malformed hellos are captured", "[capture][connection]") {
  Fixture f;
  SECTION("no cipher suite in common: alert_sent handshake_failure") {
    auto config = tlsx::test::default_client_config();
    f.server_config.cipher_suites = {tlsx::CipherSuite::TLS_RSA_WITH_AES_128_CBC_SHA};
    config.cipher_suites = {tlsx::CipherSuite::TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256};
    auto c = f.connection();
    auto client = tlsx::Engine::client(config, "localhost");
    REQUIRE(client);
    pump(*client, *c, f.now);
    CHECK(c->phase() == Connection::Phase::closing);
    const Json cap = c->capture();
    CHECK(cap["outcome"]["result"] == "alert_sent");
    CHECK(cap["outcome"]["alert"] == "handshake_failure");
    CHECK(cap["tls"].contains("ja3"));
    CHECK(client->status().failed);  // the alert reached the client
  }
  SECTION("bytes that are not TLS") {
    auto c = f.connection();
    const std::string text = "GET / HTTP/1.1\r\n\r\n";
    c->on_bytes(std::span(reinterpret_cast<const std::uint8_t*>(text.data()), text.size()), f.now);
    CHECK(c->phase() == Connection::Phase::closing);
    const Json cap = c->capture();
    CHECK(cap["outcome"]["result"] == "malformed");
    CHECK(cap["tls"]["raw"].is_null());
    CHECK(cap["tls"]["received"] == tlsx::test::to_hex(text));
    CHECK(cap["tls"]["record_version"] == "0x4554");  // "ET": whatever bytes 1-2 were
    const auto out = c->output();
    REQUIRE(out.size() == 7);
    CHECK(out[0] == 0x15);  // an alert record
  }
  SECTION("a whole handshake message that is not a valid ClientHello") {
    auto c = f.connection();
    const ByteVec record = tlsx::test::from_hex("16 0301 0008 01 000004 0303 0000");
    c->on_bytes(record, f.now);
    const Json cap = c->capture();
    CHECK(cap["outcome"]["result"] == "malformed");
    CHECK(cap["outcome"]["alert"] == "decode_error");
    CHECK(cap["tls"]["raw"] == "0100000403030000");
    CHECK(cap["tls"].contains("parse_error"));
    CHECK(cap["tls"]["record_version"] == "0x0301");
  }
}

TEST_CASE("Connection: every truncation of a hello ends in a malformed capture",
          "[capture][connection]") {
  Fixture f;
  const ByteVec record = client_hello_record();
  for (std::size_t n = 1; n < record.size(); ++n) {
    auto c = f.connection();
    c->on_bytes(std::span(record).first(n), f.now);
    c->on_eof(f.now);
    REQUIRE(!c->capture().is_null());
    CHECK(c->capture()["outcome"]["result"] == "malformed");
    CHECK(c->capture()["tls"]["received_length"] == n);
  }
  CHECK(f.temp.lines().size() == record.size() - 1);
}

TEST_CASE("Connection: bit flips in a hello always give exactly one capture",
          "[capture][connection]") {
  Fixture f;
  const ByteVec record = client_hello_record();
  std::size_t malformed = 0;
  std::size_t connections = 0;
  for (std::size_t i = 0; i < record.size(); ++i) {
    for (std::uint8_t bit : {std::uint8_t{0x01}, std::uint8_t{0x80}}) {
      ByteVec mutated = record;
      mutated[i] ^= bit;
      auto c = f.connection();
      ++connections;
      c->on_bytes(mutated, f.now);
      c->on_eof(f.now);
      const Json& cap = c->capture();
      REQUIRE(!cap.is_null());
      const std::string result = cap["outcome"]["result"];
      CHECK((result == "malformed" || result == "alert_sent" || result == "peer_closed"));
      if (result == "malformed") {
        ++malformed;
        CHECK(cap["outcome"].contains("error"));
      } else {
        CHECK(cap["tls"].contains("ja4"));
      }
    }
  }
  CHECK(f.temp.lines().size() == connections);
  CHECK(malformed > 0);
  CHECK(malformed < connections);
}

TEST_CASE("Connection: deadlines", "[capture][connection]") {
  Fixture f;
  SECTION("one byte then nothing: a timeout capture") {
    auto c = f.connection();
    c->on_bytes(tlsx::test::from_hex("16"), f.now);
    CHECK(c->deadline() == f.now + 10s);
    c->on_deadline(f.now + 10s);
    CHECK(c->phase() == Connection::Phase::done);
    CHECK(c->capture()["outcome"]["result"] == "timeout");
    CHECK(c->capture()["tls"]["received"] == "16");
  }
  SECTION("nothing at all: no capture") {
    auto c = f.connection();
    c->on_deadline(f.now + 10s);
    CHECK(c->phase() == Connection::Phase::done);
    CHECK(c->capture().is_null());
    CHECK(f.temp.lines().empty());
  }
  SECTION("after the handshake the request deadline is not extended by trickled bytes") {
    auto c = f.connection();
    auto client = tlsx::Engine::client(tlsx::test::default_client_config(), "localhost");
    REQUIRE(client);
    pump(*client, *c, f.now);
    REQUIRE(c->phase() == Connection::Phase::request);
    const auto deadline = c->deadline();
    CHECK(deadline == f.now + 30s);
    REQUIRE(client->write(tlsx::test::bytes_of("G")));
    pump(*client, *c, f.now + 20s);
    CHECK(c->deadline() == deadline);
    c->on_deadline(deadline);
    CHECK(c->phase() == Connection::Phase::done);
    CHECK(f.temp.lines().size() == 1);  // the capture was already stored at the handshake
  }
  SECTION("shutdown records a hello in flight") {
    auto c = f.connection();
    c->on_bytes(client_hello_record(), f.now);
    CHECK(c->phase() == Connection::Phase::handshake);
    c->on_shutdown();
    CHECK(c->capture()["outcome"]["result"] == "shutdown");
    CHECK(c->capture()["tls"].contains("ja4"));
  }
}
