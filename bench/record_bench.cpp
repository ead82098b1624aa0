// Record protection throughput: one 16 KiB record (the TLS maximum) sealed or opened per
// iteration, for every RecordProtection, reported as records/s (items) and MB/s (bytes).
// For the AEAD suites the same record is also sealed and opened through OpenSSL's EVP interface
// (same key, nonce construction and additional data), so bench_main prints tlsx/OpenSSL ratios.
// CBC suites have no OpenSSL pair: OpenSSL's constant-time CBC record code is internal to libssl.
#include <benchmark/benchmark.h>
#include <openssl/evp.h>

#include <array>
#include <cstdint>
#include <cstdlib>
#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "record/aead_protection.hpp"
#include "record/cbc_hmac_protection.hpp"
#include "record/null_protection.hpp"
#include "tlsx/crypto/provider.hpp"

namespace {

using namespace tlsx;
using namespace tlsx::record;
using crypto::AeadAlgorithm;
using crypto::CipherAlgorithm;
using crypto::HashAlgorithm;

constexpr std::size_t kRecord = kMaxPlaintextSize;

std::vector<std::uint8_t> filled(std::size_t n, std::uint8_t v) {
  return std::vector<std::uint8_t>(n, v);
}

template <class T>
T must(Result<T> r) {
  if (!r) std::abort();
  return std::move(*r);
}

void count(benchmark::State& state) {
  state.SetItemsProcessed(static_cast<std::int64_t>(state.iterations()));  // records/s
  state.SetBytesProcessed(static_cast<std::int64_t>(state.iterations() * kRecord));
}

struct BenchSuite {
  std::string name;
  std::function<std::unique_ptr<RecordProtection>()> make;
  const EVP_CIPHER* (*evp)() = nullptr;  ///< the AEAD's OpenSSL cipher, if any
  AeadAlgorithm aead = AeadAlgorithm::aes128_gcm;
};

std::unique_ptr<RecordProtection> aead(AeadAlgorithm alg) {
  const auto key = filled(crypto::key_size(alg), 1);
  const auto iv = filled(alg == AeadAlgorithm::chacha20_poly1305 ? 12 : 4, 2);
  return must(AeadProtection::create(crypto::default_provider(), alg, key, iv));
}

std::unique_ptr<RecordProtection> cbc(CipherAlgorithm c, HashAlgorithm h, MacOrder o) {
  const auto key = filled(crypto::key_size(c), 1);
  const auto mac_key = filled(crypto::digest_size(h), 3);
  return must(CbcHmacProtection::create(crypto::default_provider(), {c, h, o}, key, mac_key));
}

std::vector<BenchSuite> suites() {
  using M = MacOrder;
  return {
      {"null", [] { return make_null_protection(); }},
      {"aes128_gcm", [] { return aead(AeadAlgorithm::aes128_gcm); }, EVP_aes_128_gcm,
       AeadAlgorithm::aes128_gcm},
      {"aes256_gcm", [] { return aead(AeadAlgorithm::aes256_gcm); }, EVP_aes_256_gcm,
       AeadAlgorithm::aes256_gcm},
      {"chacha20_poly1305", [] { return aead(AeadAlgorithm::chacha20_poly1305); },
       EVP_chacha20_poly1305, AeadAlgorithm::chacha20_poly1305},
      {"aes128_cbc_sha1_mte",
       [] { return cbc(CipherAlgorithm::aes128, HashAlgorithm::sha1, M::mac_then_encrypt); }},
      {"aes128_cbc_sha256_mte",
       [] { return cbc(CipherAlgorithm::aes128, HashAlgorithm::sha256, M::mac_then_encrypt); }},
      {"aes256_cbc_sha384_mte",
       [] { return cbc(CipherAlgorithm::aes256, HashAlgorithm::sha384, M::mac_then_encrypt); }},
      {"aes128_cbc_sha1_etm",
       [] { return cbc(CipherAlgorithm::aes128, HashAlgorithm::sha1, M::encrypt_then_mac); }},
      {"aes128_cbc_sha256_etm",
       [] { return cbc(CipherAlgorithm::aes128, HashAlgorithm::sha256, M::encrypt_then_mac); }},
      {"aes256_cbc_sha384_etm",
       [] { return cbc(CipherAlgorithm::aes256, HashAlgorithm::sha384, M::encrypt_then_mac); }},
  };
}

// ---- tlsx --------------------------------------------------------------------------------------

void seal_tlsx(benchmark::State& state, const BenchSuite& suite) {
  auto prot = suite.make();
  const auto plaintext = filled(kRecord, 5);
  std::vector<std::uint8_t> out(prot->sealed_size(kRecord));
  std::uint64_t seq = 0;
  for (auto _ : state) {
    if (!prot->seal({seq++, ContentType::application_data, kTls12}, plaintext, out)) std::abort();
    benchmark::DoNotOptimize(out.data());
  }
  count(state);
}

void open_tlsx(benchmark::State& state, const BenchSuite& suite) {
  auto prot = suite.make();
  const auto plaintext = filled(kRecord, 5);
  const RecordContext context{7, ContentType::application_data, kTls12};
  std::vector<std::uint8_t> sealed(prot->sealed_size(kRecord));
  if (!prot->seal(context, plaintext, sealed)) std::abort();
  std::vector<std::uint8_t> work(sealed.size());
  for (auto _ : state) {
    // Opening decrypts in place, so each iteration starts from a fresh copy (a memcpy of 16 KiB,
    // which is small next to the decryption; both sides of the OpenSSL pair do the same).
    std::copy(sealed.begin(), sealed.end(), work.begin());
    auto opened = prot->open(context, work);
    if (!opened) std::abort();
    benchmark::DoNotOptimize(opened->data());
  }
  count(state);
}

// ---- OpenSSL EVP, same record format ----------------------------------------------------------

/// nonce and aad as the TLS 1.2 record layer builds them for `seq`.
struct EvpRecord {
  std::array<std::uint8_t, 12> nonce{};
  std::array<std::uint8_t, 13> aad{};
  EvpRecord(const BenchSuite& suite, std::uint64_t seq) {
    const RecordContext context{seq, ContentType::application_data, kTls12};
    aad = record_aad(context, static_cast<std::uint16_t>(kRecord));
    const auto iv = filled(suite.aead == AeadAlgorithm::chacha20_poly1305 ? 12 : 4, 2);
    std::copy(iv.begin(), iv.end(), nonce.begin());
    for (int i = 0; i < 8; ++i) {
      const auto b = static_cast<std::uint8_t>(seq >> (56 - 8 * i));
      if (suite.aead == AeadAlgorithm::chacha20_poly1305) {
        nonce[4 + static_cast<std::size_t>(i)] ^= b;
      } else {
        nonce[4 + static_cast<std::size_t>(i)] = b;
      }
    }
  }
};

void seal_openssl(benchmark::State& state, const BenchSuite& suite) {
  const auto key = filled(crypto::key_size(suite.aead), 1);
  const auto plaintext = filled(kRecord, 5);
  std::vector<std::uint8_t> out(kRecord + 16);
  EVP_CIPHER_CTX* ctx = EVP_CIPHER_CTX_new();
  EVP_EncryptInit_ex(ctx, suite.evp(), nullptr, key.data(), nullptr);
  std::uint64_t seq = 0;
  for (auto _ : state) {
    const EvpRecord rec(suite, seq++);
    int len = 0;
    if (EVP_EncryptInit_ex(ctx, nullptr, nullptr, nullptr, rec.nonce.data()) != 1 ||
        EVP_EncryptUpdate(ctx, nullptr, &len, rec.aad.data(), static_cast<int>(rec.aad.size())) !=
            1 ||
        EVP_EncryptUpdate(ctx, out.data(), &len, plaintext.data(), static_cast<int>(kRecord)) !=
            1 ||
        EVP_EncryptFinal_ex(ctx, out.data() + len, &len) != 1 ||
        EVP_CIPHER_CTX_ctrl(ctx, EVP_CTRL_AEAD_GET_TAG, 16, out.data() + kRecord) != 1) {
      std::abort();
    }
    benchmark::DoNotOptimize(out.data());
  }
  EVP_CIPHER_CTX_free(ctx);
  count(state);
}

void open_openssl(benchmark::State& state, const BenchSuite& suite) {
  const auto key = filled(crypto::key_size(suite.aead), 1);
  const auto plaintext = filled(kRecord, 5);
  const EvpRecord rec(suite, 7);
  std::vector<std::uint8_t> sealed(kRecord + 16);
  {
    EVP_CIPHER_CTX* ctx = EVP_CIPHER_CTX_new();
    int len = 0;
    EVP_EncryptInit_ex(ctx, suite.evp(), nullptr, key.data(), rec.nonce.data());
    EVP_EncryptUpdate(ctx, nullptr, &len, rec.aad.data(), static_cast<int>(rec.aad.size()));
    EVP_EncryptUpdate(ctx, sealed.data(), &len, plaintext.data(), static_cast<int>(kRecord));
    EVP_EncryptFinal_ex(ctx, sealed.data() + len, &len);
    EVP_CIPHER_CTX_ctrl(ctx, EVP_CTRL_AEAD_GET_TAG, 16, sealed.data() + kRecord);
    EVP_CIPHER_CTX_free(ctx);
  }
  std::vector<std::uint8_t> work(sealed.size());
  std::array<std::uint8_t, 16> tag{};
  EVP_CIPHER_CTX* ctx = EVP_CIPHER_CTX_new();
  EVP_DecryptInit_ex(ctx, suite.evp(), nullptr, key.data(), nullptr);
  for (auto _ : state) {
    std::copy(sealed.begin(), sealed.end(), work.begin());  // as in open_tlsx
    std::copy(work.end() - 16, work.end(), tag.begin());
    int len = 0;
    if (EVP_DecryptInit_ex(ctx, nullptr, nullptr, nullptr, rec.nonce.data()) != 1 ||
        EVP_DecryptUpdate(ctx, nullptr, &len, rec.aad.data(), static_cast<int>(rec.aad.size())) !=
            1 ||
        EVP_DecryptUpdate(ctx, work.data(), &len, work.data(), static_cast<int>(kRecord)) != 1 ||
        EVP_CIPHER_CTX_ctrl(ctx, EVP_CTRL_AEAD_SET_TAG, 16, tag.data()) != 1 ||
        EVP_DecryptFinal_ex(ctx, work.data() + len, &len) != 1) {
      std::abort();
    }
    benchmark::DoNotOptimize(work.data());
  }
  EVP_CIPHER_CTX_free(ctx);
  count(state);
}

[[maybe_unused]] const bool kRegistered = [] {
  for (const auto& suite : suites()) {
    const std::string seal_name = "record_seal_" + suite.name + "_16KiB";
    const std::string open_name = "record_open_" + suite.name + "_16KiB";
    benchmark::RegisterBenchmark((seal_name + "/tlsx").c_str(), seal_tlsx, suite);
    if (suite.evp != nullptr) {
      benchmark::RegisterBenchmark((seal_name + "/openssl").c_str(), seal_openssl, suite);
    }
    benchmark::RegisterBenchmark((open_name + "/tlsx").c_str(), open_tlsx, suite);
    if (suite.evp != nullptr) {
      benchmark::RegisterBenchmark((open_name + "/openssl").c_str(), open_openssl, suite);
    }
  }
  return true;
}();

}  // namespace
