// P-256 ECDH and key generation (src/crypto/ec.hpp) against Wycheproof, known public keys, and
// field arithmetic checked against the RSA bignum code as a slow reference.
//
// Wycheproof policy: `valid` cases must produce `shared`; `invalid` ones must fail. `acceptable`
// cases are compressed points (TLS allows only uncompressed ones, RFC 8422 §5.1.2, so we reject
// them) and, in the SPKI file, keys with explicit or unusual curve parameters; our minimal SPKI
// reader accepts only id-ecPublicKey with the named curve prime256v1, so it rejects those too. An
// acceptable case passes if it is either rejected or computes `shared`.
#include <catch2/catch.hpp>

#include <algorithm>
#include <array>
#include <optional>
#include <random>
#include <string>

#include "crypto/bignum.hpp"
#include "crypto/bignum_montgomery.hpp"
#include "crypto/der.hpp"
#include "crypto/ec.hpp"
#include "crypto/ec_curve_params.hpp"
#include "support/test_support.hpp"
#include "tlsx/crypto/seeded_provider.hpp"

using namespace tlsx;
using namespace tlsx::crypto;
using tlsx::test::ByteVec;
using tlsx::test::from_hex;
using tlsx::test::to_hex;

namespace {

/// Wycheproof private keys are two's complement hex (sometimes with a 00 sign byte, sometimes
/// shorter): normalize to exactly `size` bytes.
ByteVec fixed_scalar(const std::string& hex, std::size_t size) {
  ByteVec v = from_hex(hex);
  while (v.size() > size && v.front() == 0) v.erase(v.begin());
  ByteVec out(size - std::min(size, v.size()), 0);
  out.insert(out.end(), v.begin(), v.end());
  return out;
}

/// The point inside SubjectPublicKeyInfo { {id-ecPublicKey, prime256v1}, BIT STRING }, or
/// nothing for any other shape (explicit parameters, other curves, malformed DER).
std::optional<ByteVec> spki_point(const ByteVec& spki) {
  static const ByteVec kEcPublicKey = from_hex("2a8648ce3d0201");
  static const ByteVec kPrime256v1 = from_hex("2a8648ce3d030107");
  der::Reader r(spki);
  der::Reader seq;
  der::Reader alg;
  der::Bytes alg_oid;
  der::Bytes curve_oid;
  der::Bytes point;
  if (!(r.sequence(seq) && seq.sequence(alg) && alg.oid(alg_oid) && alg.oid(curve_oid) &&
        alg.done() && seq.bit_string_octets(point) && seq.done() && r.done())) {
    return std::nullopt;
  }
  if (!std::equal(alg_oid.begin(), alg_oid.end(), kEcPublicKey.begin(), kEcPublicKey.end()) ||
      !std::equal(curve_oid.begin(), curve_oid.end(), kPrime256v1.begin(), kPrime256v1.end())) {
    return std::nullopt;
  }
  return ByteVec(point.begin(), point.end());
}

void run_ecdh_file(const char* file, bool spki) {
  const auto json = tlsx::test::load_json_vector(std::string("wycheproof/") + file);
  tlsx::test::VectorTally tally{file};
  int valid = 0;
  int invalid_rejected = 0;
  int acceptable = 0;
  for (const auto& group : json["testGroups"]) {
    REQUIRE(group["curve"] == "secp256r1");
    for (const auto& t : group["tests"]) {
      INFO(file << " tcId " << t["tcId"].get<int>() << " " << t["comment"].get<std::string>());
      const ByteVec priv = fixed_scalar(t["private"].get<std::string>(), 32);
      const ByteVec encoded = from_hex(t["public"].get<std::string>());
      const std::string result = t["result"].get<std::string>();
      std::optional<ByteVec> point = spki ? spki_point(encoded) : std::optional<ByteVec>(encoded);
      Result<SecretBytes> shared = fail_decode("SPKI not accepted");
      if (point) shared = ec::ecdh(ec::Curve::p256, priv, *point);
      bool ok = false;
      if (result == "valid") {
        ok = shared.has_value() && to_hex(shared->span()) == t["shared"].get<std::string>();
        valid += ok ? 1 : 0;
      } else if (result == "invalid") {
        ok = !shared.has_value();
        invalid_rejected += ok ? 1 : 0;
      } else {
        ok = !shared.has_value() || to_hex(shared->span()) == t["shared"].get<std::string>();
        acceptable += ok ? 1 : 0;
      }
      CHECK(ok);
      (ok ? tally.passed : tally.failed)++;
    }
  }
  tally.print();
  WARN(file << ": " << tally.passed + tally.failed << " cases (" << valid << " valid, "
            << invalid_rejected << " invalid rejected, " << acceptable << " acceptable), "
            << tally.failed << " failed, 0 skipped");
  CHECK(tally.failed == 0);
  CHECK(tally.passed == json["numberOfTests"].get<int>());
}

}  // namespace

