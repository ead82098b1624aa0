// Arithmetic modulo a fixed odd prime of 256 or 384 bits, in Montgomery form over 64-bit limbs:
// the field of P-256/P-384 coordinates and the ring of their scalars (mod the group order).
//
// Every function here is constant time in the values of its operands: no branch or memory index
// depends on them (carries become all-ones/all-zero masks). The modulus and the exponents of
// pow() are public constants, so pow() may look at the exponent's bits.
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <span>

#include "tlsx/crypto/constant_time.hpp"

namespace tlsx::crypto::ec::detail {

using Limb = std::uint64_t;
__extension__ using Wide = unsigned __int128;  // __extension__: -Wpedantic

/// Parses a big-endian hex constant (exactly 16*N digits) into little-endian limbs, at compile
/// time.
template <std::size_t N>
consteval std::array<Limb, N> hex_limbs(const char* hex) {
  std::array<Limb, N> out{};
  for (std::size_t i = 0; i < 16 * N; ++i) {
    const char c = hex[i];
    const Limb digit = c <= '9' ? Limb(c - '0') : Limb(c - 'a' + 10);
    const std::size_t pos = 16 * N - 1 - i;  // nibble index from the least significant end
    out[pos / 16] |= digit << (4 * (pos % 16));
  }
  return out;
}

/// -m0^-1 mod 2^64 for odd m0 (Newton iteration; each step doubles the correct low bits).
consteval Limb montgomery_n0(Limb m0) {
  Limb inv = 1;
  for (int i = 0; i < 7; ++i) inv *= 2 - m0 * inv;
  return 0 - inv;
}

/// R mod M = 2^64N - M, valid because M > 2^(64N-1).
template <std::size_t N>
consteval std::array<Limb, N> montgomery_r(const std::array<Limb, N>& m) {
  std::array<Limb, N> r{};
  Limb borrow = 0;
  for (std::size_t i = 0; i < N; ++i) {
    const Wide d = Wide(0) - m[i] - borrow;
    r[i] = Limb(d);
    borrow = Limb(d >> 64) & 1;
  }
  return r;
}

/// R^2 mod M: R mod M doubled 64N times modulo M.
template <std::size_t N>
consteval std::array<Limb, N> montgomery_rr(const std::array<Limb, N>& m) {
  std::array<Limb, N> x = montgomery_r(m);
  for (std::size_t step = 0; step < 64 * N; ++step) {
    std::array<Limb, N> twice{};
    Limb carry = 0;
    for (std::size_t i = 0; i < N; ++i) {
      twice[i] = (x[i] << 1) | carry;
      carry = x[i] >> 63;
    }
    std::array<Limb, N> diff{};
    Limb borrow = 0;
    for (std::size_t i = 0; i < N; ++i) {
      const Wide d = Wide(twice[i]) - m[i] - borrow;
      diff[i] = Limb(d);
      borrow = Limb(d >> 64) & 1;
    }
    x = (carry != 0 || borrow == 0) ? diff : twice;
  }
  return x;
}

/// The Montgomery field of a modulus M with 2^(64N-1) < M < 2^(64N) (true of P-256/P-384's p and
/// n). Elements are std::array<Limb, N>, fully reduced (< M), in Montgomery form x*R mod M (R =
/// 2^64N) unless a function says "plain".
template <std::size_t N_, const std::array<Limb, N_>& M>
struct Field {
  static constexpr std::size_t N = N_;
  using Fe = std::array<Limb, N>;

  static constexpr Fe modulus = M;

  static constexpr Limb n0 = montgomery_n0(M[0]);  ///< -M^-1 mod 2^64
  static constexpr Fe one = montgomery_r(M);       ///< R mod M: the Montgomery form of 1
  static constexpr Fe rr = montgomery_rr(M);       ///< R^2 mod M, for to_mont()

  static constexpr Fe zero() noexcept { return Fe{}; }

  /// a + b mod M.
  static constexpr Fe add(const Fe& a, const Fe& b) noexcept {
    Fe sum{};
    Limb carry = 0;
#pragma GCC unroll 16
    for (std::size_t i = 0; i < N; ++i) {
      const Wide s = Wide(a[i]) + b[i] + carry;
      sum[i] = Limb(s);
      carry = Limb(s >> 64);
    }
    return reduce_once(sum, carry);
  }

  /// a - b mod M.
  static constexpr Fe sub(const Fe& a, const Fe& b) noexcept {
    Fe d{};
    Limb borrow = 0;
#pragma GCC unroll 16
    for (std::size_t i = 0; i < N; ++i) {
      const Wide t = Wide(a[i]) - b[i] - borrow;
      d[i] = Limb(t);
      borrow = Limb(t >> 64) & 1;
    }
    const Limb mask = 0 - borrow;  // add M back when negative
    Limb carry = 0;
#pragma GCC unroll 16
    for (std::size_t i = 0; i < N; ++i) {
      const Wide s = Wide(d[i]) + (M[i] & mask) + carry;
      d[i] = Limb(s);
      carry = Limb(s >> 64);
    }
    return d;
  }

  static constexpr Fe neg(const Fe& a) noexcept { return sub(Fe{}, a); }

