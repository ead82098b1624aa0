// The builtin ChaCha20-Poly1305: RFC 8439 known answers for the block function, the cipher,
// Poly1305 and the AEAD; Wycheproof through the accelerated and the portable implementation;
// every ChaCha20 and Poly1305 kernel against the portable one; the AEAD against libsodium;
// in-place use, tampering and misuse.
#include <sodium.h>
#include <catch2/catch.hpp>

#include <algorithm>
#include <cstdint>
#include <random>
#include <string>
#include <utility>
#include <vector>

#include "crypto/builtin/builtin.hpp"
#include "crypto/builtin/chacha20.hpp"
#include "crypto/builtin/chacha20_poly1305.hpp"
#include "crypto/builtin/poly1305.hpp"
#include "support/test_support.hpp"

using namespace tlsx;
using namespace tlsx::crypto;
using tlsx::crypto::builtin::ChaCha20Kernel;
using tlsx::crypto::builtin::Impl;
using tlsx::crypto::builtin::Poly1305;
using tlsx::crypto::builtin::Poly1305Kernel;
using tlsx::test::ByteVec;
using tlsx::test::from_hex;
using tlsx::test::to_hex;

namespace {

const char* impl_name(Impl impl) {
  return impl == Impl::best ? "accelerated" : "portable";
}

const char* kernel_name(ChaCha20Kernel k) {
  switch (k) {
    case ChaCha20Kernel::portable:
      return "portable";
    case ChaCha20Kernel::avx2:
      return "avx2";
    case ChaCha20Kernel::avx512:
      return "avx512";
  }
  return "?";
}

const char* kernel_name(Poly1305Kernel k) {
  switch (k) {
    case Poly1305Kernel::portable:
      return "portable";
    case Poly1305Kernel::avx2:
      return "avx2";
    case Poly1305Kernel::avx512ifma:
      return "avx512ifma";
  }
  return "?";
}

std::vector<ChaCha20Kernel> chacha_kernels() {
  std::vector<ChaCha20Kernel> out;
  for (auto k : {ChaCha20Kernel::portable, ChaCha20Kernel::avx2, ChaCha20Kernel::avx512}) {
    if (builtin::chacha20_kernel_available(k)) out.push_back(k);
  }
  return out;
}

std::vector<Poly1305Kernel> poly_kernels() {
  std::vector<Poly1305Kernel> out;
  for (auto k : {Poly1305Kernel::portable, Poly1305Kernel::avx2, Poly1305Kernel::avx512ifma}) {
    if (builtin::poly1305_kernel_available(k)) out.push_back(k);
  }
  return out;
}

bool all_zero(const ByteVec& v) {
  return std::all_of(v.begin(), v.end(), [](std::uint8_t b) { return b == 0; });
}

ByteVec random_bytes(std::mt19937_64& rng, std::size_t n) {
  ByteVec v(n);
  for (auto& b : v) b = static_cast<std::uint8_t>(rng());
  return v;
}

std::unique_ptr<Aead> make(Impl impl, const ByteVec& key) {
  auto aead = builtin::make_chacha20_poly1305(key, impl);
  REQUIRE(aead);
  return std::move(*aead);
}

// XORs the keystream from block `counter` into data with one kernel.
ByteVec chacha_xor(ChaCha20Kernel k, const ByteVec& key, const ByteVec& nonce,
                   std::uint32_t counter, const ByteVec& data) {
  const auto state = builtin::chacha20_state(key.data(), counter, nonce.data());
  ByteVec out(data.size());
  builtin::chacha20_xor_fn(k)(state, data.data(), out.data(), out.size());
  return out;
}

ByteVec poly_tag(Poly1305Kernel k, const ByteVec& key, const ByteVec& msg) {
  Poly1305 mac(key.data(), k);
  mac.update(msg);
  ByteVec tag(16);
  mac.finish(tag.data());
  return tag;
}

const ByteVec& sunscreen() {
  static const ByteVec text = tlsx::test::bytes_of(
      "Ladies and Gentlemen of the class of '99: If I could offer you only one tip for the "
      "future, sunscreen would be it.");
  return text;
}

ByteVec key_0_to_31() {
  ByteVec key(32);
  for (std::size_t i = 0; i < key.size(); ++i) key[i] = static_cast<std::uint8_t>(i);
  return key;
}

// libsodium's IETF ChaCha20-Poly1305, the reference for the cross-checks.
ByteVec sodium_seal(const ByteVec& key, const ByteVec& nonce, const ByteVec& aad,
                    const ByteVec& msg) {
  ByteVec out(msg.size() + 16);
  unsigned long long len = 0;
  crypto_aead_chacha20poly1305_ietf_encrypt(out.data(), &len, msg.data(), msg.size(), aad.data(),
                                            aad.size(), nullptr, nonce.data(), key.data());
  REQUIRE(len == out.size());
  return out;
}

}  // namespace

