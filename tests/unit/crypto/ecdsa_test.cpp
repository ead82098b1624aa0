// ECDSA on P-256/SHA-256 and P-384/SHA-384 (src/crypto/ec.hpp): Wycheproof verification vectors,
// RFC 6979 deterministic signatures (A.2.5, A.2.6) through the unhedged entry point, hedged
// sign/verify round trips, and strict DER parsing.
//
// Wycheproof policy: every case is `valid` or `invalid` in these files (no `acceptable`); valid
// ones must verify, invalid ones (BER encodings, out-of-range r/s, wrong values) must not.
#include <catch2/catch.hpp>

#include <string>

#include "crypto/ec.hpp"
#include "crypto/ecdsa_internal.hpp"
#include "support/test_support.hpp"
#include "tlsx/crypto/seeded_provider.hpp"

using namespace tlsx;
using namespace tlsx::crypto;
using tlsx::test::ByteVec;
using tlsx::test::from_hex;
using tlsx::test::to_hex;

namespace {

ByteVec digest_of(HashAlgorithm alg, std::string_view message) {
  ByteVec out(digest_size(alg));
  const auto* data = reinterpret_cast<const std::uint8_t*>(message.data());
  REQUIRE(hash_once(default_provider(), alg, Bytes(data, message.size()), out));
  return out;
}

ByteVec digest_of(HashAlgorithm alg, const ByteVec& message) {
  ByteVec out(digest_size(alg));
  REQUIRE(hash_once(default_provider(), alg, message, out));
  return out;
}

void run_ecdsa_file(const char* file, ec::Curve curve, HashAlgorithm alg, int expected_cases) {
  const auto json = tlsx::test::load_json_vector(std::string("wycheproof/") + file);
  tlsx::test::VectorTally tally{file};
  int valid = 0;
  int invalid = 0;
  for (const auto& group : json["testGroups"]) {
    const ByteVec point = from_hex(group["publicKey"]["uncompressed"].get<std::string>());
    REQUIRE(ec::validate_public_point(curve, point));
    for (const auto& t : group["tests"]) {
      INFO(file << " tcId " << t["tcId"].get<int>() << " " << t["comment"].get<std::string>());
      const ByteVec digest = digest_of(alg, from_hex(t["msg"].get<std::string>()));
      const ByteVec sig = from_hex(t["sig"].get<std::string>());
      const std::string result = t["result"].get<std::string>();
      REQUIRE(result != "acceptable");
      auto r = ec::ecdsa_verify(curve, point, digest, sig);
      const bool ok = result == "valid" ? r.has_value() : !r.has_value();
      if (!r) {
        CHECK((r.error().code == ErrorCode::decrypt_error || r.error().code == ErrorCode::decode));
      }
      CHECK(ok);
      (ok ? tally.passed : tally.failed)++;
      (result == "valid" ? valid : invalid) += ok ? 1 : 0;
    }
  }
  tally.print();
  WARN(file << ": " << tally.passed + tally.failed << " cases (" << valid << " valid, " << invalid
            << " invalid), " << tally.failed << " failed, 0 skipped");
  CHECK(tally.failed == 0);
  CHECK(tally.passed == expected_cases);
}

/// DER INTEGER of a fixed-size big-endian magnitude, built independently of the library.
ByteVec der_integer(const ByteVec& magnitude) {
  std::size_t i = 0;
  while (i + 1 < magnitude.size() && magnitude[i] == 0) ++i;
  ByteVec body(magnitude.begin() + static_cast<std::ptrdiff_t>(i), magnitude.end());
  if (body[0] & 0x80) body.insert(body.begin(), 0x00);
  ByteVec out{0x02, static_cast<std::uint8_t>(body.size())};
  out.insert(out.end(), body.begin(), body.end());
  return out;
}

ByteVec der_signature(const std::string& r_hex, const std::string& s_hex) {
  ByteVec body = der_integer(from_hex(r_hex));
  const ByteVec s = der_integer(from_hex(s_hex));
  body.insert(body.end(), s.begin(), s.end());
  ByteVec out{0x30, static_cast<std::uint8_t>(body.size())};
  out.insert(out.end(), body.begin(), body.end());
  return out;
}

}  // namespace

TEST_CASE("Wycheproof ecdsa_secp256r1_sha256", "[ec][ecdsa]") {
  run_ecdsa_file("ecdsa_secp256r1_sha256_test.json", ec::Curve::p256, HashAlgorithm::sha256, 484);
}

TEST_CASE("Wycheproof ecdsa_secp384r1_sha384", "[ec][ecdsa]") {
  run_ecdsa_file("ecdsa_secp384r1_sha384_test.json", ec::Curve::p384, HashAlgorithm::sha384, 504);
}

TEST_CASE("RFC 6979 A.2.5 P-256 SHA-256 deterministic signatures", "[ec][ecdsa]") {
  const ByteVec d = from_hex("c9afa9d845ba75166b5c215767b1d6934e50c3db36e89b127b8a622b120f6721");
  struct Case {
    const char* message;
    const char* r;
    const char* s;
  };
  for (const Case& c :
       {Case{"sample", "efd48b2aacb6a8fd1140dd9cd45e81d69d2c877b56aaf991c34d0ea84eaf3716",
             "f7cb1c942d657c41d436c7a1b6e29f65f3e900dbb9aff4064dc4ab2f843acda8"},
        Case{"test", "f1abb023518351cd71d881567b1ea663ed3efcf6c5132b354f28d3b0b7d38367",
             "019f4113742a2b14bd25926b49c649155f267e60d3814b4c0cc84250e46f0083"}}) {
    INFO(c.message);
    const ByteVec digest = digest_of(HashAlgorithm::sha256, c.message);
    auto sig = ec::ecdsa_sign_with_extra(ec::Curve::p256, d, digest, default_provider(), {});
    REQUIRE(sig);
    CHECK(to_hex(*sig) == to_hex(der_signature(c.r, c.s)));
    auto pub = ec::public_key(ec::Curve::p256, d);
    REQUIRE(pub);
    CHECK(ec::ecdsa_verify(ec::Curve::p256, *pub, digest, *sig));
  }
}

