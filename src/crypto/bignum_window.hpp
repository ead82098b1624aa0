// Fixed-window exponent scanning shared by the constant-time exponentiations (scalar and IFMA).
#pragma once

#include <cstddef>

#include "crypto/bignum.hpp"

namespace tlsx::crypto::bn {

inline constexpr std::size_t kWindowBits = 5;
inline constexpr std::size_t kWindowTableSize = std::size_t{1} << kWindowBits;

/// Number of windows covering exp_bits bits.
[[nodiscard]] constexpr std::size_t window_count(std::size_t exp_bits) noexcept {
  return (exp_bits + kWindowBits - 1) / kWindowBits;
}

/// kWindowBits bits of exp starting at bit `pos`, a public position; bits past the end are 0.
[[nodiscard]] inline Limb window_at(const Nat& exp, std::size_t pos) noexcept {
  const std::size_t limb = pos / kLimbBits;
  const std::size_t shift = pos % kLimbBits;
  if (limb >= exp.size()) return 0;
  Limb w = exp[limb] >> shift;
  if (shift + kWindowBits > kLimbBits && limb + 1 < exp.size()) {
    w |= exp[limb + 1] << (kLimbBits - shift);
  }
  return w & (kWindowTableSize - 1);
}

/// Hides a value from the optimiser so that mask arithmetic on it stays branch-free.
[[nodiscard]] inline Limb value_barrier(Limb v) noexcept {
  __asm__("" : "+r"(v));
  return v;
}

/// All ones when a == b, else zero (a, b public or secret; no branch).
[[nodiscard]] inline Limb mask_equal(Limb a, Limb b) noexcept {
  const Limb diff = a ^ b;
  return value_barrier(0 - (((diff | (0 - diff)) >> (kLimbBits - 1)) ^ 1));
}

}  // namespace tlsx::crypto::bn
