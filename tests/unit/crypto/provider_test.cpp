// Every provider (sodium, builtin, default) against every primitive it implements: known
// answers, Wycheproof where it exists, cross-checks between backends on random inputs, the
// unsupported ones reporting ErrorCode::unsupported, and the constant-time helpers.
#include <catch2/catch.hpp>

#include <algorithm>
#include <array>
#include <cstring>
#include <iostream>
#include <random>
#include <string>
#include <vector>

#include "crypto/builtin/builtin.hpp"
#include "crypto/provider_registry.hpp"
#include "crypto/sodium/sodium.hpp"
#include "support/test_support.hpp"
#include "tlsx/crypto/constant_time.hpp"
#include "tlsx/crypto/provider.hpp"
#include "tlsx/secret.hpp"

using namespace tlsx;
using namespace tlsx::crypto;
using tlsx::test::bytes_of;
using tlsx::test::ByteVec;
using tlsx::test::from_hex;
using tlsx::test::to_hex;

namespace {

constexpr std::array kHashes = {HashAlgorithm::md5, HashAlgorithm::sha1, HashAlgorithm::sha256,
                                HashAlgorithm::sha384, HashAlgorithm::sha512};
constexpr std::array kAeads = {AeadAlgorithm::aes128_gcm, AeadAlgorithm::aes256_gcm,
                               AeadAlgorithm::chacha20_poly1305};

std::vector<const Provider*> all_providers() {
  return {&sodium_provider(), &builtin_provider(), &default_provider()};
}

// The support matrix each provider promises (provider.hpp); everything else must be reported
// as unsupported, never silently missing.
bool has_hash(const Provider& p, HashAlgorithm alg) {
  if (p.name() == "sodium") return alg == HashAlgorithm::sha256 || alg == HashAlgorithm::sha512;
  return true;
}
bool has_aead(const Provider& p, AeadAlgorithm alg) {
  if (p.name() == "sodium") {
    return alg == AeadAlgorithm::chacha20_poly1305 ||
           (alg == AeadAlgorithm::aes256_gcm && sodium::aes256gcm_available());
  }
  return true;
}
bool has_cbc(const Provider& p) {
  return p.name() != "sodium";
}
bool has_x25519_and_rng(const Provider& p) {
  return p.name() != "builtin";
}

ByteVec hash_of(const Provider& p, HashAlgorithm alg, const ByteVec& msg) {
  ByteVec out(digest_size(alg));
  REQUIRE(hash_once(p, alg, msg, out));
  return out;
}

ByteVec hmac_of(const Provider& p, HashAlgorithm alg, const ByteVec& key, const ByteVec& msg) {
  ByteVec out(digest_size(alg));
  REQUIRE(hmac_once(p, alg, key, msg, out));
  return out;
}

ByteVec random_bytes(std::mt19937& rng, std::size_t n) {
  ByteVec v(n);
  for (auto& b : v) b = static_cast<std::uint8_t>(rng());
  return v;
}

struct HashKat {
  HashAlgorithm alg;
  const char* message;
  const char* digest;
};

// FIPS 180-2 appendix examples, RFC 1321 §A.5 and RFC 3174 §7.3 (empty, "abc", 448-bit).
constexpr const char* kAbc448 = "abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq";
const HashKat kHashKats[] = {
    {HashAlgorithm::md5, "", "d41d8cd98f00b204e9800998ecf8427e"},
    {HashAlgorithm::md5, "abc", "900150983cd24fb0d6963f7d28e17f72"},
    {HashAlgorithm::md5, "message digest", "f96b697d7cb7938d525a2f31aaf161d0"},
    {HashAlgorithm::sha1, "", "da39a3ee5e6b4b0d3255bfef95601890afd80709"},
    {HashAlgorithm::sha1, "abc", "a9993e364706816aba3e25717850c26c9cd0d89d"},
    {HashAlgorithm::sha1, kAbc448, "84983e441c3bd26ebaae4aa1f95129e5e54670f1"},
    {HashAlgorithm::sha256, "", "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"},
    {HashAlgorithm::sha256, "abc",
     "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"},
    {HashAlgorithm::sha256, kAbc448,
     "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1"},
    {HashAlgorithm::sha384, "",
     "38b060a751ac96384cd9327eb1b1e36a21fdb71114be07434c0cc7bf63f6e1da274edebfe76f65fbd51ad2f148"
     "98b95b"},
    {HashAlgorithm::sha384, "abc",
     "cb00753f45a35e8bb5a03d699ac65007272c32ab0eded1631a8b605a43ff5bed8086072ba1e7cc2358baeca134"
     "c825a7"},
    {HashAlgorithm::sha512, "",
     "cf83e1357eefb8bdf1542850d66d8007d620e4050b5715dc83f4a921d36ce9ce47d0d13c5d85f2b0ff8318d287"
     "7eec2f63b931bd47417a81a538327af927da3e"},
    {HashAlgorithm::sha512, "abc",
     "ddaf35a193617abacc417349ae20413112e6fa4e89a97ea20a9eeee64b55d39a2192992a274fc1a836ba3c23a3"
     "feebbd454d4423643ce80e2a9ac94fa54ca49f"},
};

struct HmacKat {
  HashAlgorithm alg;
  bool long_key;  // false: RFC 4231 / RFC 2202 test case 2 ("Jefe"); true: 131 x 0xaa key
  const char* tag;
};

// RFC 4231 test cases 2 and 6 (SHA-256/384/512), RFC 2202 test cases 2 and 6 (MD5, SHA-1; the
// RFC 2202 long-key case uses an 80-byte key, here the RFC 4231 131-byte key, recomputed with
// Python's hmac module).
const HmacKat kHmacKats[] = {
    {HashAlgorithm::md5, false, "750c783e6ab0b503eaa86e310a5db738"},
    {HashAlgorithm::md5, true, "bfecaf4efff90a3a668f3922fec3762d"},
    {HashAlgorithm::sha1, false, "effcdf6ae5eb2fa2d27416d5f184df9c259a7c79"},
    {HashAlgorithm::sha1, true, "90d0dace1c1bdc957339307803160335bde6df2b"},
    {HashAlgorithm::sha256, false,
     "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843"},
    {HashAlgorithm::sha256, true,
     "60e431591ee0b67f0d8a26aacbf5b77f8e0bc6213728c5140546040f0ee37f54"},
    {HashAlgorithm::sha384, false,
     "af45d2e376484031617f78d2b58a6b1b9c7ef464f5a01b47e42ec3736322445e8e2240ca5e69e2c78b3239ecfa"
     "b21649"},
    {HashAlgorithm::sha384, true,
     "4ece084485813e9088d2c63a041bc5b44f9ef1012a2b588f3cd11f05033ac4c60c2ef6ab4030fe8296248df163"
     "f44952"},
    {HashAlgorithm::sha512, false,
     "164b7a7bfcf819e2e395fbe73b56e0a387bd64222e831fd610270cd7ea2505549758bf75c05a994a6d034f65f8"
     "f0e6fdcaeab1a34d4a6b4b636e070a38bce737"},
    {HashAlgorithm::sha512, true,
     "80b24263c7c1a3ebb71493c1dd7be8b49b46d1f41b4aeec1121b013783f8f3526b56d037e05f2598bd0fd2215d"
     "6a1e5295e64f73f63f0aec8b915a985d786598"},
};

}  // namespace

