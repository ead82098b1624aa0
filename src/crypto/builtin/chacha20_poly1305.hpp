// ChaCha20-Poly1305 over explicitly chosen kernels. make_chacha20_poly1305() (builtin.hpp) picks
// them from the CPU; tests and benchmarks use this to cover every combination the CPU can run.
#pragma once

#include <memory>

#include "crypto/builtin/chacha20.hpp"
#include "crypto/builtin/poly1305.hpp"
#include "tlsx/crypto/provider.hpp"

namespace tlsx::crypto::builtin {

/// key: 32 bytes. Both kernels must be available on this CPU (else ErrorCode::unsupported).
[[nodiscard]] Result<std::unique_ptr<Aead>> make_chacha20_poly1305_with(Bytes key,
                                                                        ChaCha20Kernel chacha,
                                                                        Poly1305Kernel poly);

}  // namespace tlsx::crypto::builtin
