// Modular exponentiation: fixed-window constant-time and square-and-multiply variable-time.
//
// Implementation notes (constant-time versions): a table holds base^0..base^31 in Montgomery
// form. The exponent is cut into 5-bit windows at public positions (from exp_bits); each window
// costs 5 squarings, one full masked scan of the table and one multiplication, whatever its
// value (a zero window multiplies by base^0 = R mod m). The scan ANDs every entry with a mask
// that is all ones for the wanted index only; the mask goes through an optimisation barrier so
// the compiler cannot turn it back into a branch or an indexed load. With two bases, each window
// multiplies once by each table after the shared squarings.
#include "crypto/bignum_modexp.hpp"

#include <array>

#include "crypto/bignum_ifma.hpp"
#include "crypto/bignum_window.hpp"

namespace tlsx::crypto::bn {
namespace {

/// out = table[index] (n limbs), reading every entry.
void table_lookup(Limb* out, const Limb* table, std::size_t n, Limb index) noexcept {
  for (std::size_t j = 0; j < n; ++j) out[j] = 0;
  for (std::size_t i = 0; i < kWindowTableSize; ++i) {
    const Limb mask = mask_equal(i, index);
    const Limb* entry = table + i * n;
    for (std::size_t j = 0; j < n; ++j) out[j] |= entry[j] & mask;
  }
}

/// table[i] = base^i R mod m for i < kWindowTableSize.
void build_table(const MontModulus& m, Limb* table, const Limb* base, Limb* scratch) noexcept {
  const std::size_t n = m.limbs();
  for (std::size_t j = 0; j < n; ++j) table[j] = m.one()[j];
  m.to_mont(table + n, base, scratch);
  for (std::size_t i = 2; i < kWindowTableSize; ++i) {
    if (i % 2 == 0) {
      m.sqr(table + i * n, table + (i / 2) * n, scratch);
    } else {
      m.mul(table + i * n, table + (i - 1) * n, table + n, scratch);
    }
  }
}

/// r = prod bases[i]^exps[i] mod m over `count` bases (1 or 2).
void windowed_exp(const MontModulus& m, Limb* r, const std::array<const Limb*, 2>& bases,
                  const std::array<const Nat*, 2>& exps, std::size_t count, std::size_t exp_bits) {
  const std::size_t n = m.limbs();
  Nat scratch(m.scratch_limbs());
  Nat tables(count * kWindowTableSize * n);
  Nat acc(n);
  Nat factor(n);
  for (std::size_t b = 0; b < count; ++b) {
    build_table(m, tables.data() + b * kWindowTableSize * n, bases[b], scratch.data());
  }

  for (std::size_t j = 0; j < n; ++j) acc[j] = m.one()[j];
  const std::size_t windows = window_count(exp_bits);
  for (std::size_t w = windows; w > 0; --w) {
    if (w != windows) {  // public: squaring the initial 1 would be wasted work
      for (std::size_t s = 0; s < kWindowBits; ++s) m.sqr(acc.data(), acc.data(), scratch.data());
    }
    for (std::size_t b = 0; b < count; ++b) {
      table_lookup(factor.data(), tables.data() + b * kWindowTableSize * n, n,
                   window_at(*exps[b], (w - 1) * kWindowBits));
      m.mul(acc.data(), acc.data(), factor.data(), scratch.data());
    }
  }
  m.from_mont(r, acc.data(), scratch.data());
}

}  // namespace

void mod_exp_consttime(const MontModulus& m, Limb* r, const Limb* base, const Nat& exp,
                       std::size_t exp_bits) {
  windowed_exp(m, r, {base, nullptr}, {&exp, nullptr}, 1, exp_bits);
}

void mod_exp2_consttime(const MontModulus& m, Limb* r, const Limb* base1, const Nat& exp1,
                        const Limb* base2, const Nat& exp2, std::size_t exp_bits) {
  windowed_exp(m, r, {base1, base2}, {&exp1, &exp2}, 2, exp_bits);
}

void mod_exp2_consttime_pair(const Exp2Job& a, const Exp2Job& b, std::size_t exp_bits) {
  const Ifma52Modulus* ifma_a = a.m->ifma();
  const Ifma52Modulus* ifma_b = b.m->ifma();
  if (ifma_a != nullptr && ifma_b != nullptr && ifma_a->digits() == ifma_b->digits() &&
      ifma_a->digits() <= Ifma52Modulus::kMaxPairDigits) {
    mod_exp2_consttime_x2_ifma(a, b, exp_bits);
    return;
  }
  mod_exp2_consttime(*a.m, a.r, a.base1, *a.exp1, a.base2, *a.exp2, exp_bits);
  mod_exp2_consttime(*b.m, b.r, b.base1, *b.exp1, b.base2, *b.exp2, exp_bits);
}

void mod_exp_vartime(const MontModulus& m, Limb* r, const Limb* base, std::span<const Limb> exp) {
  if (m.ifma() != nullptr) {
    mod_exp_vartime_ifma(m, r, base, exp);
    return;
  }
  const std::size_t n = m.limbs();
  Nat scratch(m.scratch_limbs());
  Nat base_m(n);
  Nat acc(n);
  m.to_mont(base_m.data(), base, scratch.data());
  for (std::size_t j = 0; j < n; ++j) acc[j] = m.one()[j];
  bool started = false;
  for (std::size_t i = exp.size() * kLimbBits; i > 0; --i) {
    const bool bit = ((exp[(i - 1) / kLimbBits] >> ((i - 1) % kLimbBits)) & 1) != 0;
    if (started) m.sqr(acc.data(), acc.data(), scratch.data());
    if (bit) {
      m.mul(acc.data(), acc.data(), base_m.data(), scratch.data());
      started = true;
    }
  }
  m.from_mont(r, acc.data(), scratch.data());
}

}  // namespace tlsx::crypto::bn
