// Ephemeral ECDH for the ECDHE key exchanges (RFC 8422 §5.4, §5.7, §5.10): one key pair type and
// one shared-secret function over every group tlsx implements, so the handshake code does not
// care which curve was negotiated.
//
// x25519 (RFC 7748) goes through the crypto provider; secp256r1 and secp384r1 through tlsx's own
// constant-time P-256/P-384 code (src/crypto/ec.hpp). NIST points travel uncompressed only
// (0x04 || X || Y, RFC 8422 §5.1.2: compressed formats are deprecated) and are validated before
// use: a point with the wrong length or format byte is decode_error, one off the curve is
// illegal_parameter (RFC 8422 §5.11 asks receivers to check that points are on the curve).
#pragma once

#include <cstdint>
#include <span>
#include <vector>

#include "handshake/code_points.hpp"
#include "tlsx/crypto/provider.hpp"
#include "tlsx/error.hpp"
#include "tlsx/secret.hpp"

namespace tlsx::handshake {

/// True for the groups tlsx can run ECDHE over: x25519, secp256r1, secp384r1.
[[nodiscard]] bool ecdhe_group_implemented(NamedGroup group) noexcept;

/// One side's ephemeral key pair; the private half is wiped with the object.
struct EcdheKeyPair {
  NamedGroup group{};
  SecretBytes private_key;
  std::vector<std::uint8_t> public_key;  ///< as sent: 32 bytes (x25519), 65 / 97 (uncompressed)
};

/// A fresh key pair on group (ErrorCode::invalid_argument for a group tlsx does not implement).
[[nodiscard]] Result<EcdheKeyPair> generate_ecdhe_key(const crypto::Provider& provider,
                                                      NamedGroup group);

/// The pre-master secret with the peer's public value (RFC 8422 §5.10: the x-coordinate for the
/// NIST curves, the X25519 output for x25519). Malformed values are decode_error; off-curve or
/// low-order ones illegal_parameter.
[[nodiscard]] Result<SecretBytes> ecdhe_shared_secret(const crypto::Provider& provider,
                                                      const EcdheKeyPair& own,
                                                      std::span<const std::uint8_t> peer_public);

}  // namespace tlsx::handshake
