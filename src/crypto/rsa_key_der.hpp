// RSA private keys in DER, as `openssl genrsa` (PKCS#1) and `openssl genpkey`/`pkcs8` (PKCS#8)
// write them:
//
//   RSAPrivateKey ::= SEQUENCE {          -- RFC 8017 Appendix A.1.2
//     version Version (two-prime(0)), modulus, publicExponent, privateExponent,
//     prime1, prime2, exponent1, exponent2, coefficient INTEGER,
//     otherPrimeInfos OtherPrimeInfos OPTIONAL }          -- multi-prime: not supported
//
//   PrivateKeyInfo ::= SEQUENCE {         -- RFC 5208 §5 (OneAsymmetricKey, RFC 5958)
//     version INTEGER (v1(0), v2(1)), privateKeyAlgorithm AlgorithmIdentifier,
//     privateKey OCTET STRING,            -- an RSAPrivateKey for rsaEncryption
//     attributes [0] IMPLICIT Attributes OPTIONAL, publicKey [1] IMPLICIT BIT STRING OPTIONAL }
//
// The components returned are views into the caller's buffer (a SecretBytes, so it is wiped);
// nothing secret is copied. Errors never quote key material.
#pragma once

#include <string_view>

#include "crypto/rsa.hpp"
#include "tlsx/error.hpp"
#include "tlsx/secret.hpp"

namespace tlsx::crypto {

/// PKCS#1 RSAPrivateKey. Integers are unsigned big-endian with the sign octet dropped.
Result<RsaPrivateComponents> parse_rsa_private_key_pkcs1(Bytes der);

/// PKCS#8 PrivateKeyInfo holding an rsaEncryption key. EC keys (crypto/ec_key_der.hpp reads
/// them) and other algorithms fail with ErrorCode::unsupported.
Result<RsaPrivateComponents> parse_private_key_pkcs8(Bytes der);

/// A key read from PEM: the DER and the components, which are views into it. Moving keeps the
/// views valid (the buffer moves with it); the DER is wiped when this is destroyed.
struct RsaPrivateKeyDer {
  SecretBytes der;
  RsaPrivateComponents components;
};

/// The first private key block of a PEM text: "RSA PRIVATE KEY" (PKCS#1) or "PRIVATE KEY"
/// (PKCS#8); other blocks (certificates, "EC PARAMETERS") are skipped. Encrypted keys
/// ("ENCRYPTED PRIVATE KEY", or a "Proc-Type: 4,ENCRYPTED" header) fail with
/// ErrorCode::unsupported "encrypted keys are not supported ..."; "EC PRIVATE KEY" and PKCS#8 EC
/// keys with "an EC key, not an RSA key ..." (tlsx::PrivateKey::from_pem tries
/// ec_private_key_from_pem first).
Result<RsaPrivateKeyDer> rsa_private_key_from_pem(std::string_view pem);

}  // namespace tlsx::crypto
