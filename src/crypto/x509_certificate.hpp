// An X.509 v3 certificate (RFC 5280 §4.1):
//
//   Certificate ::= SEQUENCE { tbsCertificate TBSCertificate,
//                              signatureAlgorithm AlgorithmIdentifier,
//                              signatureValue BIT STRING }
//   TBSCertificate ::= SEQUENCE {
//     version [0] EXPLICIT Version DEFAULT v1, serialNumber CertificateSerialNumber,
//     signature AlgorithmIdentifier, issuer Name,
//     validity Validity ::= SEQUENCE { notBefore Time, notAfter Time },
//     subject Name, subjectPublicKeyInfo SubjectPublicKeyInfo,
//     issuerUniqueID [1] IMPLICIT UniqueIdentifier OPTIONAL,   -- v2, v3
//     subjectUniqueID [2] IMPLICIT UniqueIdentifier OPTIONAL,  -- v2, v3
//     extensions [3] EXPLICIT Extensions OPTIONAL }            -- v3
//
// Parsing checks structure and encoding only; whether the certificate is acceptable (validity
// period, algorithms tlsx can verify, critical extensions it understands, constraints) is the
// verifier's business (x509_verify.hpp), so a trust store can hold anything well-formed.
#pragma once

#include <memory>
#include <vector>

#include "crypto/der.hpp"
#include "crypto/x509_extensions.hpp"
#include "crypto/x509_name.hpp"
#include "crypto/x509_public_key.hpp"
#include "crypto/x509_signature_algorithm.hpp"
#include "tlsx/error.hpp"

namespace tlsx::crypto {

class X509Certificate {
 public:
  /// Parses a DER certificate (copied; the result owns its bytes and every span below points
  /// into them). Malformed input fails with ErrorCode::certificate and alert bad_certificate,
  /// the detail saying what was wrong.
  static Result<std::shared_ptr<const X509Certificate>> parse(der::Bytes der);

  X509Certificate(const X509Certificate&) = delete;
  X509Certificate& operator=(const X509Certificate&) = delete;

  [[nodiscard]] der::Bytes der() const noexcept { return der_; }
  /// The signed bytes: the whole TBSCertificate encoding.
  [[nodiscard]] der::Bytes tbs() const noexcept { return tbs_; }

  int version = 1;    ///< 1, 2 or 3
  der::Bytes serial;  ///< INTEGER contents (two's complement; positive, see parse)
  SignatureAlgorithm signature_algorithm;  ///< the outer one (equal to the TBS one)
  der::Bytes signature;                    ///< signatureValue octets
  X509Name issuer;
  X509Name subject;
  std::int64_t not_before = 0;  ///< Unix seconds
  std::int64_t not_after = 0;   ///< Unix seconds, inclusive (RFC 5280 §4.1.2.5)
  PublicKeyInfo public_key;
  X509Extensions extensions;

  /// Issuer and subject are the same name (a root, or a CA's re-keyed or cross certificate).
  [[nodiscard]] bool self_issued() const noexcept { return issuer.same_as(subject); }
  /// basicConstraints with cA TRUE.
  [[nodiscard]] bool is_ca() const noexcept {
    return extensions.basic_constraints && extensions.basic_constraints->ca;
  }

 private:
  X509Certificate() = default;
  std::vector<std::uint8_t> der_;
  der::Bytes tbs_;
};

using CertificatePtr = std::shared_ptr<const X509Certificate>;

}  // namespace tlsx::crypto
