#include "handshake/peer_key.hpp"

#include <algorithm>

#include <fmt/format.h>

#include "crypto/der.hpp"
#include "crypto/x509_certificate.hpp"
#include "handshake/key_exchange.hpp"
#include "handshake/suite_selection.hpp"

namespace tlsx::handshake {
namespace {

std::optional<crypto::ec::Curve> curve_of(KeyKind kind) noexcept {
  switch (kind) {
    case KeyKind::ecdsa_p256:
      return crypto::ec::Curve::p256;
    case KeyKind::ecdsa_p384:
      return crypto::ec::Curve::p384;
    default:
      return std::nullopt;
  }
}

/// The subjectPublicKey BIT STRING's octets (for id-ecPublicKey: the ECPoint, RFC 5480 §2.2).
bool subject_public_key(const crypto::PublicKeyInfo& key, crypto::der::Bytes& out) {
  crypto::der::Reader outer(key.encoding);
  crypto::der::Reader spki;
  return outer.sequence(spki) && spki.skip() && spki.bit_string_octets(out) && spki.done() &&
         outer.done();
}

std::unexpected<Error> unsupported_key(std::string_view who, std::string_view what) {
  return fail(ErrorCode::certificate, AlertDescription::unsupported_certificate,
              fmt::format("{} key is {}", who, what));
}

}  // namespace

KeyKind key_kind_of(const crypto::PublicKeyInfo& key) noexcept {
  switch (key.type) {
    case crypto::PublicKeyType::rsa:
      return KeyKind::rsa;
    case crypto::PublicKeyType::ec:
      // The SPKI parser sets bits from the named curve OID (secp256r1, secp384r1, ...).
      if (key.bits == 256) return KeyKind::ecdsa_p256;
      if (key.bits == 384) return KeyKind::ecdsa_p384;
      return KeyKind::unsupported;
    default:
      return KeyKind::unsupported;
  }
}

KeyKind key_kind_of(const CertifiedKey& certified) noexcept {
  if (certified.chain.empty()) return KeyKind::unsupported;
  return key_kind_of(certified.chain.certificates().front()->public_key);
}

std::optional<NamedGroup> curve_group(KeyKind kind) noexcept {
  switch (kind) {
    case KeyKind::ecdsa_p256:
      return NamedGroup::secp256r1;
    case KeyKind::ecdsa_p384:
      return NamedGroup::secp384r1;
    default:
      return std::nullopt;
  }
}

bool scheme_fits(SignatureScheme scheme, KeyKind kind) noexcept {
  switch (kind) {
    case KeyKind::rsa:
      return rsa_scheme_info(scheme).has_value();
    case KeyKind::ecdsa_p256:
    case KeyKind::ecdsa_p384:
      return ecdsa_scheme_hash(scheme).has_value();
    case KeyKind::unsupported:
      return false;
  }
  return false;
}

bool scheme_matches_curve(SignatureScheme scheme, KeyKind kind) noexcept {
  return (kind == KeyKind::ecdsa_p256 && scheme == SignatureScheme::ecdsa_secp256r1_sha256) ||
         (kind == KeyKind::ecdsa_p384 && scheme == SignatureScheme::ecdsa_secp384r1_sha384);
}

std::optional<SignatureScheme> choose_signature_scheme(std::span<const SignatureScheme> ours,
                                                       std::span<const SignatureScheme> theirs,
                                                       KeyKind kind) noexcept {
  auto usable = [&](SignatureScheme s) {
    return scheme_fits(s, kind) && std::find(theirs.begin(), theirs.end(), s) != theirs.end();
  };
  for (SignatureScheme s : ours) {
    if (usable(s) && scheme_matches_curve(s, kind)) return s;
  }
  for (SignatureScheme s : ours) {
    if (usable(s)) return s;
  }
  return std::nullopt;
}

Result<PeerKey> peer_key_of(const crypto::PublicKeyInfo& key, std::string_view who) {
  const KeyKind kind = key_kind_of(key);
  if (kind == KeyKind::rsa) {
    auto rsa = crypto::RsaPublicKey::make(key.rsa_modulus, key.rsa_exponent);
    if (!rsa) {
      return unsupported_key(who, fmt::format("an unusable RSA key: {}", rsa.error().detail));
    }
    return PeerKey{std::move(*rsa)};
  }
  const auto curve = curve_of(kind);
  if (!curve) {
    return unsupported_key(
        who, fmt::format("{}; tlsx supports RSA and ECDSA P-256/P-384 keys", key.description));
  }
  crypto::der::Bytes point;
  if (!subject_public_key(key, point)) return unsupported_key(who, "an unreadable EC key");
  if (auto ok = crypto::ec::validate_public_point(*curve, point); !ok) {
    return unsupported_key(who, fmt::format("an invalid EC point: {}", ok.error().detail));
  }
  return PeerKey{EcPublicKey{*curve, std::vector<std::uint8_t>(point.begin(), point.end())}};
}

Result<void> verify_peer_signature(const crypto::Provider& provider, const PeerKey& key,
                                   SignatureScheme scheme,
                                   std::span<const std::uint8_t> signed_data,
                                   std::span<const std::uint8_t> signature) {
  if (const auto* rsa = std::get_if<crypto::RsaPublicKey>(&key)) {
    return verify_rsa_signature(provider, *rsa, scheme, signed_data, signature);
  }
  const auto& ec = std::get<EcPublicKey>(key);
  const auto hash = ecdsa_scheme_hash(scheme);
  if (!hash) {
    return fail(
        ErrorCode::illegal_parameter, AlertDescription::illegal_parameter,
        fmt::format("signature scheme {} cannot be used with an ECDSA key", to_string(scheme)));
  }
  auto hasher = provider.hash(*hash);
  if (!hasher) return std::unexpected(hasher.error());
  std::vector<std::uint8_t> digest(crypto::digest_size(*hash));
  (*hasher)->update(signed_data);
  (*hasher)->finish(digest);
  if (auto ok = crypto::ec::ecdsa_verify(ec.curve, ec.point, digest, signature); !ok) {
    // Malformed DER and a wrong signature alike: the signature does not verify.
    return fail(ErrorCode::decrypt_error, AlertDescription::decrypt_error,
                fmt::format("{} signature does not verify: {}", to_string(scheme),
                            ok.error().detail));
  }
  return {};
}

}  // namespace tlsx::handshake
