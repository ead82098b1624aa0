// Builtin hashes: FIPS 180 / RFC 1321 known answers, every padding boundary, streaming and
// clone() behaviour, SHA-NI against portable SHA-256, and libsodium cross-checks.
#include <sodium.h>

#include <algorithm>
#include <cstdint>
#include <functional>
#include <random>
#include <string>
#include <string_view>
#include <vector>

#include <catch2/catch.hpp>

#include "crypto/builtin/builtin.hpp"
#include "support/test_support.hpp"

using tlsx::crypto::Hash;
using tlsx::crypto::HashAlgorithm;
using tlsx::crypto::builtin::Impl;
using tlsx::test::bytes_of;
using tlsx::test::ByteVec;
using tlsx::test::to_hex;
namespace builtin = tlsx::crypto::builtin;

namespace {

struct NamedFactory {
  std::string name;
  HashAlgorithm algorithm;
  std::function<std::unique_ptr<Hash>()> make;
};

// Every builtin hash, with SHA-256 in both implementations.
const std::vector<NamedFactory>& all_hashes() {
  static const std::vector<NamedFactory> hashes = {
      {"MD5", HashAlgorithm::md5, [] { return builtin::make_md5(); }},
      {"SHA-1", HashAlgorithm::sha1, [] { return builtin::make_sha1(); }},
      {"SHA-256", HashAlgorithm::sha256, [] { return builtin::make_sha256(); }},
      {"SHA-256 portable", HashAlgorithm::sha256,
       [] { return builtin::make_sha256(Impl::portable); }},
      {"SHA-384", HashAlgorithm::sha384, [] { return builtin::make_sha384(); }},
      {"SHA-512", HashAlgorithm::sha512, [] { return builtin::make_sha512(); }},
  };
  return hashes;
}

ByteVec digest_of(Hash& h, std::span<const std::uint8_t> data) {
  ByteVec out(tlsx::crypto::digest_size(h.algorithm()));
  h.update(data);
  h.finish(out);
  return out;
}

std::string hex_digest(Hash& h, std::span<const std::uint8_t> data) {
  return to_hex(digest_of(h, data));
}

// FIPS 180-2 appendix messages.
constexpr std::string_view kAbc = "abc";
constexpr std::string_view k448Bits = "abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq";
constexpr std::string_view k896Bits =
    "abcdefghbcdefghicdefghijdefghijkefghijklfghijklmghijklmnhijklmnoijklmnopjklmnopqklmnopqrlmnopq"
    "rsmnopqrstnopqrstu";

struct Known {
  std::string_view empty, abc, bits448, bits896, million_a;
};

Known known_answers(HashAlgorithm alg) {
  switch (alg) {
    case HashAlgorithm::sha1:
      return {
          "da39a3ee5e6b4b0d3255bfef95601890afd80709", "a9993e364706816aba3e25717850c26c9cd0d89d",
          "84983e441c3bd26ebaae4aa1f95129e5e54670f1", "a49b2446a02c645bf419f995b67091253a04a259",
          "34aa973cd4c4daa4f61eeb2bdbad27316534016f"};
    case HashAlgorithm::sha256:
      return {"e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855",
              "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad",
              "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1",
              "cf5b16a778af8380036ce59e7b0492370b249b11e8f07a51afac45037afee9d1",
              "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0"};
    case HashAlgorithm::sha384:
      return {
          "38b060a751ac96384cd9327eb1b1e36a21fdb71114be07434c0cc7bf63f6e1da274edebfe76f65fbd51ad2"
          "f14898b95b",
          "cb00753f45a35e8bb5a03d699ac65007272c32ab0eded1631a8b605a43ff5bed8086072ba1e7cc2358baec"
          "a134c825a7",
          "3391fdddfc8dc7393707a65b1b4709397cf8b1d162af05abfe8f450de5f36bc6b0455a8520bc4e6f5fe95b"
          "1fe3c8452b",
          "09330c33f71147e83d192fc782cd1b4753111b173b3b05d22fa08086e3b0f712fcc7c71a557e2db966c3e9"
          "fa91746039",
          "9d0e1809716474cb086e834e310a4a1ced149e9c00f248527972cec5704c2a5b07b8b3dc38ecc4ebae97dd"
          "d87f3d8985"};
    case HashAlgorithm::sha512:
      return {
          "cf83e1357eefb8bdf1542850d66d8007d620e4050b5715dc83f4a921d36ce9ce47d0d13c5d85f2b0ff8318"
          "d2877eec2f63b931bd47417a81a538327af927da3e",
          "ddaf35a193617abacc417349ae20413112e6fa4e89a97ea20a9eeee64b55d39a2192992a274fc1a836ba3c"
          "23a3feebbd454d4423643ce80e2a9ac94fa54ca49f",
          "204a8fc6dda82f0a0ced7beb8e08a41657c16ef468b228a8279be331a703c33596fd15c13b1b07f9aa1d3b"
          "ea57789ca031ad85c7a71dd70354ec631238ca3445",
          "8e959b75dae313da8cf4f72814fc143f8f7779c6eb9f7fa17299aeadb6889018501d289e4900f7e4331b99"
          "dec4b5433ac7d329eeb6dd26545e96e55b874be909",
          "e718483d0ce769644e2e42c7bc15b4638e1f98b13b2044285632a803afa973ebde0ff244877ea60a4cb043"
          "2ce577c31beb009c5c2c49aa2e4eadb217ad8cc09b"};
    case HashAlgorithm::md5:
      break;
  }
  FAIL("no FIPS 180 vectors for this algorithm");
  return {};
}

// Deterministic test pattern.
ByteVec pattern(std::size_t size) {
  ByteVec v(size);
  for (std::size_t i = 0; i < size; ++i) v[i] = static_cast<std::uint8_t>(i * 7 + 3);
  return v;
}

ByteVec random_bytes(std::mt19937& rng, std::size_t size) {
  ByteVec v(size);
  for (auto& b : v) b = static_cast<std::uint8_t>(rng());
  return v;
}

// Feeds data in random-sized pieces (including empty ones).
void update_in_random_chunks(Hash& h, const ByteVec& data, std::mt19937& rng) {
  std::size_t at = 0;
  while (at < data.size()) {
    const std::size_t n = std::min<std::size_t>(data.size() - at, rng() % 300);
    h.update(std::span(data).subspan(at, n));
    at += n;
  }
}

}  // namespace