TEST_CASE("Wycheproof ecdh_secp256r1 (SPKI public keys)", "[ec][ecdh]") {
  run_ecdh_file("ecdh_secp256r1_test.json", true);
}

TEST_CASE("Wycheproof ecdh_secp256r1_ecpoint (raw points)", "[ec][ecdh]") {
  run_ecdh_file("ecdh_secp256r1_ecpoint_test.json", false);
}

TEST_CASE("EC public keys match known answers (RFC 6979 A.2.5 and A.2.6 keys)", "[ec]") {
  const ByteVec d256 = from_hex("c9afa9d845ba75166b5c215767b1d6934e50c3db36e89b127b8a622b120f6721");
  auto q256 = ec::public_key(ec::Curve::p256, d256);
  REQUIRE(q256);
  CHECK(to_hex(*q256) ==
        "0460fed4ba255a9d31c961eb74c6356d68c049b8923b61fa6ce669622e60f29fb6"
        "7903fe1008b8bc99a41ae9e95628bc64f2f1b20c2d7e9f5177a3c294d4462299");
  const ByteVec d384 = from_hex(
      "6b9d3dad2e1b8c1c05b19875b6659f4de23c3b667bf297ba9aa47740787137d896d5724e4c70a825f872c9ea60d2"
      "edf5");
  auto q384 = ec::public_key(ec::Curve::p384, d384);
  REQUIRE(q384);
  CHECK(to_hex(*q384) ==
        "04ec3a4e415b4e19a4568618029f427fa5da9a8bc4ae92e02e06aae5286b300c64def8f0ea9055866064a25451"
        "5480bc13"
        "8015d9b72d7d57244ea8ef9ac0c621896708a59367f9dfb9f54ca84b3f1c9db1288b231c3ae0d4fe7344fd2533"
        "264720");
  CHECK(ec::validate_public_point(ec::Curve::p256, *q256));
  CHECK(ec::validate_public_point(ec::Curve::p384, *q384));
}

TEST_CASE("EC private scalars outside [1, n-1] are refused", "[ec]") {
  ByteVec zero(32, 0);
  auto r0 = ec::public_key(ec::Curve::p256, zero);
  REQUIRE_FALSE(r0);
  CHECK(r0.error().code == ErrorCode::illegal_parameter);
  const ByteVec n = from_hex("ffffffff00000000ffffffffffffffffbce6faada7179e84f3b9cac2fc632551");
  CHECK_FALSE(ec::public_key(ec::Curve::p256, n));
  ByteVec n_minus_1 = n;
  n_minus_1.back() -= 1;
  auto q = ec::public_key(ec::Curve::p256, n_minus_1);  // -G: G's x, p - Gy
  REQUIRE(q);
  CHECK(to_hex(*q).substr(0, 66) ==
        "046b17d1f2e12c4247f8bce6e563a440f277037d812deb33a0f4a13945d898c296");
  auto short_key = ec::public_key(ec::Curve::p256, ByteVec(31, 1));
  REQUIRE_FALSE(short_key);
  CHECK(short_key.error().code == ErrorCode::invalid_argument);
}