TEST_CASE("RFC 6979 A.2.6 P-384 SHA-384 deterministic signatures", "[ec][ecdsa]") {
  const ByteVec d = from_hex(
      "6b9d3dad2e1b8c1c05b19875b6659f4de23c3b667bf297ba9aa47740787137d896d5724e4c70a825f872c9ea60d2"
      "edf5");
  struct Case {
    const char* message;
    const char* r;
    const char* s;
  };
  for (const Case& c : {Case{"sample",
                             "94edbb92a5ecb8aad4736e56c691916b3f88140666ce9fa73d64c4ea95ad133c81a64"
                             "8152e44acf96e36dd1e80fabe46",
                             "99ef4aeb15f178cea1fe40db2603138f130e740a19624526203b6351d0a3a94fa329c"
                             "145786e679e7b82c71a38628ac8"},
                        Case{"test",
                             "8203b63d3c853e8d77227fb377bcf7b7b772e97892a80f36ab775d509d7a5feb0542a"
                             "7f0812998da8f1dd3ca3cf023db",
                             "ddd0760448d42d8a43af45af836fce4de8be06b485e9b61b827c2f13173923e06a739"
                             "f040649a667bf3b828246baa5a5"}}) {
    INFO(c.message);
    const ByteVec digest = digest_of(HashAlgorithm::sha384, c.message);
    auto sig = ec::ecdsa_sign_with_extra(ec::Curve::p384, d, digest, default_provider(), {});
    REQUIRE(sig);
    CHECK(to_hex(*sig) == to_hex(der_signature(c.r, c.s)));
  }
}

TEST_CASE("Hedged ECDSA signatures verify and differ per call", "[ec][ecdsa]") {
  SeededProvider rng(6979);
  for (auto curve : {ec::Curve::p256, ec::Curve::p384}) {
    auto d = ec::generate_private_key(curve, rng);
    REQUIRE(d);
    auto pub = ec::public_key(curve, *d);
    REQUIRE(pub);
    // Digests shorter than, equal to and longer than the order (truncated per SEC 1).
    for (auto alg : {HashAlgorithm::sha256, HashAlgorithm::sha384, HashAlgorithm::sha512}) {
      const ByteVec digest = digest_of(alg, "round trip");
      auto s1 = ec::ecdsa_sign(curve, *d, digest, rng);
      auto s2 = ec::ecdsa_sign(curve, *d, digest, rng);
      REQUIRE(s1);
      REQUIRE(s2);
      CHECK(*s1 != *s2);  // the random extra input changes the nonce
      CHECK(ec::ecdsa_verify(curve, *pub, digest, *s1));
      CHECK(ec::ecdsa_verify(curve, *pub, digest, *s2));
      ByteVec other = digest;
      other[0] ^= 0x80;
      auto bad = ec::ecdsa_verify(curve, *pub, other, *s1);
      REQUIRE_FALSE(bad);
      CHECK(bad.error().code == ErrorCode::decrypt_error);
    }
  }
}

TEST_CASE("ECDSA signature DER is parsed strictly", "[ec][ecdsa]") {
  const ByteVec d = from_hex("c9afa9d845ba75166b5c215767b1d6934e50c3db36e89b127b8a622b120f6721");
  auto pub = ec::public_key(ec::Curve::p256, d);
  REQUIRE(pub);
  const ByteVec digest = digest_of(HashAlgorithm::sha256, "sample");
  auto sig = ec::ecdsa_sign_with_extra(ec::Curve::p256, d, digest, default_provider(), {});
  REQUIRE(sig);
  REQUIRE(ec::ecdsa_verify(ec::Curve::p256, *pub, digest, *sig));

  ByteVec trailing = *sig;
  trailing.push_back(0);
  auto r = ec::ecdsa_verify(ec::Curve::p256, *pub, digest, trailing);
  REQUIRE_FALSE(r);
  CHECK(r.error().code == ErrorCode::decode);

  ByteVec long_form{0x30, 0x81};
  long_form.insert(long_form.end(), sig->begin() + 1, sig->end());
  r = ec::ecdsa_verify(ec::Curve::p256, *pub, digest, long_form);
  REQUIRE_FALSE(r);
  CHECK(r.error().code == ErrorCode::decode);

  // r = 0 and r = n are well-formed DER but out of range.
  const std::string s_hex = "f7cb1c942d657c41d436c7a1b6e29f65f3e900dbb9aff4064dc4ab2f843acda8";
  r = ec::ecdsa_verify(ec::Curve::p256, *pub, digest, der_signature("00", s_hex));
  REQUIRE_FALSE(r);
  CHECK(r.error().code == ErrorCode::decrypt_error);
  r = ec::ecdsa_verify(
      ec::Curve::p256, *pub, digest,
      der_signature("ffffffff00000000ffffffffffffffffbce6faada7179e84f3b9cac2fc632551", s_hex));
  REQUIRE_FALSE(r);
  CHECK(r.error().code == ErrorCode::decrypt_error);

  ByteVec bad_point = *pub;
  bad_point[10] ^= 1;
  r = ec::ecdsa_verify(ec::Curve::p256, bad_point, digest, *sig);
  REQUIRE_FALSE(r);
  CHECK(r.error().code == ErrorCode::illegal_parameter);
}