// ---- hashes ------------------------------------------------------------------------------------

TEST_CASE("hash known answers on every provider that has the hash", "[provider][hash]") {
  for (const Provider* p : all_providers()) {
    for (const HashKat& kat : kHashKats) {
      if (!has_hash(*p, kat.alg)) continue;
      INFO(p->name() << " " << to_string(kat.alg) << " of \"" << kat.message << "\"");
      CHECK(to_hex(hash_of(*p, kat.alg, bytes_of(kat.message))) == kat.digest);
    }
  }
}

TEST_CASE("one million 'a' fed in uneven pieces (FIPS 180-2)", "[provider][hash]") {
  const ByteVec chunk(997, 'a');
  for (const Provider* p : all_providers()) {
    for (auto [alg, expected] :
         {std::pair{HashAlgorithm::sha256,
                    "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0"},
          std::pair{
              HashAlgorithm::sha512,
              "e718483d0ce769644e2e42c7bc15b4638e1f98b13b2044285632a803afa973ebde0ff244877ea60"
              "a4cb0432ce577c31beb009c5c2c49aa2e4eadb217ad8cc09b"}}) {
      INFO(p->name() << " " << to_string(alg));
      auto h = p->hash(alg);
      REQUIRE(h);
      std::size_t left = 1000000;
      while (left > 0) {
        const std::size_t n = std::min(left, chunk.size());
        (*h)->update(Bytes(chunk).first(n));
        left -= n;
      }
      ByteVec out(digest_size(alg));
      (*h)->finish(out);
      CHECK(to_hex(out) == expected);
    }
  }
}