TEST_CASE("SHA-1/256/384/512 FIPS 180 known answers", "[crypto][hash]") {
  const ByteVec million_a(1'000'000, 'a');
  for (const auto& f : all_hashes()) {
    if (f.algorithm == HashAlgorithm::md5) continue;
    INFO(f.name);
    const Known k = known_answers(f.algorithm);
    auto h = f.make();
    CHECK(h->algorithm() == f.algorithm);
    CHECK(hex_digest(*h, {}) == k.empty);
    CHECK(hex_digest(*h, bytes_of(kAbc)) == k.abc);
    CHECK(hex_digest(*h, bytes_of(k448Bits)) == k.bits448);
    CHECK(hex_digest(*h, bytes_of(k896Bits)) == k.bits896);
    CHECK(hex_digest(*h, million_a) == k.million_a);
    // One million 'a' fed in 1000-byte pieces, as the FIPS example is usually stated.
    for (int i = 0; i < 1000; ++i) h->update(std::span(million_a).first(1000));
    ByteVec out(tlsx::crypto::digest_size(f.algorithm));
    h->finish(out);
    CHECK(to_hex(out) == k.million_a);
  }
}

TEST_CASE("MD5 RFC 1321 test suite", "[crypto][hash]") {
  const std::pair<std::string_view, std::string_view> suite[] = {
      {"", "d41d8cd98f00b204e9800998ecf8427e"},
      {"a", "0cc175b9c0f1b6a831c399e269772661"},
      {"abc", "900150983cd24fb0d6963f7d28e17f72"},
      {"message digest", "f96b697d7cb7938d525a2f31aaf161d0"},
      {"abcdefghijklmnopqrstuvwxyz", "c3fcd3d76192e4007dfb496cca67e13b"},
      {"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789",
       "d174ab98d277d9f5a5611c2c9f419d9f"},
      {"12345678901234567890123456789012345678901234567890123456789012345678901234567890",
       "57edf4a22be3c955ac49da2e2107b67a"},
  };
  auto h = builtin::make_md5();
  CHECK(h->algorithm() == HashAlgorithm::md5);
  for (const auto& [message, digest] : suite) {
    INFO(message);
    CHECK(hex_digest(*h, bytes_of(message)) == digest);
  }
}

