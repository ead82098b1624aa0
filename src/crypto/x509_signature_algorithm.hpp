// Signature AlgorithmIdentifier of a certificate (RFC 5280 §4.1.1.2; RFC 4055 for RSA-PSS,
// RFC 5758 for ECDSA, RFC 8410 for EdDSA):
//
//   AlgorithmIdentifier ::= SEQUENCE { algorithm OBJECT IDENTIFIER, parameters ANY OPTIONAL }
#pragma once

#include <string>

#include "crypto/der.hpp"
#include "tlsx/crypto/provider.hpp"

namespace tlsx::crypto {

enum class SignatureKind : std::uint8_t { rsa_pkcs1, rsa_pss, ecdsa, eddsa, unknown };

struct SignatureAlgorithm {
  SignatureKind kind = SignatureKind::unknown;
  HashAlgorithm hash = HashAlgorithm::sha256;  ///< rsa_pkcs1, rsa_pss, ecdsa
  der::Bytes encoding;                         ///< whole AlgorithmIdentifier (outer == inner check)
  std::string name;  ///< "sha256WithRSAEncryption", "RSASSA-PSS SHA-256", "ecdsa-with-SHA384",
                     ///< or the dotted OID
  /// Why tlsx cannot check signatures made with this algorithm; empty when it can. Recognised
  /// but unsupported (EdDSA, MD5, SHA-224, PSS parameters other than hash = MGF1 hash and
  /// salt = hash length) and unknown algorithms parse fine: the certificate may still be
  /// useful, e.g. as a trust anchor whose own signature is never checked.
  std::string unsupported;
};

/// Reads an AlgorithmIdentifier for a signature. Fails only on malformed encodings (including
/// parameters that are wrong for a recognised algorithm, e.g. RSA PKCS#1 with non-NULL ones).
[[nodiscard]] bool parse_signature_algorithm(der::Reader& r, SignatureAlgorithm& out);

}  // namespace tlsx::crypto