TEST_CASE("hash clone continues independently, finish resets", "[provider][hash]") {
  for (const Provider* p : all_providers()) {
    for (HashAlgorithm alg : kHashes) {
      if (!has_hash(*p, alg)) continue;
      INFO(p->name() << " " << to_string(alg));
      auto h = p->hash(alg);
      REQUIRE(h);
      CHECK((*h)->algorithm() == alg);
      (*h)->update(bytes_of("ab"));
      auto copy = (*h)->clone();
      REQUIRE(copy);
      (*h)->update(bytes_of("c"));
      ByteVec from_original(digest_size(alg));
      (*h)->finish(from_original);
      CHECK(from_original == hash_of(*p, alg, bytes_of("abc")));
      // The clone saw "ab" only; feeding it "x" gives hash("abx").
      copy->update(bytes_of("x"));
      ByteVec from_clone(digest_size(alg));
      copy->finish(from_clone);
      CHECK(from_clone == hash_of(*p, alg, bytes_of("abx")));
      // After finish the object starts over.
      (*h)->update(bytes_of("abc"));
      ByteVec again(digest_size(alg));
      (*h)->finish(again);
      CHECK(again == from_original);
      // A too-short output buffer is never overrun.
      (*h)->update(bytes_of("abc"));
      std::array<std::uint8_t, 8> short_out{};
      (*h)->finish(short_out);
      CHECK(to_hex(short_out) == to_hex(from_original).substr(0, 16));
    }
  }
}

// ---- HMAC --------------------------------------------------------------------------------------

TEST_CASE("HMAC known answers (RFC 4231, RFC 2202) on every provider", "[provider][hmac]") {
  const ByteVec long_key(131, 0xaa);
  for (const Provider* p : all_providers()) {
    for (const HmacKat& kat : kHmacKats) {
      if (!has_hash(*p, kat.alg)) continue;
      INFO(p->name() << " HMAC-" << to_string(kat.alg) << (kat.long_key ? " long key" : " Jefe"));
      const ByteVec key = kat.long_key ? long_key : bytes_of("Jefe");
      const ByteVec msg = kat.long_key
                              ? bytes_of("Test Using Larger Than Block-Size Key - Hash Key First")
                              : bytes_of("what do ya want for nothing?");
      CHECK(to_hex(hmac_of(*p, kat.alg, key, msg)) == kat.tag);
    }
  }
}

TEST_CASE("HMAC finish resets to the keyed state, clone keeps the key", "[provider][hmac]") {
  for (const Provider* p : all_providers()) {
    for (HashAlgorithm alg : kHashes) {
      if (!has_hash(*p, alg)) continue;
      INFO(p->name() << " HMAC-" << to_string(alg));
      const ByteVec key = bytes_of("Jefe");
      auto m = p->hmac(alg, key);
      REQUIRE(m);
      CHECK((*m)->algorithm() == alg);
      const ByteVec expected = hmac_of(*p, alg, key, bytes_of("what do ya want for nothing?"));
      for (int round = 0; round < 2; ++round) {
        (*m)->update(bytes_of("what do ya "));
        (*m)->update(bytes_of("want for nothing?"));
        ByteVec out(digest_size(alg));
        (*m)->finish(out);
        CHECK(out == expected);
      }
      (*m)->update(bytes_of("what do ya "));
      auto copy = (*m)->clone();
      copy->update(bytes_of("want for nothing?"));
      ByteVec out(digest_size(alg));
      copy->finish(out);
      CHECK(out == expected);
    }
  }
}

