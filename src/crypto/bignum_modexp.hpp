// Modular exponentiation over a MontModulus: a constant-time one for secret exponents (RSA
// private operations) and a variable-time one for public exponents (RSA public operations).
#pragma once

#include <cstddef>
#include <span>

#include "crypto/bignum.hpp"
#include "crypto/bignum_montgomery.hpp"

namespace tlsx::crypto::bn {

/// r = base^exp mod m in normal form, for base < m (both L limbs). exp may be secret; exp_bits is
/// a public bound (exp < 2^exp_bits, exp_bits <= 64 exp.size()), and the time taken depends only
/// on L and exp_bits: a fixed window, every window multiplies (by R mod m for a zero window),
/// and the table entry is picked by reading the whole table under masks.
void mod_exp_consttime(const MontModulus& m, Limb* r, const Limb* base, const Nat& exp,
                       std::size_t exp_bits);

/// r = base1^exp1 base2^exp2 mod m in normal form (Straus' simultaneous exponentiation: the
/// squarings are shared, so this costs about 1.2 single exponentiations). Same constant-time
/// guarantees and bounds as mod_exp_consttime, exp_bits bounding both exponents. RSA uses it to
/// fold the unblinding inverse r^(p-2) into the CRT exponentiation.
void mod_exp2_consttime(const MontModulus& m, Limb* r, const Limb* base1, const Nat& exp1,
                        const Limb* base2, const Nat& exp2, std::size_t exp_bits);

/// One simultaneous exponentiation r = base1^exp1 base2^exp2 mod m (all L-limb values, bases
/// below m).
struct Exp2Job {
  const MontModulus* m;
  Limb* r;
  const Limb* base1;
  const Nat* exp1;
  const Limb* base2;
  const Nat* exp2;
};

/// Runs two independent mod_exp2_consttime jobs (the two CRT halves of an RSA private operation).
/// When both moduli have AVX-512 IFMA constants of the same size (MontModulus::make with
/// accelerate), they run interleaved in radix 2^52 (bignum_ifma.cpp); otherwise one after the
/// other on the portable kernels. Constant time either way.
void mod_exp2_consttime_pair(const Exp2Job& a, const Exp2Job& b, std::size_t exp_bits);

/// r = base^exp mod m in normal form, for base < m. The time depends on exp (square and
/// multiply), so exp must be public; it is constant time in base.
void mod_exp_vartime(const MontModulus& m, Limb* r, const Limb* base, std::span<const Limb> exp);

}  // namespace tlsx::crypto::bn
