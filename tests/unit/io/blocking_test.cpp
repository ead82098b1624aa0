// BlockingConnection and the TCP helpers over real loopback sockets: handshake, data both ways
// (1 MiB, so that sends block and resume), close_notify, truncation, timeouts, a failed handshake
// whose alert reaches the peer, and socket errors.
#include <catch2/catch.hpp>

#include <chrono>
#include <functional>
#include <optional>
#include <string>
#include <thread>
#include <vector>

#include "support/engine_pair.hpp"
#include "tlsx/io/blocking.hpp"

namespace {

using namespace std::chrono_literals;
using tlsx::ErrorCode;
using tlsx::io::BlockingConnection;

struct Listener {
  tlsx::io::UniqueFd fd;
  std::uint16_t port = 0;
};

Listener listen_loopback() {
  auto fd = tlsx::io::listen_tcp("127.0.0.1", 0);
  REQUIRE(fd);
  auto port = tlsx::io::local_port(fd->get());
  REQUIRE(port);
  REQUIRE(*port != 0);
  return {std::move(*fd), *port};
}

/// Runs server_side on an accepted connection in a thread while client_side runs here.
void with_pair(const tlsx::ServerConfig& server_config, const tlsx::ClientConfig& client_config,
               const std::function<void(BlockingConnection&)>& server_side,
               const std::function<void(BlockingConnection&)>& client_side,
               std::chrono::milliseconds timeout = 5000ms) {
  Listener listener = listen_loopback();
  std::thread server([&] {
    auto accepted = tlsx::io::accept_tcp(listener.fd.get(), 5000ms);
    if (!accepted) return;
    auto engine = tlsx::Engine::server(server_config);
    if (!engine) return;
    BlockingConnection conn(std::move(*engine), std::move(accepted->fd), timeout);
    server_side(conn);
  });
  auto fd = tlsx::io::connect_tcp("127.0.0.1", listener.port, 5000ms);
  REQUIRE(fd);
  auto engine = tlsx::Engine::client(client_config, "localhost");
  REQUIRE(engine);
  BlockingConnection conn(std::move(*engine), std::move(*fd), timeout);
  client_side(conn);
  server.join();
}

std::string read_exactly(BlockingConnection& conn, std::size_t n) {
  std::string out;
  std::vector<std::uint8_t> buf(64 * 1024);
  while (out.size() < n) {
    auto got = conn.read_some(buf);
    if (!got || *got == 0) break;
    out.append(reinterpret_cast<const char*>(buf.data()), *got);
  }
  return out;
}

}  // namespace

TEST_CASE("handshake, 1 MiB each way, close_notify ends reads with 0", "[io]") {
  const std::string big(1 << 20, 'x');
  std::string server_got;
  bool server_saw_close = false;
  with_pair(
      tlsx::test::default_server_config(), tlsx::test::default_client_config(),
      [&](BlockingConnection& conn) {
        if (!conn.handshake()) return;
        server_got = read_exactly(conn, big.size());
        if (!conn.write_all(big)) return;
        std::vector<std::uint8_t> buf(16);
        auto end = conn.read_some(buf);
        server_saw_close = end && *end == 0;
        (void)conn.close();
      },
      [&](BlockingConnection& conn) {
        REQUIRE(conn.handshake());
        REQUIRE(conn.engine().negotiated() != nullptr);
        CHECK(conn.engine().negotiated()->extended_master_secret);
        REQUIRE(conn.write_all(big));
        CHECK(read_exactly(conn, big.size()) == big);
        REQUIRE(conn.close());
      });
  CHECK(server_got == big);
  CHECK(server_saw_close);
}

