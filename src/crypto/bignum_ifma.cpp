// Montgomery exponentiation in radix 2^52 with AVX-512 IFMA.
//
// Implementation notes:
// - Numbers are N 52-bit digits, one per 64-bit lane, in V = ceil(N/8) zmm registers. The
//   product is "almost Montgomery" (AMM): for a, b < 2m it returns a b / R52 mod m as a value
//   below 2m (R52 = 2^(52 N) >= 4m), so no conditional subtraction is needed between products;
//   the exponentiation reduces fully once, at the end.
// - AMM, digit-serial over b: acc += a b_i (low 52-bit halves of the lane products), q = acc_0
//   k0 mod 2^52 (k0 = -m^-1), acc += m q (low halves); lane 0 is now 0 mod 2^52, so the
//   accumulator drops it (shift down one lane, its carry into the new lane 0) and adds the high
//   52-bit halves of both products, which belong one lane up: after the shift, to the same lane.
//   q is computed with scalar multiplications from lane 0, which is the dependency chain of each
//   step; lanes stay unnormalised (below 2^60) until the end of the product.
// - Two AMMs on independent data (the two CRT halves) run in one loop, so that one's scalar
//   step overlaps the other's vector work; this is what the x2 in the names means.
// - Normalisation: one vector carry step leaves lanes below 2^52 + 2^8; the remaining carries
//   ripple through lanes equal to 2^52 - 1, which is binary addition on lane masks:
//   carry_in = ((generate << 1) + propagate) ^ propagate, computed on integers, not branches.
// - Table lookups read every entry with masked moves (mask from a vector compare of the index).
// - Everything runs in time that depends only on N and exp_bits.
#include "crypto/bignum_ifma.hpp"

// GCC 12's AVX-512 intrinsics pass _mm512_undefined_*() as the unused merge operand, which
// -Wmaybe-uninitialized reports inside immintrin.h once inlined (a known false positive).
#pragma GCC diagnostic ignored "-Wuninitialized"
#pragma GCC diagnostic ignored "-Wmaybe-uninitialized"
#include <immintrin.h>

#include <array>

#include "crypto/bignum_montgomery.hpp"
#include "crypto/bignum_window.hpp"
#include "crypto/cpu_features.hpp"

#define TLSX_TARGET_IFMA __attribute__((target("avx512f,avx512ifma")))