// ---- RFC 8439 known answers ---------------------------------------------------------------------

TEST_CASE("RFC 8439 §2.3.2 block function", "[chacha20]") {
  const ByteVec key = key_0_to_31();
  const ByteVec nonce = from_hex("000000090000004a00000000");
  const std::string expected =
      "10f1e7e4d13b5915500fdd1fa32071c4c7d1f4c733c068030422aa9ac3d46c4e"
      "d2826446079faa0914c2d705d98b02a2b5129cd1de164eb9cbd083e8a2503c4e";
  ByteVec block(64);
  builtin::chacha20_block(builtin::chacha20_state(key.data(), 1, nonce.data()), block.data());
  CHECK(to_hex(block) == expected);
  for (auto k : chacha_kernels()) {
    INFO(kernel_name(k));
    CHECK(to_hex(chacha_xor(k, key, nonce, 1, ByteVec(64, 0))) == expected);
  }
}

TEST_CASE("RFC 8439 §2.4.2 encryption", "[chacha20]") {
  const ByteVec key = key_0_to_31();
  const ByteVec nonce = from_hex("000000000000004a00000000");
  const std::string expected =
      "6e2e359a2568f98041ba0728dd0d6981e97e7aec1d4360c20a27afccfd9fae0b"
      "f91b65c5524733ab8f593dabcd62b3571639d624e65152ab8f530c359f0861d8"
      "07ca0dbf500d6a6156a38e088a22b65e52bc514d16ccf806818ce91ab7793736"
      "5af90bbf74a35be6b40b8eedf2785e42874d";
  for (auto k : chacha_kernels()) {
    INFO(kernel_name(k));
    CHECK(to_hex(chacha_xor(k, key, nonce, 1, sunscreen())) == expected);
    // in place
    const auto state = builtin::chacha20_state(key.data(), 1, nonce.data());
    ByteVec buf = sunscreen();
    builtin::chacha20_xor_fn(k)(state, buf.data(), buf.data(), buf.size());
    CHECK(to_hex(buf) == expected);
  }
}

TEST_CASE("RFC 8439 §2.5.2 Poly1305", "[poly1305]") {
  const ByteVec key = from_hex("85d6be7857556d337f4452fe42d506a80103808afb0db2fd4abff6af4149f51b");
  const ByteVec msg = tlsx::test::bytes_of("Cryptographic Forum Research Group");
  for (auto k : poly_kernels()) {
    INFO(kernel_name(k));
    CHECK(to_hex(poly_tag(k, key, msg)) == "a8061dc1305136c6c22b8baf0c0127a9");
  }
}

