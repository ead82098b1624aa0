// Fuzzes a server Engine with arbitrary client bytes: a fresh engine per input, deterministic
// randomness (SeededProvider) and a fixed clock, the test PKI's certificate. The input format
// (scenario byte, then length-prefixed frames fed one per feed() call) and the invariants checked
// are in tests/support/engine_fuzz_input.hpp. Seeds (fuzz/corpus/server_engine/): recorded client
// flights that complete the handshake, real ClientHellos; see fuzz/corpus/ENGINE_SEEDS.md.
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <span>

#include "support/engine_fuzz_input.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const auto run = tlsx::test::run_engine_fuzz_input(tlsx::test::Role::server,
                                                     std::span<const std::uint8_t>(data, size));
  if (run.violation) {
    (void)std::fprintf(stderr, "server_engine_fuzz: %s\n", run.violation->c_str());
    std::abort();
  }
  return 0;
}