namespace {

void run_wycheproof_hmac(const Provider& p, HashAlgorithm alg, const char* file) {
  const auto json = tlsx::test::load_json_vector(std::string("wycheproof/") + file);
  tlsx::test::VectorTally tally{std::string(file) + " via " + std::string(p.name())};
  for (const auto& group : json["testGroups"]) {
    const std::size_t tag_bytes = group["tagSize"].get<std::size_t>() / 8;
    for (const auto& t : group["tests"]) {
      INFO(p.name() << " " << file << " tcId " << t["tcId"].get<int>());
      const ByteVec key = from_hex(t["key"].get<std::string>());
      const ByteVec msg = from_hex(t["msg"].get<std::string>());
      const ByteVec tag = from_hex(t["tag"].get<std::string>());
      const ByteVec full = hmac_of(p, alg, key, msg);
      const bool match = tag.size() == tag_bytes &&
                         ct_equal(Bytes(full).first(std::min(tag_bytes, full.size())), tag);
      const bool want = t["result"].get<std::string>() == "valid";
      CHECK(match == want);
      (match == want ? tally.passed : tally.failed)++;
    }
  }
  tally.print();
}

}  // namespace

TEST_CASE("Wycheproof HMAC on every provider that has it", "[provider][hmac][wycheproof]") {
  const std::pair<HashAlgorithm, const char*> files[] = {
      {HashAlgorithm::sha1, "hmac_sha1_test.json"},
      {HashAlgorithm::sha256, "hmac_sha256_test.json"},
      {HashAlgorithm::sha384, "hmac_sha384_test.json"},
      {HashAlgorithm::sha512, "hmac_sha512_test.json"}};
  for (const Provider* p : all_providers()) {
    for (auto [alg, file] : files) {
      if (has_hash(*p, alg)) run_wycheproof_hmac(*p, alg, file);
    }
  }
}

// ---- AEAD --------------------------------------------------------------------------------------

namespace {

void run_wycheproof_gcm(const Provider& p) {
  const auto json = tlsx::test::load_json_vector("wycheproof/aes_gcm_test.json");
  tlsx::test::VectorTally tally{"aes_gcm_test.json via " + std::string(p.name())};
  for (const auto& group : json["testGroups"]) {
    const int key_bits = group["keySize"].get<int>();
    const AeadAlgorithm alg =
        key_bits == 128 ? AeadAlgorithm::aes128_gcm : AeadAlgorithm::aes256_gcm;
    const bool usable = group["ivSize"].get<int>() == 96 && group["tagSize"].get<int>() == 128 &&
                        (key_bits == 128 || key_bits == 256) && has_aead(p, alg);
    for (const auto& t : group["tests"]) {
      if (!usable) {
        tally.skipped++;
        continue;
      }
      INFO(p.name() << " aes_gcm tcId " << t["tcId"].get<int>());
      const ByteVec key = from_hex(t["key"].get<std::string>());
      const ByteVec iv = from_hex(t["iv"].get<std::string>());
      const ByteVec aad = from_hex(t["aad"].get<std::string>());
      const ByteVec msg = from_hex(t["msg"].get<std::string>());
      ByteVec sealed = from_hex(t["ct"].get<std::string>() + t["tag"].get<std::string>());
      const bool valid = t["result"].get<std::string>() == "valid";
      auto aead = p.aead(alg, key);
      REQUIRE(aead);
      bool ok = true;
      if (valid) {
        ByteVec out(msg.size() + kAeadTagSize);
        ok = ok && (*aead)->seal(iv, aad, msg, out).has_value() && out == sealed;
      }
      ByteVec opened(sealed.size() - kAeadTagSize, 0x55);
      auto r = (*aead)->open(iv, aad, sealed, opened);
      if (valid) {
        ok = ok && r.has_value() && opened == msg;
      } else {
        ok = ok && !r && r.error().code == ErrorCode::bad_record_mac &&
             std::all_of(opened.begin(), opened.end(), [](std::uint8_t b) { return b == 0; });
      }
      CHECK(ok);
      (ok ? tally.passed : tally.failed)++;
    }
  }
  tally.print();
}

}  // namespace

