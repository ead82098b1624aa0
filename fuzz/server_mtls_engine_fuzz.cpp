// Fuzzes a server Engine that requires a client certificate (ClientAuth::require, the test PKI's
// CA as client trust) with arbitrary client bytes, as server_engine_fuzz does for the plain
// handshake: the client's Certificate and CertificateVerify parsing, chain verification and
// signature check. Seeds (fuzz/corpus/server_mtls_engine/): recorded mutual-TLS client flights
// that complete the handshake; see fuzz/corpus/ENGINE_SEEDS.md.
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <span>

#include "support/engine_fuzz_input.hpp"
#include "support/recorded_handshake.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const auto run = tlsx::test::run_engine_fuzz_input(tlsx::test::Role::server,
                                                     std::span<const std::uint8_t>(data, size),
                                                     tlsx::test::client_auth_scenarios());
  if (run.violation) {
    (void)std::fprintf(stderr, "server_mtls_engine_fuzz: %s\n", run.violation->c_str());
    std::abort();
  }
  return 0;
}
