#include "handshake/suite_selection.hpp"

#include <algorithm>
#include <array>

#include <fmt/format.h>

#include "handshake/ecdhe.hpp"

namespace tlsx::handshake {
namespace {

std::optional<crypto::AeadAlgorithm> aead_of(BulkCipher cipher) noexcept {
  switch (cipher) {
    case BulkCipher::aes128_gcm:
      return crypto::AeadAlgorithm::aes128_gcm;
    case BulkCipher::aes256_gcm:
      return crypto::AeadAlgorithm::aes256_gcm;
    case BulkCipher::chacha20_poly1305:
      return crypto::AeadAlgorithm::chacha20_poly1305;
    default:
      return std::nullopt;
  }
}

std::optional<crypto::HashAlgorithm> mac_hash_of(MacAlgorithm mac) noexcept {
  switch (mac) {
    case MacAlgorithm::sha1:
      return crypto::HashAlgorithm::sha1;
    case MacAlgorithm::sha256:
      return crypto::HashAlgorithm::sha256;
    case MacAlgorithm::sha384:
      return crypto::HashAlgorithm::sha384;
    default:
      return std::nullopt;
  }
}

bool allowed_by_policy(const CipherSuiteInfo& suite, SuitePolicy policy) noexcept {
  if (policy == SuitePolicy::compat) return true;
  return suite.kx != KeyExchange::rsa && suite.is_aead();
}

}  // namespace

bool provider_supports(const crypto::Provider& provider, const CipherSuiteInfo& suite) {
  const std::array<std::uint8_t, 32> zero_key{};
  if (!provider.hash(suite.prf_hash)) return false;
  if (auto aead = aead_of(suite.cipher)) {
    return provider.aead(*aead, std::span(zero_key).first(crypto::key_size(*aead))).has_value();
  }
  const auto cbc = suite.cipher == BulkCipher::aes128_cbc ? crypto::CipherAlgorithm::aes128
                                                          : crypto::CipherAlgorithm::aes256;
  const auto mac = mac_hash_of(suite.mac);
  return mac && provider.cbc(cbc, std::span(zero_key).first(crypto::key_size(cbc))).has_value() &&
         provider.hmac(*mac, zero_key).has_value();
}

Result<std::vector<const CipherSuiteInfo*>> enabled_suites(const CommonConfig& config) {
  std::vector<const CipherSuiteInfo*> out;
  if (!config.cipher_suites.empty()) {
    for (CipherSuite id : config.cipher_suites) {
      const CipherSuiteInfo* info = find_cipher_suite(id);
      if (info == nullptr) {
        return fail_argument(
            fmt::format("cipher suite {} is not implemented by tlsx", to_string(id)));
      }
      if (std::find(out.begin(), out.end(), info) == out.end() &&
          provider_supports(*config.provider, *info)) {
        out.push_back(info);
      }
    }
  } else {
    for (const CipherSuiteInfo& info : supported_cipher_suites()) {
      if (allowed_by_policy(info, config.policy) && provider_supports(*config.provider, info)) {
        out.push_back(&info);
      }
    }
  }
  if (out.empty()) return fail_argument("no usable cipher suite (config and crypto provider)");
  return out;
}

Result<std::vector<NamedGroup>> enabled_groups(const CommonConfig& config) {
  // x25519 first (fastest, simplest to implement safely), then the NIST curves for peers
  // without it; secp384r1 is offered too because RFC 8422 §5.3 lets a server use an ECDSA
  // certificate only on a curve the client listed, and P-384 leaves exist.
  if (config.groups.empty()) {
    return std::vector<NamedGroup>{NamedGroup::x25519, NamedGroup::secp256r1,
                                   NamedGroup::secp384r1};
  }
  std::vector<NamedGroup> out;
  for (NamedGroup g : config.groups) {
    if (!ecdhe_group_implemented(g)) {
      return fail_argument(fmt::format("group {} is not implemented by tlsx", to_string(g)));
    }
    if (std::find(out.begin(), out.end(), g) == out.end()) out.push_back(g);
  }
  return out;
}

Result<std::vector<SignatureScheme>> enabled_signature_schemes(const CommonConfig& config) {
  if (config.signature_schemes.empty()) {
    return std::vector<SignatureScheme>{
        SignatureScheme::ecdsa_secp256r1_sha256, SignatureScheme::ecdsa_secp384r1_sha384,
        SignatureScheme::rsa_pss_rsae_sha256,    SignatureScheme::rsa_pss_rsae_sha384,
        SignatureScheme::rsa_pss_rsae_sha512,    SignatureScheme::rsa_pkcs1_sha256,
        SignatureScheme::rsa_pkcs1_sha384,       SignatureScheme::rsa_pkcs1_sha512};
  }
  std::vector<SignatureScheme> out;
  for (SignatureScheme s : config.signature_schemes) {
    if (!rsa_scheme_info(s) && !ecdsa_scheme_hash(s)) {
      return fail_argument(
          fmt::format("signature scheme {} is not implemented by tlsx", to_string(s)));
    }
    if (std::find(out.begin(), out.end(), s) == out.end()) out.push_back(s);
  }
  return out;
}

std::optional<RsaSchemeInfo> rsa_scheme_info(SignatureScheme scheme) noexcept {
  using crypto::HashAlgorithm;
  switch (scheme) {
    case SignatureScheme::rsa_pkcs1_sha1:
      return RsaSchemeInfo{HashAlgorithm::sha1, false};
    case SignatureScheme::rsa_pkcs1_sha256:
      return RsaSchemeInfo{HashAlgorithm::sha256, false};
    case SignatureScheme::rsa_pkcs1_sha384:
      return RsaSchemeInfo{HashAlgorithm::sha384, false};
    case SignatureScheme::rsa_pkcs1_sha512:
      return RsaSchemeInfo{HashAlgorithm::sha512, false};
    case SignatureScheme::rsa_pss_rsae_sha256:
      return RsaSchemeInfo{HashAlgorithm::sha256, true};
    case SignatureScheme::rsa_pss_rsae_sha384:
      return RsaSchemeInfo{HashAlgorithm::sha384, true};
    case SignatureScheme::rsa_pss_rsae_sha512:
      return RsaSchemeInfo{HashAlgorithm::sha512, true};
    default:
      return std::nullopt;
  }
}

std::optional<crypto::HashAlgorithm> ecdsa_scheme_hash(SignatureScheme scheme) noexcept {
  switch (scheme) {
    case SignatureScheme::ecdsa_secp256r1_sha256:
      return crypto::HashAlgorithm::sha256;
    case SignatureScheme::ecdsa_secp384r1_sha384:
      return crypto::HashAlgorithm::sha384;
    default:
      return std::nullopt;
  }
}

}  // namespace tlsx::handshake