TEST_CASE("RFC 8439 §2.8.2 AEAD", "[chacha20_poly1305]") {
  const ByteVec key = from_hex("808182838485868788898a8b8c8d8e8f909192939495969798999a9b9c9d9e9f");
  const ByteVec nonce = from_hex("070000004041424344454647");
  const ByteVec aad = from_hex("50515253c0c1c2c3c4c5c6c7");
  const std::string expected =
      "d31a8d34648e60db7b86afbc53ef7ec2a4aded51296e08fea9e2b5a736ee62d6"
      "3dbea45e8ca9671282fafb69da92728b1a71de0a9e060b2905d6a5b67ecd3b36"
      "92ddbd7f2d778b8c9803aee328091b58fab324e4fad675945585808b4831d7bc"
      "3ff4def08e4b7a9de576d26586cec64b6116"
      "1ae10b594f09e26a7e902ecbd0600691";
  for (auto impl : {Impl::best, Impl::portable}) {
    INFO(impl_name(impl));
    auto aead = make(impl, key);
    ByteVec sealed(sunscreen().size() + 16);
    REQUIRE(aead->seal(nonce, aad, sunscreen(), sealed));
    CHECK(to_hex(sealed) == expected);
    ByteVec opened(sunscreen().size());
    REQUIRE(aead->open(nonce, aad, sealed, opened));
    CHECK(opened == sunscreen());
  }
}

// ---- Wycheproof ---------------------------------------------------------------------------------

namespace {

bool check_wycheproof_case(Aead& aead, const nlohmann::json& t) {
  const ByteVec iv = from_hex(t["iv"].get<std::string>());
  const ByteVec aad = from_hex(t["aad"].get<std::string>());
  const ByteVec msg = from_hex(t["msg"].get<std::string>());
  const ByteVec sealed = from_hex(t["ct"].get<std::string>() + t["tag"].get<std::string>());
  const bool valid = t["result"].get<std::string>() == "valid";

  ByteVec opened(sealed.size() - 16, 0x5a);
  auto r = aead.open(iv, aad, sealed, opened);
  if (!valid) return !r && r.error().code == ErrorCode::bad_record_mac && all_zero(opened);
  if (!r || opened != msg) return false;
  ByteVec out(msg.size() + 16);
  if (!aead.seal(iv, aad, msg, out) || out != sealed) return false;
  ByteVec buf = msg;  // in place, both directions
  buf.resize(msg.size() + 16);
  if (!aead.seal(iv, aad, Bytes(buf).first(msg.size()), buf) || buf != sealed) return false;
  if (!aead.open(iv, aad, buf, MutableBytes(buf).first(msg.size()))) return false;
  return std::equal(msg.begin(), msg.end(), buf.begin());
}

}  // namespace

TEST_CASE("Wycheproof ChaCha20-Poly1305, builtin accelerated and portable",
          "[chacha20_poly1305][wycheproof]") {
  const auto json = tlsx::test::load_json_vector("wycheproof/chacha20_poly1305_test.json");
  for (auto impl : {Impl::best, Impl::portable}) {
    tlsx::test::VectorTally tally{std::string("chacha20_poly1305_test.json builtin ") +
                                  impl_name(impl)};
    for (const auto& group : json["testGroups"]) {
      const bool usable = group["ivSize"].get<int>() == 96 && group["keySize"].get<int>() == 256 &&
                          group["tagSize"].get<int>() == 128;
      for (const auto& t : group["tests"]) {
        if (!usable) {
          tally.skipped++;
          continue;
        }
        INFO(impl_name(impl) << " tcId " << t["tcId"].get<int>() << " "
                             << t["comment"].get<std::string>());
        auto aead = make(impl, from_hex(t["key"].get<std::string>()));
        const bool ok = check_wycheproof_case(*aead, t);
        CHECK(ok);
        (ok ? tally.passed : tally.failed)++;
      }
    }
    tally.print();
    CHECK(tally.failed == 0);
    CHECK(tally.passed >= 316);
  }
}

// ---- kernels against the portable code ----------------------------------------------------------

