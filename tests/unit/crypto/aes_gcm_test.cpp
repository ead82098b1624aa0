// AES-GCM: Wycheproof vectors, NIST SP 800-38D examples, in-place use, tampering, and the
// AES-NI/PCLMULQDQ kernel against the constant-time portable one.
#include <catch2/catch.hpp>

#include <cstdint>
#include <random>
#include <string>
#include <vector>

#include "crypto/builtin/builtin.hpp"
#include "crypto/builtin/gcm.hpp"
#include "crypto/builtin/ghash_clmul.hpp"
#include "crypto/builtin/ghash_portable.hpp"
#include "support/test_support.hpp"

using namespace tlsx;
using namespace tlsx::crypto;
using tlsx::crypto::builtin::AesGcm;
using tlsx::crypto::builtin::Impl;
using tlsx::test::ByteVec;
using tlsx::test::from_hex;
using tlsx::test::to_hex;

namespace {

const char* impl_name(Impl impl) {
  return impl == Impl::best ? "accelerated" : "portable";
}

// Impl::best only differs from Impl::portable on a CPU with AES-NI and PCLMULQDQ.
bool impl_runs_here(Impl impl) {
  return impl == Impl::portable || builtin::aes_accelerated();
}

ByteVec concat(const ByteVec& a, const ByteVec& b) {
  ByteVec out = a;
  out.insert(out.end(), b.begin(), b.end());
  return out;
}

AeadAlgorithm alg_for_key(std::size_t key_size) {
  return key_size == 16 ? AeadAlgorithm::aes128_gcm : AeadAlgorithm::aes256_gcm;
}

// Seals and opens one Wycheproof case through either the public Aead (96-bit IVs) or the
// internal any-IV AesGcm; returns whether the outcome matches the expected result.
bool check_wycheproof_case(Impl impl, const nlohmann::json& t) {
  const ByteVec key = from_hex(t["key"].get<std::string>());
  const ByteVec iv = from_hex(t["iv"].get<std::string>());
  const ByteVec aad = from_hex(t["aad"].get<std::string>());
  const ByteVec msg = from_hex(t["msg"].get<std::string>());
  const ByteVec sealed =
      concat(from_hex(t["ct"].get<std::string>()), from_hex(t["tag"].get<std::string>()));
  const bool valid = t["result"].get<std::string>() == "valid";

  ByteVec seal_out(msg.size() + 16);
  ByteVec open_out(sealed.size() - 16, 0xaa);
  Result<void> sealed_ok, opened_ok;
  if (iv.size() == kAeadNonceSize) {
    auto aead = builtin::make_aes_gcm(alg_for_key(key.size()), key, impl);
    REQUIRE(aead);
    sealed_ok = (*aead)->seal(iv, aad, msg, seal_out);
    opened_ok = (*aead)->open(iv, aad, sealed, open_out);
  } else {
    auto gcm = AesGcm::create(key, impl);
    REQUIRE(gcm);
    REQUIRE(gcm->accelerated() == (impl == Impl::best));
    sealed_ok = gcm->seal(iv, aad, msg, seal_out);
    opened_ok = gcm->open(iv, aad, sealed, open_out);
  }

  if (valid) {
    return sealed_ok && seal_out == sealed && opened_ok && open_out == msg;
  }
  if (iv.empty()) {
    // GCM needs a non-empty IV: both directions are API misuse.
    return !sealed_ok && sealed_ok.error().code == ErrorCode::invalid_argument && !opened_ok &&
           opened_ok.error().code == ErrorCode::invalid_argument;
  }
  // Invalid cases carry a wrong tag: opening must fail with bad_record_mac and zero the output.
  return !opened_ok && opened_ok.error().code == ErrorCode::bad_record_mac &&
         opened_ok.error().alert == AlertDescription::bad_record_mac &&
         open_out == ByteVec(open_out.size(), 0);
}

void run_wycheproof(Impl impl) {
  const auto doc = tlsx::test::load_json_vector("wycheproof/aes_gcm_test.json");
  tlsx::test::VectorTally tally{std::string("aes_gcm_test.json (") + impl_name(impl) + ")"};
  for (const auto& group : doc["testGroups"]) {
    const int key_bits = group["keySize"].get<int>();
    const int tag_bits = group["tagSize"].get<int>();
    for (const auto& t : group["tests"]) {
      // TLS never uses AES-192, and tlsx only implements 16-byte tags.
      if (key_bits == 192 || tag_bits != 128) {
        ++tally.skipped;
        continue;
      }
      INFO("tcId " << t["tcId"].get<int>() << " ivSize " << group["ivSize"].get<int>());
      const bool ok = check_wycheproof_case(impl, t);
      CHECK(ok);
      ++(ok ? tally.passed : tally.failed);
    }
  }
  tally.print();
  CHECK(tally.failed == 0);
  CHECK(tally.passed == 213);   // every 128- and 256-bit case
  CHECK(tally.skipped == 103);  // the AES-192 groups
}

}  // namespace