TEST_CASE("Wycheproof AES-GCM (96-bit IV) on every provider that has it",
          "[provider][aead][wycheproof]") {
  for (const Provider* p : all_providers()) {
    if (has_aead(*p, AeadAlgorithm::aes128_gcm) || has_aead(*p, AeadAlgorithm::aes256_gcm)) {
      run_wycheproof_gcm(*p);
    }
  }
}

TEST_CASE("AEAD in place, tag failure zeroes output, argument checks", "[provider][aead]") {
  std::mt19937 rng(7);
  for (const Provider* p : all_providers()) {
    for (AeadAlgorithm alg : kAeads) {
      if (!has_aead(*p, alg)) continue;
      INFO(p->name() << " " << to_string(alg));
      const ByteVec key = random_bytes(rng, key_size(alg));
      const ByteVec nonce = random_bytes(rng, kAeadNonceSize);
      const ByteVec aad = random_bytes(rng, 13);
      const ByteVec msg = random_bytes(rng, 100);
      auto aead = p->aead(alg, key);
      REQUIRE(aead);
      CHECK((*aead)->algorithm() == alg);

      ByteVec separate(msg.size() + kAeadTagSize);
      REQUIRE((*aead)->seal(nonce, aad, msg, separate));
      ByteVec buf = msg;
      buf.resize(msg.size() + kAeadTagSize);
      REQUIRE((*aead)->seal(nonce, aad, Bytes(buf).first(msg.size()), buf));  // in place
      CHECK(buf == separate);
      REQUIRE((*aead)->open(nonce, aad, buf, MutableBytes(buf).first(msg.size())));
      CHECK(ByteVec(buf.begin(), buf.begin() + static_cast<long>(msg.size())) == msg);

      // Any flipped bit (ciphertext, tag, AAD or nonce) fails, and nothing decrypted escapes.
      for (std::size_t bit : {std::size_t{0}, 8 * msg.size() + 5, 8 * separate.size() - 1}) {
        ByteVec bad = separate;
        bad[bit / 8] ^= static_cast<std::uint8_t>(1u << (bit % 8));
        ByteVec out(msg.size(), 0xee);
        auto r = (*aead)->open(nonce, aad, bad, out);
        REQUIRE_FALSE(r);
        CHECK(r.error().code == ErrorCode::bad_record_mac);
        CHECK(r.error().alert == AlertDescription::bad_record_mac);
        CHECK(std::all_of(out.begin(), out.end(), [](std::uint8_t b) { return b == 0; }));
      }
      ByteVec bad_aad = aad;
      bad_aad[0] ^= 1;
      ByteVec out(msg.size());
      CHECK_FALSE((*aead)->open(nonce, bad_aad, separate, out));
      // In-place open of a forged record zeroes the buffer too.
      ByteVec forged = separate;
      forged.back() ^= 0x80;
      CHECK_FALSE((*aead)->open(nonce, aad, forged, MutableBytes(forged).first(msg.size())));
      CHECK(std::all_of(forged.begin(), forged.begin() + static_cast<long>(msg.size()),
                        [](std::uint8_t b) { return b == 0; }));

      // Empty plaintext: the tag alone.
      std::array<std::uint8_t, kAeadTagSize> tag_only{};
      REQUIRE((*aead)->seal(nonce, aad, {}, tag_only));
      CHECK((*aead)->open(nonce, aad, tag_only, {}));

      // Misuse is invalid_argument.
      CHECK((*aead)->seal(Bytes(nonce).first(8), aad, msg, separate).error().code ==
            ErrorCode::invalid_argument);
      CHECK((*aead)->seal(nonce, aad, msg, MutableBytes(separate).first(msg.size())).error().code ==
            ErrorCode::invalid_argument);
      CHECK((*aead)->open(nonce, aad, separate, MutableBytes(out).first(10)).error().code ==
            ErrorCode::invalid_argument);
      // Shorter than a tag: sodium says bad_record_mac, builtin GCM invalid_argument; the
      // interface leaves it open, but it must fail either way.
      auto too_short = (*aead)->open(nonce, aad, Bytes(separate).first(15), {});
      REQUIRE_FALSE(too_short);
      CHECK((too_short.error().code == ErrorCode::bad_record_mac ||
             too_short.error().code == ErrorCode::invalid_argument));
      CHECK(p->aead(alg, Bytes(key).first(key.size() - 1)).error().code ==
            ErrorCode::invalid_argument);
    }
  }
}

