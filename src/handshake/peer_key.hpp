// The public key of a peer's (or our own) leaf certificate as the handshake uses it: which kind
// of signer it is (RSA, ECDSA on P-256/P-384), which signature schemes fit it, and checking a
// TLS signature (ServerKeyExchange, CertificateVerify) with it.
#pragma once

#include <cstdint>
#include <optional>
#include <span>
#include <string_view>
#include <variant>
#include <vector>

#include "crypto/ec.hpp"
#include "crypto/rsa.hpp"
#include "crypto/x509_public_key.hpp"
#include "handshake/code_points.hpp"
#include "tlsx/config.hpp"
#include "tlsx/crypto/provider.hpp"

namespace tlsx::handshake {

/// What a certificate's key can do in TLS 1.2.
enum class KeyKind : std::uint8_t { rsa, ecdsa_p256, ecdsa_p384, unsupported };

/// The kind of an X.509 public key (from the SubjectPublicKeyInfo algorithm and named curve).
[[nodiscard]] KeyKind key_kind_of(const crypto::PublicKeyInfo& key) noexcept;
/// The kind of a configured certificate's key (its leaf's).
[[nodiscard]] KeyKind key_kind_of(const CertifiedKey& certified) noexcept;
/// The named group of an ECDSA key's curve (RFC 8422 §5.3: it must be one the client listed).
[[nodiscard]] std::optional<NamedGroup> curve_group(KeyKind kind) noexcept;
/// True when scheme signs with this kind of key: rsa_pkcs1_* / rsa_pss_rsae_* for RSA, ecdsa_*
/// (any hash: in TLS 1.2 the curve comes from the certificate) for ECDSA.
[[nodiscard]] bool scheme_fits(SignatureScheme scheme, KeyKind kind) noexcept;
/// The scheme whose TLS 1.3 name matches the key's curve (ecdsa_secp256r1_sha256 for P-256,
/// ecdsa_secp384r1_sha384 for P-384): preferred when we sign, as other stacks do.
[[nodiscard]] bool scheme_matches_curve(SignatureScheme scheme, KeyKind kind) noexcept;

/// First scheme of ours (in our order) that the peer also lists and that fits kind; for ECDSA,
/// the curve's own scheme wins over other ECDSA schemes. nullopt when there is none.
[[nodiscard]] std::optional<SignatureScheme> choose_signature_scheme(
    std::span<const SignatureScheme> ours, std::span<const SignatureScheme> theirs,
    KeyKind kind) noexcept;

/// An ECDSA public key: its curve and validated uncompressed point (0x04 || X || Y), owned
/// (crypto::EcPublicKey only views the certificate).
struct EcPublicKey {
  crypto::ec::Curve curve{};
  std::vector<std::uint8_t> point;
};

/// A peer's leaf key, ready to check signatures.
using PeerKey = std::variant<crypto::RsaPublicKey, EcPublicKey>;

/// The peer's key from its leaf certificate. An unsupported algorithm or curve, or an unusable
/// key, is ErrorCode::certificate with unsupported_certificate; `who` ("server", "client")
/// names the peer in the detail.
[[nodiscard]] Result<PeerKey> peer_key_of(const crypto::PublicKeyInfo& key, std::string_view who);

/// Checks a ServerKeyExchange or CertificateVerify signature over signed_data. A scheme that
/// does not fit the key is illegal_parameter; a signature that does not verify (or is not a
/// well-formed DER ECDSA-Sig-Value) is decrypt_error (RFC 5246 §7.2.2).
[[nodiscard]] Result<void> verify_peer_signature(const crypto::Provider& provider,
                                                 const PeerKey& key, SignatureScheme scheme,
                                                 std::span<const std::uint8_t> signed_data,
                                                 std::span<const std::uint8_t> signature);

}  // namespace tlsx::handshake
