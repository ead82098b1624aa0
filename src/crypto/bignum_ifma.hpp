// Montgomery arithmetic in radix 2^52 with AVX-512 IFMA (vpmadd52luq/vpmadd52huq), for the
// secret-exponent exponentiations of RSA private keys. Selected at run time (cpu_features());
// the portable kernels in bignum_montgomery.cpp compute the same results.
#pragma once

#include <cstddef>
#include <memory>
#include <span>

#include "crypto/bignum.hpp"
#include "crypto/bignum_modexp.hpp"

namespace tlsx::crypto::bn {

class MontModulus;

/// Montgomery constants of an odd modulus m as N 52-bit digits, with 52 N >= bits(m) + 2 so that
/// "almost Montgomery" products of values below 2m stay below 2m (R52 = 2^(52 N) >= 4m). Digits
/// are stored in whole 8-lane vectors (V = ceil(N / 8)), unused lanes zero. Wiped on destruction.
class Ifma52Modulus {
 public:
  /// Moduli up to 4158 bits: RSA-4096 moduli (public-exponent work) and their primes.
  static constexpr std::size_t kMaxDigits = 80;
  /// The interleaved two-job kernels take moduli up to 2078 bits (the primes of RSA-4096).
  static constexpr std::size_t kMaxPairDigits = 40;

  /// Null when the CPU has no AVX-512 IFMA (or TLSX_CPU_PORTABLE=1) or m is too large.
  [[nodiscard]] static std::shared_ptr<const Ifma52Modulus> make(const MontModulus& m);

  [[nodiscard]] std::size_t digits() const noexcept { return n_; }
  [[nodiscard]] std::size_t vectors() const noexcept { return v_; }
  [[nodiscard]] std::size_t lanes() const noexcept { return 8 * v_; }

  /// The modulus, R52^2 mod m and R52 mod m (Montgomery 1), as lanes() digits each.
  [[nodiscard]] const Limb* m() const noexcept { return m_.data(); }
  [[nodiscard]] const Limb* rr() const noexcept { return rr_.data(); }
  [[nodiscard]] const Limb* one() const noexcept { return one_.data(); }
  /// -m^-1 mod 2^52.
  [[nodiscard]] Limb k0() const noexcept { return k0_; }

 private:
  Ifma52Modulus() = default;

  std::size_t n_ = 0;
  std::size_t v_ = 0;
  Nat m_;
  Nat rr_;
  Nat one_;
  Limb k0_ = 0;
};

/// mod_exp_vartime on the IFMA kernels (m.ifma() must be set): square and multiply, variable
/// time in the public exponent only.
void mod_exp_vartime_ifma(const MontModulus& m, Limb* r, const Limb* base,
                          std::span<const Limb> exp);

/// mod_exp2_consttime for two jobs whose moduli have IFMA constants with the same digit count
/// (at most kMaxPairDigits),
/// run interleaved: their Montgomery products are independent, so the two dependency chains
/// (each IFMA product waits on a scalar step per digit) overlap. Constant time: fixed windows,
/// every table entry read under masks, no branch on secret data.
void mod_exp2_consttime_x2_ifma(const Exp2Job& a, const Exp2Job& b, std::size_t exp_bits);

}  // namespace tlsx::crypto::bn
