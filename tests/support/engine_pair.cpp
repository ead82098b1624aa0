#include "support/engine_pair.hpp"

#include <algorithm>
#include <stdexcept>

#include <catch2/catch.hpp>

#include "support/test_support.hpp"

namespace tlsx::test {
namespace {

std::string pki_path(const char* name) {
  return std::string(TLSX_TEST_DATA_DIR) + "/pki/" + name;
}

/// Moves what `from` has queued into `to`; returns bytes moved.
std::size_t move_bytes(Engine& from, Engine& to, std::size_t chunk) {
  std::size_t moved = 0;
  while (!from.pending_output().empty()) {
    auto out = from.pending_output();
    const std::size_t n = chunk == 0 ? out.size() : std::min(chunk, out.size());
    std::vector<std::uint8_t> piece(out.begin(), out.begin() + static_cast<std::ptrdiff_t>(n));
    from.consume_output(n);
    moved += n;
    if (to.status().failed) continue;  // drop what a failed engine cannot take
    (void)to.feed(piece);
  }
  return moved;
}

}  // namespace

const TestPki& test_pki() {
  static const TestPki pki = [] {
    auto server = CertifiedKey::from_pem_files(pki_path("server.pem"), pki_path("server.key"));
    auto trust = TrustStore::from_pem_file(pki_path("ca.pem"));
    if (!server || !trust) throw std::runtime_error("cannot load tests/data/pki");
    return TestPki{std::move(*server), std::make_shared<const TrustStore>(std::move(*trust))};
  }();
  return pki;
}

ServerConfig default_server_config() {
  ServerConfig config;
  config.certificates.push_back(test_pki().server);
  return config;
}

ClientConfig default_client_config() {
  ClientConfig config;
  config.trust = test_pki().trust;
  return config;
}

bool pump(Engine& client, Engine& server, std::size_t chunk) {
  for (int round = 0; round < 10000; ++round) {
    const std::size_t moved = move_bytes(client, server, chunk) + move_bytes(server, client, chunk);
    if (moved == 0) break;
  }
  return !client.status().failed && !server.status().failed;
}

Connection connect(const ClientConfig& client_config, const ServerConfig& server_config,
                   const std::string& server_name, std::size_t chunk) {
  Connection c;
  auto client = Engine::client(client_config, server_name);
  auto server = Engine::server(server_config);
  if (!client || !server) return c;
  c.client = std::make_unique<Engine>(std::move(*client));
  c.server = std::make_unique<Engine>(std::move(*server));
  c.ok = pump(*c.client, *c.server, chunk) && c.client->status().handshake_done &&
         c.server->status().handshake_done;
  return c;
}

std::vector<std::uint8_t> transfer(Engine& from, Engine& to, Engine& client, Engine& server,
                                   const std::vector<std::uint8_t>& data, std::size_t chunk) {
  std::vector<std::uint8_t> received;
  std::size_t written = 0;
  std::vector<std::uint8_t> buf(64 * 1024);
  while (written < data.size() || to.status().can_read) {
    if (written < data.size()) {
      const std::size_t n = std::min<std::size_t>(data.size() - written, 256 * 1024);
      auto w = from.write(std::span(data).subspan(written, n));
      if (!w) break;
      written += *w;
    }
    pump(client, server, chunk);
    for (;;) {
      auto r = to.read(buf);
      if (!r || *r == 0) break;
      received.insert(received.end(), buf.begin(), buf.begin() + static_cast<std::ptrdiff_t>(*r));
    }
    if (from.status().failed || to.status().failed) break;
  }
  return received;
}

void check_refused(const Connection& c, AlertDescription alert) {
  REQUIRE_FALSE(c.ok);
  REQUIRE(c.server->error() != nullptr);
  CHECK(c.server->error()->origin == Origin::local);
  CHECK(c.server->error()->alert == alert);
  REQUIRE(c.client->error() != nullptr);
  CHECK(c.client->error()->origin == Origin::peer);
  CHECK(c.client->error()->alert == alert);
}

}  // namespace tlsx::test
