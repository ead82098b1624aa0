// Montgomery arithmetic modulo an odd number m with L limbs, R = 2^(64 L).
//
// A value x is kept in Montgomery form xR mod m; mul(aR, bR) = abR mod m. Every operation here
// runs in time that depends only on L, never on the values (the modulus itself may be secret: the
// RSA primes p and q). Operands are L-limb arrays holding values < m; outputs may alias inputs.
#pragma once

#include <cstddef>
#include <memory>
#include <optional>

#include "crypto/bignum.hpp"

namespace tlsx::crypto::bn {

class Ifma52Modulus;

class MontModulus {
 public:
  /// m must be odd and >= 3; its limb count (m.size(), at most kMaxLimbs) sets L, and may
  /// include leading zero limbs (the RSA primes share one L). Empty when m is unusable (a
  /// public property: it is checked on keys). With `accelerate`, also prepares the AVX-512 IFMA
  /// constants when the CPU has IFMA and m fits them (for secret-exponent work; ifma()).
  [[nodiscard]] static std::optional<MontModulus> make(const Nat& m, bool accelerate = false);

  [[nodiscard]] std::size_t limbs() const noexcept { return m_.size(); }
  [[nodiscard]] const Nat& modulus() const noexcept { return m_; }
  /// R mod m: the Montgomery form of 1.
  [[nodiscard]] const Nat& one() const noexcept { return one_; }
  /// R^2 mod m: to_mont multiplies by it.
  [[nodiscard]] const Nat& r_squared() const noexcept { return rr_; }
  /// The radix-2^52 constants for the IFMA kernels, or null.
  [[nodiscard]] const Ifma52Modulus* ifma() const noexcept { return ifma_.get(); }
  /// Scratch limbs every operation below needs.
  [[nodiscard]] std::size_t scratch_limbs() const noexcept { return 4 * limbs(); }

  /// r = a b / R mod m.
  void mul(Limb* r, const Limb* a, const Limb* b, Limb* scratch) const noexcept {
    mul_fn_(r, a, b, m_.data(), m0inv_, limbs(), scratch);
  }
  /// r = a^2 / R mod m.
  void sqr(Limb* r, const Limb* a, Limb* scratch) const noexcept {
    sqr_fn_(r, a, m_.data(), m0inv_, limbs(), scratch);
  }
  /// r = a R mod m (a < m).
  void to_mont(Limb* r, const Limb* a, Limb* scratch) const noexcept {
    mul(r, a, rr_.data(), scratch);
  }
  /// r = a / R mod m.
  void from_mont(Limb* r, const Limb* a, Limb* scratch) const noexcept;
  /// r = x / R mod m for a 2L-limb x < m R (for instance x < m m' with m' <= R).
  void reduce_wide(Limb* r, const Limb* x, Limb* scratch) const noexcept;
  /// r = x mod m (normal form) for a 2L-limb x < m R: reduce_wide, then one mul by R^2.
  void reduce(Limb* r, const Limb* x, Limb* scratch) const noexcept;

 private:
  using MulFn = void (*)(Limb*, const Limb*, const Limb*, const Limb*, Limb, std::size_t, Limb*);
  using SqrFn = void (*)(Limb*, const Limb*, const Limb*, Limb, std::size_t, Limb*);

  friend struct MontModulusSecrets;  // the memcheck constant-time test marks a prime secret

  MontModulus() = default;

  Nat m_;
  Nat one_;         // R mod m
  Nat rr_;          // R^2 mod m
  Limb m0inv_ = 0;  // -m^-1 mod 2^64
  MulFn mul_fn_ = nullptr;
  SqrFn sqr_fn_ = nullptr;
  std::shared_ptr<const Ifma52Modulus> ifma_;
};

/// x = 2 x mod m for x < m (n limbs each; tmp has n limbs), constant time.
void double_mod(Limb* x, const Limb* m, std::size_t n, Limb* tmp) noexcept;

}  // namespace tlsx::crypto::bn
