// GHASH (NIST SP 800-38D §6.4) with the PCLMULQDQ carry-less multiplier.
//
// Representation: a GF(2^128) element lives in an __m128i "byte-reversed", i.e. the register's
// 128-bit integer equals the 16-byte block read big-endian. GCM numbers bits from the most
// significant bit of byte 0, so the coefficient of x^i sits at integer bit 127-i ("bit-reflected").
// Multiplying two reflected values with a carry-less multiplier gives the reflected product
// shifted right by one bit; clmul_reduce() shifts it back and reduces modulo
// x^128 + x^7 + x^2 + x + 1 in that reflected form (derivation in ghash_clmul.cpp).
//
// Aggregated reduction: (((Y ^ X1)·H ^ X2)·H ^ ... ^ Xn)·H = (Y ^ X1)·H^n ^ X2·H^(n-1) ^ ... ^
// Xn·H, so n blocks cost n unreduced products, summed, and one reduction. GhashClmulKey holds
// H^1..H^8.
#pragma once

#include <cstddef>
#include <cstdint>

#include "crypto/builtin/aes_ni.hpp"

namespace tlsx::crypto::builtin {

/// True when the CPU has PCLMULQDQ and SSE4.1 (and TLSX_CPU_PORTABLE is not set).
[[nodiscard]] bool clmul_available() noexcept;

#if TLSX_HAVE_X86_INTRINSICS

/// Reverses the 16 bytes: converts between a GCM block in memory and the reflected element.
TLSX_TARGET_AESNI inline __m128i byte_reverse(__m128i v) noexcept {
  return _mm_shuffle_epi8(v, _mm_set_epi8(0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15));
}

/// A sum of unreduced 256-bit carry-less products, kept as Karatsuba parts: lo = a0·b0,
/// hi = a1·b1, mid = (a0^a1)·(b0^b1) (64-bit halves).
struct ClmulAcc {
  __m128i lo;
  __m128i mid;
  __m128i hi;
};

TLSX_TARGET_AESNI inline ClmulAcc clmul_acc_zero() noexcept {
  return {_mm_setzero_si128(), _mm_setzero_si128(), _mm_setzero_si128()};
}

/// acc += a·h, where h_kara holds h0^h1 in its low lane (precomputed with the key).
TLSX_TARGET_AESNI inline void clmul_acc(ClmulAcc& acc, __m128i a, __m128i h,
                                        __m128i h_kara) noexcept {
  acc.lo = _mm_xor_si128(acc.lo, _mm_clmulepi64_si128(a, h, 0x00));
  acc.hi = _mm_xor_si128(acc.hi, _mm_clmulepi64_si128(a, h, 0x11));
  const __m128i a_kara = _mm_xor_si128(a, _mm_shuffle_epi32(a, 0x4e));  // low lane: a0 ^ a1
  acc.mid = _mm_xor_si128(acc.mid, _mm_clmulepi64_si128(a_kara, h_kara, 0x00));
}

/// The reduced field element of an accumulated product sum.
TLSX_TARGET_AESNI inline __m128i clmul_reduce(const ClmulAcc& acc) noexcept {
  // Karatsuba recombination: the middle 128 bits straddle lo and hi.
  const __m128i mid = _mm_xor_si128(acc.mid, _mm_xor_si128(acc.lo, acc.hi));
  __m128i lo = _mm_xor_si128(acc.lo, _mm_slli_si128(mid, 8));
  __m128i hi = _mm_xor_si128(acc.hi, _mm_srli_si128(mid, 8));

  // Shift the 256-bit [hi:lo] left by one bit (undoes the reflected product's offset).
  const __m128i lo_top = _mm_srli_epi64(lo, 63);
  const __m128i hi_top = _mm_srli_epi64(hi, 63);
  lo = _mm_or_si128(_mm_slli_epi64(lo, 1), _mm_slli_si128(lo_top, 8));
  hi = _mm_or_si128(_mm_or_si128(_mm_slli_epi64(hi, 1), _mm_slli_si128(hi_top, 8)),
                    _mm_srli_si128(lo_top, 8));

  // Phase 1: the 7 lowest bits of lo are the highest-degree terms; their x^121, x^126, x^127
  // images land back inside lo (bits 121..127), so fold them in first.
  const __m128i t = _mm_xor_si128(_mm_xor_si128(_mm_slli_epi64(lo, 63), _mm_slli_epi64(lo, 62)),
                                  _mm_slli_epi64(lo, 57));
  lo = _mm_xor_si128(lo, _mm_slli_si128(t, 8));

  // Phase 2: hi ^= lo ^ (lo >> 1) ^ (lo >> 2) ^ (lo >> 7), as 128-bit shifts: the in-lane
  // parts plus the bits that cross from the high lane into the low lane.
  const __m128i in_lane = _mm_xor_si128(_mm_xor_si128(_mm_srli_epi64(lo, 1), _mm_srli_epi64(lo, 2)),
                                        _mm_srli_epi64(lo, 7));
  const __m128i crossing = _mm_xor_si128(
      _mm_xor_si128(_mm_slli_epi64(lo, 63), _mm_slli_epi64(lo, 62)), _mm_slli_epi64(lo, 57));
  return _mm_xor_si128(_mm_xor_si128(hi, lo), _mm_xor_si128(in_lane, _mm_srli_si128(crossing, 8)));
}

/// The GHASH key H (reflected) and its powers H^1..H^8, with their Karatsuba halves.
/// Wiped on destruction: H = AES_K(0) is key material.
class GhashClmulKey {
 public:
  static constexpr int kPowers = 8;

