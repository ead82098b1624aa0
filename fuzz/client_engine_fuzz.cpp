// Fuzzes a client Engine with arbitrary server bytes: a fresh engine per input, deterministic
// randomness (SeededProvider) and a fixed clock, the test PKI's trust anchor. The input format
// (scenario byte, then length-prefixed frames fed one per feed() call) and the invariants checked
// are in tests/support/engine_fuzz_input.hpp. Seeds (fuzz/corpus/client_engine/): recorded server
// flights that complete the handshake; see fuzz/corpus/ENGINE_SEEDS.md.
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <span>

#include "support/engine_fuzz_input.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const auto run = tlsx::test::run_engine_fuzz_input(tlsx::test::Role::client,
                                                     std::span<const std::uint8_t>(data, size));
  if (run.violation) {
    (void)std::fprintf(stderr, "client_engine_fuzz: %s\n", run.violation->c_str());
    std::abort();
  }
  return 0;
}
