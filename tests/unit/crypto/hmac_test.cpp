// Builtin HMAC: Wycheproof (every case), RFC 4231 and RFC 2202 known answers, reset to the keyed
// state, clone() mid-stream.
#include <algorithm>
#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include <catch2/catch.hpp>

#include "crypto/builtin/builtin.hpp"
#include "support/test_support.hpp"

using tlsx::crypto::Hash;
using tlsx::crypto::HashAlgorithm;
using tlsx::crypto::Mac;
using tlsx::crypto::builtin::Impl;
using tlsx::test::bytes_of;
using tlsx::test::ByteVec;
using tlsx::test::from_hex;
using tlsx::test::to_hex;
namespace builtin = tlsx::crypto::builtin;

namespace {

std::unique_ptr<Hash> make_hash(HashAlgorithm alg, Impl impl = Impl::best) {
  switch (alg) {
    case HashAlgorithm::md5:
      return builtin::make_md5();
    case HashAlgorithm::sha1:
      return builtin::make_sha1();
    case HashAlgorithm::sha256:
      return builtin::make_sha256(impl);
    case HashAlgorithm::sha384:
      return builtin::make_sha384();
    case HashAlgorithm::sha512:
      return builtin::make_sha512();
  }
  return nullptr;
}

ByteVec tag_of(Mac& mac, std::span<const std::uint8_t> data) {
  ByteVec out(tlsx::crypto::digest_size(mac.algorithm()));
  mac.update(data);
  mac.finish(out);
  return out;
}

ByteVec hmac(HashAlgorithm alg, std::span<const std::uint8_t> key,
             std::span<const std::uint8_t> data, Impl impl = Impl::best) {
  auto mac = builtin::make_hmac(make_hash(alg, impl), key);
  return tag_of(*mac, data);
}

ByteVec repeated(std::uint8_t byte, std::size_t n) {
  return ByteVec(n, byte);
}

// Runs every case of a Wycheproof MacTest file; truncated groups compare the tag prefix.
void run_wycheproof(std::string_view file, HashAlgorithm alg) {
  const auto json = tlsx::test::load_json_vector(file);
  tlsx::test::VectorTally tally{std::string(file)};
  int total = 0;
  for (const auto& group : json.at("testGroups")) {
    const std::size_t tag_bytes = group.at("tagSize").get<std::size_t>() / 8;
    for (const auto& test : group.at("tests")) {
      ++total;
      const ByteVec key = from_hex(test.at("key").get<std::string>());
      const ByteVec msg = from_hex(test.at("msg").get<std::string>());
      const ByteVec expected = from_hex(test.at("tag").get<std::string>());
      const std::string result = test.at("result").get<std::string>();
      INFO(file << " tcId " << test.at("tcId").get<int>() << " (" << result << ")");
      for (Impl impl : {Impl::best, Impl::portable}) {
        if (impl == Impl::portable && alg != HashAlgorithm::sha256) continue;
        const ByteVec full = hmac(alg, key, msg, impl);
        REQUIRE(tag_bytes <= full.size());
        const bool matches = expected.size() == tag_bytes &&
                             std::equal(expected.begin(), expected.end(), full.begin());
        const bool ok = result == "valid" ? matches : !matches;
        CHECK(ok);
        if (impl == Impl::best) (ok ? tally.passed : tally.failed) += 1;
      }
    }
  }
  tally.print();
  CHECK(total == json.at("numberOfTests").get<int>());
  CHECK(tally.passed == total);
}

}  // namespace

TEST_CASE("HMAC Wycheproof vectors", "[crypto][hmac]") {
  run_wycheproof("wycheproof/hmac_sha1_test.json", HashAlgorithm::sha1);
  run_wycheproof("wycheproof/hmac_sha256_test.json", HashAlgorithm::sha256);
  run_wycheproof("wycheproof/hmac_sha384_test.json", HashAlgorithm::sha384);
  run_wycheproof("wycheproof/hmac_sha512_test.json", HashAlgorithm::sha512);
}