TEST_CASE("AES-GCM Wycheproof vectors, accelerated", "[aes][gcm][wycheproof]") {
  if (!impl_runs_here(Impl::best)) {
    WARN("no AES-NI/PCLMULQDQ on this CPU: accelerated GCM not tested");
    return;
  }
  run_wycheproof(Impl::best);
}

TEST_CASE("AES-GCM Wycheproof vectors, portable", "[aes][gcm][wycheproof]") {
  run_wycheproof(Impl::portable);
}

// The test cases of the GCM specification (McGrew & Viega, "The Galois/Counter Mode of
// Operation", as revised for NIST), re-checked with pyca/cryptography 48.
TEST_CASE("AES-GCM specification test cases", "[aes][gcm]") {
  struct Case {
    int number;
    const char* key;
    const char* iv;
    const char* plaintext;
    const char* aad;
    const char* ciphertext;
    const char* tag;
  };
  const std::string p64 =
      "d9313225f88406e5a55909c5aff5269a86a7a9531534f7da2e4c303d8a318a721c3c0c95956809532fcf0e2449a6"
      "b525b16aedf5aa0de657ba637b391aafd255";
  const std::string p60 = p64.substr(0, 120);
  const char* aad = "feedfacedeadbeeffeedfacedeadbeefabaddad2";
  const char* k3 = "feffe9928665731c6d6a8f9467308308";
  const Case cases[] = {
      {1, "00000000000000000000000000000000", "000000000000000000000000", "", "", "",
       "58e2fccefa7e3061367f1d57a4e7455a"},
      {2, "00000000000000000000000000000000", "000000000000000000000000",
       "00000000000000000000000000000000", "", "0388dace60b6a392f328c2b971b2fe78",
       "ab6e47d42cec13bdf53a67b21257bddf"},
      {3, k3, "cafebabefacedbaddecaf888", p64.c_str(), "",
       "42831ec2217774244b7221b784d0d49ce3aa212f2c02a4e035c17e2329aca12e21d514b25466931c7d8f6a5aac"
       "84aa051ba30b396a0aac973d58e091473f5985",
       "4d5c2af327cd64a62cf35abd2ba6fab4"},
      {4, k3, "cafebabefacedbaddecaf888", p60.c_str(), aad,
       "42831ec2217774244b7221b784d0d49ce3aa212f2c02a4e035c17e2329aca12e21d514b25466931c7d8f6a5aac"
       "84aa051ba30b396a0aac973d58e091",
       "5bc94fbc3221a5db94fae95ae7121a47"},
      {5, k3, "cafebabefacedbad", p60.c_str(), aad,
       "61353b4c2806934a777ff51fa22a4755699b2a714fcdc6f83766e5f97b6c742373806900e49f24b22b097544d4"
       "896b424989b5e1ebac0f07c23f4598",
       "3612d2e79e3b0785561be14aaca2fccb"},
      {6, k3,
       "9313225df88406e555909c5aff5269aa6a7a9538534f7da1e4c303d2a318a728c3c0c95156809539fcf0e2429a"
       "6b525416aedbf5a0de6a57a637b39b",
       p60.c_str(), aad,
       "8ce24998625615b603a033aca13fb894be9112a5c3a211a8ba262a3cca7e2ca701e4a9a4fba43c90ccdcb281d4"
       "8c7c6fd62875d2aca417034c34aee5",
       "619cc5aefffe0bfa462af43c1699d050"},
      {16, "feffe9928665731c6d6a8f9467308308feffe9928665731c6d6a8f9467308308",
       "cafebabefacedbaddecaf888", p60.c_str(), aad,
       "522dc1f099567d07f47f37a32a84427d643a8cdcbfe5c0c97598a2bd2555d1aa8cb08e48590dbb3da7b08b1056"
       "828838c5f61e6393ba7a0abcc9f662",
       "76fc6ece0f4e1768cddf8853bb2d551b"},
  };
  for (Impl impl : {Impl::best, Impl::portable}) {
    if (!impl_runs_here(impl)) continue;
    for (const Case& c : cases) {
      INFO(impl_name(impl) << " test case " << c.number);
      auto gcm = AesGcm::create(from_hex(c.key), impl);
      REQUIRE(gcm);
      const ByteVec iv = from_hex(c.iv), p = from_hex(c.plaintext), a = from_hex(c.aad);
      ByteVec sealed(p.size() + 16);
      REQUIRE(gcm->seal(iv, a, p, sealed));
      CHECK(to_hex(sealed) == std::string(c.ciphertext) + c.tag);
      ByteVec opened(p.size());
      REQUIRE(gcm->open(iv, a, sealed, opened));
      CHECK(opened == p);
    }
  }
}

