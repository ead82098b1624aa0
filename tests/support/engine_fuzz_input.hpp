// The input format and the run of the engine fuzzers (fuzz/server_engine_fuzz.cpp,
// fuzz/client_engine_fuzz.cpp), shared with the test that keeps their seed corpora valid.
//
// Input: byte 0 picks the scenario (index modulo scenarios().size(), see recorded_handshake.hpp);
// the rest is a sequence of frames, each a 2-byte big-endian length and that many bytes, and
// each frame goes to the engine in one feed() call, so the fuzzer controls how records are split
// across reads. A last frame shorter than its length is fed as it is. A seed made of recorded
// peer flights (one frame per flight) completes the handshake.
#pragma once

#include <cstddef>
#include <cstdint>
#include <functional>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "support/recorded_handshake.hpp"
#include "tlsx/error.hpp"

namespace tlsx::test {

struct FuzzInput {
  std::size_t scenario = 0;
  std::vector<std::span<const std::uint8_t>> frames;
};
/// The first byte picks one of scenario_count scenarios.
FuzzInput parse_fuzz_input(std::span<const std::uint8_t> data, std::size_t scenario_count);
Bytes encode_fuzz_input(std::size_t scenario, const std::vector<Bytes>& frames);

struct FuzzRun {
  bool completed = false;                ///< the handshake finished
  std::optional<Error> error;            ///< the engine's final error, if any
  std::size_t plaintext_read = 0;        ///< application data read after the handshake
  std::optional<std::string> violation;  ///< a broken invariant (the fuzzer aborts on it)
};

/// Feeds the frames to a fresh engine of `role`, reads any application data, echoes a little
/// back once the handshake is done, and ends the input. Checks: an error never carries
/// internal_error (peer bytes cannot be tlsx's fault) and a locally detected error leaves a fatal
/// alert record at the end of the engine's output.
/// `list`: the scenarios the input's first byte chooses from (default: scenarios()).
FuzzRun run_engine_fuzz_input(Role role, std::span<const std::uint8_t> data,
                              std::span<const Scenario> list = scenarios());

/// The same run with engines from `make` (scenario index, a provider it may reseed), for fuzzers
/// whose engines need more than a Scenario (resumption_scenarios.hpp).
using EngineFactory = std::function<Result<Engine>(std::size_t, crypto::SeededProvider&)>;
FuzzRun run_engine_fuzz_input(std::span<const std::uint8_t> data, std::size_t scenario_count,
                              const EngineFactory& make);

}  // namespace tlsx::test
