// SubjectPublicKeyInfo (RFC 5280 §4.1.2.7; RFC 3279 §2.3.1 for RSA, RFC 5480 for EC):
//
//   SubjectPublicKeyInfo ::= SEQUENCE { algorithm AlgorithmIdentifier, subjectPublicKey BIT STRING
//   } RSAPublicKey ::= SEQUENCE { modulus INTEGER, publicExponent INTEGER }   -- in the BIT STRING
#pragma once

#include <string>

#include "crypto/der.hpp"
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
  std::string description;  ///< "RSA 2048", "EC secp256r1", "Ed25519" or the algorithm's OID
};

/// Reads a SubjectPublicKeyInfo. RSA keys are taken apart (modulus and exponent must be
/// positive, rsaEncryption parameters NULL); EC and EdDSA keys are recognised but kept opaque;
/// other algorithms are kept as "other". Key validity (odd modulus, exponent range) is left to
/// RsaPublicKey::make, which the verifier calls.
[[nodiscard]] bool parse_public_key_info(der::Reader& r, PublicKeyInfo& out);

/// The RSA key of an rsa PublicKeyInfo, e.g. a server certificate's key for checking its
/// ServerKeyExchange signature. Other key types fail with ErrorCode::certificate and alert
/// unsupported_certificate; an invalid RSA key (even modulus, e = 1, ...) with bad_certificate.
Result<RsaPublicKey> to_rsa_public_key(const PublicKeyInfo& key);

}  // namespace tlsx::crypto