TEST_CASE("HMAC-SHA-256/384/512 RFC 4231 test cases", "[crypto][hmac]") {
  struct Case {
    int number;
    ByteVec key;
    ByteVec data;
    std::string_view sha256, sha384, sha512;  // case 5 is truncated to 128 bits by the RFC
  };
  ByteVec key4;
  for (std::uint8_t i = 1; i <= 25; ++i) key4.push_back(i);
  const Case cases[] = {
      {1, repeated(0x0b, 20), bytes_of("Hi There"),
       "b0344c61d8db38535ca8afceaf0bf12b881dc200c9833da726e9376c2e32cff7",
       "afd03944d84895626b0825f4ab46907f15f9dadbe4101ec682aa034c7cebc59cfaea9ea9076ede7f4af152e8b2"
       "fa9cb6",
       "87aa7cdea5ef619d4ff0b4241a1d6cb02379f4e2ce4ec2787ad0b30545e17cdedaa833b7d6b8a702038b274eae"
       "a3f4e4be9d914eeb61f1702e696c203a126854"},
      {2, bytes_of("Jefe"), bytes_of("what do ya want for nothing?"),
       "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843",
       "af45d2e376484031617f78d2b58a6b1b9c7ef464f5a01b47e42ec3736322445e8e2240ca5e69e2c78b3239ecfa"
       "b21649",
       "164b7a7bfcf819e2e395fbe73b56e0a387bd64222e831fd610270cd7ea2505549758bf75c05a994a6d034f65f8"
       "f0e6fdcaeab1a34d4a6b4b636e070a38bce737"},
      {3, repeated(0xaa, 20), repeated(0xdd, 50),
       "773ea91e36800e46854db8ebd09181a72959098b3ef8c122d9635514ced565fe",
       "88062608d3e6ad8a0aa2ace014c8a86f0aa635d947ac9febe83ef4e55966144b2a5ab39dc13814b94e3ab6e101"
       "a34f27",
       "fa73b0089d56a284efb0f0756c890be9b1b5dbdd8ee81a3655f83e33b2279d39bf3e848279a722c806b485a47e"
       "67c807b946a337bee8942674278859e13292fb"},
      {4, key4, repeated(0xcd, 50),
       "82558a389a443c0ea4cc819899f2083a85f0faa3e578f8077a2e3ff46729665b",
       "3e8a69b7783c25851933ab6290af6ca77a9981480850009cc5577c6e1f573b4e6801dd23c4a7d679ccf8a386c6"
       "74cffb",
       "b0ba465637458c6990e5a8c5f61d4af7e576d97ff94b872de76f8050361ee3dba91ca5c11aa25eb4d679275cc5"
       "788063a5f19741120c4f2de2adebeb10a298dd"},
      {5, repeated(0x0c, 20), bytes_of("Test With Truncation"), "a3b6167473100ee06e0c796c2955552b",
       "3abf34c3503b2a23a46efc619baef897", "415fad6271580a531d4179bc891d87a6"},
      {6, repeated(0xaa, 131), bytes_of("Test Using Larger Than Block-Size Key - Hash Key First"),
       "60e431591ee0b67f0d8a26aacbf5b77f8e0bc6213728c5140546040f0ee37f54",
       "4ece084485813e9088d2c63a041bc5b44f9ef1012a2b588f3cd11f05033ac4c60c2ef6ab4030fe8296248df163"
       "f44952",
       "80b24263c7c1a3ebb71493c1dd7be8b49b46d1f41b4aeec1121b013783f8f3526b56d037e05f2598bd0fd2215d"
       "6a1e5295e64f73f63f0aec8b915a985d786598"},
      {7, repeated(0xaa, 131),
       bytes_of("This is a test using a larger than block-size key and a larger than block-size "
                "data. The key needs to be hashed before being used by the HMAC algorithm."),
       "9b09ffa71b942fcb27635fbcd5b0e944bfdc63644f0713938a7f51535c3a35e2",
       "6617178e941f020d351e2f254e8fd32c602420feb0b8fb9adccebb82461e99c5a678cc31e799176d3860e6110c"
       "46523e",
       "e37b6a775dc87dbaa4dfa9f96e5e3ffddebd71f8867289865df5a32d20cdc944b6022cac3c4982b10d5eeb55c3"
       "e4de15134676fb6de0446065c97440fa8c6a58"},
  };
  for (const Case& c : cases) {
    INFO("RFC 4231 case " << c.number);
    const std::pair<HashAlgorithm, std::string_view> expected[] = {
        {HashAlgorithm::sha256, c.sha256},
        {HashAlgorithm::sha384, c.sha384},
        {HashAlgorithm::sha512, c.sha512},
    };
    for (const auto& [alg, tag] : expected) {
      INFO(tlsx::crypto::to_string(alg));
      CHECK(to_hex(hmac(alg, c.key, c.data)).substr(0, tag.size()) == tag);
    }
    CHECK(to_hex(hmac(HashAlgorithm::sha256, c.key, c.data, Impl::portable))
              .substr(0, c.sha256.size()) == c.sha256);
  }
}

TEST_CASE("HMAC-SHA-1 RFC 2202 test cases", "[crypto][hmac]") {
  ByteVec key4;
  for (std::uint8_t i = 1; i <= 25; ++i) key4.push_back(i);
  const struct {
    ByteVec key;
    ByteVec data;
    std::string_view tag;
  } cases[] = {
      {repeated(0x0b, 20), bytes_of("Hi There"), "b617318655057264e28bc0b6fb378c8ef146be00"},
      {bytes_of("Jefe"), bytes_of("what do ya want for nothing?"),
       "effcdf6ae5eb2fa2d27416d5f184df9c259a7c79"},
      {repeated(0xaa, 20), repeated(0xdd, 50), "125d7342b9ac11cd91a39af48aa17b4f63f175d3"},
      {key4, repeated(0xcd, 50), "4c9007f4026250c6bc8414f9bf50c86c2d7235da"},
      {repeated(0x0c, 20), bytes_of("Test With Truncation"),
       "4c1a03424b55e07fe7f27be1d58bb9324a9a5a04"},
      // Keys longer than the 64-byte block are hashed first.
      {repeated(0xaa, 80), bytes_of("Test Using Larger Than Block-Size Key - Hash Key First"),
       "aa4ae5e15272d00e95705637ce8a3b55ed402112"},
      {repeated(0xaa, 80),
       bytes_of("Test Using Larger Than Block-Size Key and Larger Than One Block-Size Data"),
       "e8e99d0f45237d786d6bbaa7965c7808bbff1a91"},
  };
  int number = 0;
  for (const auto& c : cases) {
    INFO("RFC 2202 case " << ++number);
    CHECK(to_hex(hmac(HashAlgorithm::sha1, c.key, c.data)) == c.tag);
  }
}