TEST_CASE("ChaCha20 kernels agree with the portable one", "[chacha20]") {
  std::mt19937_64 rng(20240601);
  const ByteVec key = random_bytes(rng, 32);
  const ByteVec nonce = random_bytes(rng, 12);
  const ByteVec data = random_bytes(rng, 4200);
  // Lengths around the 64-, 512- and 1024-byte strides, and a counter that wraps modulo 2^32.
  std::vector<std::size_t> lengths;
  for (std::size_t n = 0; n <= 1100; ++n) lengths.push_back(n);
  for (std::size_t base : {1536u, 2048u, 3072u, 4096u}) {
    for (std::size_t d = 0; d < 3; ++d) lengths.insert(lengths.end(), {base - 1 + d});
  }
  lengths.push_back(4200);
  for (std::uint32_t counter : {0u, 1u, 0xfffffff9u}) {
    for (std::size_t n : lengths) {
      const ByteVec in(data.begin(), data.begin() + static_cast<std::ptrdiff_t>(n));
      const ByteVec expected = chacha_xor(ChaCha20Kernel::portable, key, nonce, counter, in);
      for (auto k : chacha_kernels()) {
        if (k == ChaCha20Kernel::portable) continue;
        INFO(kernel_name(k) << " length " << n << " counter " << counter);
        REQUIRE(chacha_xor(k, key, nonce, counter, in) == expected);
      }
    }
  }
}

TEST_CASE("Poly1305 kernels agree with the portable one", "[poly1305]") {
  std::mt19937_64 rng(8439);
  for (int trial = 0; trial < 6; ++trial) {
    ByteVec key = random_bytes(rng, 32);
    ByteVec msg = random_bytes(rng, 2100);
    if (trial == 1) {
      // Largest clamped r and all-ones blocks: the most carries and the largest limbs.
      std::fill(key.begin(), key.begin() + 16, 0xff);
      std::fill(msg.begin(), msg.end(), 0xff);
    }
    if (trial == 2) std::fill(msg.begin(), msg.end(), 0x00);
    if (trial == 3) std::fill(key.begin() + 16, key.end(), 0xff);  // s wraps mod 2^128
    for (std::size_t n = 0; n <= msg.size(); n += (n < 600 ? 1 : 37)) {
      const ByteVec m(msg.begin(), msg.begin() + static_cast<std::ptrdiff_t>(n));
      const ByteVec expected = poly_tag(Poly1305Kernel::portable, key, m);
      for (auto k : poly_kernels()) {
        INFO(kernel_name(k) << " trial " << trial << " length " << n);
        REQUIRE(poly_tag(k, key, m) == expected);
        // Fed in uneven pieces (partial blocks buffered, vector runs of varied sizes).
        Poly1305 mac(key.data(), k);
        std::size_t pos = 0;
        while (pos < n) {
          const std::size_t step = std::min<std::size_t>(n - pos, 1 + rng() % 400);
          mac.update(Bytes(m.data() + pos, step));
          pos += step;
        }
        ByteVec tag(16);
        mac.finish(tag.data());
        REQUIRE(tag == expected);
      }
    }
  }
}

TEST_CASE("Poly1305 pad16 absorbs zero bytes to the block boundary", "[poly1305]") {
  std::mt19937_64 rng(16);
  const ByteVec key = random_bytes(rng, 32);
  for (std::size_t n : {0u, 1u, 15u, 16u, 17u, 300u}) {
    const ByteVec m = random_bytes(rng, n);
    ByteVec padded = m;
    padded.resize((n + 15) / 16 * 16, 0);
    for (auto k : poly_kernels()) {
      Poly1305 mac(key.data(), k);
      mac.update(m);
      mac.pad16();
      ByteVec tag(16);
      mac.finish(tag.data());
      CHECK(tag == poly_tag(Poly1305Kernel::portable, key, padded));
    }
  }
}

// ---- the AEAD against libsodium -----------------------------------------------------------------