  /// h is the 16-byte hash subkey block AES_K(0^128). Requires clmul_available().
  explicit GhashClmulKey(const std::uint8_t* h) noexcept;
  ~GhashClmulKey();
  GhashClmulKey(const GhashClmulKey&) = delete;
  GhashClmulKey& operator=(const GhashClmulKey&) = delete;

  /// H^i for i in 1..kPowers.
  [[nodiscard]] __m128i power(int i) const noexcept { return powers_[i - 1]; }
  /// The low lane holds the xor of H^i's two 64-bit halves.
  [[nodiscard]] __m128i kara(int i) const noexcept { return karas_[i - 1]; }

 private:
  __m128i powers_[kPowers];
  __m128i karas_[kPowers];
};

/// One multiplication a·H^i, reduced.
TLSX_TARGET_AESNI inline __m128i clmul_mul(__m128i a, const GhashClmulKey& key,
                                           int i = 1) noexcept {
  ClmulAcc acc = clmul_acc_zero();
  clmul_acc(acc, a, key.power(i), key.kara(i));
  return clmul_reduce(acc);
}

/// y = (((y ^ X1)·H ^ X2)·H ^ ... ^ Xn)·H over the 8 reflected blocks x[0..7].
TLSX_TARGET_AESNI inline __m128i clmul_ghash8(const GhashClmulKey& key, __m128i y,
                                              const __m128i* x) noexcept {
  ClmulAcc acc = clmul_acc_zero();
  clmul_acc(acc, _mm_xor_si128(y, x[0]), key.power(8), key.kara(8));
#pragma GCC unroll 8
  for (int j = 1; j < 8; ++j) clmul_acc(acc, x[j], key.power(8 - j), key.kara(8 - j));
  return clmul_reduce(acc);
}

/// GHASH state update over whole blocks: y = (y ^ X)·H for each 16-byte block X of data, eight
/// blocks per reduction. y is the 16-byte state in GCM's block order.
void ghash_clmul(const GhashClmulKey& key, std::uint8_t* y, const std::uint8_t* data,
                 std::size_t blocks) noexcept;

#endif  // TLSX_HAVE_X86_INTRINSICS

}  // namespace tlsx::crypto::builtin
