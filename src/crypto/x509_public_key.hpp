// SubjectPublicKeyInfo (RFC 5280 §4.1.2.7; RFC 3279 §2.3.1 for RSA, RFC 5480 for EC):
//
//   SubjectPublicKeyInfo ::= SEQUENCE { algorithm AlgorithmIdentifier, subjectPublicKey BIT STRING
//   } RSAPublicKey ::= SEQUENCE { modulus INTEGER, publicExponent INTEGER }   -- in the BIT STRING
//   id-ecPublicKey: parameters ECParameters (namedCurve), BIT STRING = the ECPoint's octets
#pragma once

#include <optional>
#include <string>

#include "crypto/der.hpp"
#include "crypto/ec.hpp"
#include "crypto/rsa.hpp"
#include "tlsx/error.hpp"

namespace tlsx::crypto {

enum class PublicKeyType : std::uint8_t { rsa, ec, eddsa, other };

struct PublicKeyInfo {
  PublicKeyType type = PublicKeyType::other;
  der::Bytes encoding;      ///< the whole SubjectPublicKeyInfo
  der::Bytes rsa_modulus;   ///< rsa: unsigned big-endian, no leading zero octet
  der::Bytes rsa_exponent;  ///< rsa: unsigned big-endian, no leading zero octet
  std::size_t bits = 0;     ///< rsa: modulus size in bits; ec: field size of a known curve
  /// ec: the curve when it is one tlsx implements (P-256, P-384); unset for other named curves
  /// and explicit parameters.
  std::optional<ec::Curve> ec_curve;
  der::Bytes ec_point;      ///< ec: the subjectPublicKey octets (an ECPoint), not yet validated
  std::string description;  ///< "RSA 2048", "EC secp256r1", "Ed25519" or the algorithm's OID
};

/// Reads a SubjectPublicKeyInfo. RSA keys are taken apart (modulus and exponent must be
/// positive, rsaEncryption parameters NULL); EC keys are recognised, with their curve and point
/// (validated only by to_ec_public_key); EdDSA keys are recognised but kept opaque;
/// other algorithms are kept as "other". Key validity (odd modulus, exponent range) is left to
/// RsaPublicKey::make, which the verifier calls.
[[nodiscard]] bool parse_public_key_info(der::Reader& r, PublicKeyInfo& out);

/// The RSA key of an rsa PublicKeyInfo, e.g. a server certificate's key for checking its
/// ServerKeyExchange signature. Other key types fail with ErrorCode::certificate and alert
/// unsupported_certificate; an invalid RSA key (even modulus, e = 1, ...) with bad_certificate.
Result<RsaPublicKey> to_rsa_public_key(const PublicKeyInfo& key);

/// An EC public key: a supported curve and a point checked to be on it (uncompressed, not the
/// point at infinity). The point is a view into the certificate.
struct EcPublicKey {
  ec::Curve curve = ec::Curve::p256;
  der::Bytes point;
};

/// The EC key of an ec PublicKeyInfo. Other key types, other curves (P-521, brainpool, ...) and
/// explicit parameters fail with ErrorCode::certificate and alert unsupported_certificate; a
/// point that is not on the curve (or compressed, or malformed) with bad_certificate.
Result<EcPublicKey> to_ec_public_key(const PublicKeyInfo& key);

}  // namespace tlsx::crypto
