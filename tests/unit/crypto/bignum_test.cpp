// Bignum: limb primitives, Montgomery arithmetic and modular exponentiation against known answers
// computed with Python (tests/data/bignum/), plus edge cases and cross-checks.
#include <catch2/catch.hpp>

#include <cstdint>
#include <random>
#include <string>
#include <vector>

#include "crypto/bignum.hpp"
#include "crypto/bignum_modexp.hpp"
#include "crypto/bignum_montgomery.hpp"
#include "support/test_support.hpp"

namespace bn = tlsx::crypto::bn;
using tlsx::test::ByteVec;
using tlsx::test::from_hex;
using tlsx::test::to_hex;

namespace {

bn::Nat nat(std::string_view hex, std::size_t limbs) {
  const ByteVec bytes = from_hex(hex);
  return bn::Nat::from_bytes(bytes, limbs);
}

std::string hex(const bn::Nat& x) {
  ByteVec out(x.size() * bn::kLimbBytes);
  x.to_bytes(out);
  return to_hex(out);
}

const nlohmann::json& vectors() {
  static const nlohmann::json j = nlohmann::json::parse(
      tlsx::test::read_file(std::string(TLSX_TEST_DATA_DIR) + "/bignum/bignum_vectors.json"));
  return j;
}

bn::Nat random_below(std::mt19937_64& rng, const bn::Nat& m) {
  // Uniform enough for tests: random limbs, top limb reduced below m's top limb.
  bn::Nat x(m.size());
  for (std::size_t i = 0; i < m.size(); ++i) x[i] = rng();
  std::size_t top = m.size();
  while (top > 0 && m[top - 1] == 0) x[--top] = 0;
  if (top > 0) x[top - 1] = m[top - 1] > 1 ? x[top - 1] % (m[top - 1] - 1) : 0;
  return x;
}

}  // namespace

TEST_CASE("Nat converts big-endian bytes both ways", "[bignum]") {
  const ByteVec bytes = from_hex("0102030405060708090a0b");
  const bn::Nat x = bn::Nat::from_bytes(bytes, 2);
  CHECK(x[0] == 0x0405060708090a0bULL);
  CHECK(x[1] == 0x010203ULL);
  CHECK(hex(x) ==
        "0000000000010203"
        "0405060708090a0b");
  CHECK(x.bit_length_vartime() == 81);

  ByteVec out(11);
  x.to_bytes(out);
  CHECK(out == bytes);
  ByteVec short_out(3);
  x.to_bytes(short_out);
  CHECK(to_hex(short_out) == "090a0b");

  // Leading zero bytes beyond the capacity are fine; non-zero ones do not fit.
  CHECK(hex(bn::Nat::from_bytes(from_hex("00000000000000000000ff"), 1)) == "00000000000000ff");
  CHECK(bn::Nat::from_bytes(from_hex("0100000000000000ff"), 1).empty());
  CHECK(bn::Nat::from_bytes({}, 2).size() == 2);
  CHECK(bn::Nat(3).bit_length_vartime() == 0);
  CHECK(hex(x.resized(1)) == "0405060708090a0b");
  CHECK(hex(x.resized(3)).substr(0, 16) == "0000000000000000");
}

TEST_CASE("limb primitives carry, borrow, compare and select", "[bignum]") {
  const bn::Limb max = ~bn::Limb{0};
  bn::Limb a[2] = {max, max};
  bn::Limb one[2] = {1, 0};
  bn::Limb r[2];
  CHECK(bn::add_n(r, a, one, 2) == 1);
  CHECK((r[0] == 0 && r[1] == 0));
  CHECK(bn::sub_n(r, one, a, 2) == 1);
  CHECK((r[0] == 2 && r[1] == 0));
  CHECK(bn::sub_n(r, a, one, 2) == 0);
  CHECK((r[0] == max - 1 && r[1] == max));

  CHECK(bn::less_than_mask(one, a, 2) == max);
  CHECK(bn::less_than_mask(a, one, 2) == 0);
  CHECK(bn::less_than_mask(a, a, 2) == 0);
  CHECK(bn::equal_mask(a, a, 2) == max);
  CHECK(bn::equal_mask(a, one, 2) == 0);
  bn::Limb zero[2] = {0, 0};
  CHECK(bn::is_zero_mask(zero, 2) == max);
  CHECK(bn::is_zero_mask(one, 2) == 0);

  bn::select_n(r, max, a, one, 2);
  CHECK((r[0] == max && r[1] == max));
  bn::select_n(r, 0, a, one, 2);
  CHECK((r[0] == 1 && r[1] == 0));

  bn::Limb prod[4];
  bn::mul_n(prod, a, 2, a, 2);  // (2^128 - 1)^2 = 2^256 - 2^129 + 1
  CHECK((prod[0] == 1 && prod[1] == 0 && prod[2] == max - 1 && prod[3] == max));
}

