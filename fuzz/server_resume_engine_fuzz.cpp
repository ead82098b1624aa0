// Fuzzes a server Engine that resumes sessions: a session cache filled with the sessions of
// earlier full handshakes and RFC 5077 ticket keys (tests/support/resumption_scenarios.hpp, all
// deterministic: seeded providers, fixed clock). Arbitrary client bytes reach the session ID
// lookup, the ticket decryption and parsing, the resumability checks (suite, SNI, EMS) and the
// abbreviated handshake's Finished exchange, with the invariants of server_engine_fuzz. Seeds
// (fuzz/corpus/server_resume_engine/): recorded client flights of resumed handshakes by session ID
// and by ticket; see fuzz/corpus/ENGINE_SEEDS.md.
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <span>

#include "support/resumption_scenarios.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const auto run = tlsx::test::run_resumption_fuzz_input(std::span<const std::uint8_t>(data, size));
  if (run.violation) {
    (void)std::fprintf(stderr, "server_resume_engine_fuzz: %s\n", run.violation->c_str());
    std::abort();
  }
  return 0;
}