TEST_CASE("HMAC finish() resets to the keyed state", "[crypto][hmac]") {
  for (HashAlgorithm alg : {HashAlgorithm::md5, HashAlgorithm::sha1, HashAlgorithm::sha256,
                            HashAlgorithm::sha384, HashAlgorithm::sha512}) {
    INFO(tlsx::crypto::to_string(alg));
    for (std::size_t key_size : {0u, 16u, 64u, 65u, 128u, 129u, 200u}) {
      INFO("key size " << key_size);
      const ByteVec key = repeated(0x42, key_size);
      auto mac = builtin::make_hmac(make_hash(alg), key);
      CHECK(mac->algorithm() == alg);
      const ByteVec first = tag_of(*mac, bytes_of("message one"));
      const ByteVec second = tag_of(*mac, bytes_of("message two"));
      CHECK(tag_of(*mac, bytes_of("message one")) == first);
      CHECK(tag_of(*mac, bytes_of("message two")) == second);
      CHECK(first != second);
      // And a fresh object under the same key agrees.
      CHECK(hmac(alg, key, bytes_of("message two")) == second);
    }
  }
}

TEST_CASE("HMAC clone() mid-stream continues like the original", "[crypto][hmac]") {
  const ByteVec message = bytes_of("The quick brown fox jumps over the lazy dog, twice or thrice.");
  const std::span<const std::uint8_t> all(message);
  for (HashAlgorithm alg :
       {HashAlgorithm::sha1, HashAlgorithm::sha256, HashAlgorithm::sha384, HashAlgorithm::sha512}) {
    INFO(tlsx::crypto::to_string(alg));
    const ByteVec key = bytes_of("key");
    const ByteVec expected = hmac(alg, key, message);
    for (std::size_t split = 0; split <= message.size(); split += 7) {
      auto mac = builtin::make_hmac(make_hash(alg), key);
      mac->update(all.first(split));
      auto copy = mac->clone();
      CHECK(copy->algorithm() == alg);
      copy->update(all.subspan(split));
      mac->update(bytes_of("diverge"));  // the clone is independent of the original
      CHECK(tag_of(*copy, {}) == expected);
      // The clone keeps the key: after finish() it starts over under the same key.
      CHECK(tag_of(*copy, message) == expected);
      CHECK(tag_of(*mac, {}) != expected);
      CHECK(tag_of(*mac, message) == expected);
    }
  }
}

TEST_CASE("HMAC over a non-builtin hash object (clone fallback)", "[crypto][hmac]") {
  // A hash wrapper that is not a builtin MdHash exercises the clone() path of the keyed reset.
  class Wrapped final : public Hash {
   public:
    explicit Wrapped(std::unique_ptr<Hash> h) : h_(std::move(h)) {}
    HashAlgorithm algorithm() const noexcept override { return h_->algorithm(); }
    void update(tlsx::crypto::Bytes data) noexcept override { h_->update(data); }
    void finish(tlsx::crypto::MutableBytes out) noexcept override { h_->finish(out); }
    std::unique_ptr<Hash> clone() const override { return std::make_unique<Wrapped>(h_->clone()); }

   private:
    std::unique_ptr<Hash> h_;
  };
  const ByteVec key = repeated(0x0b, 20);
  auto mac = builtin::make_hmac(std::make_unique<Wrapped>(builtin::make_sha256()), key);
  const std::string_view rfc4231_case1 =
      "b0344c61d8db38535ca8afceaf0bf12b881dc200c9833da726e9376c2e32cff7";
  CHECK(to_hex(tag_of(*mac, bytes_of("Hi There"))) == rfc4231_case1);
  CHECK(to_hex(tag_of(*mac, bytes_of("Hi There"))) == rfc4231_case1);
  auto copy = mac->clone();
  CHECK(to_hex(tag_of(*copy, bytes_of("Hi There"))) == rfc4231_case1);
}

TEST_CASE("HMAC finish() into a short span writes a tag prefix", "[crypto][hmac]") {
  auto mac = builtin::make_hmac(builtin::make_sha256(), bytes_of("Jefe"));
  ByteVec buffer(20, 0xee);
  mac->update(bytes_of("what do ya want for nothing?"));
  mac->finish(std::span(buffer).first(16));
  CHECK(to_hex(buffer) == "5bdcc146bf60754e6a042426089575c7eeeeeeee");
}