TEST_CASE("AES-GCM seals and opens in place", "[aes][gcm]") {
  std::mt19937 rng(1);
  for (Impl impl : {Impl::best, Impl::portable}) {
    if (!impl_runs_here(impl)) continue;
    for (std::size_t len : {0, 1, 15, 16, 17, 127, 128, 129, 255, 256, 1000}) {
      INFO(impl_name(impl) << " length " << len);
      ByteVec key(32), nonce(12), aad(13), msg(len);
      for (auto* v : {&key, &nonce, &aad, &msg}) {
        for (auto& b : *v) b = static_cast<std::uint8_t>(rng());
      }
      auto aead = builtin::make_aes_gcm(AeadAlgorithm::aes256_gcm, key, impl);
      REQUIRE(aead);
      ByteVec expected(len + 16);
      REQUIRE((*aead)->seal(nonce, aad, msg, expected));

      ByteVec buf = msg;
      buf.resize(len + 16);
      REQUIRE((*aead)->seal(nonce, aad, std::span(buf).first(len), buf));
      CHECK(buf == expected);
      REQUIRE((*aead)->open(nonce, aad, buf, std::span(buf).first(len)));
      CHECK(ByteVec(buf.begin(), buf.begin() + static_cast<std::ptrdiff_t>(len)) == msg);
    }
  }
}

