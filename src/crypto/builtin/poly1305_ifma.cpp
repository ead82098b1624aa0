// The AVX-512 IFMA Poly1305 kernel: eight lanes in radix 2^44.
//
// A value is h0 + h1·2^44 + h2·2^88 (44, 44 and 42 bits). VPMADD52LUQ/VPMADD52HUQ add the low and
// the high 52 bits of a 52x52-bit product to a 64-bit lane, so a product of limbs i and j adds
// its low part at limb i+j and its high part, worth 2^52 = 2^44·2^8, at limb i+j+1 shifted left
// by 8. Limb products at 2^132 and above fold back as 2^132 ≡ 4·5 = 20 (2^130 ≡ 5), so the
// multiplier carries 20·r1 and 20·r2 too:
//   d0 = h0·r0 + h1·20r2 + h2·20r1,  d1 = h0·r1 + h1·r0 + h2·20r2,  d2 = h0·r2 + h1·r1 + h2·r0
// and the high part of d2, worth 2^140 ≡ 5·2^10, goes to d0 times 5120.
//
// Lanes and blocks: one 64-byte load holds four blocks, two unpack into the lane order 0, 4, 1,
// 5, 2, 6, 3, 7 (of eight consecutive blocks). Lane j accumulates the blocks congruent to j
// modulo 8, Horner-style; a loop iteration takes sixteen blocks as acc·r^16 + first8·r^8 +
// next8, with one carry pass. At the end lane j is multiplied by r^(8-j) and the lanes summed.
//
// Bounds (each limb operand must stay below 2^52, each lane sum below 2^64): after a carry pass
// limbs are below 2^45, 2^44, 2^42; with a message added below 2^46, 2^45, 2^43. Powers are
// fully carried, so 20·r_i < 2^49. Six low parts sum below 2^55, six high parts below 2^45.
#include "crypto/builtin/poly1305_kernel.hpp"

#if defined(__x86_64__) || defined(__i386__)
// GCC 12's AVX-512 intrinsics fill don't-care operands from a deliberately self-initialized
// variable that -Wuninitialized and -Wmaybe-uninitialized flag once inlined; the diagnostic points
// into the header.
#if defined(__GNUC__) && !defined(__clang__)
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wuninitialized"
#pragma GCC diagnostic ignored "-Wmaybe-uninitialized"
#include <immintrin.h>
#pragma GCC diagnostic pop
#else
#include <immintrin.h>
#endif

#define TLSX_INLINE_IFMA __attribute__((target("avx512f,avx512ifma"), always_inline))
#define TLSX_TARGET_IFMA __attribute__((target("avx512f,avx512ifma")))

