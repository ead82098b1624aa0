// The TLS 1.2 pseudo-random function (RFC 5246 §5): the only piece of TLS that src/crypto knows.
//
//   P_hash(secret, seed) = HMAC_hash(secret, A(1) + seed) + HMAC_hash(secret, A(2) + seed) + ...
//     A(0) = seed,  A(i) = HMAC_hash(secret, A(i-1))
//   PRF(secret, label, seed) = P_<hash>(secret, label + seed)
//
// TLS 1.2 suites use SHA-256 (or SHA-384 for *_SHA384 suites); P_hash works with any hash whose
// HMAC the provider offers. Output of any length; the last block is truncated.
#pragma once

#include <span>
#include <string_view>

#include "tlsx/crypto/provider.hpp"
#include "tlsx/error.hpp"

namespace tlsx::crypto {

/// Fills out with P_hash(secret, seed) (RFC 5246 §5). Fails only when the provider lacks
/// HMAC over alg (ErrorCode::unsupported).
[[nodiscard]] Result<void> p_hash(const Provider& provider, HashAlgorithm alg, Bytes secret,
                                  Bytes seed, MutableBytes out);

/// Fills out with PRF(secret, label, seed) = P_hash(secret, label + seed) (RFC 5246 §5). label is
/// the ASCII string without a terminating NUL.
[[nodiscard]] Result<void> prf(const Provider& provider, HashAlgorithm alg, Bytes secret,
                               std::string_view label, Bytes seed, MutableBytes out);

/// As prf(), with the seed given as pieces that are concatenated in order (e.g. client_random,
/// server_random), so callers need not build the concatenation.
[[nodiscard]] Result<void> prf(const Provider& provider, HashAlgorithm alg, Bytes secret,
                               std::string_view label, std::span<const Bytes> seed_parts,
                               MutableBytes out);

}  // namespace tlsx::crypto
