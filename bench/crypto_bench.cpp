// Symmetric primitives, X25519 and the PRF: tlsx's default provider vs OpenSSL's libcrypto.
#include <benchmark/benchmark.h>
#include <openssl/core_names.h>
#include <openssl/evp.h>
#include <openssl/kdf.h>
#include <openssl/params.h>

#include <array>
#include <cstdint>
#include <cstdlib>
#include <cstring>
#include <memory>
#include <vector>

#include "crypto/prf.hpp"
#include "tlsx/crypto/provider.hpp"

namespace {

using tlsx::crypto::default_provider;
constexpr std::size_t kRecord = 16384;

std::vector<std::uint8_t> filled(std::size_t n, std::uint8_t v) {
  return std::vector<std::uint8_t>(n, v);
}

template <class T>
T must(tlsx::Result<T> r) {
  if (!r) std::abort();
  return std::move(*r);
}

void set_bytes(benchmark::State& state, std::size_t per_iteration) {
  state.SetBytesProcessed(static_cast<std::int64_t>(state.iterations() * per_iteration));
}

// ---- hashes and HMAC --------------------------------------------------------------------------
void sha256_tlsx(benchmark::State& state) {
  auto h = must(default_provider().hash(tlsx::crypto::HashAlgorithm::sha256));
  auto in = filled(kRecord, 1);
  std::array<std::uint8_t, 32> out{};
  for (auto _ : state) {
    h->update(in);
    h->finish(out);
    benchmark::DoNotOptimize(out);
  }
  set_bytes(state, kRecord);
}
void sha256_openssl(benchmark::State& state) {
  auto in = filled(kRecord, 1);
  std::array<std::uint8_t, 32> out{};
  unsigned len = 0;
  EVP_MD_CTX* ctx = EVP_MD_CTX_new();
  for (auto _ : state) {
    EVP_DigestInit_ex(ctx, EVP_sha256(), nullptr);
    EVP_DigestUpdate(ctx, in.data(), in.size());
    EVP_DigestFinal_ex(ctx, out.data(), &len);
    benchmark::DoNotOptimize(out);
  }
  EVP_MD_CTX_free(ctx);
  set_bytes(state, kRecord);
}
BENCHMARK(sha256_tlsx)->Name("sha256_16KiB/tlsx");
BENCHMARK(sha256_openssl)->Name("sha256_16KiB/openssl");

void hmac_sha256_tlsx(benchmark::State& state) {
  auto key = filled(32, 7);
  auto m = must(default_provider().hmac(tlsx::crypto::HashAlgorithm::sha256, key));
  auto in = filled(kRecord, 1);
  std::array<std::uint8_t, 32> out{};
  for (auto _ : state) {
    m->update(in);
    m->finish(out);
    benchmark::DoNotOptimize(out);
  }
  set_bytes(state, kRecord);
}
void hmac_sha256_openssl(benchmark::State& state) {
  auto key = filled(32, 7);
  auto in = filled(kRecord, 1);
  std::array<std::uint8_t, 32> out{};
  EVP_MAC* mac = EVP_MAC_fetch(nullptr, "HMAC", nullptr);
  EVP_MAC_CTX* ctx = EVP_MAC_CTX_new(mac);
  char digest[] = "SHA256";
  OSSL_PARAM params[] = {OSSL_PARAM_construct_utf8_string(OSSL_MAC_PARAM_DIGEST, digest, 0),
                         OSSL_PARAM_construct_end()};
  for (auto _ : state) {
    std::size_t len = 0;
    EVP_MAC_init(ctx, key.data(), key.size(), params);
    EVP_MAC_update(ctx, in.data(), in.size());
    EVP_MAC_final(ctx, out.data(), &len, out.size());
    benchmark::DoNotOptimize(out);
  }
  EVP_MAC_CTX_free(ctx);
  EVP_MAC_free(mac);
  set_bytes(state, kRecord);
}
BENCHMARK(hmac_sha256_tlsx)->Name("hmac_sha256_16KiB/tlsx");
BENCHMARK(hmac_sha256_openssl)->Name("hmac_sha256_16KiB/openssl");

// ---- AEADs ------------------------------------------------------------------------------------
void aead_tlsx(benchmark::State& state, tlsx::crypto::AeadAlgorithm alg) {
  auto key = filled(tlsx::crypto::key_size(alg), 3);
  auto aead = must(default_provider().aead(alg, key));
  auto nonce = filled(12, 9);
  auto aad = filled(13, 4);
  auto buf = filled(kRecord + 16, 1);
  for (auto _ : state) {
    if (!aead->seal(nonce, aad, std::span(buf).first(kRecord), buf)) std::abort();
    benchmark::DoNotOptimize(buf.data());
  }
  set_bytes(state, kRecord);
}
void aead_openssl(benchmark::State& state, const EVP_CIPHER* cipher) {
  auto key = filled(static_cast<std::size_t>(EVP_CIPHER_get_key_length(cipher)), 3);
  auto nonce = filled(12, 9);
  auto aad = filled(13, 4);
  auto buf = filled(kRecord + 16, 1);
  EVP_CIPHER_CTX* ctx = EVP_CIPHER_CTX_new();
  EVP_EncryptInit_ex(ctx, cipher, nullptr, key.data(), nullptr);
  for (auto _ : state) {
    int len = 0;
    EVP_EncryptInit_ex(ctx, nullptr, nullptr, nullptr, nonce.data());
    EVP_EncryptUpdate(ctx, nullptr, &len, aad.data(), static_cast<int>(aad.size()));
    EVP_EncryptUpdate(ctx, buf.data(), &len, buf.data(), static_cast<int>(kRecord));
    EVP_EncryptFinal_ex(ctx, buf.data() + len, &len);
    EVP_CIPHER_CTX_ctrl(ctx, EVP_CTRL_AEAD_GET_TAG, 16, buf.data() + kRecord);
    benchmark::DoNotOptimize(buf.data());
  }
  EVP_CIPHER_CTX_free(ctx);
  set_bytes(state, kRecord);
}
BENCHMARK_CAPTURE(aead_tlsx, aes128, tlsx::crypto::AeadAlgorithm::aes128_gcm)
    ->Name("aes128gcm_seal_16KiB/tlsx");
BENCHMARK_CAPTURE(aead_openssl, aes128, EVP_aes_128_gcm())->Name("aes128gcm_seal_16KiB/openssl");
BENCHMARK_CAPTURE(aead_tlsx, aes256, tlsx::crypto::AeadAlgorithm::aes256_gcm)
    ->Name("aes256gcm_seal_16KiB/tlsx");
BENCHMARK_CAPTURE(aead_openssl, aes256, EVP_aes_256_gcm())->Name("aes256gcm_seal_16KiB/openssl");
BENCHMARK_CAPTURE(aead_tlsx, chacha, tlsx::crypto::AeadAlgorithm::chacha20_poly1305)
    ->Name("chacha20poly1305_seal_16KiB/tlsx");
BENCHMARK_CAPTURE(aead_openssl, chacha, EVP_chacha20_poly1305())
    ->Name("chacha20poly1305_seal_16KiB/openssl");

// ---- AES-128-CBC (raw, no padding) ------------------------------------------------------------
void cbc_tlsx(benchmark::State& state, bool encrypt) {
  auto key = filled(16, 3);
  auto cbc = must(default_provider().cbc(tlsx::crypto::CipherAlgorithm::aes128, key));
  auto iv = filled(16, 5);
  auto buf = filled(kRecord, 1);
  for (auto _ : state) {
    auto r = encrypt ? cbc->encrypt(iv, buf, buf) : cbc->decrypt(iv, buf, buf);
    if (!r) std::abort();
    benchmark::DoNotOptimize(buf.data());
  }
  set_bytes(state, kRecord);
}
void cbc_openssl(benchmark::State& state, bool encrypt) {
  auto key = filled(16, 3);
  auto iv = filled(16, 5);
  auto buf = filled(kRecord, 1);
  EVP_CIPHER_CTX* ctx = EVP_CIPHER_CTX_new();
  EVP_CipherInit_ex(ctx, EVP_aes_128_cbc(), nullptr, key.data(), iv.data(), encrypt ? 1 : 0);
  EVP_CIPHER_CTX_set_padding(ctx, 0);
  for (auto _ : state) {
    int len = 0;
    EVP_CipherInit_ex(ctx, nullptr, nullptr, nullptr, iv.data(), -1);
    EVP_CipherUpdate(ctx, buf.data(), &len, buf.data(), static_cast<int>(kRecord));
    benchmark::DoNotOptimize(buf.data());
  }
  EVP_CIPHER_CTX_free(ctx);
  set_bytes(state, kRecord);
}
BENCHMARK_CAPTURE(cbc_tlsx, enc, true)->Name("aes128cbc_encrypt_16KiB/tlsx");
BENCHMARK_CAPTURE(cbc_openssl, enc, true)->Name("aes128cbc_encrypt_16KiB/openssl");
BENCHMARK_CAPTURE(cbc_tlsx, dec, false)->Name("aes128cbc_decrypt_16KiB/tlsx");
BENCHMARK_CAPTURE(cbc_openssl, dec, false)->Name("aes128cbc_decrypt_16KiB/openssl");

// ---- X25519: one shared-secret computation ----------------------------------------------------
void x25519_tlsx(benchmark::State& state) {
  auto priv = filled(32, 0x42);
  std::array<std::uint8_t, 32> pub{}, shared{};
  if (!default_provider().x25519_public(priv, pub)) std::abort();
  for (auto _ : state) {
    if (!default_provider().x25519(priv, pub, shared)) std::abort();
    benchmark::DoNotOptimize(shared);
  }
}
void x25519_openssl(benchmark::State& state) {
  EVP_PKEY_CTX* kctx = EVP_PKEY_CTX_new_id(EVP_PKEY_X25519, nullptr);
  EVP_PKEY* a = nullptr;
  EVP_PKEY* b = nullptr;
  EVP_PKEY_keygen_init(kctx);
  EVP_PKEY_keygen(kctx, &a);
  EVP_PKEY_keygen(kctx, &b);
  EVP_PKEY_CTX* dctx = EVP_PKEY_CTX_new(a, nullptr);
  EVP_PKEY_derive_init(dctx);
  EVP_PKEY_derive_set_peer(dctx, b);
  std::array<std::uint8_t, 32> shared{};
  for (auto _ : state) {
    std::size_t len = shared.size();
    EVP_PKEY_derive(dctx, shared.data(), &len);
    benchmark::DoNotOptimize(shared);
  }
  EVP_PKEY_CTX_free(dctx);
  EVP_PKEY_CTX_free(kctx);
  EVP_PKEY_free(a);
  EVP_PKEY_free(b);
}
BENCHMARK(x25519_tlsx)->Name("x25519_shared/tlsx");
BENCHMARK(x25519_openssl)->Name("x25519_shared/openssl");

// ---- TLS 1.2 PRF: a master secret (48 bytes) and a 104-byte key block --------------------------
void prf_tlsx(benchmark::State& state) {
  auto secret = filled(48, 1);
  auto seed = filled(64, 2);
  std::array<std::uint8_t, 104> out{};
  for (auto _ : state) {
    if (!tlsx::crypto::prf(default_provider(), tlsx::crypto::HashAlgorithm::sha256, secret,
                           "key expansion", seed, out)) {
      std::abort();
    }
    benchmark::DoNotOptimize(out);
  }
}
void prf_openssl(benchmark::State& state) {
  auto secret = filled(48, 1);
  auto seed = filled(64, 2);
  std::array<std::uint8_t, 104> out{};
  EVP_KDF* kdf = EVP_KDF_fetch(nullptr, "TLS1-PRF", nullptr);
  EVP_KDF_CTX* ctx = EVP_KDF_CTX_new(kdf);
  char digest[] = "SHA256";
  // OpenSSL's TLS1-PRF takes label || seed as one seed.
  const std::string_view label = "key expansion";
  std::vector<std::uint8_t> label_seed(label.size() + seed.size());
  std::memcpy(label_seed.data(), label.data(), label.size());
  std::memcpy(label_seed.data() + label.size(), seed.data(), seed.size());
  const auto derive = [&] {
    OSSL_PARAM params[] = {
        OSSL_PARAM_construct_utf8_string(OSSL_KDF_PARAM_DIGEST, digest, 0),
        OSSL_PARAM_construct_octet_string(OSSL_KDF_PARAM_SECRET, secret.data(), secret.size()),
        OSSL_PARAM_construct_octet_string(OSSL_KDF_PARAM_SEED, label_seed.data(),
                                          label_seed.size()),
        OSSL_PARAM_construct_end()};
    // OpenSSL 3.0 appends every SEED parameter to the context's seed (up to 1 KiB, then
    // derive fails): without the reset, each derivation would see a longer seed and, after ~13
    // iterations, fail at once, which once made this baseline look ~7x faster than it is.
    EVP_KDF_CTX_reset(ctx);
    if (EVP_KDF_derive(ctx, out.data(), out.size(), params) != 1) std::abort();
  };
  // Same output as tlsx, or the comparison is meaningless.
  derive();
  std::array<std::uint8_t, 104> expected{};
  if (!tlsx::crypto::prf(default_provider(), tlsx::crypto::HashAlgorithm::sha256, secret,
                         "key expansion", seed, expected) ||
      expected != out) {
    std::abort();
  }
  for (auto _ : state) {
    derive();
    benchmark::DoNotOptimize(out);
  }
  EVP_KDF_CTX_free(ctx);
  EVP_KDF_free(kdf);
}
BENCHMARK(prf_tlsx)->Name("prf_sha256_104B/tlsx");
BENCHMARK(prf_openssl)->Name("prf_sha256_104B/openssl");

}  // namespace
