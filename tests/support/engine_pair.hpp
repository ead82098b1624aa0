// In-memory client <-> server connections for engine tests: two Engines whose output is moved
// into each other's input, optionally cut into small pieces.
#pragma once

#include <cstddef>
#include <memory>
#include <string>
#include <vector>

#include "tlsx/config.hpp"
#include "tlsx/engine.hpp"

namespace tlsx::test {

/// The test PKI in tests/data/pki (root CA + server certificate for localhost/example.com).
struct TestPki {
  CertifiedKey server;
  std::shared_ptr<const TrustStore> trust;
};
const TestPki& test_pki();

ServerConfig default_server_config();
ClientConfig default_client_config();

/// Moves bytes between the two engines until neither has anything to send. `chunk` limits how
/// many bytes move per feed() call (0: everything at once). Returns false if an engine failed.
bool pump(Engine& client, Engine& server, std::size_t chunk = 0);

/// Makes both engines and runs the handshake to completion (or failure).
struct Connection {
  std::unique_ptr<Engine> client;
  std::unique_ptr<Engine> server;
  bool ok = false;
};
Connection connect(const ClientConfig& client_config, const ServerConfig& server_config,
                   const std::string& server_name = "localhost", std::size_t chunk = 0);

/// Checks (Catch2) that the server refused the handshake with `alert` and the client received it.
void check_refused(const Connection& c, AlertDescription alert);

/// Writes data on `from`, pumps, and reads everything `to` received.
std::vector<std::uint8_t> transfer(Engine& from, Engine& to, Engine& client, Engine& server,
                                   const std::vector<std::uint8_t>& data, std::size_t chunk = 0);

}  // namespace tlsx::test