TEST_CASE("ChaCha20-Poly1305 accelerated, portable and libsodium agree", "[chacha20_poly1305]") {
  REQUIRE(sodium_init() >= 0);
  std::mt19937_64 rng(1305);
  std::vector<std::size_t> lengths;
  for (std::size_t n = 0; n <= 2000; ++n) lengths.push_back(n);
  // Around the first piece (448 or 960 bytes after the key block, by kernel) and the 16 KiB
  // chunks after it.
  for (std::size_t base : {16384u, 16832u, 17344u, 33216u, 33728u, 40000u}) {
    for (std::size_t d = 0; d < 3; ++d) lengths.push_back(base - 1 + d);
  }
  // Besides Impl::best and Impl::portable, every kernel combination the CPU can run, in turn.
  std::vector<std::pair<ChaCha20Kernel, Poly1305Kernel>> combos;
  for (auto c : chacha_kernels()) {
    for (auto p : poly_kernels()) combos.emplace_back(c, p);
  }
  std::size_t turn = 0;
  for (std::size_t n : lengths) {
    const ByteVec key = random_bytes(rng, 32);
    const ByteVec nonce = random_bytes(rng, 12);
    const ByteVec aad = random_bytes(rng, rng() % 48);
    const ByteVec msg = random_bytes(rng, n);
    const ByteVec expected = sodium_seal(key, nonce, aad, msg);
    const auto [chacha, poly] = combos[turn++ % combos.size()];
    auto combo = builtin::make_chacha20_poly1305_with(key, chacha, poly);
    REQUIRE(combo);
    std::vector<std::pair<std::string, std::unique_ptr<Aead>>> aeads;
    aeads.emplace_back(impl_name(Impl::best), make(Impl::best, key));
    aeads.emplace_back(impl_name(Impl::portable), make(Impl::portable, key));
    aeads.emplace_back(std::string(kernel_name(chacha)) + "+" + kernel_name(poly),
                       std::move(*combo));
    for (auto& [name, aead] : aeads) {
      INFO(name << " length " << n << " aad " << aad.size());
      ByteVec sealed(n + 16);
      REQUIRE(aead->seal(nonce, aad, msg, sealed));
      REQUIRE(sealed == expected);
      ByteVec opened(n, 0x5a);
      REQUIRE(aead->open(nonce, aad, expected, opened));
      REQUIRE(opened == msg);
      // In place, both directions.
      ByteVec buf = msg;
      buf.resize(n + 16);
      REQUIRE(aead->seal(nonce, aad, Bytes(buf).first(n), buf));
      REQUIRE(buf == expected);
      REQUIRE(aead->open(nonce, aad, buf, MutableBytes(buf).first(n)));
      REQUIRE(std::equal(msg.begin(), msg.end(), buf.begin()));
    }
  }
}

// ---- tampering and misuse -----------------------------------------------------------------------