TEST_CASE("AES-GCM rejects any flipped bit of ciphertext, tag, AAD or nonce", "[aes][gcm]") {
  for (Impl impl : {Impl::best, Impl::portable}) {
    if (!impl_runs_here(impl)) continue;
    INFO(impl_name(impl));
    const ByteVec key = from_hex("000102030405060708090a0b0c0d0e0f");
    ByteVec nonce = from_hex("101112131415161718191a1b");
    ByteVec aad = from_hex("17030300280000000000000001");
    const ByteVec msg = tlsx::test::bytes_of("attack at dawn, bring 40 bytes of text!!");
    auto aead = builtin::make_aes_gcm(AeadAlgorithm::aes128_gcm, key, impl);
    REQUIRE(aead);
    ByteVec sealed(msg.size() + 16);
    REQUIRE((*aead)->seal(nonce, aad, msg, sealed));

    const auto expect_rejected = [&](const char* what, std::size_t bit) {
      INFO(what << " bit " << bit);
      ByteVec out(msg.size(), 0x55);
      auto r = (*aead)->open(nonce, aad, sealed, out);
      REQUIRE_FALSE(r);
      CHECK(r.error().code == ErrorCode::bad_record_mac);
      CHECK(r.error().alert == AlertDescription::bad_record_mac);
      CHECK(out == ByteVec(out.size(), 0));
    };
    for (std::size_t bit = 0; bit < 8 * sealed.size(); ++bit) {
      sealed[bit / 8] ^= static_cast<std::uint8_t>(1U << (bit % 8));
      expect_rejected(bit < 8 * msg.size() ? "ciphertext" : "tag", bit);
      sealed[bit / 8] ^= static_cast<std::uint8_t>(1U << (bit % 8));
    }
    for (std::size_t bit = 0; bit < 8 * aad.size(); ++bit) {
      aad[bit / 8] ^= static_cast<std::uint8_t>(1U << (bit % 8));
      expect_rejected("aad", bit);
      aad[bit / 8] ^= static_cast<std::uint8_t>(1U << (bit % 8));
    }
    for (std::size_t bit = 0; bit < 8 * nonce.size(); ++bit) {
      nonce[bit / 8] ^= static_cast<std::uint8_t>(1U << (bit % 8));
      expect_rejected("nonce", bit);
      nonce[bit / 8] ^= static_cast<std::uint8_t>(1U << (bit % 8));
    }
    // A truncated or extended AAD, and a sealed record cut short, fail too.
    aad.pop_back();
    expect_rejected("shortened aad", 0);
    aad.push_back(0x01);
    ByteVec out(msg.size() - 1);
    auto r = (*aead)->open(nonce, aad, std::span(sealed).first(sealed.size() - 1), out);
    REQUIRE_FALSE(r);
    CHECK(r.error().code == ErrorCode::bad_record_mac);
    // Untampered, it still opens.
    ByteVec opened(msg.size());
    REQUIRE((*aead)->open(nonce, aad, sealed, opened));
    CHECK(opened == msg);
  }
}

TEST_CASE("AES-GCM reports misuse as invalid_argument", "[aes][gcm]") {
  const ByteVec key(16, 1), nonce(12, 2), aad(5, 3), msg(40, 4);
  CHECK(builtin::make_aes_gcm(AeadAlgorithm::aes128_gcm, ByteVec(32, 1)).error().code ==
        ErrorCode::invalid_argument);
  CHECK(builtin::make_aes_gcm(AeadAlgorithm::aes256_gcm, key).error().code ==
        ErrorCode::invalid_argument);
  CHECK(builtin::make_aes_gcm(AeadAlgorithm::chacha20_poly1305, ByteVec(32, 1)).error().code ==
        ErrorCode::unsupported);
  CHECK(AesGcm::create(ByteVec(24, 1), Impl::best).error().code == ErrorCode::invalid_argument);

  for (Impl impl : {Impl::best, Impl::portable}) {
    INFO(impl_name(impl));
    auto aead = builtin::make_aes_gcm(AeadAlgorithm::aes128_gcm, key, impl);
    REQUIRE(aead);
    CHECK((*aead)->algorithm() == AeadAlgorithm::aes128_gcm);
    ByteVec out(msg.size() + 16);
    const auto code = [](const Result<void>& r) {
      return r ? ErrorCode::internal : r.error().code;
    };
    CHECK(code((*aead)->seal(ByteVec(8, 2), aad, msg, out)) == ErrorCode::invalid_argument);
    CHECK(code((*aead)->seal(nonce, aad, msg, std::span(out).first(50))) ==
          ErrorCode::invalid_argument);
    CHECK(code((*aead)->open(ByteVec(16, 2), aad, out, std::span(out).first(40))) ==
          ErrorCode::invalid_argument);
    CHECK(code((*aead)->open(nonce, aad, std::span(out).first(15), std::span(out).first(0))) ==
          ErrorCode::invalid_argument);
    CHECK(code((*aead)->open(nonce, aad, out, std::span(out).first(41))) ==
          ErrorCode::invalid_argument);
    // Exact aliasing is allowed, a shifted overlap is not.
    ByteVec buf(msg.size() + 17);
    CHECK(code((*aead)->seal(nonce, aad, std::span(buf).first(40), std::span(buf).subspan(1))) ==
          ErrorCode::invalid_argument);
    CHECK(code((*aead)->open(nonce, aad, std::span(buf).subspan(1), std::span(buf).first(40))) ==
          ErrorCode::invalid_argument);
    // The sealed form of an empty message is just the tag.
    ByteVec tag(16);
    REQUIRE((*aead)->seal(nonce, aad, {}, tag));
    CHECK((*aead)->open(nonce, aad, tag, {}));
  }
}