  /// Montgomery product a*b/R mod M (CIOS: multiply and reduce one limb of b at a time).
  static constexpr Fe mul(const Fe& a, const Fe& b) noexcept {
    Limb t[N + 2] = {};
#pragma GCC unroll 16
    for (std::size_t i = 0; i < N; ++i) {
      Limb c = 0;
#pragma GCC unroll 16
      for (std::size_t j = 0; j < N; ++j) {
        const Wide z = Wide(a[j]) * b[i] + t[j] + c;
        t[j] = Limb(z);
        c = Limb(z >> 64);
      }
      Wide z = Wide(t[N]) + c;
      t[N] = Limb(z);
      t[N + 1] = Limb(z >> 64);
      const Limb q = t[0] * n0;
      z = Wide(q) * M[0] + t[0];
      c = Limb(z >> 64);
#pragma GCC unroll 16
      for (std::size_t j = 1; j < N; ++j) {
        z = Wide(q) * M[j] + t[j] + c;
        t[j - 1] = Limb(z);
        c = Limb(z >> 64);
      }
      z = Wide(t[N]) + c;
      t[N - 1] = Limb(z);
      t[N] = t[N + 1] + Limb(z >> 64);
    }
    Fe r{};
#pragma GCC unroll 16
    for (std::size_t i = 0; i < N; ++i) r[i] = t[i];
    return reduce_once(r, t[N]);
  }

  static constexpr Fe sqr(const Fe& a) noexcept { return mul(a, a); }

  /// a^e for a public exponent e (plain limbs): fixed 4-bit windows, the exponent's digits
  /// choose table entries (public), a only flows through multiplications.
  static constexpr Fe pow(const Fe& a, const Fe& e) noexcept {
    Fe table[16];
    table[0] = one;
    for (std::size_t i = 1; i < 16; ++i) table[i] = mul(table[i - 1], a);
    Fe r = one;
    for (std::size_t w = 16 * N; w-- > 0;) {
      for (int k = 0; k < 4; ++k) r = sqr(r);
      const std::size_t digit = (e[w / 16] >> (4 * (w % 16))) & 15;
      if (digit != 0) r = mul(r, table[digit]);
    }
    return r;
  }

  /// a^-1 = a^(M-2) mod M (Fermat; M is prime); 0 maps to 0.
  static constexpr Fe inv(const Fe& a) noexcept {
    Fe e = M;
    e[0] -= 2;  // M is odd and > 2, so no borrow
    return pow(a, e);
  }

  static constexpr Fe to_mont(const Fe& plain) noexcept { return mul(plain, rr); }
  static constexpr Fe from_mont(const Fe& a) noexcept {
    Fe unit{};
    unit[0] = 1;
    return mul(a, unit);
  }

  /// All-ones when a == 0.
  static constexpr Limb is_zero(const Fe& a) noexcept {
    Limb acc = 0;
#pragma GCC unroll 16
    for (Limb l : a) acc |= l;
    return ct_mask_is_zero(acc);
  }
  /// All-ones when a == b.
  static constexpr Limb equal(const Fe& a, const Fe& b) noexcept {
    Limb acc = 0;
#pragma GCC unroll 16
    for (std::size_t i = 0; i < N; ++i) acc |= a[i] ^ b[i];
    return ct_mask_is_zero(acc);
  }
  /// r = mask ? a : r (mask all-ones or zero).
  static constexpr void cmov(Fe& r, const Fe& a, Limb mask) noexcept {
#pragma GCC unroll 16
    for (std::size_t i = 0; i < N; ++i) r[i] ^= (r[i] ^ a[i]) & mask;
  }

  /// All-ones when the plain value a is < M.
  static constexpr Limb less_than_modulus(const Fe& a) noexcept {
    Limb borrow = 0;
#pragma GCC unroll 16
    for (std::size_t i = 0; i < N; ++i) {
      const Wide t = Wide(a[i]) - M[i] - borrow;
      borrow = Limb(t >> 64) & 1;
    }
    return 0 - borrow;
  }

  /// Reads exactly 8N big-endian bytes as a plain value (not reduced).
  static constexpr Fe from_bytes(std::span<const std::uint8_t> in) noexcept {
    Fe r{};
#pragma GCC unroll 16
    for (std::size_t i = 0; i < 8 * N; ++i) {
      const std::size_t pos = 8 * N - 1 - i;
      r[pos / 8] |= Limb(in[i]) << (8 * (pos % 8));
    }
    return r;
  }
  /// Writes a plain value as exactly 8N big-endian bytes.
  static constexpr void to_bytes(std::span<std::uint8_t> out, const Fe& plain) noexcept {
#pragma GCC unroll 16
    for (std::size_t i = 0; i < 8 * N; ++i) {
      const std::size_t pos = 8 * N - 1 - i;
      out[i] = std::uint8_t(plain[pos / 8] >> (8 * (pos % 8)));
    }
  }
  /// A plain value below 2^64N reduced once (enough: 2^64N < 2M), as SEC 1 reduces a digest.
  static constexpr Fe reduce_plain(const Fe& a) noexcept { return reduce_once(a, 0); }

 private:
  /// (carry:a) - M if that is non-negative, else a; valid for (carry:a) < 2M.
  static constexpr Fe reduce_once(const Fe& a, Limb carry) noexcept {
    Fe d{};
    Limb borrow = 0;
#pragma GCC unroll 16
    for (std::size_t i = 0; i < N; ++i) {
      const Wide t = Wide(a[i]) - M[i] - borrow;
      d[i] = Limb(t);
      borrow = Limb(t >> 64) & 1;
    }
    const Limb keep_a = 0 - (borrow & (carry ^ 1));  // negative difference: keep a
    Fe r = d;
    cmov(r, a, keep_a);
    return r;
  }
};

}  // namespace tlsx::crypto::ec::detail
