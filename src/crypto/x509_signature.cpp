// A certificate's signature, checked with its issuer's key (RFC 5280 §6.1.3 (a)(1)).
#include <fmt/format.h>

#include "crypto/rsa.hpp"
#include "crypto/tls_signature.hpp"
#include "crypto/x509_verify.hpp"

namespace tlsx::crypto {

std::expected<void, VerifyFailure> check_certificate_signature(const Provider& provider,
                                                               const X509Certificate& subject,
                                                               const X509Certificate& issuer,
                                                               const VerifyPolicy& policy) {
  const SignatureAlgorithm& alg = subject.signature_algorithm;
  const PublicKeyInfo& key = issuer.public_key;
  if (!alg.unsupported.empty()) {
    return std::unexpected(make_failure(CertificateFault::unsupported_signature,
                                        fmt::format("{}: {}", alg.name, alg.unsupported),
                                        &subject));
  }
  if (alg.hash == HashAlgorithm::sha1 && !policy.allow_sha1) {
    return std::unexpected(make_failure(CertificateFault::weak_signature,
                                        fmt::format("{} signatures are not accepted", alg.name),
                                        &subject));
  }
  Result<void> verified;
  if (alg.kind == SignatureKind::ecdsa) {
    // Any supported hash with either curve: RFC 5758 §3.2 does not bind them, and CAs do sign
    // P-256 keys with ecdsa-with-SHA384 (a P-384 issuer's usual choice) and vice versa.
    if (key.type != PublicKeyType::ec) {
      return std::unexpected(make_failure(
          CertificateFault::bad_signature,
          fmt::format("{} signature but the issuer key is {}", alg.name, key.description),
          &subject));
    }
    auto public_key = to_ec_public_key(key);
    if (!public_key) {
      const bool unsupported =
          public_key.error().alert == AlertDescription::unsupported_certificate;
      return std::unexpected(make_failure(
          unsupported ? CertificateFault::unsupported_key : CertificateFault::malformed,
          public_key.error().detail, &issuer));
    }
    verified =
        ecdsa_verify_message(provider, *public_key, alg.hash, subject.tbs(), subject.signature);
  } else {
    if (key.type != PublicKeyType::rsa) {
      return std::unexpected(make_failure(
          key.type == PublicKeyType::ec ? CertificateFault::bad_signature
                                        : CertificateFault::unsupported_key,
          fmt::format("{} signature but the issuer key is {}", alg.name, key.description),
          key.type == PublicKeyType::ec ? &subject : &issuer));
    }
    if (key.bits < policy.min_rsa_bits) {
      return std::unexpected(
          make_failure(CertificateFault::weak_key,
                       fmt::format("RSA key of {} bits is below the minimum of {}", key.bits,
                                   policy.min_rsa_bits),
                       &issuer));
    }
    auto public_key = to_rsa_public_key(key);
    if (!public_key) {
      return std::unexpected(
          make_failure(CertificateFault::malformed, public_key.error().detail, &issuer));
    }
    verified =
        alg.kind == SignatureKind::rsa_pss
            ? rsa_pss_verify(provider, *public_key, alg.hash, subject.tbs(), subject.signature)
            : rsa_pkcs1_verify(provider, *public_key, alg.hash, subject.tbs(), subject.signature);
  }
  if (!verified) {
    if (verified.error().code == ErrorCode::decrypt_error ||
        verified.error().code == ErrorCode::decode ||
        verified.error().code == ErrorCode::illegal_parameter) {
      return std::unexpected(make_failure(
          CertificateFault::bad_signature,
          fmt::format("{} signature does not verify with the issuer's key", alg.name), &subject));
    }
    return std::unexpected(make_failure(CertificateFault::unsupported_signature,
                                        fmt::format("{}: {}", alg.name, verified.error().detail),
                                        &subject));
  }
  return {};
}

}  // namespace tlsx::crypto