TEST_CASE("Every padding boundary: digests of all prefixes of a pattern", "[crypto][hash]") {
  // For n = 0..300 hash pattern[0, n), concatenate the 301 digests and hash that. Covers empty,
  // one-block and two-block padding for both block sizes. Expected values from Python hashlib.
  const ByteVec pat = pattern(300);
  const std::pair<HashAlgorithm, std::string_view> expected[] = {
      {HashAlgorithm::md5, "bbc8219ce2f09cb1b1235ce3b7ef018c"},
      {HashAlgorithm::sha1, "43debf5006166594c976375f1c06253e43d53ddf"},
      {HashAlgorithm::sha256, "7d917fbd2cf49ddff9ad0a8706bba32d204e92e71d2e369c5a03d6af29278c9f"},
      {HashAlgorithm::sha384,
       "efec719c84acba157f057b3a8be4ab46d8d39b7f85dca15c051420621873dcdbf6b165d5061f55337fce615e19"
       "57e330"},
      {HashAlgorithm::sha512,
       "404431b1c0eac12729b20176c61b0e1c561b6b20d2ecbb7ee1126c361943d724d7c0814a8daf5c3a2a7d3e431a"
       "0aaf58c12f96d8c3370582b777fd375c3c972f"},
  };
  for (const auto& f : all_hashes()) {
    INFO(f.name);
    auto h = f.make();
    ByteVec concatenated;
    for (std::size_t n = 0; n <= pat.size(); ++n) {
      const ByteVec d = digest_of(*h, std::span(pat).first(n));
      concatenated.insert(concatenated.end(), d.begin(), d.end());
    }
    for (const auto& [alg, digest] : expected) {
      if (alg == f.algorithm) CHECK(hex_digest(*h, concatenated) == digest);
    }
  }
}

TEST_CASE("Streaming: any split of the input gives the one-shot digest", "[crypto][hash]") {
  const ByteVec input = pattern(200);
  for (const auto& f : all_hashes()) {
    INFO(f.name);
    auto h = f.make();
    const ByteVec one_shot = digest_of(*h, input);
    const std::span<const std::uint8_t> all(input);
    for (std::size_t split = 0; split <= input.size(); ++split) {
      INFO("split at " << split);
      h->update(all.first(split));
      h->update(all.subspan(split));
      ByteVec out(one_shot.size());
      h->finish(out);
      CHECK(out == one_shot);
    }
    for (std::uint8_t byte : input) h->update(std::span(&byte, 1));
    ByteVec out(one_shot.size());
    h->finish(out);
    CHECK(out == one_shot);
  }
}