// ---- CBC ---------------------------------------------------------------------------------------

TEST_CASE("AES-CBC known answers (SP 800-38A F.2.1, F.2.5) on every provider that has it",
          "[provider][cbc]") {
  const ByteVec iv = from_hex("000102030405060708090a0b0c0d0e0f");
  const ByteVec plain = from_hex(
      "6bc1bee22e409f96e93d7e117393172aae2d8a571e03ac9c9eb76fac45af8e51"
      "30c81c46a35ce411e5fbc1191a0a52eff69f2445df4f9b17ad2b417be66c3710");
  const struct {
    CipherAlgorithm alg;
    const char* key;
    const char* cipher;
  } kats[] = {
      {CipherAlgorithm::aes128, "2b7e151628aed2a6abf7158809cf4f3c",
       "7649abac8119b246cee98e9b12e9197d5086cb9b507219ee95db113a917678b2"
       "73bed6b8e3c1743b7116e69e222295163ff1caa1681fac09120eca307586e1a7"},
      {CipherAlgorithm::aes256, "603deb1015ca71be2b73aef0857d77811f352c073b6108d72d9810a30914dff4",
       "f58c4c04d6e5f1ba779eabfb5f7bfbd69cfc4e967edb808d679f777bc6702c7d"
       "39f23369a9d9bacfa530e26304231461b2eb05e2c39be9fcda6c19078c6a9d1b"}};
  for (const Provider* p : all_providers()) {
    if (!has_cbc(*p)) continue;
    for (const auto& kat : kats) {
      INFO(p->name() << " AES-" << key_size(kat.alg) * 8 << "-CBC");
      auto cbc = p->cbc(kat.alg, from_hex(kat.key));
      REQUIRE(cbc);
      CHECK((*cbc)->algorithm() == kat.alg);
      ByteVec out(plain.size());
      REQUIRE((*cbc)->encrypt(iv, plain, out));
      CHECK(to_hex(out) == kat.cipher);
      REQUIRE((*cbc)->decrypt(iv, out, out));  // in place
      CHECK(out == plain);
    }
  }
}

// ---- cross-checks on random inputs -------------------------------------------------------------

TEST_CASE("sodium, builtin and default agree on SHA-256/512 and HMAC-SHA-256/512",
          "[provider][crosscheck]") {
  std::mt19937 rng(2024);
  const auto providers = all_providers();
  for (HashAlgorithm alg : {HashAlgorithm::sha256, HashAlgorithm::sha512}) {
    for (int i = 0; i < 200; ++i) {
      const ByteVec msg = random_bytes(rng, rng() % 600);
      const ByteVec key = random_bytes(rng, rng() % 200);
      INFO(to_string(alg) << " message " << msg.size() << " bytes, key " << key.size());
      const ByteVec want_hash = hash_of(sodium_provider(), alg, msg);
      const ByteVec want_mac = hmac_of(sodium_provider(), alg, key, msg);
      for (const Provider* p : providers) {
        INFO(p->name());
        CHECK(hash_of(*p, alg, msg) == want_hash);
        CHECK(hmac_of(*p, alg, key, msg) == want_mac);
      }
      if (alg == HashAlgorithm::sha256) {  // the portable builtin code too, even on SHA-NI CPUs
        auto portable = builtin::make_sha256(builtin::Impl::portable);
        portable->update(msg);
        ByteVec out(32);
        portable->finish(out);
        CHECK(out == want_hash);
      }
    }
  }
}