TEST_CASE("end of stream without close_notify is truncation", "[io]") {
  std::optional<tlsx::Error> error;
  with_pair(
      tlsx::test::default_server_config(), tlsx::test::default_client_config(),
      [&](BlockingConnection& conn) {
        if (!conn.handshake()) return;
        (void)conn.write_all(std::string_view("partial"));
        // Destroyed without close(): the socket closes, no close_notify.
      },
      [&](BlockingConnection& conn) {
        REQUIRE(conn.handshake());
        CHECK(read_exactly(conn, 7) == "partial");
        std::vector<std::uint8_t> buf(16);
        auto next = conn.read_some(buf);
        REQUIRE_FALSE(next);
        error = next.error();
      });
  REQUIRE(error);
  CHECK(error->code == ErrorCode::truncated);
}

TEST_CASE("a read times out, and the connection still works afterwards", "[io]") {
  std::optional<tlsx::Error> timeout_error;
  std::string after;
  with_pair(
      tlsx::test::default_server_config(), tlsx::test::default_client_config(),
      [&](BlockingConnection& conn) {
        if (!conn.handshake()) return;
        std::vector<std::uint8_t> buf(16);
        (void)conn.read_some(buf);  // waits for the client's "go"
        (void)conn.write_all(std::string_view("late"));
        (void)conn.close();
      },
      [&](BlockingConnection& conn) {
        REQUIRE(conn.handshake());
        conn.set_timeout(100ms);
        std::vector<std::uint8_t> buf(16);
        auto nothing = conn.read_some(buf);
        REQUIRE_FALSE(nothing);
        timeout_error = nothing.error();
        conn.set_timeout(5000ms);
        REQUIRE(conn.write_all(std::string_view("go")));
        after = read_exactly(conn, 4);
      });
  REQUIRE(timeout_error);
  CHECK(timeout_error->code == ErrorCode::timeout);
  CHECK(after == "late");
}

TEST_CASE("a failed handshake sends its alert to the peer", "[io]") {
  auto client_config = tlsx::test::default_client_config();
  client_config.trust = std::make_shared<const tlsx::TrustStore>();  // trusts nothing
  std::optional<tlsx::Error> server_error;
  std::optional<tlsx::Error> client_error;
  with_pair(
      tlsx::test::default_server_config(), client_config,
      [&](BlockingConnection& conn) {
        auto done = conn.handshake();
        if (!done) server_error = done.error();
      },
      [&](BlockingConnection& conn) {
        auto done = conn.handshake();
        if (!done) client_error = done.error();
      });
  REQUIRE(client_error);
  CHECK(client_error->alert == tlsx::AlertDescription::unknown_ca);
  CHECK(client_error->origin == tlsx::Origin::local);
  REQUIRE(server_error);
  CHECK(server_error->code == ErrorCode::peer_alert);
  CHECK(server_error->alert == tlsx::AlertDescription::unknown_ca);
}

TEST_CASE("socket helpers report errors as io/timeout", "[io]") {
  Listener listener = listen_loopback();
  SECTION("accept times out") {
    auto accepted = tlsx::io::accept_tcp(listener.fd.get(), 50ms);
    REQUIRE_FALSE(accepted);
    CHECK(accepted.error().code == ErrorCode::timeout);
  }
  SECTION("connecting to a closed port is refused") {
    const std::uint16_t port = listener.port;
    listener.fd.reset();
    auto fd = tlsx::io::connect_tcp("127.0.0.1", port, 2000ms);
    REQUIRE_FALSE(fd);
    CHECK(fd.error().code == ErrorCode::io);
    CHECK(fd.error().detail.find("refused") != std::string::npos);
  }
  SECTION("binding a port in use") {
    auto again = tlsx::io::listen_tcp("127.0.0.1", listener.port);
    REQUIRE_FALSE(again);
    CHECK(again.error().code == ErrorCode::io);
  }
}

TEST_CASE("UniqueFd closes once and hands ownership over", "[io]") {
  auto listener = tlsx::io::listen_tcp("127.0.0.1", 0);
  REQUIRE(listener);
  tlsx::io::UniqueFd moved = std::move(*listener);
  CHECK_FALSE(listener->valid());
  REQUIRE(moved.valid());
  const int raw = moved.release();
  CHECK_FALSE(moved.valid());
  tlsx::io::UniqueFd again(raw);
  CHECK(again.get() == raw);
}