TEST_CASE("EC point validation errors", "[ec]") {
  const ByteVec d = from_hex("c9afa9d845ba75166b5c215767b1d6934e50c3db36e89b127b8a622b120f6721");
  auto q = ec::public_key(ec::Curve::p256, d);
  REQUIRE(q);
  ByteVec compressed(q->begin(), q->begin() + 33);
  compressed[0] = 0x02;
  auto r = ec::validate_public_point(ec::Curve::p256, compressed);
  REQUIRE_FALSE(r);
  CHECK(r.error().code == ErrorCode::decode);
  ByteVec off = *q;
  off.back() ^= 1;
  r = ec::validate_public_point(ec::Curve::p256, off);
  REQUIRE_FALSE(r);
  CHECK(r.error().code == ErrorCode::illegal_parameter);
  ByteVec infinity(65, 0);
  infinity[0] = 0x04;
  CHECK_FALSE(ec::validate_public_point(ec::Curve::p256, infinity));
  CHECK_FALSE(ec::validate_public_point(ec::Curve::p384, *q));  // a P-256 point, wrong length
}

TEST_CASE("ECDH with generated keys agrees both ways on P-256 and P-384", "[ec][ecdh]") {
  SeededProvider rng(2026);
  for (auto curve : {ec::Curve::p256, ec::Curve::p384}) {
    for (int i = 0; i < 4; ++i) {
      auto a = ec::generate_private_key(curve, rng);
      auto b = ec::generate_private_key(curve, rng);
      REQUIRE(a);
      REQUIRE(b);
      CHECK(a->size() == ec::scalar_size(curve));
      auto pa = ec::public_key(curve, *a);
      auto pb = ec::public_key(curve, *b);
      REQUIRE(pa);
      REQUIRE(pb);
      CHECK(pa->size() == ec::point_size(curve));
      auto s1 = ec::ecdh(curve, *a, *pb);
      auto s2 = ec::ecdh(curve, *b, *pa);
      REQUIRE(s1);
      REQUIRE(s2);
      CHECK(to_hex(s1->span()) == to_hex(s2->span()));
    }
  }
}

namespace {

/// a*b mod m through the bignum code: a full product, then MontModulus::reduce.
template <class F>
typename F::Fe reference_mul(const typename F::Fe& a, const typename F::Fe& b) {
  namespace bn = tlsx::crypto::bn;
  constexpr std::size_t n = F::N;
  bn::Nat m(n);
  std::copy(F::modulus.begin(), F::modulus.end(), m.data());
  auto mod = bn::MontModulus::make(m);
  REQUIRE(mod);
  std::array<bn::Limb, 2 * n> wide{};
  bn::mul_n(wide.data(), a.data(), n, b.data(), n);
  std::vector<bn::Limb> scratch(mod->scratch_limbs());
  typename F::Fe r{};
  mod->reduce(r.data(), wide.data(), scratch.data());
  return r;
}

template <class F>
void check_field(std::mt19937_64& rng) {
  using Fe = typename F::Fe;
  auto random_fe = [&] {
    Fe x{};
    for (auto& l : x) l = rng();
    return F::reduce_plain(x);
  };
  Fe minus_one = F::modulus;
  minus_one[0] -= 1;
  for (int i = 0; i < 200; ++i) {
    Fe a = i == 0 ? minus_one : random_fe();
    Fe b = i == 1 ? minus_one : random_fe();
    const Fe am = F::to_mont(a);
    const Fe bm = F::to_mont(b);
    CHECK(F::from_mont(F::mul(am, bm)) == reference_mul<F>(a, b));
    // (a + b) - b == a, and a - b + b == a, in both directions through the modulus.
    CHECK(F::sub(F::add(a, b), b) == a);
    CHECK(F::add(F::sub(a, b), b) == a);
    CHECK(F::add(a, F::neg(a)) == Fe{});
    if (i < 20) {
      CHECK(F::from_mont(F::mul(am, F::inv(am))) == F::from_mont(F::one));
    }
  }
}

}  // namespace

TEST_CASE("P-256 and P-384 field and scalar arithmetic match the bignum reference", "[ec]") {
  using namespace tlsx::crypto::ec::detail;
  std::mt19937_64 rng(11);
  check_field<P256::F>(rng);
  check_field<P256::S>(rng);
  check_field<P384::F>(rng);
  check_field<P384::S>(rng);
}
