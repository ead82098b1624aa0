// Elliptic curves P-256 (secp256r1) and P-384 (secp384r1): key generation, ECDH and ECDSA.
// This is the interface the rest of tlsx (keys, certificates, the handshake) uses.
//
// Points cross this interface in the uncompressed SEC 1 encoding 0x04 || X || Y (the only form
// TLS allows, RFC 8422 §5.1.2); scalars are unsigned big-endian, exactly scalar_size() bytes.
// Every operation on a secret scalar (key generation, public_key, ecdh, ecdsa_sign) runs in
// time independent of the scalar's value; verification works on public data only.
// Implementation: src/crypto/ec_*.cpp, ecdh.cpp, ecdsa*.cpp.
#pragma once

#include <cstddef>
#include <cstdint>
#include <span>
#include <vector>

#include "tlsx/crypto/provider.hpp"
#include "tlsx/error.hpp"
#include "tlsx/secret.hpp"

namespace tlsx::crypto::ec {

/// The supported NIST prime curves.
enum class Curve : std::uint8_t { p256, p384 };

/// Bytes of a scalar or field element: 32 (P-256) or 48 (P-384).
[[nodiscard]] std::size_t scalar_size(Curve curve) noexcept;
/// Bytes of an uncompressed point 0x04 || X || Y: 65 (P-256) or 97 (P-384).
[[nodiscard]] std::size_t point_size(Curve curve) noexcept;

/// Accepts an uncompressed point that lies on the curve (and so is not the point at infinity,
/// which has no such encoding). Fails with ErrorCode::decode (alert decode_error) for a wrong
/// length or format byte (compressed and hybrid points included), ErrorCode::illegal_parameter
/// when a coordinate is >= p or the point is not on the curve.
Result<void> validate_public_point(Curve curve, std::span<const std::uint8_t> point);

/// A uniformly random private scalar in [1, n-1] (rejection sampling over provider.random()).
Result<SecretBytes> generate_private_key(Curve curve, const Provider& provider);

/// The uncompressed public point d*G for the private scalar d (scalar_size() bytes). Fails with
/// ErrorCode::invalid_argument for a wrong length and ErrorCode::illegal_parameter unless
/// 1 <= d < n. Constant time in d.
Result<std::vector<std::uint8_t>> public_key(Curve curve,
                                             std::span<const std::uint8_t> private_scalar);

/// ECDH (SEC 1 §3.3.1): validates peer_point as validate_public_point does, then returns the
/// X coordinate of d*Q (scalar_size() bytes). Constant time in d. The result cannot be the point
/// at infinity for a valid point on these prime-order curves; it is checked anyway
/// (ErrorCode::crypto, alert illegal_parameter).
Result<SecretBytes> ecdh(Curve curve, std::span<const std::uint8_t> private_scalar,
                         std::span<const std::uint8_t> peer_point);

/// ECDSA signature over a precomputed digest (any length; the leftmost bits are used per SEC 1
/// §4.1.3) as a DER Ecdsa-Sig-Value. The nonce is RFC 6979 deterministic, hedged with 32 bytes
/// of provider.random() as extra input (RFC 6979 §3.6); constant time in the key and nonce.
Result<std::vector<std::uint8_t>> ecdsa_sign(Curve curve,
                                             std::span<const std::uint8_t> private_scalar,
                                             std::span<const std::uint8_t> digest,
                                             const Provider& provider);

/// Verifies a DER Ecdsa-Sig-Value over digest. Strict DER: minimal INTEGERs, no trailing bytes,
/// 0 < r, s < n. Fails with ErrorCode::decrypt_error on a wrong signature, ErrorCode::decode on
/// malformed DER, ErrorCode::illegal_parameter on an invalid public point.
Result<void> ecdsa_verify(Curve curve, std::span<const std::uint8_t> public_point,
                          std::span<const std::uint8_t> digest,
                          std::span<const std::uint8_t> der_signature);

}  // namespace tlsx::crypto::ec
