// ECDSA signing with the RFC 6979 extra input given explicitly: ecdsa_sign() passes 32 random
// bytes; tests pass an empty span to reproduce RFC 6979's deterministic vectors.
#pragma once

#include <cstdint>
#include <span>
#include <vector>

#include "crypto/ec.hpp"

namespace tlsx::crypto::ec {

/// As ecdsa_sign(), with `extra` as the RFC 6979 §3.6 additional input k' (may be empty). The
/// HMAC comes from provider (SHA-256 for P-256, SHA-384 for P-384); provider.random() is unused.
Result<std::vector<std::uint8_t>> ecdsa_sign_with_extra(
    Curve curve, std::span<const std::uint8_t> private_scalar, std::span<const std::uint8_t> digest,
    const Provider& provider, std::span<const std::uint8_t> extra);

}  // namespace tlsx::crypto::ec