TEST_CASE("clone() mid-stream continues like the original", "[crypto][hash]") {
  const ByteVec input = pattern(1000);
  const std::span<const std::uint8_t> all(input);
  for (const auto& f : all_hashes()) {
    INFO(f.name);
    auto reference = f.make();
    const ByteVec expected = digest_of(*reference, input);
    for (std::size_t split : {0u, 1u, 63u, 64u, 65u, 127u, 128u, 129u, 500u, 1000u}) {
      INFO("clone at " << split);
      auto h = f.make();
      h->update(all.first(split));
      auto copy = h->clone();
      CHECK(copy->algorithm() == f.algorithm);
      // The clone is independent: feeding the original garbage does not affect it.
      auto detour = h->clone();
      detour->update(bytes_of("unrelated"));
      copy->update(all.subspan(split));
      h->update(all.subspan(split));
      CHECK(digest_of(*copy, {}) == expected);
      CHECK(digest_of(*h, {}) == expected);
    }
  }
}

TEST_CASE("finish() resets to the initial state", "[crypto][hash]") {
  for (const auto& f : all_hashes()) {
    INFO(f.name);
    auto h = f.make();
    auto fresh = f.make();
    const ByteVec first = digest_of(*h, bytes_of(kAbc));
    CHECK(digest_of(*h, bytes_of(kAbc)) == first);
    CHECK(digest_of(*h, {}) == digest_of(*fresh, {}));
  }
}

TEST_CASE("finish() into a short span writes only a digest prefix", "[crypto][hash]") {
  for (const auto& f : all_hashes()) {
    INFO(f.name);
    auto h = f.make();
    const ByteVec full = digest_of(*h, bytes_of(kAbc));
    ByteVec buffer(full.size() + 8, 0xee);
    h->update(bytes_of(kAbc));
    h->finish(std::span(buffer).first(10));
    CHECK(std::equal(full.begin(), full.begin() + 10, buffer.begin()));
    CHECK(std::all_of(buffer.begin() + 10, buffer.end(), [](auto b) { return b == 0xee; }));
    // Writing into a larger span leaves the tail alone.
    h->update(bytes_of(kAbc));
    h->finish(buffer);
    CHECK(std::equal(full.begin(), full.end(), buffer.begin()));
    CHECK(
        std::all_of(buffer.begin() + full.size(), buffer.end(), [](auto b) { return b == 0xee; }));
  }
}

TEST_CASE("SHA-256: SHA-NI and portable agree", "[crypto][hash]") {
  if (!builtin::sha256_accelerated()) {
    WARN("CPU has no SHA-NI (or TLSX_CPU_PORTABLE=1): both paths are portable here");
  }
  std::mt19937 rng(256);
  auto best = builtin::make_sha256(Impl::best);
  auto portable = builtin::make_sha256(Impl::portable);
  for (int i = 0; i < 300; ++i) {
    const ByteVec data = random_bytes(rng, rng() % 1001);
    INFO("length " << data.size());
    update_in_random_chunks(*best, data, rng);
    const ByteVec expected = digest_of(*portable, data);
    CHECK(digest_of(*best, {}) == expected);
  }
  // Long multi-block updates (many blocks per compression call).
  const ByteVec big = random_bytes(rng, 64 * 1024 + 17);
  CHECK(digest_of(*best, big) == digest_of(*portable, big));
}

TEST_CASE("SHA-256 and SHA-512 match libsodium on random inputs", "[crypto][hash]") {
  REQUIRE(sodium_init() >= 0);
  std::mt19937 rng(512);
  auto sha256 = builtin::make_sha256();
  auto sha256_portable = builtin::make_sha256(Impl::portable);
  auto sha512 = builtin::make_sha512();
  for (int i = 0; i < 200; ++i) {
    const ByteVec data = random_bytes(rng, rng() % 3000);
    INFO("length " << data.size());
    ByteVec want256(crypto_hash_sha256_BYTES), want512(crypto_hash_sha512_BYTES);
    crypto_hash_sha256(want256.data(), data.data(), data.size());
    crypto_hash_sha512(want512.data(), data.data(), data.size());
    update_in_random_chunks(*sha256, data, rng);
    CHECK(digest_of(*sha256, {}) == want256);
    CHECK(digest_of(*sha256_portable, data) == want256);
    update_in_random_chunks(*sha512, data, rng);
    CHECK(digest_of(*sha512, {}) == want512);
  }
}
