#include "handshake/peer_key.hpp"

#include <algorithm>

#include <fmt/format.h>

#include "crypto/tls_signature.hpp"
#include "crypto/x509_certificate.hpp"
#include "handshake/key_exchange.hpp"
#include "handshake/suite_selection.hpp"

namespace tlsx::handshake {
namespace {

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
      if (!key.ec_curve) return KeyKind::unsupported;  // P-521, brainpool, explicit parameters
      return *key.ec_curve == crypto::ec::Curve::p256 ? KeyKind::ecdsa_p256 : KeyKind::ecdsa_p384;
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
  if (kind == KeyKind::unsupported) {
    return unsupported_key(
        who, fmt::format("{}; tlsx supports RSA and ECDSA P-256/P-384 keys", key.description));
  }
  // Validates the point (on the curve, uncompressed); a bad one is bad_certificate.
  auto ec = crypto::to_ec_public_key(key);
  if (!ec) return std::unexpected(ec.error());
  return PeerKey{
      EcPublicKey{ec->curve, std::vector<std::uint8_t>(ec->point.begin(), ec->point.end())}};
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
  const crypto::EcPublicKey view{ec.curve, ec.point};
  if (auto ok = crypto::ecdsa_verify_message(provider, view, *hash, signed_data, signature); !ok) {
    // Malformed DER and a wrong signature alike: the signature does not verify.
    return fail(
        ErrorCode::decrypt_error, AlertDescription::decrypt_error,
        fmt::format("{} signature does not verify: {}", to_string(scheme), ok.error().detail));
  }
  return {};
}

}  // namespace tlsx::handshake
