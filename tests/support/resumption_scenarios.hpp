// Deterministic resumed handshakes, for the server resumption fuzzer
// (fuzz/server_resume_engine_fuzz.cpp) and the test that keeps its seeds valid.
//
// Each scenario first runs one full handshake between the deterministic engines of
// recorded_handshake.hpp, with a server that has a session cache and ticket keys (both made
// deterministically: seeded provider, fixed clock). That primes what a resuming server knows (its
// cache entries, its ticket keys) and what a resuming client holds (the Session). A fresh server
// from make_resuming_server() gets a fresh cache filled with the primed entries and the same
// ticket keys, so the recorded client flights of a resumed handshake replay byte for byte.
//
// No Catch2 here: the fuzz build (clang, tests off) compiles this file too.
#pragma once

#include <cstddef>
#include <span>
#include <string_view>

#include "support/engine_fuzz_input.hpp"
#include "support/recorded_handshake.hpp"

namespace tlsx::test {

struct ResumptionScenario {
  Scenario base;  ///< suite, EMS, ETM (name: the scenario's own)
  bool ticket;    ///< resume by ticket (the cache is still filled); else by session ID
};

/// By session ID: ECDHE_RSA AES-128-GCM, RSA AES-128-CBC-SHA256. By ticket: ECDHE_RSA
/// AES-128-GCM, ECDHE_RSA AES-128-CBC-SHA (ETM).
std::span<const ResumptionScenario> resumption_scenarios();

/// A server with the primed cache entries (in a fresh cache) and the primed ticket keys.
Result<Engine> make_resuming_server(std::size_t scenario, crypto::SeededProvider& provider);
/// A client offering the primed session (its ID, and its ticket for ticket scenarios).
Result<Engine> make_resuming_client(std::size_t scenario, crypto::SeededProvider& provider);

/// A resumed handshake between the two (Recording::ok also requires both to say resumed).
Recording record_resumed_handshake(std::size_t scenario);

/// run_engine_fuzz_input with make_resuming_server; the first byte picks the scenario.
FuzzRun run_resumption_fuzz_input(std::span<const std::uint8_t> data);

}  // namespace tlsx::test
