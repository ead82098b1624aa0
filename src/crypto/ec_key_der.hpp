// EC private keys in DER, as `openssl ecparam -genkey` (SEC 1 "EC PRIVATE KEY") and `openssl
// genpkey -algorithm EC` (PKCS#8 "PRIVATE KEY") write them:
//
//   ECPrivateKey ::= SEQUENCE {           -- RFC 5915 §3 (SEC 1 §C.4)
//     version INTEGER { ecPrivkeyVer1(1) }, privateKey OCTET STRING,
//     parameters [0] ECParameters OPTIONAL, publicKey [1] BIT STRING OPTIONAL }
//   ECParameters ::= CHOICE { namedCurve OBJECT IDENTIFIER, implicitCurve NULL,
//                             specifiedCurve SpecifiedECDomain }   -- RFC 5480 §2.1.1
//
// In PKCS#8 the curve is in the AlgorithmIdentifier (id-ecPublicKey, namedCurve) and the
// ECPrivateKey inside may repeat it. Only the named curves prime256v1 (P-256) and secp384r1
// (P-384) are supported; RFC 5480 forbids the other two choices in certificates and nobody
// writes them in keys either.
#pragma once

#include <optional>
#include <string_view>
#include <vector>

#include "crypto/der.hpp"
#include "crypto/ec.hpp"
#include "tlsx/error.hpp"
#include "tlsx/secret.hpp"

namespace tlsx::crypto {

/// An EC private key whose scalar is in [1, n-1] and whose public point is scalar*G.
struct EcPrivateKey {
  ec::Curve curve = ec::Curve::p256;
  SecretBytes scalar;                      ///< big-endian, exactly ec::scalar_size(curve) bytes
  std::vector<std::uint8_t> public_point;  ///< uncompressed 0x04 || X || Y
};

/// The curve named by a namedCurve OID's contents; nullopt for any other curve.
[[nodiscard]] std::optional<ec::Curve> ec_curve_from_oid(der::Bytes oid) noexcept;
/// "P-256" / "P-384".
[[nodiscard]] std::string_view ec_curve_name(ec::Curve curve) noexcept;

/// Reads ECParameters: a named curve tlsx supports, else ErrorCode::unsupported (explicit or
/// implicit parameters, other curves) or ErrorCode::decode (malformed).
Result<ec::Curve> parse_ec_parameters(der::Reader& r);

/// SEC 1 ECPrivateKey. outer_curve is the curve of the enclosing PKCS#8 AlgorithmIdentifier
/// (nullopt for a bare "EC PRIVATE KEY", which must then carry its parameters); a curve inside
/// must agree with it. A public key inside must equal scalar*G. Errors: ErrorCode::decode
/// (malformed, scalar out of range, public key mismatch), ErrorCode::unsupported (curve). They
/// never quote key material.
Result<EcPrivateKey> parse_ec_private_key_sec1(der::Bytes der,
                                               std::optional<ec::Curve> outer_curve);

/// PKCS#8 PrivateKeyInfo holding an id-ecPublicKey key.
Result<EcPrivateKey> parse_ec_private_key_pkcs8(der::Bytes der);

/// True when der is a PKCS#8 PrivateKeyInfo whose algorithm is id-ecPublicKey (else false,
/// including when it does not parse: the RSA path then reports why).
[[nodiscard]] bool is_pkcs8_ec_key(der::Bytes der);

/// The first private key block of a PEM text when it is an EC key ("EC PRIVATE KEY", or
/// "PRIVATE KEY" with id-ecPublicKey), skipping "EC PARAMETERS" and other blocks; nullopt when
/// the first key block is something else (RSA, encrypted: rsa_private_key_from_pem says what).
Result<std::optional<EcPrivateKey>> ec_private_key_from_pem(std::string_view pem);

}  // namespace tlsx::crypto
