#include "handshake/key_exchange.hpp"

#include <fmt/format.h>

#include "handshake/suite_selection.hpp"
#include "tlsx/crypto/constant_time.hpp"

namespace tlsx::handshake {

Result<X25519KeyPair> generate_x25519(const crypto::Provider& provider) {
  X25519KeyPair pair;
  pair.private_key = SecretBytes(crypto::kX25519Size);
  if (auto r = provider.random(pair.private_key.span()); !r) return std::unexpected(r.error());
  if (auto r = provider.x25519_public(pair.private_key, pair.public_key); !r) {
    return std::unexpected(r.error());
  }
  return pair;
}

Result<SecretBytes> x25519_shared_secret(const crypto::Provider& provider, const X25519KeyPair& own,
                                         std::span<const std::uint8_t> peer_public) {
  return x25519_shared_secret(provider, own.private_key.span(), peer_public);
}

Result<SecretBytes> x25519_shared_secret(const crypto::Provider& provider,
                                         std::span<const std::uint8_t> private_key,
                                         std::span<const std::uint8_t> peer_public) {
  if (peer_public.size() != crypto::kX25519Size) {
    return fail_decode(fmt::format("x25519 public value has {} bytes, not 32", peer_public.size()));
  }
  SecretBytes shared(crypto::kX25519Size);
  if (auto r = provider.x25519(private_key, peer_public, shared.span()); !r) {
    return fail(ErrorCode::illegal_parameter, AlertDescription::illegal_parameter,
                "x25519 peer public value gives an all-zero shared secret (low-order point)");
  }
  return shared;
}

Result<RsaPreMasterSecret> make_rsa_pre_master_secret(const crypto::Provider& provider,
                                                      const crypto::RsaPublicKey& server_key,
                                                      ProtocolVersion client_version) {
  RsaPreMasterSecret out;
  out.pre_master_secret = SecretBytes(kPreMasterSecretSize);
  auto pms = out.pre_master_secret.span();
  if (auto r = provider.random(pms.subspan(2)); !r) return std::unexpected(r.error());
  pms[0] = static_cast<std::uint8_t>(static_cast<std::uint16_t>(client_version) >> 8);
  pms[1] = static_cast<std::uint8_t>(static_cast<std::uint16_t>(client_version) & 0xff);
  auto encrypted = crypto::rsa_pkcs1_encrypt(provider, server_key, pms);
  if (!encrypted) return std::unexpected(encrypted.error());
  out.encrypted = std::move(*encrypted);
  return out;
}

Result<SecretBytes> decrypt_rsa_pre_master_secret(const crypto::Provider& provider,
                                                  const PrivateKeyOperations& key,
                                                  std::span<const std::uint8_t> encrypted,
                                                  ProtocolVersion client_version) {
  // The random fallback is drawn before decrypting so that its cost does not depend on the
  // outcome (RFC 5246 §7.4.7.1 step 1).
  SecretBytes fallback(kPreMasterSecretSize);
  if (auto r = provider.random(fallback.span()); !r) return std::unexpected(r.error());
  SecretBytes decrypted(kPreMasterSecretSize);
  auto good = key.decrypt_pkcs1_implicit(encrypted, decrypted.span());
  if (!good) {
    // Only public facts fail here: the ciphertext does not have the modulus' length or value
    // range. Every padding problem comes back as a zero mask instead.
    return fail_decode(fmt::format("RSA ClientKeyExchange: {}", good.error().detail));
  }
  const auto version = static_cast<std::uint16_t>(client_version);
  const std::uint64_t version_ok = crypto::ct_mask_eq(decrypted.data()[0], version >> 8) &
                                   crypto::ct_mask_eq(decrypted.data()[1], version & 0xff);
  const auto mask = static_cast<std::uint8_t>(*good & version_ok);
  SecretBytes pms(kPreMasterSecretSize);
  crypto::ct_select(pms.span(), mask, decrypted, fallback);
  return pms;
}

Result<void> verify_rsa_signature(const crypto::Provider& provider, const crypto::RsaPublicKey& key,
                                  SignatureScheme scheme, std::span<const std::uint8_t> signed_data,
                                  std::span<const std::uint8_t> signature) {
  const auto info = rsa_scheme_info(scheme);
  if (!info) {
    return fail(
        ErrorCode::illegal_parameter, AlertDescription::illegal_parameter,
        fmt::format("signature scheme {} cannot be used with an RSA key", to_string(scheme)));
  }
  auto ok = info->pss ? crypto::rsa_pss_verify(provider, key, info->hash, signed_data, signature)
                      : crypto::rsa_pkcs1_verify(provider, key, info->hash, signed_data, signature);
  if (!ok) {
    return fail(ErrorCode::decrypt_error, AlertDescription::decrypt_error,
                fmt::format("{} signature does not verify", to_string(scheme)));
  }
  return {};
}

}  // namespace tlsx::handshake
