// Bignum: limb primitives, Montgomery arithmetic and modular exponentiation against known answers
// computed with Python (tests/data/bignum/), plus edge cases and cross-checks.
#include <catch2/catch.hpp>

#include <cstdint>
#include <random>
#include <string>
#include <vector>

#include "crypto/bignum.hpp"
#include "crypto/bignum_ifma.hpp"
#include "crypto/bignum_modexp.hpp"
#include "crypto/bignum_montgomery.hpp"
#include "crypto/cpu_features.hpp"
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
    CHECK(hex(mod->one()) == set["r_mod_m"].get<std::string>());
    CHECK(hex(mod->r_squared()) == set["r2_mod_m"].get<std::string>());

    bn::Nat scratch(mod->scratch_limbs());
    for (const auto& c : set["mul"]) {
      const bn::Nat a = nat(c["a"].get<std::string>(), limbs);
      const bn::Nat b = nat(c["b"].get<std::string>(), limbs);
      bn::Nat r(limbs);
      mod->mul(r.data(), a.data(), b.data(), scratch.data());
      CHECK(hex(r) == c["mont"].get<std::string>());
      // Through Montgomery form and back: a b mod m.
      bn::Nat am(limbs);
      bn::Nat bm(limbs);
      mod->to_mont(am.data(), a.data(), scratch.data());
      mod->to_mont(bm.data(), b.data(), scratch.data());
      mod->mul(r.data(), am.data(), bm.data(), scratch.data());
      mod->from_mont(r.data(), r.data(), scratch.data());
      CHECK(hex(r) == c["ab_mod_m"].get<std::string>());
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
      CHECK(hex(r) == c["x_over_r"].get<std::string>());
      mod->reduce(r.data(), x.data(), scratch.data());
      CHECK(hex(r) == c["x_mod_m"].get<std::string>());
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
      CHECK(hex(r) == c["result"].get<std::string>());
      bn::Nat v(limbs);
      bn::mod_exp_vartime(*mod, v.data(), base.data(), exp.limbs());
      CHECK(hex(v) == c["result"].get<std::string>());
      // A looser public bound on the exponent length changes nothing.
      bn::mod_exp_consttime(*mod, r.data(), base.data(), exp, c["exp_bits"].get<std::size_t>() + 9);
      CHECK(hex(r) == c["result"].get<std::string>());
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

TEST_CASE("accelerated moduli (IFMA when available) give Python's answers", "[bignum]") {
  // base^exp * 1^x = base^exp: each known answer, run as both jobs of a pair.
  const bool ifma = tlsx::crypto::cpu_features().avx512ifma;
  WARN("AVX-512 IFMA kernels " << (ifma ? "in use" : "not available: portable path"));
  int accelerated = 0;
  for (const auto& set : vectors()["sets"]) {
    const std::size_t limbs = set["limbs"];
    INFO("modulus of " << set["bits"] << " bits in " << limbs << " limbs");
    const auto mod = bn::MontModulus::make(nat(set["m"].get<std::string>(), limbs), true);
    REQUIRE(mod.has_value());
    const std::size_t bits = set["bits"];
    if (ifma && bits <= 4156) CHECK(mod->ifma() != nullptr);
    accelerated += mod->ifma() != nullptr ? 1 : 0;
    const bn::Nat one = bn::Nat::from_u64(1, limbs);
    bn::Nat other_exp(limbs);
    other_exp[0] = 0x1234567;
    for (const auto& c : set["exp"]) {
      INFO("exp " << c["exp"]);
      const bn::Nat base = nat(c["base"].get<std::string>(), limbs);
      const bn::Nat exp = nat(c["exp"].get<std::string>(), limbs);
      bn::Nat r1(limbs);
      bn::Nat r2(limbs);
      bn::mod_exp2_consttime_pair({&*mod, r1.data(), base.data(), &exp, one.data(), &other_exp},
                                  {&*mod, r2.data(), one.data(), &other_exp, base.data(), &exp},
                                  c["exp_bits"]);
      CHECK(hex(r1) == c["result"].get<std::string>());
      CHECK(hex(r2) == c["result"].get<std::string>());
      // The variable-time exponentiation on the accelerated modulus (IFMA up to 4158 bits).
      bn::mod_exp_vartime(*mod, r1.data(), base.data(), exp.limbs());
      CHECK(hex(r1) == c["result"].get<std::string>());
    }
  }
  if (ifma) CHECK(accelerated > 0);
}

TEST_CASE("paired exponentiation agrees with the portable kernels on random input", "[bignum]") {
  std::mt19937_64 rng(11);
  // Limb counts and top-bit positions around the radix-2^52 digit boundaries (N = 20, 30, 40).
  struct Size {
    std::size_t limbs;
    unsigned top_bit;  // bit length of the moduli minus one, within the top limb
  };
  for (const Size size : {Size{1, 40}, Size{2, 63}, Size{8, 60}, Size{16, 63}, Size{16, 61},
                          Size{17, 10}, Size{24, 63}, Size{32, 63}, Size{32, 60}}) {
    INFO("limbs " << size.limbs << " top bit " << size.top_bit);
    const std::size_t limbs = size.limbs;
    auto random_modulus = [&] {
      bn::Nat m(limbs);
      for (std::size_t i = 0; i < limbs; ++i) m[i] = rng();
      m[0] |= 1;
      m[limbs - 1] &= (bn::Limb{1} << size.top_bit) - 1;
      m[limbs - 1] |= bn::Limb{1} << size.top_bit;
      return m;
    };
    const bn::Nat p = random_modulus();
    const bn::Nat q = random_modulus();
    const auto fast_p = bn::MontModulus::make(p, true);
    const auto fast_q = bn::MontModulus::make(q, true);
    const auto slow_p = bn::MontModulus::make(p, false);
    const auto slow_q = bn::MontModulus::make(q, false);
    REQUIRE((fast_p && fast_q && slow_p && slow_q));
    const std::size_t exp_bits = limbs * bn::kLimbBits;
    for (int round = 0; round < 3; ++round) {
      std::vector<bn::Nat> bases;
      for (const bn::Nat* m : {&p, &q, &p, &q}) bases.push_back(random_below(rng, *m));
      if (round == 1) {  // edge values: 0, 1, m - 1
        bases[0] = bn::Nat(limbs);
        bases[1] = bn::Nat::from_u64(1, limbs);
        bases[2] = p;
        bases[2][0] -= 1;
        bases[3] = q;
        bases[3][0] -= 1;
      }
      std::vector<bn::Nat> exps;
      for (int i = 0; i < 4; ++i) {
        bn::Nat e(limbs);
        for (std::size_t j = 0; j < limbs; ++j) e[j] = round == 2 ? ~bn::Limb{0} : rng();
        exps.push_back(std::move(e));
      }
      bn::Nat fast_rp(limbs);
      bn::Nat fast_rq(limbs);
      bn::Nat slow_rp(limbs);
      bn::Nat slow_rq(limbs);
      bn::mod_exp2_consttime_pair(
          {&*fast_p, fast_rp.data(), bases[0].data(), &exps[0], bases[2].data(), &exps[2]},
          {&*fast_q, fast_rq.data(), bases[1].data(), &exps[1], bases[3].data(), &exps[3]},
          exp_bits);
      bn::mod_exp2_consttime(*slow_p, slow_rp.data(), bases[0].data(), exps[0], bases[2].data(),
                             exps[2], exp_bits);
      bn::mod_exp2_consttime(*slow_q, slow_rq.data(), bases[1].data(), exps[1], bases[3].data(),
                             exps[3], exp_bits);
      CHECK(hex(fast_rp) == hex(slow_rp));
      CHECK(hex(fast_rq) == hex(slow_rq));
      // And the two-base result is the product of two single exponentiations.
      bn::Nat x(limbs);
      bn::Nat y(limbs);
      bn::Nat scratch(slow_p->scratch_limbs());
      bn::mod_exp_consttime(*slow_p, x.data(), bases[0].data(), exps[0], exp_bits);
      bn::mod_exp_vartime(*slow_p, y.data(), bases[2].data(), exps[2].limbs());
      slow_p->to_mont(x.data(), x.data(), scratch.data());
      slow_p->mul(x.data(), x.data(), y.data(), scratch.data());
      CHECK(hex(x) == hex(slow_rp));
    }
  }
}