TEST_CASE("sodium and builtin agree on AES-256-GCM where both have it", "[provider][crosscheck]") {
  if (!sodium::aes256gcm_available()) {
    WARN("libsodium has no AES-256-GCM on this CPU: cross-check skipped");
    return;
  }
  std::mt19937 rng(99);
  for (int i = 0; i < 200; ++i) {
    const ByteVec key = random_bytes(rng, 32);
    const ByteVec nonce = random_bytes(rng, 12);
    const ByteVec aad = random_bytes(rng, rng() % 40);
    const ByteVec msg = random_bytes(rng, rng() % 700);
    INFO("message " << msg.size() << " bytes, aad " << aad.size());
    std::vector<ByteVec> sealed;
    std::vector<std::unique_ptr<Aead>> aeads;
    for (const Provider* p : all_providers()) {
      auto a = p->aead(AeadAlgorithm::aes256_gcm, key);
      REQUIRE(a);
      aeads.push_back(std::move(*a));
    }
    auto portable = builtin::make_aes_gcm(AeadAlgorithm::aes256_gcm, key, builtin::Impl::portable);
    REQUIRE(portable);
    aeads.push_back(std::move(*portable));
    for (auto& a : aeads) {
      ByteVec out(msg.size() + kAeadTagSize);
      REQUIRE(a->seal(nonce, aad, msg, out));
      sealed.push_back(std::move(out));
    }
    for (std::size_t k = 1; k < sealed.size(); ++k) CHECK(sealed[k] == sealed[0]);
    for (auto& a : aeads) {  // each opens what the first sealed
      ByteVec opened(msg.size());
      REQUIRE(a->open(nonce, aad, sealed[0], opened));
      CHECK(opened == msg);
    }
  }
}

// ---- X25519 and RNG (their vectors are in x25519_test.cpp)
// ---------------------------------------

TEST_CASE("X25519 key agreement and RNG on the providers that have them", "[provider][x25519]") {
  for (const Provider* p : all_providers()) {
    if (!has_x25519_and_rng(*p)) continue;
    INFO(p->name());
    std::array<std::uint8_t, 32> a{}, b{}, pub_a{}, pub_b{}, ab{}, ba{};
    REQUIRE(p->random(a));
    REQUIRE(p->random(b));
    CHECK(a != b);
    CHECK(p->random({}));
    REQUIRE(p->x25519_public(a, pub_a));
    REQUIRE(p->x25519_public(b, pub_b));
    REQUIRE(p->x25519(a, pub_b, ab));
    REQUIRE(p->x25519(b, pub_a, ba));
    CHECK(ab == ba);
    CHECK(p->x25519(Bytes(a).first(31), pub_b, ab).error().code == ErrorCode::invalid_argument);
    CHECK(p->x25519_public(a, MutableBytes(pub_a).first(31)).error().code ==
          ErrorCode::invalid_argument);
  }
}

// ---- unsupported primitives --------------------------------------------------------------------

TEST_CASE("what a provider lacks is reported as unsupported", "[provider][unsupported]") {
  const ByteVec key(32, 1);
  std::array<std::uint8_t, 32> out{};
  int checked = 0;
  for (const Provider* p : all_providers()) {
    INFO(p->name());
    for (HashAlgorithm alg : kHashes) {
      if (has_hash(*p, alg)) continue;
      auto h = p->hash(alg);
      REQUIRE_FALSE(h);
      CHECK(h.error().code == ErrorCode::unsupported);
      auto m = p->hmac(alg, key);
      REQUIRE_FALSE(m);
      CHECK(m.error().code == ErrorCode::unsupported);
      checked += 2;
    }
    for (AeadAlgorithm alg : kAeads) {
      if (has_aead(*p, alg)) continue;
      auto a = p->aead(alg, Bytes(key).first(key_size(alg)));
      REQUIRE_FALSE(a);
      CHECK(a.error().code == ErrorCode::unsupported);
      ++checked;
    }
    if (!has_cbc(*p)) {
      auto c = p->cbc(CipherAlgorithm::aes128, Bytes(key).first(16));
      REQUIRE_FALSE(c);
      CHECK(c.error().code == ErrorCode::unsupported);
      ++checked;
    }
    if (!has_x25519_and_rng(*p)) {
      CHECK(p->x25519_public(key, out).error().code == ErrorCode::unsupported);
      CHECK(p->x25519(key, key, out).error().code == ErrorCode::unsupported);
      CHECK(p->random(out).error().code == ErrorCode::unsupported);
      checked += 3;
    }
  }
  // sodium: MD5, SHA-1, SHA-384 (hash + HMAC), AES-128-GCM, CBC; builtin: X25519, RNG.
  CHECK(checked >= 6 + 1 + 1 + 3);
}