TEST_CASE("ChaCha20-Poly1305 rejects any flipped bit", "[chacha20_poly1305]") {
  std::mt19937_64 rng(99);
  const ByteVec key = random_bytes(rng, 32);
  const ByteVec nonce = random_bytes(rng, 12);
  const ByteVec aad = random_bytes(rng, 13);
  for (auto impl : {Impl::best, Impl::portable}) {
    auto aead = make(impl, key);
    for (std::size_t n : {0u, 1u, 15u, 16u, 17u, 64u, 300u, 513u}) {
      INFO(impl_name(impl) << " length " << n);
      const ByteVec msg = random_bytes(rng, n);
      ByteVec sealed(n + 16);
      REQUIRE(aead->seal(nonce, aad, msg, sealed));
      int rejected = 0;
      for (std::size_t bit = 0; bit < 8 * sealed.size(); ++bit) {
        ByteVec bad = sealed;
        bad[bit / 8] ^= static_cast<std::uint8_t>(1u << (bit % 8));
        ByteVec out(n, 0x77);
        auto r = aead->open(nonce, aad, bad, out);
        rejected += (!r && r.error().code == ErrorCode::bad_record_mac && all_zero(out)) ? 1 : 0;
      }
      CHECK(rejected == static_cast<int>(8 * sealed.size()));
      for (std::size_t bit = 0; bit < 8 * aad.size(); ++bit) {
        ByteVec bad_aad = aad;
        bad_aad[bit / 8] ^= static_cast<std::uint8_t>(1u << (bit % 8));
        ByteVec out(n);
        CHECK_FALSE(aead->open(nonce, bad_aad, sealed, out));
      }
      for (std::size_t bit = 0; bit < 8 * nonce.size(); ++bit) {
        ByteVec bad_nonce = nonce;
        bad_nonce[bit / 8] ^= static_cast<std::uint8_t>(1u << (bit % 8));
        ByteVec out(n);
        CHECK_FALSE(aead->open(bad_nonce, aad, sealed, out));
      }
      // Truncated or extended sealed data does not authenticate either.
      ByteVec shorter(sealed.begin(), sealed.end() - 1);
      ByteVec out_short(shorter.size() >= 16 ? shorter.size() - 16 : 0);
      if (shorter.size() >= 16) CHECK_FALSE(aead->open(nonce, aad, shorter, out_short));
    }
  }
}

TEST_CASE("ChaCha20-Poly1305 refuses bad arguments", "[chacha20_poly1305]") {
  CHECK_FALSE(builtin::make_chacha20_poly1305(ByteVec(16)));
  CHECK_FALSE(builtin::make_chacha20_poly1305_with(ByteVec(31), ChaCha20Kernel::portable,
                                                   Poly1305Kernel::portable));
  CHECK_FALSE(builtin::make_chacha20_poly1305(ByteVec(33)));
  auto aead = make(Impl::best, ByteVec(32, 1));
  CHECK(aead->algorithm() == AeadAlgorithm::chacha20_poly1305);
  ByteVec msg(40, 2), out(56);
  for (std::size_t nonce_size : {0u, 8u, 11u, 13u, 24u}) {
    auto r = aead->seal(ByteVec(nonce_size), {}, msg, out);
    REQUIRE_FALSE(r);
    CHECK(r.error().code == ErrorCode::invalid_argument);
  }
  const ByteVec nonce(12, 3);
  ByteVec wrong(55);
  CHECK(aead->seal(nonce, {}, msg, wrong).error().code == ErrorCode::invalid_argument);
  ByteVec small(15);
  ByteVec none;
  CHECK(aead->open(nonce, {}, small, none).error().code == ErrorCode::invalid_argument);
  // Partial overlap is refused, exact aliasing is fine.
  ByteVec buf(100);
  CHECK_FALSE(aead->seal(nonce, {}, Bytes(buf).subspan(1, 40), MutableBytes(buf).subspan(0, 56)));
  CHECK(aead->seal(nonce, {}, Bytes(buf).first(40), MutableBytes(buf).first(56)));
  CHECK_FALSE(aead->open(nonce, {}, Bytes(buf).first(56), MutableBytes(buf).subspan(8, 40)));
}

TEST_CASE("builtin provider offers ChaCha20-Poly1305", "[chacha20_poly1305]") {
  auto aead = builtin_provider().aead(AeadAlgorithm::chacha20_poly1305, ByteVec(32, 5));
  REQUIRE(aead);
  CHECK((*aead)->algorithm() == AeadAlgorithm::chacha20_poly1305);
  CHECK_FALSE(builtin_provider().aead(AeadAlgorithm::chacha20_poly1305, ByteVec(31)));
  INFO("accelerated: " << builtin::chacha20_accelerated());
  CHECK(builtin::chacha20_accelerated() ==
        (builtin::chacha20_best_kernel() != ChaCha20Kernel::portable &&
         builtin::poly1305_best_kernel() != Poly1305Kernel::portable));
}