TEST_CASE("Montgomery constants, products and reductions match Python", "[bignum]") {
  for (const auto& set : vectors()["sets"]) {
    const std::size_t limbs = set["limbs"];
    INFO("modulus of " << set["bits"] << " bits in " << limbs << " limbs");
    const bn::Nat m = nat(set["m"].get<std::string>(), limbs);
    const auto mod = bn::MontModulus::make(m);
    REQUIRE(mod.has_value());
    CHECK(hex(mod->one()) == set["r_mod_m"]);
    CHECK(hex(mod->r_squared()) == set["r2_mod_m"]);

    bn::Nat scratch(mod->scratch_limbs());
    for (const auto& c : set["mul"]) {
      const bn::Nat a = nat(c["a"].get<std::string>(), limbs);
      const bn::Nat b = nat(c["b"].get<std::string>(), limbs);
      bn::Nat r(limbs);
      mod->mul(r.data(), a.data(), b.data(), scratch.data());
      CHECK(hex(r) == c["mont"]);
      // Through Montgomery form and back: a b mod m.
      bn::Nat am(limbs);
      bn::Nat bm(limbs);
      mod->to_mont(am.data(), a.data(), scratch.data());
      mod->to_mont(bm.data(), b.data(), scratch.data());
      mod->mul(r.data(), am.data(), bm.data(), scratch.data());
      mod->from_mont(r.data(), r.data(), scratch.data());
      CHECK(hex(r) == c["ab_mod_m"]);
      // Squaring agrees with multiplying by itself.
      bn::Nat s1(limbs);
      bn::Nat s2(limbs);
      mod->sqr(s1.data(), a.data(), scratch.data());
      mod->mul(s2.data(), a.data(), a.data(), scratch.data());
      CHECK(hex(s1) == hex(s2));
    }
    for (const auto& c : set["reduce"]) {
      const bn::Nat x = nat(c["x"].get<std::string>(), 2 * limbs);
      bn::Nat r(limbs);
      mod->reduce_wide(r.data(), x.data(), scratch.data());
      CHECK(hex(r) == c["x_over_r"]);
      mod->reduce(r.data(), x.data(), scratch.data());
      CHECK(hex(r) == c["x_mod_m"]);
    }
  }
}

TEST_CASE("modular exponentiation matches Python (constant time and variable time)", "[bignum]") {
  for (const auto& set : vectors()["sets"]) {
    const std::size_t limbs = set["limbs"];
    INFO("modulus of " << set["bits"] << " bits in " << limbs << " limbs");
    const auto mod = bn::MontModulus::make(nat(set["m"].get<std::string>(), limbs));
    REQUIRE(mod.has_value());
    for (const auto& c : set["exp"]) {
      INFO("exp " << c["exp"]);
      const bn::Nat base = nat(c["base"].get<std::string>(), limbs);
      const bn::Nat exp = nat(c["exp"].get<std::string>(), limbs);
      bn::Nat r(limbs);
      bn::mod_exp_consttime(*mod, r.data(), base.data(), exp, c["exp_bits"]);
      CHECK(hex(r) == c["result"]);
      bn::Nat v(limbs);
      bn::mod_exp_vartime(*mod, v.data(), base.data(), exp.limbs());
      CHECK(hex(v) == c["result"]);
      // A looser public bound on the exponent length changes nothing.
      bn::mod_exp_consttime(*mod, r.data(), base.data(), exp, c["exp_bits"].get<std::size_t>() + 9);
      CHECK(hex(r) == c["result"]);
    }
  }
}

TEST_CASE("constant-time and variable-time exponentiation agree on random input", "[bignum]") {
  std::mt19937_64 rng(7);
  for (const std::size_t limbs : {1u, 2u, 5u, 16u, 24u, 32u}) {
    for (int round = 0; round < 3; ++round) {
      bn::Nat m(limbs);
      for (std::size_t i = 0; i < limbs; ++i) m[i] = rng();
      m[0] |= 1;
      m[limbs - 1] |= bn::Limb{1} << 63;
      const auto mod = bn::MontModulus::make(m);
      REQUIRE(mod.has_value());
      const bn::Nat base = random_below(rng, m);
      bn::Nat exp(limbs);
      for (std::size_t i = 0; i < limbs; ++i) exp[i] = rng();
      bn::Nat a(limbs);
      bn::Nat b(limbs);
      bn::mod_exp_consttime(*mod, a.data(), base.data(), exp, limbs * bn::kLimbBits);
      bn::mod_exp_vartime(*mod, b.data(), base.data(), exp.limbs());
      CHECK(hex(a) == hex(b));
    }
  }
}

TEST_CASE("MontModulus rejects unusable moduli", "[bignum]") {
  CHECK_FALSE(bn::MontModulus::make(bn::Nat()).has_value());
  CHECK_FALSE(bn::MontModulus::make(bn::Nat::from_u64(0, 2)).has_value());
  CHECK_FALSE(bn::MontModulus::make(bn::Nat::from_u64(1, 2)).has_value());
  CHECK_FALSE(bn::MontModulus::make(bn::Nat::from_u64(10, 2)).has_value());
  CHECK_FALSE(bn::MontModulus::make(bn::Nat(bn::kMaxLimbs + 1)).has_value());
  CHECK(bn::MontModulus::make(bn::Nat::from_u64(3, 2)).has_value());
}
