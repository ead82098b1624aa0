// TLS 1.2 signatures (DigitallySigned, RFC 5246 §4.7) with certificate keys: what each
// SignatureScheme means, checking a peer's ServerKeyExchange / CertificateVerify signature with
// its leaf's public key, and ECDSA signing with a loaded EC key.
//
// ECDSA curve binding: in TLS 1.2 the two bytes are the pair {hash, signature}; the curve comes
// from the certificate, not the scheme (RFC 5246 §7.4.1.4.1, RFC 8422 §5.10; TLS 1.3 binds it,
// RFC 8446 §4.2.3). tlsx follows TLS 1.2 (as OpenSSL does outside TLS 1.3 and Suite B): any
// ecdsa_* scheme with SHA-256/384/512 verifies and signs with a P-256 or a P-384 key, using the
// scheme's hash. Peers and tlsx itself normally pick the matching pair (ecdsa_secp256r1_sha256
// for P-256, ecdsa_secp384r1_sha384 for P-384): see ecdsa_scheme_for(). ecdsa_sha1 is refused.
#pragma once

#include <optional>
#include <span>
#include <vector>

#include "crypto/ec.hpp"
#include "crypto/ec_key_der.hpp"
#include "crypto/x509_public_key.hpp"
#include "crypto/x509_signature_algorithm.hpp"
#include "tlsx/code_points.hpp"
#include "tlsx/crypto/provider.hpp"
#include "tlsx/error.hpp"

namespace tlsx::crypto {

/// How a scheme signs: rsa_pkcs1, rsa_pss (rsa_pss_rsae_*) or ecdsa, and its hash. nullopt for
/// schemes tlsx cannot produce or check (ecdsa_sha1, EdDSA, rsa_pss_pss_*). rsa_pkcs1_sha1 is
/// described (SHA-1 RSA signatures are still seen in TLS 1.2); whether to accept it is the
/// caller's policy.
struct TlsSchemeInfo {
  SignatureKind kind = SignatureKind::unknown;
  HashAlgorithm hash = HashAlgorithm::sha256;
};
[[nodiscard]] std::optional<TlsSchemeInfo> tls_scheme_info(SignatureScheme scheme) noexcept;

/// The scheme whose curve matches: ecdsa_secp256r1_sha256 for P-256, ecdsa_secp384r1_sha384 for
/// P-384.
[[nodiscard]] SignatureScheme ecdsa_scheme_for(ec::Curve curve) noexcept;

/// Checks a DigitallySigned signature over signed_data (not pre-hashed) with a certificate's
/// public key: RSA keys with rsa_pkcs1_* / rsa_pss_rsae_*, EC keys (P-256, P-384) with
/// ecdsa_secp256r1_sha256 / ecdsa_secp384r1_sha384 / ecdsa_secp521r1_sha512 (see the curve
/// binding note above). Errors, as the handshake sends them:
///   - a scheme that does not fit the key type, or that tlsx does not implement:
///     ErrorCode::illegal_parameter, alert illegal_parameter;
///   - a key tlsx cannot use (EdDSA, P-521, explicit curve, bad point): ErrorCode::certificate,
///     alert unsupported_certificate / bad_certificate;
///   - a signature that does not verify, including malformed ECDSA DER: ErrorCode::decrypt_error,
///     alert decrypt_error (RFC 5246 §7.2.2).
Result<void> verify_tls_signature(const Provider& provider, const PublicKeyInfo& key,
                                  SignatureScheme scheme, std::span<const std::uint8_t> signed_data,
                                  std::span<const std::uint8_t> signature);

/// Hashes message with hash and signs the digest with key (DER Ecdsa-Sig-Value). The nonce's
/// extra entropy comes from provider.random().
Result<std::vector<std::uint8_t>> ecdsa_sign_message(const Provider& provider,
                                                     const EcPrivateKey& key, HashAlgorithm hash,
                                                     std::span<const std::uint8_t> message);

/// Hashes message with hash and verifies a DER Ecdsa-Sig-Value with a validated key; the errors
/// of ec::ecdsa_verify.
Result<void> ecdsa_verify_message(const Provider& provider, const EcPublicKey& key,
                                  HashAlgorithm hash, std::span<const std::uint8_t> message,
                                  std::span<const std::uint8_t> signature);

}  // namespace tlsx::crypto