TEST_CASE("AES-GCM: accelerated and portable agree on random inputs", "[aes][gcm]") {
  if (!builtin::aes_accelerated()) {
    WARN("no AES-NI/PCLMULQDQ: nothing to compare");
    return;
  }
  std::mt19937 rng(20261123);
  const auto random_bytes = [&](std::size_t n) {
    ByteVec v(n);
    for (auto& b : v) b = static_cast<std::uint8_t>(rng());
    return v;
  };
  for (int i = 0; i < 120; ++i) {
    // Lengths cover every tail size and the 8-block groups of the accelerated kernel.
    const std::size_t len = i < 40 ? static_cast<std::size_t>(i) : rng() % 2001;
    const std::size_t key_len = (i % 2 == 0) ? 16 : 32;
    const ByteVec key = random_bytes(key_len);
    const ByteVec msg = random_bytes(len);
    const ByteVec aad = random_bytes(rng() % 70);
    // Mostly 12-byte IVs; every fifth case takes the GHASH-derived J0 path.
    const ByteVec iv = random_bytes(i % 5 == 0 ? 1 + rng() % 40 : 12);
    INFO("case " << i << " key " << key_len << " length " << len << " iv " << iv.size());

    auto fast = AesGcm::create(key, Impl::best);
    auto slow = AesGcm::create(key, Impl::portable);
    REQUIRE(fast);
    REQUIRE(slow);
    REQUIRE(fast->accelerated());
    REQUIRE_FALSE(slow->accelerated());
    ByteVec sealed_fast(len + 16), sealed_slow(len + 16);
    REQUIRE(fast->seal(iv, aad, msg, sealed_fast));
    REQUIRE(slow->seal(iv, aad, msg, sealed_slow));
    CHECK(sealed_fast == sealed_slow);

    ByteVec opened(len);
    REQUIRE(slow->open(iv, aad, sealed_fast, opened));
    CHECK(opened == msg);
    REQUIRE(fast->open(iv, aad, sealed_slow, opened));
    CHECK(opened == msg);
  }
}

TEST_CASE("GHASH: portable and PCLMULQDQ agree on random input", "[aes][gcm][ghash]") {
#if TLSX_HAVE_X86_INTRINSICS
  if (!builtin::clmul_available()) {
    WARN("no PCLMULQDQ: nothing to compare");
    return;
  }
  std::mt19937_64 rng(7);
  for (int i = 0; i < 200; ++i) {
    ByteVec h(16), y(16), data(16 * (static_cast<std::size_t>(i) % 37));
    for (auto* v : {&h, &y, &data}) {
      for (auto& b : *v) b = static_cast<std::uint8_t>(rng());
    }
    // Sparse keys and states reach the corner cases of the reduction and of the holey products.
    if (i % 4 == 1) h.assign(16, 0xff);
    if (i % 8 == 2) h = from_hex("80000000000000000000000000000000");  // H = 1
    if (i % 8 == 3) h = from_hex("00000000000000000000000000000001");  // H = x^127
    INFO("case " << i << " H " << to_hex(h) << " blocks " << data.size() / 16);
    ByteVec y_portable = y, y_clmul = y;
    const builtin::GhashPortableKey portable_key(h.data());
    const builtin::GhashClmulKey clmul_key(h.data());
    builtin::ghash_portable(portable_key, y_portable.data(), data.data(), data.size() / 16);
    builtin::ghash_clmul(clmul_key, y_clmul.data(), data.data(), data.size() / 16);
    CHECK(to_hex(y_portable) == to_hex(y_clmul));
    if (i % 8 == 2 && data.size() == 16) {
      // Multiplying by 1 leaves y ^ X.
      for (std::size_t j = 0; j < 16; ++j) y[j] ^= data[j];
      CHECK(to_hex(y_portable) == to_hex(y));
    }
  }
#else
  WARN("not an x86 build: nothing to compare");
#endif
}
