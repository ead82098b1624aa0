// The record protections under test, built over several providers (not a test executable).
#pragma once

#include <memory>

#include <fmt/format.h>
#include <string>
#include <vector>

#include "crypto/builtin/builtin.hpp"
#include "record/aead_protection.hpp"
#include "record/cbc_hmac_protection.hpp"
#include "record/null_protection.hpp"
#include "record_test_util.hpp"
#include "tlsx/crypto/provider.hpp"

namespace tlsx::record::test {

using crypto::AeadAlgorithm;
using crypto::CipherAlgorithm;
using crypto::HashAlgorithm;

/// tlsx's builtin primitives forced onto their constant-time portable code paths (no AES-NI,
/// PCLMULQDQ or SHA-NI), so the record layer is also exercised over those.
class PortableProvider final : public crypto::Provider {
 public:
  std::string_view name() const noexcept override { return "portable"; }
  Result<std::unique_ptr<crypto::Hash>> hash(HashAlgorithm alg) const override {
    if (alg == HashAlgorithm::sha256)
      return crypto::builtin::make_sha256(crypto::builtin::Impl::portable);
    return crypto::builtin_provider().hash(alg);
  }
  Result<std::unique_ptr<crypto::Mac>> hmac(HashAlgorithm alg, crypto::Bytes key) const override {
    auto h = hash(alg);
    if (!h) return std::unexpected(h.error());
    return crypto::builtin::make_hmac(std::move(*h), key);
  }
  Result<std::unique_ptr<crypto::Aead>> aead(AeadAlgorithm alg, crypto::Bytes key) const override {
    if (alg == AeadAlgorithm::chacha20_poly1305) return crypto::sodium_provider().aead(alg, key);
    return crypto::builtin::make_aes_gcm(alg, key, crypto::builtin::Impl::portable);
  }
  Result<std::unique_ptr<crypto::CbcCipher>> cbc(CipherAlgorithm alg,
                                                 crypto::Bytes key) const override {
    return crypto::builtin::make_aes_cbc(alg, key, crypto::builtin::Impl::portable);
  }
  Result<void> random(crypto::MutableBytes out) const override {
    return crypto::default_provider().random(out);
  }
};

inline const crypto::Provider& portable_provider() {
  static const PortableProvider provider;
  return provider;
}

/// Providers every protection is tested over.
inline std::vector<const crypto::Provider*> test_providers() {
  return {&crypto::default_provider(), &portable_provider()};
}

enum class SuiteKind { null, aead, cbc };

struct Suite {
  std::string name;
  SuiteKind kind = SuiteKind::null;
  AeadAlgorithm aead = AeadAlgorithm::aes128_gcm;
  CbcHmacProtection::Params cbc;
};

inline std::vector<Suite> all_suites() {
  std::vector<Suite> suites;
  suites.push_back({"null", SuiteKind::null, {}, {}});
  for (auto alg :
       {AeadAlgorithm::aes128_gcm, AeadAlgorithm::aes256_gcm, AeadAlgorithm::chacha20_poly1305}) {
    suites.push_back({std::string(crypto::to_string(alg)), SuiteKind::aead, alg, {}});
  }
  for (auto order : {MacOrder::mac_then_encrypt, MacOrder::encrypt_then_mac}) {
    for (auto [cipher, mac] : {std::pair{CipherAlgorithm::aes128, HashAlgorithm::sha1},
                               std::pair{CipherAlgorithm::aes256, HashAlgorithm::sha1},
                               std::pair{CipherAlgorithm::aes128, HashAlgorithm::sha256},
                               std::pair{CipherAlgorithm::aes256, HashAlgorithm::sha256},
                               std::pair{CipherAlgorithm::aes256, HashAlgorithm::sha384}}) {
      Suite s;
      s.kind = SuiteKind::cbc;
      s.cbc = {cipher, mac, order};
      s.name = fmt::format("AES-{}-CBC-HMAC-{}{}", cipher == CipherAlgorithm::aes128 ? 128 : 256,
                           crypto::to_string(mac),
                           order == MacOrder::encrypt_then_mac ? " (encrypt-then-MAC)" : "");
      suites.push_back(s);
    }
  }
  return suites;
}

inline ByteVec pattern(std::size_t size, std::uint8_t seed) {
  ByteVec out(size);
  for (std::size_t i = 0; i < size; ++i) out[i] = static_cast<std::uint8_t>(seed + i * 31);
  return out;
}

/// A protection for `suite` with fixed keys made from `seed` (same seed, same keys).
inline std::unique_ptr<RecordProtection> make_protection(const crypto::Provider& provider,
                                                         const Suite& suite,
                                                         std::uint8_t seed = 1) {
  switch (suite.kind) {
    case SuiteKind::null:
      return make_null_protection();
    case SuiteKind::aead: {
      const auto key = pattern(crypto::key_size(suite.aead), seed);
      const auto iv = pattern(suite.aead == AeadAlgorithm::chacha20_poly1305 ? 12 : 4, seed + 100);
      auto p = AeadProtection::create(provider, suite.aead, key, iv);
      REQUIRE(p);
      return std::move(*p);
    }
    case SuiteKind::cbc: {
      const auto key = pattern(crypto::key_size(suite.cbc.cipher), seed);
      const auto mac_key = pattern(crypto::digest_size(suite.cbc.mac), seed + 50);
      auto p = CbcHmacProtection::create(provider, suite.cbc, key, mac_key);
      REQUIRE(p);
      return std::move(*p);
    }
  }
  return nullptr;
}

/// seal() into a fresh buffer of exactly sealed_size() bytes.
inline ByteVec seal(RecordProtection& p, const RecordContext& context,
                    std::span<const std::uint8_t> plaintext) {
  ByteVec out(p.sealed_size(plaintext.size()));
  auto sealed = p.seal(context, plaintext, out);
  REQUIRE(sealed);
  return out;
}

}  // namespace tlsx::record::test
