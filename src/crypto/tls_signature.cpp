// TLS signature schemes over certificate keys (RSA and ECDSA).
#include "crypto/tls_signature.hpp"

#include <array>

#include <fmt/format.h>

#include "crypto/rsa.hpp"

namespace tlsx::crypto {

namespace {

constexpr std::size_t kMaxDigest = 64;

std::unexpected<Error> scheme_mismatch(SignatureScheme scheme, std::string_view key) {
  return fail(
      ErrorCode::illegal_parameter, AlertDescription::illegal_parameter,
      fmt::format("signature scheme {} cannot be used with {} key", to_string(scheme), key));
}

}  // namespace

std::optional<TlsSchemeInfo> tls_scheme_info(SignatureScheme scheme) noexcept {
  using S = SignatureScheme;
  switch (scheme) {
    case S::rsa_pkcs1_sha1:
      return TlsSchemeInfo{SignatureKind::rsa_pkcs1, HashAlgorithm::sha1};
    case S::rsa_pkcs1_sha256:
      return TlsSchemeInfo{SignatureKind::rsa_pkcs1, HashAlgorithm::sha256};
    case S::rsa_pkcs1_sha384:
      return TlsSchemeInfo{SignatureKind::rsa_pkcs1, HashAlgorithm::sha384};
    case S::rsa_pkcs1_sha512:
      return TlsSchemeInfo{SignatureKind::rsa_pkcs1, HashAlgorithm::sha512};
    case S::rsa_pss_rsae_sha256:
      return TlsSchemeInfo{SignatureKind::rsa_pss, HashAlgorithm::sha256};
    case S::rsa_pss_rsae_sha384:
      return TlsSchemeInfo{SignatureKind::rsa_pss, HashAlgorithm::sha384};
    case S::rsa_pss_rsae_sha512:
      return TlsSchemeInfo{SignatureKind::rsa_pss, HashAlgorithm::sha512};
    case S::ecdsa_secp256r1_sha256:
      return TlsSchemeInfo{SignatureKind::ecdsa, HashAlgorithm::sha256};
    case S::ecdsa_secp384r1_sha384:
      return TlsSchemeInfo{SignatureKind::ecdsa, HashAlgorithm::sha384};
    case S::ecdsa_secp521r1_sha512:
      return TlsSchemeInfo{SignatureKind::ecdsa, HashAlgorithm::sha512};
    default:
      return std::nullopt;
  }
}

SignatureScheme ecdsa_scheme_for(ec::Curve curve) noexcept {
  return curve == ec::Curve::p256 ? SignatureScheme::ecdsa_secp256r1_sha256
                                  : SignatureScheme::ecdsa_secp384r1_sha384;
}

Result<std::vector<std::uint8_t>> ecdsa_sign_message(const Provider& provider,
                                                     const EcPrivateKey& key, HashAlgorithm hash,
                                                     std::span<const std::uint8_t> message) {
  std::array<std::uint8_t, kMaxDigest> digest{};
  const auto d = std::span(digest).first(digest_size(hash));
  if (auto r = hash_once(provider, hash, message, d); !r) return std::unexpected(r.error());
  return ec::ecdsa_sign(key.curve, key.scalar, d, provider);
}

Result<void> ecdsa_verify_message(const Provider& provider, const EcPublicKey& key,
                                  HashAlgorithm hash, std::span<const std::uint8_t> message,
                                  std::span<const std::uint8_t> signature) {
  std::array<std::uint8_t, kMaxDigest> digest{};
  const auto d = std::span(digest).first(digest_size(hash));
  if (auto r = hash_once(provider, hash, message, d); !r) return std::unexpected(r.error());
  return ec::ecdsa_verify(key.curve, key.point, d, signature);
}

Result<void> verify_tls_signature(const Provider& provider, const PublicKeyInfo& key,
                                  SignatureScheme scheme, std::span<const std::uint8_t> signed_data,
                                  std::span<const std::uint8_t> signature) {
  const auto info = tls_scheme_info(scheme);
  Result<void> verified;
  if (key.type == PublicKeyType::rsa) {
    if (!info || info->kind == SignatureKind::ecdsa) return scheme_mismatch(scheme, "an RSA");
    auto rsa = to_rsa_public_key(key);
    if (!rsa) return std::unexpected(std::move(rsa.error()));
    verified = info->kind == SignatureKind::rsa_pss
                   ? rsa_pss_verify(provider, *rsa, info->hash, signed_data, signature)
                   : rsa_pkcs1_verify(provider, *rsa, info->hash, signed_data, signature);
  } else if (key.type == PublicKeyType::ec) {
    if (!info || info->kind != SignatureKind::ecdsa) return scheme_mismatch(scheme, "an EC");
    auto ec_key = to_ec_public_key(key);
    if (!ec_key) return std::unexpected(std::move(ec_key.error()));
    verified = ecdsa_verify_message(provider, *ec_key, info->hash, signed_data, signature);
  } else {
    return fail(ErrorCode::certificate, AlertDescription::unsupported_certificate,
                fmt::format("certificate key is {}; tlsx verifies RSA and ECDSA signatures only",
                            key.description));
  }
  if (!verified) {
    // A wrong signature and a malformed one (bad DER, value out of range) are the same to the
    // peer: decrypt_error. Only "cannot do this at all" stays what it is.
    if (verified.error().code != ErrorCode::unsupported) {
      return fail(ErrorCode::decrypt_error, AlertDescription::decrypt_error,
                  fmt::format("{} signature does not verify", to_string(scheme)));
    }
    return std::unexpected(std::move(verified.error()));
  }
  return {};
}

}  // namespace tlsx::crypto