namespace tlsx::crypto::builtin {
namespace {

__extension__ typedef unsigned __int128 u128;  // __extension__: -Wpedantic

constexpr std::uint64_t kMask44 = (std::uint64_t{1} << 44) - 1;
constexpr std::uint64_t kMask42 = (std::uint64_t{1} << 42) - 1;

// ---- scalar radix 2^44 ----

Limbs44 to_radix44(std::uint64_t h0, std::uint64_t h1, std::uint64_t h2) noexcept {
  return {h0 & kMask44, ((h0 >> 44) | (h1 << 20)) & kMask44, (h1 >> 24) | (h2 << 40)};
}

// a·b mod p, fully carried (limbs below 2^44, 2^44 + 2^13, 2^42).
Limbs44 mul44(const Limbs44& a, const Limbs44& b) noexcept {
  const u128 d0 = u128{a[0]} * b[0] + u128{a[1]} * (20 * b[2]) + u128{a[2]} * (20 * b[1]);
  u128 d1 = u128{a[0]} * b[1] + u128{a[1]} * b[0] + u128{a[2]} * (20 * b[2]);
  u128 d2 = u128{a[0]} * b[2] + u128{a[1]} * b[1] + u128{a[2]} * b[0];
  Limbs44 r;
  d1 += d0 >> 44;
  r[0] = static_cast<std::uint64_t>(d0) & kMask44;
  d2 += d1 >> 44;
  r[1] = static_cast<std::uint64_t>(d1) & kMask44;
  r[2] = static_cast<std::uint64_t>(d2) & kMask42;
  const u128 t = u128{r[0]} + (d2 >> 42) * 5;
  r[0] = static_cast<std::uint64_t>(t) & kMask44;
  r[1] += static_cast<std::uint64_t>(t >> 44);
  return r;
}

// Lane sums (each below 2^52) back to the radix-2^64 accumulator, fully carried.
void from_radix44(std::uint64_t d0, std::uint64_t d1, std::uint64_t d2, Poly1305Acc& a) noexcept {
  d1 += d0 >> 44, d0 &= kMask44;
  d2 += d1 >> 44, d1 &= kMask44;
  d0 += 5 * (d2 >> 42), d2 &= kMask42;
  d1 += d0 >> 44, d0 &= kMask44;
  u128 t = u128{d0} + (u128{d1} << 44);
  a.h0 = static_cast<std::uint64_t>(t);
  t = (t >> 64) + (u128{d2} << 24);
  a.h1 = static_cast<std::uint64_t>(t);
  a.h2 = static_cast<std::uint64_t>(t >> 64);
}

// ---- eight lanes ----

struct Vec44 {
  __m512i l[3];
};
// A multiplier: limbs and 20·limbs (s[0] unused).
struct Mul44 {
  __m512i r[3];
  __m512i s[3];
};
// Unreduced product sums: low and high 52-bit parts per limb.
struct Sum44 {
  __m512i lo[3];
  __m512i hi[3];
};

TLSX_INLINE_IFMA inline __m512i splat(std::uint64_t v) noexcept {
  return _mm512_set1_epi64(static_cast<long long>(v));
}

TLSX_INLINE_IFMA inline Mul44 broadcast(const Limbs44& p) noexcept {
  Mul44 m;
  for (int i = 0; i < 3; ++i) m.r[i] = splat(p[i]), m.s[i] = splat(20 * p[i]);
  return m;
}

// Lane j (blocks in the order 0, 4, 1, 5, 2, 6, 3, 7) gets r^(8 - block).
TLSX_INLINE_IFMA inline Mul44 final_powers(const Poly1305Powers44& p) noexcept {
  Mul44 m;
  for (int i = 0; i < 3; ++i) {
    auto at = [&](int k) { return static_cast<long long>(p.r[k - 1][i]); };
    m.r[i] = _mm512_setr_epi64(at(8), at(4), at(7), at(3), at(6), at(2), at(5), at(1));
    m.s[i] = _mm512_add_epi64(_mm512_slli_epi64(m.r[i], 4), _mm512_slli_epi64(m.r[i], 2));
  }
  return m;
}

TLSX_INLINE_IFMA inline Sum44 zero_sum() noexcept {
  const __m512i z = _mm512_setzero_si512();
  return {{z, z, z}, {z, z, z}};
}

// Eight blocks as limbs with the 2^128 bit set.
TLSX_INLINE_IFMA inline Vec44 load8(const std::uint8_t* m) noexcept {
  const __m512i a = _mm512_loadu_si512(m);       // blocks 0-3
  const __m512i b = _mm512_loadu_si512(m + 64);  // blocks 4-7
  const __m512i lo = _mm512_unpacklo_epi64(a, b);
  const __m512i hi = _mm512_unpackhi_epi64(a, b);
  const __m512i mask = splat(kMask44);
  Vec44 v;
  v.l[0] = _mm512_and_si512(lo, mask);
  v.l[1] =
      _mm512_and_si512(_mm512_or_si512(_mm512_srli_epi64(lo, 44), _mm512_slli_epi64(hi, 20)), mask);
  v.l[2] = _mm512_or_si512(_mm512_srli_epi64(hi, 24), splat(std::uint64_t{1} << 40));
  return v;
}

// s += h·m (both halves of each limb product).
TLSX_INLINE_IFMA inline void madd(Sum44& s, const Vec44& h, const Mul44& m) noexcept {
  const __m512i* x = h.l;
  // Limb i gets x[j]·r[i-j], or x[j]·20·r[i-j+3] when i-j wraps below zero.
#pragma GCC unroll 3
  for (int i = 0; i < 3; ++i) {
#pragma GCC unroll 3
    for (int j = 0; j < 3; ++j) {
      const __m512i y = j <= i ? m.r[i - j] : m.s[i - j + 3];
      s.lo[i] = _mm512_madd52lo_epu64(s.lo[i], x[j], y);
      s.hi[i] = _mm512_madd52hi_epu64(s.hi[i], x[j], y);
    }
  }
}

// Recombines the halves and carries: limbs end below 2^45, 2^44, 2^42.
TLSX_INLINE_IFMA inline Vec44 reduce(const Sum44& s) noexcept {
  const __m512i hi2 = s.hi[2];
  __m512i d0 = _mm512_add_epi64(
      s.lo[0], _mm512_add_epi64(_mm512_slli_epi64(hi2, 12), _mm512_slli_epi64(hi2, 10)));
  __m512i d1 = _mm512_add_epi64(s.lo[1], _mm512_slli_epi64(s.hi[0], 8));
  __m512i d2 = _mm512_add_epi64(s.lo[2], _mm512_slli_epi64(s.hi[1], 8));
  const __m512i m44 = splat(kMask44);
  d1 = _mm512_add_epi64(d1, _mm512_srli_epi64(d0, 44));
  d0 = _mm512_and_si512(d0, m44);
  d2 = _mm512_add_epi64(d2, _mm512_srli_epi64(d1, 44));
  d1 = _mm512_and_si512(d1, m44);
  const __m512i c = _mm512_srli_epi64(d2, 42);
  d2 = _mm512_and_si512(d2, splat(kMask42));
  d0 = _mm512_add_epi64(d0, _mm512_add_epi64(c, _mm512_slli_epi64(c, 2)));
  return {{d0, d1, d2}};
}

TLSX_INLINE_IFMA inline void add_to(Sum44& s, const Vec44& v) noexcept {
  for (int i = 0; i < 3; ++i) s.lo[i] = _mm512_add_epi64(s.lo[i], v.l[i]);
}

TLSX_TARGET_IFMA void blocks8n(Poly1305Acc& acc, const Poly1305Powers44& p, const std::uint8_t* m,
                               std::size_t groups) noexcept {
  const Limbs44 h = to_radix44(acc.h0, acc.h1, acc.h2);
  Vec44 a = load8(m);
  for (int i = 0; i < 3; ++i) {
    a.l[i] = _mm512_add_epi64(a.l[i],
                              _mm512_setr_epi64(static_cast<long long>(h[i]), 0, 0, 0, 0, 0, 0, 0));
  }
  m += 128, --groups;

  const Mul44 r8 = broadcast(p.r[7]);
  const Mul44 r16 = broadcast(p.r16);
  for (; groups >= 2; groups -= 2, m += 256) {
    Sum44 s = zero_sum();
    add_to(s, load8(m + 128));
    madd(s, load8(m), r8);
    madd(s, a, r16);  // last, so the loop-carried chain is as short as possible
    a = reduce(s);
  }
  if (groups == 1) {
    Sum44 s = zero_sum();
    add_to(s, load8(m));
    madd(s, a, r8);
    a = reduce(s);
  }

  Sum44 s = zero_sum();
  madd(s, a, final_powers(p));
  a = reduce(s);
  from_radix44(static_cast<std::uint64_t>(_mm512_reduce_add_epi64(a.l[0])),
               static_cast<std::uint64_t>(_mm512_reduce_add_epi64(a.l[1])),
               static_cast<std::uint64_t>(_mm512_reduce_add_epi64(a.l[2])), acc);
}

}  // namespace

void poly1305_powers44(const Poly1305Acc& acc, Poly1305Powers44& p) noexcept {
  p.r[0] = to_radix44(acc.r0, acc.r1, 0);
  for (int k = 2; k <= 8; ++k) p.r[k - 1] = mul44(p.r[k - 2], p.r[0]);
  p.r16 = mul44(p.r[7], p.r[7]);
}

void poly1305_blocks_ifma(Poly1305Acc& acc, const Poly1305Powers44& p, const std::uint8_t* m,
                          std::size_t blocks) noexcept {
  const std::size_t groups = blocks / 8;
  if (groups > 0) blocks8n(acc, p, m, groups);
  if (blocks % 8 != 0) poly1305_blocks_portable(acc, m + 128 * groups, blocks % 8);
}

}  // namespace tlsx::crypto::builtin

#else  // no x86 intrinsics: never selected (poly1305_kernel_available() is false)

namespace tlsx::crypto::builtin {
void poly1305_powers44(const Poly1305Acc& /*acc*/, Poly1305Powers44& /*p*/) noexcept {}
void poly1305_blocks_ifma(Poly1305Acc& acc, const Poly1305Powers44& /*p*/, const std::uint8_t* m,
                          std::size_t blocks) noexcept {
  poly1305_blocks_portable(acc, m, blocks);
}
}  // namespace tlsx::crypto::builtin

#endif