namespace tlsx::crypto::bn {
namespace {

constexpr unsigned kDigitBits = 52;
constexpr Limb kDigitMask = (Limb{1} << kDigitBits) - 1;
constexpr std::size_t kLanes = 8;

/// d (lanes digits) = x (limbs 64-bit limbs) in radix 2^52; digits past the value are zero.
void to_digits(Limb* d, std::size_t lanes, const Limb* x, std::size_t limbs) noexcept {
  for (std::size_t j = 0; j < lanes; ++j) {
    const std::size_t bit = j * kDigitBits;
    const std::size_t limb = bit / kLimbBits;
    const std::size_t shift = bit % kLimbBits;
    Limb v = 0;
    if (limb < limbs) {
      v = x[limb] >> shift;
      if (shift > kLimbBits - kDigitBits && limb + 1 < limbs) {
        v |= x[limb + 1] << (kLimbBits - shift);
      }
    }
    d[j] = v & kDigitMask;
  }
}

/// x (limbs limbs) = d (lanes normalised digits); the value must fit in the limbs.
void from_digits(Limb* x, std::size_t limbs, const Limb* d, std::size_t lanes) noexcept {
  for (std::size_t i = 0; i < limbs; ++i) x[i] = 0;
  for (std::size_t j = 0; j < lanes; ++j) {
    const std::size_t bit = j * kDigitBits;
    const std::size_t limb = bit / kLimbBits;
    const std::size_t shift = bit % kLimbBits;
    if (limb < limbs) x[limb] |= d[j] << shift;
    if (shift > kLimbBits - kDigitBits && limb + 1 < limbs) {
      x[limb + 1] |= d[j] >> (kLimbBits - shift);
    }
  }
}

/// r = x mod m for x <= m (64-bit limbs, constant time).
void reduce_once(Limb* r, const Limb* x, const Limb* m, std::size_t n, Limb* tmp) noexcept {
  const Limb borrow = sub_n(tmp, x, m, n);
  select_n(r, 0 - (borrow ^ 1), tmp, x, n);
}

template <std::size_t V>
TLSX_TARGET_IFMA inline void load(__m512i (&x)[V], const Limb* p) {
#pragma GCC unroll 16
  for (std::size_t v = 0; v < V; ++v) x[v] = _mm512_loadu_si512(p + kLanes * v);
}

template <std::size_t V>
TLSX_TARGET_IFMA inline void store(Limb* p, const __m512i (&x)[V]) {
#pragma GCC unroll 16
  for (std::size_t v = 0; v < V; ++v) _mm512_storeu_si512(p + kLanes * v, x[v]);
}

/// Carries every lane down to 52 bits (lanes below 2^60 on entry; the value must fit in N
/// digits).
template <std::size_t V>
TLSX_TARGET_IFMA inline void normalize(__m512i (&acc)[V]) {
  const __m512i mask = _mm512_set1_epi64(static_cast<long long>(kDigitMask));
  __m512i carry[V];
#pragma GCC unroll 16
  for (std::size_t v = 0; v < V; ++v) {
    carry[v] = _mm512_srli_epi64(acc[v], kDigitBits);
    acc[v] = _mm512_and_si512(acc[v], mask);
  }
  // Lane j takes the carry of lane j - 1.
  acc[0] = _mm512_add_epi64(acc[0], _mm512_alignr_epi64(carry[0], _mm512_setzero_si512(), 7));
#pragma GCC unroll 16
  for (std::size_t v = 1; v < V; ++v) {
    acc[v] = _mm512_add_epi64(acc[v], _mm512_alignr_epi64(carry[v], carry[v - 1], 7));
  }
  // Now every lane is below 2^52 + 2^8: carries are single bits that ripple through lanes equal
  // to 2^52 - 1, i.e. an integer addition over the lane masks.
  // One bit per lane: up to 128 lanes (V <= 16).
  static_assert(V * kLanes <= 128);
  WideLimb generate = 0;
  WideLimb propagate = 0;
#pragma GCC unroll 16
  for (std::size_t v = 0; v < V; ++v) {
    generate |= WideLimb{_mm512_cmpgt_epu64_mask(acc[v], mask)} << (kLanes * v);
    propagate |= WideLimb{_mm512_cmpeq_epu64_mask(acc[v], mask)} << (kLanes * v);
  }
  const WideLimb carry_in = ((generate << 1) + propagate) ^ propagate;
  const __m512i one = _mm512_set1_epi64(1);
#pragma GCC unroll 16
  for (std::size_t v = 0; v < V; ++v) {
    const auto k = static_cast<__mmask8>(carry_in >> (kLanes * v));
    acc[v] = _mm512_and_si512(_mm512_mask_add_epi64(acc[v], k, acc[v], one), mask);
  }
}

/// One digit step of AMM: acc = (acc + a b_i + m q) / 2^52, with q chosen so the division is
/// exact. The lane shift is applied first and the low product halves use a and m shifted down
/// one lane (a_down, m_down), so only the two products with q wait for the scalar step. Lane 0's
/// carry stays in the scalar `pending` (the true lane 0 is acc[0] lane 0 + pending).
template <std::size_t V>
TLSX_TARGET_IFMA inline void amm_step(__m512i (&acc)[V], const __m512i (&a)[V],
                                      const __m512i (&a_down)[V], const __m512i (&m)[V],
                                      const __m512i (&m_down)[V], Limb b_i, Limb a_0, Limb m_0,
                                      Limb k0, Limb& pending) {
  const auto acc_0 = static_cast<Limb>(_mm_cvtsi128_si64(_mm512_castsi512_si128(acc[0])));
  const Limb t = acc_0 + pending + ((a_0 * b_i) & kDigitMask);
  const Limb q = (t * k0) & kDigitMask;
  pending = (t + ((m_0 * q) & kDigitMask)) >> kDigitBits;
  const __m512i bv = _mm512_set1_epi64(static_cast<long long>(b_i));
  const __m512i qv = _mm512_set1_epi64(static_cast<long long>(q));
#pragma GCC unroll 16
  for (std::size_t v = 0; v + 1 < V; ++v) acc[v] = _mm512_alignr_epi64(acc[v + 1], acc[v], 1);
  acc[V - 1] = _mm512_alignr_epi64(_mm512_setzero_si512(), acc[V - 1], 1);
#pragma GCC unroll 16
  for (std::size_t v = 0; v < V; ++v) {
    acc[v] = _mm512_madd52lo_epu64(acc[v], a_down[v], bv);
    acc[v] = _mm512_madd52hi_epu64(acc[v], a[v], bv);
    const __m512i high = _mm512_madd52hi_epu64(_mm512_setzero_si512(), m[v], qv);
    acc[v] = _mm512_add_epi64(_mm512_madd52lo_epu64(acc[v], m_down[v], qv), high);
  }
}

/// x shifted down one lane (lane j = lane j + 1, top lane zero).
template <std::size_t V>
TLSX_TARGET_IFMA inline void shift_down(__m512i (&out)[V], const __m512i (&x)[V]) {
#pragma GCC unroll 16
  for (std::size_t v = 0; v + 1 < V; ++v) out[v] = _mm512_alignr_epi64(x[v + 1], x[v], 1);
  out[V - 1] = _mm512_alignr_epi64(_mm512_setzero_si512(), x[V - 1], 1);
}

/// Two independent AMMs: r0 = a0 b0 / R52 mod m0 and r1 = a1 b1 / R52 mod m1 (below 2 m; inputs
/// below 2 m, normalised). Outputs may alias inputs.
template <std::size_t V>
TLSX_TARGET_IFMA void amm_x2(Limb* r0, const Limb* a0, const Limb* b0, const Ifma52Modulus& m0,
                             Limb* r1, const Limb* a1, const Limb* b1, const Ifma52Modulus& m1) {
  __m512i av0[V];
  __m512i ad0[V];
  __m512i mv0[V];
  __m512i md0[V];
  __m512i acc0[V];
  __m512i av1[V];
  __m512i ad1[V];
  __m512i mv1[V];
  __m512i md1[V];
  __m512i acc1[V];
  load(av0, a0);
  load(mv0, m0.m());
  load(av1, a1);
  load(mv1, m1.m());
  shift_down(ad0, av0);
  shift_down(md0, mv0);
  shift_down(ad1, av1);
  shift_down(md1, mv1);
#pragma GCC unroll 16
  for (std::size_t v = 0; v < V; ++v) {
    acc0[v] = _mm512_setzero_si512();
    acc1[v] = _mm512_setzero_si512();
  }
  const Limb a0_0 = a0[0];
  const Limb m0_0 = m0.m()[0];
  const Limb k0_0 = m0.k0();
  const Limb a1_0 = a1[0];
  const Limb m1_0 = m1.m()[0];
  const Limb k0_1 = m1.k0();
  Limb pending0 = 0;
  Limb pending1 = 0;
  const std::size_t n = m0.digits();
  for (std::size_t i = 0; i < n; ++i) {
    amm_step(acc0, av0, ad0, mv0, md0, b0[i], a0_0, m0_0, k0_0, pending0);
    amm_step(acc1, av1, ad1, mv1, md1, b1[i], a1_0, m1_0, k0_1, pending1);
  }
  acc0[0] = _mm512_mask_add_epi64(acc0[0], 1, acc0[0],
                                  _mm512_set1_epi64(static_cast<long long>(pending0)));
  acc1[0] = _mm512_mask_add_epi64(acc1[0], 1, acc1[0],
                                  _mm512_set1_epi64(static_cast<long long>(pending1)));
  normalize(acc0);
  normalize(acc1);
  store(r0, acc0);
  store(r1, acc1);
}

/// One AMM: r = a b / R52 mod m (below 2 m; inputs below 2 m, normalised). r may alias a or b.
template <std::size_t V>
TLSX_TARGET_IFMA void amm_x1(Limb* r, const Limb* a, const Limb* b, const Ifma52Modulus& m) {
  __m512i av[V];
  __m512i ad[V];
  __m512i mv[V];
  __m512i md[V];
  __m512i acc[V];
  load(av, a);
  load(mv, m.m());
  shift_down(ad, av);
  shift_down(md, mv);
#pragma GCC unroll 16
  for (std::size_t v = 0; v < V; ++v) acc[v] = _mm512_setzero_si512();
  const Limb a_0 = a[0];
  const Limb m_0 = m.m()[0];
  const Limb k0 = m.k0();
  Limb pending = 0;
  const std::size_t n = m.digits();
  for (std::size_t i = 0; i < n; ++i) amm_step(acc, av, ad, mv, md, b[i], a_0, m_0, k0, pending);
  acc[0] =
      _mm512_mask_add_epi64(acc[0], 1, acc[0], _mm512_set1_epi64(static_cast<long long>(pending)));
  normalize(acc);
  store(r, acc);
}

/// base^exp mod m by square and multiply (exp public), V vectors per number.
template <std::size_t V>
TLSX_TARGET_IFMA void exp_vartime_x1(const MontModulus& m, Limb* r, const Limb* base,
                                     std::span<const Limb> exp) {
  constexpr std::size_t kW = kLanes * V;
  const Ifma52Modulus& mi = *m.ifma();
  const std::size_t limbs = m.limbs();
  Nat work(3 * kW + 2 * limbs);
  Limb* base_m = work.data();
  Limb* acc = base_m + kW;
  Limb* unit = acc + kW;
  unit[0] = 1;
  to_digits(acc, kW, base, limbs);
  amm_x1<V>(base_m, acc, mi.rr(), mi);
  for (std::size_t j = 0; j < kW; ++j) acc[j] = mi.one()[j];
  bool started = false;
  for (std::size_t i = exp.size() * kLimbBits; i > 0; --i) {
    const bool bit = ((exp[(i - 1) / kLimbBits] >> ((i - 1) % kLimbBits)) & 1) != 0;
    if (started) amm_x1<V>(acc, acc, acc, mi);
    if (bit) {
      amm_x1<V>(acc, acc, base_m, mi);
      started = true;
    }
  }
  amm_x1<V>(acc, acc, unit, mi);
  Limb* value = unit + kW;
  from_digits(value, limbs, acc, kW);
  reduce_once(r, value, m.modulus().data(), limbs, value + limbs);
}

/// out = table[index] (V vectors per entry), reading every entry with masked moves.
template <std::size_t V>
TLSX_TARGET_IFMA void table_lookup(Limb* out, const Limb* table, Limb index) {
  __m512i r[V];
#pragma GCC unroll 16
  for (std::size_t v = 0; v < V; ++v) r[v] = _mm512_setzero_si512();
  const __m512i wanted = _mm512_set1_epi64(static_cast<long long>(index));
#pragma GCC unroll 4
  for (std::size_t i = 0; i < kWindowTableSize; ++i) {
    const __mmask8 k =
        _mm512_cmpeq_epi64_mask(_mm512_set1_epi64(static_cast<long long>(i)), wanted);
#pragma GCC unroll 16
    for (std::size_t v = 0; v < V; ++v) {
      r[v] = _mm512_mask_mov_epi64(r[v], k, _mm512_loadu_si512(table + (i * V + v) * kLanes));
    }
  }
  store(out, r);
}

/// The two-job exponentiation for V vectors per number.
template <std::size_t V>
TLSX_TARGET_IFMA void exp2_x2(const std::array<const Exp2Job*, 2>& jobs,
                              const std::array<const Ifma52Modulus*, 2>& mods,
                              std::size_t exp_bits) {
  constexpr std::size_t kW = kLanes * V;  // limbs per number
  constexpr std::size_t kTable = kWindowTableSize * kW;
  constexpr std::size_t kPerJob = 2 * kTable + 2 * kW;  // two tables, accumulator, factor
  Nat work(2 * kPerJob + kW);
  Limb* unit = work.data() + 2 * kPerJob;  // the number 1, for leaving Montgomery form
  unit[0] = 1;
  const auto table = [&](std::size_t job, std::size_t base) {
    return work.data() + job * kPerJob + base * kTable;
  };
  const auto acc = [&](std::size_t job) { return work.data() + job * kPerJob + 2 * kTable; };
  const auto factor = [&](std::size_t job) { return acc(job) + kW; };
  const Ifma52Modulus& m0 = *mods[0];
  const Ifma52Modulus& m1 = *mods[1];

  for (std::size_t base = 0; base < 2; ++base) {
    for (std::size_t j = 0; j < 2; ++j) {
      const Limb* b = base == 0 ? jobs[j]->base1 : jobs[j]->base2;
      to_digits(factor(j), kW, b, jobs[j]->m->limbs());
      for (std::size_t i = 0; i < kW; ++i) table(j, base)[i] = mods[j]->one()[i];
    }
    Limb* t0 = table(0, base);
    Limb* t1 = table(1, base);
    amm_x2<V>(t0 + kW, factor(0), m0.rr(), m0, t1 + kW, factor(1), m1.rr(), m1);
    for (std::size_t i = 2; i < kWindowTableSize; ++i) {
      const std::size_t x = i % 2 == 0 ? i / 2 : i - 1;
      const std::size_t y = i % 2 == 0 ? i / 2 : 1;
      amm_x2<V>(t0 + i * kW, t0 + x * kW, t0 + y * kW, m0, t1 + i * kW, t1 + x * kW, t1 + y * kW,
                m1);
    }
  }

  for (std::size_t j = 0; j < 2; ++j) {
    for (std::size_t i = 0; i < kW; ++i) acc(j)[i] = mods[j]->one()[i];
  }
  const std::size_t windows = window_count(exp_bits);
  for (std::size_t w = windows; w > 0; --w) {
    if (w != windows) {  // public: squaring the initial 1 would be wasted work
      for (std::size_t s = 0; s < kWindowBits; ++s) {
        amm_x2<V>(acc(0), acc(0), acc(0), m0, acc(1), acc(1), acc(1), m1);
      }
    }
    const std::size_t pos = (w - 1) * kWindowBits;
    for (std::size_t base = 0; base < 2; ++base) {
      for (std::size_t j = 0; j < 2; ++j) {
        const Nat& exp = base == 0 ? *jobs[j]->exp1 : *jobs[j]->exp2;
        table_lookup<V>(factor(j), table(j, base), window_at(exp, pos));
      }
      amm_x2<V>(acc(0), acc(0), factor(0), m0, acc(1), acc(1), factor(1), m1);
    }
  }
  // Leave Montgomery form (a b / R52 with b = 1 is at most m), then reduce once.
  amm_x2<V>(acc(0), acc(0), unit, m0, acc(1), acc(1), unit, m1);
  for (std::size_t j = 0; j < 2; ++j) {
    const MontModulus& m = *jobs[j]->m;
    const std::size_t limbs = m.limbs();
    Nat tmp(limbs);
    Nat value(limbs);
    from_digits(value.data(), limbs, acc(j), kW);
    reduce_once(jobs[j]->r, value.data(), m.modulus().data(), limbs, tmp.data());
  }
}

Limb negated_inverse_52(Limb m0) noexcept {
  Limb inv = m0;  // correct to 3 bits; Newton doubles that each step
  for (int i = 0; i < 5; ++i) inv *= 2 - m0 * inv;
  return (0 - inv) & kDigitMask;
}

}  // namespace

std::shared_ptr<const Ifma52Modulus> Ifma52Modulus::make(const MontModulus& m) {
  if (!cpu_features().avx512ifma) return nullptr;
  const std::size_t bits = m.modulus().bit_length_vartime();
  const std::size_t n = (bits + 2 + kDigitBits - 1) / kDigitBits;
  if (n > kMaxDigits) return nullptr;

  std::shared_ptr<Ifma52Modulus> r(new Ifma52Modulus());
  r->n_ = n;
  r->v_ = (n + kLanes - 1) / kLanes;
  const std::size_t lanes = r->lanes();
  const std::size_t limbs = m.limbs();
  r->m_ = Nat(lanes);
  to_digits(r->m_.data(), lanes, m.modulus().data(), limbs);
  r->k0_ = negated_inverse_52(m.modulus()[0]);

  // R52 mod m and R52^2 mod m from R mod m and R^2 mod m (R = 2^(64 limbs)) by doublings when
  // R52 >= R, which holds for the usual sizes; otherwise as powers of two with public exponents.
  Nat one(limbs);
  Nat rr(limbs);
  const std::size_t r52_bits = kDigitBits * n;
  const std::size_t r_bits = kLimbBits * limbs;
  if (r52_bits >= r_bits) {
    one = m.one();
    rr = m.r_squared();
    Nat tmp(limbs);
    for (std::size_t i = r_bits; i < r52_bits; ++i) {
      double_mod(one.data(), m.modulus().data(), limbs, tmp.data());
    }
    for (std::size_t i = 2 * r_bits; i < 2 * r52_bits; ++i) {
      double_mod(rr.data(), m.modulus().data(), limbs, tmp.data());
    }
  } else {
    const Nat two = Nat::from_u64(2, limbs);
    const std::array<Limb, 1> e1{r52_bits};
    const std::array<Limb, 1> e2{2 * r52_bits};
    mod_exp_vartime(m, one.data(), two.data(), e1);
    mod_exp_vartime(m, rr.data(), two.data(), e2);
  }
  r->one_ = Nat(lanes);
  to_digits(r->one_.data(), lanes, one.data(), limbs);
  r->rr_ = Nat(lanes);
  to_digits(r->rr_.data(), lanes, rr.data(), limbs);
  return r;
}

void mod_exp_vartime_ifma(const MontModulus& m, Limb* r, const Limb* base,
                          std::span<const Limb> exp) {
  switch (m.ifma()->vectors()) {
    case 1:
      exp_vartime_x1<1>(m, r, base, exp);
      break;
    case 2:
      exp_vartime_x1<2>(m, r, base, exp);
      break;
    case 3:
      exp_vartime_x1<3>(m, r, base, exp);
      break;
    case 4:
      exp_vartime_x1<4>(m, r, base, exp);
      break;
    case 5:
      exp_vartime_x1<5>(m, r, base, exp);
      break;
    case 6:
      exp_vartime_x1<6>(m, r, base, exp);
      break;
    case 7:
      exp_vartime_x1<7>(m, r, base, exp);
      break;
    case 8:
      exp_vartime_x1<8>(m, r, base, exp);
      break;
    case 9:
      exp_vartime_x1<9>(m, r, base, exp);
      break;
    default:
      exp_vartime_x1<10>(m, r, base, exp);
      break;
  }
}

void mod_exp2_consttime_x2_ifma(const Exp2Job& a, const Exp2Job& b, std::size_t exp_bits) {
  const std::array<const Exp2Job*, 2> jobs{&a, &b};
  const std::array<const Ifma52Modulus*, 2> mods{a.m->ifma(), b.m->ifma()};
  switch (mods[0]->vectors()) {
    case 1:
      exp2_x2<1>(jobs, mods, exp_bits);
      break;
    case 2:
      exp2_x2<2>(jobs, mods, exp_bits);
      break;
    case 3:
      exp2_x2<3>(jobs, mods, exp_bits);
      break;
    case 4:
      exp2_x2<4>(jobs, mods, exp_bits);
      break;
    default:
      exp2_x2<5>(jobs, mods, exp_bits);
      break;
  }
}

}  // namespace tlsx::crypto::bn
