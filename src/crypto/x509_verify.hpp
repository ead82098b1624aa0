// Certificate path building and validation (RFC 5280 §6, in the subset TLS clients use).
//
// Given the peer's certificates (leaf first, the rest in any order, extras allowed) and the trust
// anchors, find a path leaf -> intermediates -> anchor whose every signature verifies, and check:
//   - every certificate: well-formed, no critical extension tlsx does not understand, inside its
//     validity period, RSA keys of at least policy.min_rsa_bits;
//   - each issuer below the anchor: basicConstraints cA, keyUsage keyCertSign (when keyUsage is
//     present), pathLenConstraint (also the anchor's), extendedKeyUsage (when present) allows
//     the purpose, name constraints of every CA above (also the anchor's);
//   - the leaf: a key tlsx can use (RSA, or EC on P-256/P-384 with a valid point),
//     extendedKeyUsage (when present) allows the purpose or anyExtendedKeyUsage, and its
//     subjectAltName matches the peer name.
// Issuers are found by exact subject == issuer bytes (as Go and webpki do: RFC 5280 §7.1 case
// folding would let differently-encoded names chain, which no CA relies on), preferring a
// subjectKeyIdentifier equal to the child's authorityKeyIdentifier. The search backtracks over
// candidate issuers and is bounded (path length, signature checks), so decoy certificates and
// loops cost little.
#pragma once

#include <expected>
#include <span>
#include <string_view>
#include <vector>

#include "crypto/hostname.hpp"
#include "crypto/x509_certificate.hpp"
#include "tlsx/crypto/provider.hpp"
#include "tlsx/x509.hpp"

namespace tlsx::crypto {

/// Why a chain was refused. Each maps to one TLS alert (alert_for).
enum class CertificateFault : std::uint8_t {
  empty_chain,                   ///< no certificate at all               -> bad_certificate
  malformed,                     ///< does not parse                      -> bad_certificate
  unsupported_signature,         ///< EdDSA, PSS variants, MD5, unknown   -> unsupported_certificate
  unsupported_key,               ///< key tlsx cannot use (P-521, DSA)    -> unsupported_certificate
  unhandled_critical_extension,  ///< RFC 5280 §4.2                       -> unsupported_certificate
  wrong_purpose,                 ///< extendedKeyUsage/keyUsage forbid it -> unsupported_certificate
  expired,                       ///< after notAfter                      -> certificate_expired
  not_yet_valid,                 ///< before notBefore                    -> certificate_expired
  bad_signature,                 ///< a signature does not verify         -> bad_certificate
  not_a_ca,                      ///< issuer without cA / keyCertSign     -> bad_certificate
  path_length_exceeded,          ///< pathLenConstraint                   -> bad_certificate
  name_constraint_violation,     ///< outside permitted / in excluded     -> bad_certificate
  name_mismatch,                 ///< the leaf is not for this peer name  -> bad_certificate
  unknown_issuer,                ///< no path to a trust anchor           -> unknown_ca
  path_too_long,                 ///< policy.max_path_length or budget    -> unknown_ca
  weak_key,                      ///< RSA key below policy.min_rsa_bits   -> certificate_unknown
  weak_signature,                ///< SHA-1 while policy forbids it       -> certificate_unknown
};

std::string_view to_string(CertificateFault fault) noexcept;
AlertDescription alert_for(CertificateFault fault) noexcept;

struct VerifyFailure {
  CertificateFault fault = CertificateFault::unknown_issuer;
  Error error;  ///< code certificate, alert_for(fault), detail "<fault>: <what> [<which cert>]"
};

struct VerifyRequest {
  std::span<const CertificatePtr> presented;  ///< leaf first
  std::span<const CertificatePtr> anchors;
  const VerifyPolicy* policy = nullptr;
  const PeerName* peer_name = nullptr;  ///< nullptr: no name check
  std::int64_t now = 0;                 ///< Unix seconds
  const Provider* provider = nullptr;   ///< for the hashes of signature checks
};

/// The verified path, leaf first, ending with the anchor; or why there is none.
std::expected<std::vector<CertificatePtr>, VerifyFailure> verify_path(const VerifyRequest& req);

/// Checks subject's signature with issuer's public key (RSA PKCS#1 v1.5 or PSS; ECDSA with
/// SHA-256/384/512 on a P-256 or P-384 key, any hash with either curve), applying the policy's
/// SHA-1 rule and minimum RSA size to the issuer key. An algorithm that does not fit the
/// issuer's key type is bad_signature; an EC issuer key on another curve unsupported_key.
/// Defined in x509_signature.cpp.
std::expected<void, VerifyFailure> check_certificate_signature(const Provider& provider,
                                                               const X509Certificate& subject,
                                                               const X509Certificate& issuer,
                                                               const VerifyPolicy& policy);

/// Builds a VerifyFailure whose detail names the certificate.
VerifyFailure make_failure(CertificateFault fault, std::string_view what,
                           const X509Certificate* cert);

}  // namespace tlsx::crypto
