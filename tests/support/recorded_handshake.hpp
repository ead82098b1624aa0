// Deterministic recorded handshakes, shared by the engine mutation test and the engine fuzzers.
//
// Both roles draw their randomness from a SeededProvider with a fixed seed and read a fixed
// clock, so a fresh engine made with make_engine() behaves byte for byte like the one recorded:
// fed the recorded peer flights, it sends the same messages and accepts the peer's signatures and
// Finished all the way to the end of the handshake. That is what lets a mutation test change one
// record and attribute the outcome to that change alone, and what lets a fuzzer start from seeds
// that reach every state.
//
// No Catch2 here: the fuzz build (clang, tests off) compiles this file too.
#pragma once

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <span>
#include <string_view>
#include <vector>

#include "tlsx/code_points.hpp"
#include "tlsx/config.hpp"
#include "tlsx/crypto/seeded_provider.hpp"
#include "tlsx/engine.hpp"
#include "tlsx/handshake_type.hpp"

namespace tlsx::test {

enum class Role : std::uint8_t { client, server };

/// One fixed handshake configuration: the client offers only `suite`; the server accepts all of
/// tlsx's default suites.
struct Scenario {
  std::string_view name;
  CipherSuite suite;
  bool ems = true;  ///< extended master secret offered (and accepted) by both
  bool etm = true;  ///< encrypt-then-MAC offered (and accepted) by both
  /// The server requires a client certificate; the client sends the test PKI's client.pem.
  bool client_auth = false;
};

/// The recorded scenarios: ECDHE_RSA with AES-GCM (plus SNI and ALPN), ECDHE_RSA with CBC (EMS,
/// ETM), RSA key exchange with GCM and with CBC (the latter without EMS and ETM, so
/// MAC-then-encrypt and the classic master secret are replayed as well).
std::span<const Scenario> scenarios();
/// Mutual TLS scenarios (ECDHE_RSA with AES-GCM, RSA key exchange with CBC), for the server
/// fuzzer with client authentication.
std::span<const Scenario> client_auth_scenarios();

inline constexpr std::uint64_t kClientSeed = 0x7c11e47;
inline constexpr std::uint64_t kServerSeed = 0x5e77e7;
/// The server name the client asks for (a SAN of the test PKI's server certificate).
inline constexpr std::string_view kServerName = "localhost";

/// 2027-01-01T00:00:00Z, inside the test PKI's validity.
std::chrono::system_clock::time_point fixed_time();

/// The configurations make_client/make_server use (provider reseeded as there), for variants
/// that add to them (tests/support/resumption_scenarios.cpp).
ClientConfig client_config(const Scenario& scenario, crypto::SeededProvider& provider);
ServerConfig server_config(const Scenario& scenario, crypto::SeededProvider& provider);

/// Fresh deterministic engines. `provider` is borrowed (it must outlive the engine) and is
/// reseeded with the role's seed here, so pass the same object again for the next replay.
Result<Engine> make_client(const Scenario& scenario, crypto::SeededProvider& provider);
Result<Engine> make_server(const Scenario& scenario, crypto::SeededProvider& provider);
Result<Engine> make_engine(Role role, const Scenario& scenario, crypto::SeededProvider& provider);

using Bytes = std::vector<std::uint8_t>;

/// What one side sent in one go, as whole TLS records in order.
struct Flight {
  std::vector<Bytes> records;
  [[nodiscard]] Bytes joined() const;
};

/// A complete handshake between a client and a server made by make_client/make_server.
struct Recording {
  bool ok = false;
  std::vector<Flight> client_flights;  ///< ClientHello; ClientKeyExchange, CCS, Finished
  std::vector<Flight> server_flights;  ///< ServerHello .. ServerHelloDone; CCS, Finished
  [[nodiscard]] const std::vector<Flight>& sent_by(Role role) const {
    return role == Role::client ? client_flights : server_flights;
  }
};
Recording record_handshake(const Scenario& scenario);
/// Ping-pongs whole flights between two fresh engines until neither has output; ok when both
/// finished the handshake without failing.
Recording record_flights(Engine& client, Engine& server);

/// Cuts a byte stream into records by their 5-byte headers; a trailing partial record is kept
/// as the last element.
std::vector<Bytes> split_records(std::span<const std::uint8_t> stream);

/// A short name for a record as seen on the wire: "client_hello", "change_cipher_spec", ... and
/// "encrypted" for protected records (the Finished).
std::string_view record_label(std::span<const std::uint8_t> record, bool protected_record);

}  // namespace tlsx::test