TEST_CASE("default provider reports which backend serves each primitive", "[provider]") {
  const auto lines = describe_default_provider();
  for (const auto& line : lines) std::cout << "[default provider] " << line << "\n";
  const char* primitives[] = {
      "SHA-256: ",     "SHA-512: ", "SHA-384: ",           "SHA-1: ", "MD5: ", "AES-128-GCM: ",
      "AES-256-GCM: ", "X25519: ",  "ChaCha20-Poly1305: ", "RNG: "};
  for (const char* prefix : primitives) {
    INFO(prefix);
    CHECK(std::any_of(lines.begin(), lines.end(),
                      [&](const std::string& l) { return l.rfind(prefix, 0) == 0; }));
  }
  const std::string sha256_line = lines.front();
  CHECK(sha256_line ==
        (builtin::sha256_accelerated() ? "SHA-256: builtin (SHA-NI)" : "SHA-256: sodium"));
  CHECK(default_provider().name() == "default");
  CHECK(sodium_provider().name() == "sodium");
  CHECK(builtin_provider().name() == "builtin");
}

// ---- constant-time helpers ---------------------------------------------------------------------

TEST_CASE("ct_equal compares length and contents", "[constant_time]") {
  const ByteVec a = from_hex("00112233445566778899");
  ByteVec b = a;
  CHECK(ct_equal(a, b));
  CHECK(ct_equal({}, {}));
  CHECK_FALSE(ct_equal(a, Bytes(b).first(9)));
  CHECK_FALSE(ct_equal(Bytes(a).first(0), Bytes(b).first(1)));
  for (std::size_t i = 0; i < b.size(); ++i) {
    for (int bit = 0; bit < 8; ++bit) {
      b[i] ^= static_cast<std::uint8_t>(1 << bit);
      CHECK_FALSE(ct_equal(a, b));
      b[i] ^= static_cast<std::uint8_t>(1 << bit);
    }
  }
  CHECK(ct_equal(a, b));
}

TEST_CASE("ct_select picks by mask, masks are all-ones or zero", "[constant_time]") {
  const ByteVec a = from_hex("a1a2a3a4");
  const ByteVec b = from_hex("b1b2b3b4");
  ByteVec out(4);
  ct_select(out, 0xff, a, b);
  CHECK(out == a);
  ct_select(out, 0x00, a, b);
  CHECK(out == b);
  ByteVec in_place = a;  // out may be one of the inputs
  ct_select(in_place, 0x00, in_place, b);
  CHECK(in_place == b);
  ByteVec mismatched(3, 0x77);
  ct_select(mismatched, 0xff, a, b);  // misuse: nothing of either input is written
  CHECK(mismatched == ByteVec(3, 0));

  CHECK(ct_mask_is_zero(0) == ~std::uint64_t{0});
  CHECK(ct_mask_is_zero(1) == 0);
  CHECK(ct_mask_is_zero(std::uint64_t{1} << 63) == 0);
  CHECK(ct_mask_eq(5, 5) == ~std::uint64_t{0});
  CHECK(ct_mask_eq(5, 6) == 0);
  CHECK(ct_mask_lt(3, 4) == ~std::uint64_t{0});
  CHECK(ct_mask_lt(4, 4) == 0);
  CHECK(ct_mask_lt(5, 4) == 0);
}

TEST_CASE("secure_wipe zeroes, SecretBytes wipes on move and clear", "[constant_time]") {
  ByteVec v(64, 0xab);
  secure_wipe(v);
  CHECK(v == ByteVec(64, 0));
  secure_wipe(nullptr, 0);  // harmless
  SecretBytes s(from_hex("0102030405"));
  SecretBytes copy = s.clone();
  SecretBytes moved = std::move(s);
  CHECK(s.empty());  // NOLINT(bugprone-use-after-move): moved-from state is specified
  CHECK(ct_equal(moved, copy));
  moved.wipe();
  CHECK(moved.empty());
}
