// The AVX2 Poly1305 kernel: four lanes in radix 2^26.
//
// Lane j accumulates the blocks whose index is j modulo 4 (lane order in the registers is 0, 2,
// 1, 3, which is how two 32-byte loads unpack), Horner-style with r^4:
//   acc = m_0..3;  acc = acc·r^4 + m_4k..4k+3;  ...;  h = Σ_j acc_j·r^(4-j)
// which equals the sequential (((h + m_0)·r + m_1)·r + ...)·r, the incoming h being added to
// lane 0's first block. Each loop iteration takes two groups, acc·r^8 + group1·r^4 + group2, so
// that one carry propagation serves eight blocks and group1's products do not wait for acc.
//
// Each limb sits in a 64-bit lane and VPMULUDQ multiplies the low 32 bits, so limbs must stay
// below 2^32 and a sum of products below 2^64: after a carry pass limbs are below 2^27, message
// limbs below 2^26, powers' limbs below 2^27 (times 5 below 2^30), so the ten products summed
// per limb stay below 2^62.
#include "crypto/builtin/poly1305_kernel.hpp"

#if defined(__x86_64__) || defined(__i386__)
#include <immintrin.h>

#define TLSX_TARGET_AVX2 __attribute__((target("avx2")))
// The helpers pass five-register values around: they must be inlined, or the values go through
// memory at every call.
#define TLSX_INLINE_AVX2 __attribute__((target("avx2"), always_inline))

namespace tlsx::crypto::builtin {
namespace {

constexpr std::int64_t kMask26 = (std::int64_t{1} << 26) - 1;

// A radix-2^26 value per lane, and a multiplier with its limbs 1-4 premultiplied by 5 (the
// products that land at 2^130 and above fold back as x·2^130 ≡ 5x).
struct Vec26 {
  __m256i l[5];
};
struct Mul26 {
  __m256i r[5];
  __m256i s[5];  // s[i] = 5·r[i], i >= 1
};

TLSX_INLINE_AVX2 inline Mul26 broadcast(const Limbs26& p) noexcept {
  Mul26 m;
  for (int i = 0; i < 5; ++i) {
    m.r[i] = _mm256_set1_epi64x(static_cast<std::int64_t>(p[i]));
    m.s[i] = _mm256_set1_epi64x(static_cast<std::int64_t>(5 * p[i]));
  }
  return m;
}

// Lane order 0, 2, 1, 3 gets r^4, r^2, r^3, r^1.
TLSX_INLINE_AVX2 inline Mul26 final_powers(const Poly1305Powers& p) noexcept {
  const Limbs26 &r1 = p.r1, &r2 = p.r2, &r3 = p.r3, &r4 = p.r4;
  Mul26 m;
  for (int i = 0; i < 5; ++i) {
    m.r[i] = _mm256_setr_epi64x(static_cast<std::int64_t>(r4[i]), static_cast<std::int64_t>(r2[i]),
                                static_cast<std::int64_t>(r3[i]), static_cast<std::int64_t>(r1[i]));
    m.s[i] = _mm256_add_epi64(m.r[i], _mm256_slli_epi64(m.r[i], 2));
  }
  return m;
}

// Four blocks as limbs with the 2^128 bit set; lanes hold blocks 0, 2, 1, 3.
TLSX_INLINE_AVX2 inline Vec26 load4(const std::uint8_t* m) noexcept {
  const __m256i a = _mm256_loadu_si256(reinterpret_cast<const __m256i*>(m));
  const __m256i b = _mm256_loadu_si256(reinterpret_cast<const __m256i*>(m + 32));
  const __m256i lo = _mm256_unpacklo_epi64(a, b);  // bytes 0-7 of blocks 0, 2, 1, 3
  const __m256i hi = _mm256_unpackhi_epi64(a, b);  // bytes 8-15
  const __m256i mask = _mm256_set1_epi64x(kMask26);
  Vec26 v;
  v.l[0] = _mm256_and_si256(lo, mask);
  v.l[1] = _mm256_and_si256(_mm256_srli_epi64(lo, 26), mask);
  v.l[2] =
      _mm256_and_si256(_mm256_or_si256(_mm256_srli_epi64(lo, 52), _mm256_slli_epi64(hi, 12)), mask);
  v.l[3] = _mm256_and_si256(_mm256_srli_epi64(hi, 14), mask);
  v.l[4] = _mm256_or_si256(_mm256_srli_epi64(hi, 40), _mm256_set1_epi64x(std::int64_t{1} << 24));
  return v;
}

TLSX_INLINE_AVX2 inline __m256i mul(__m256i a, __m256i b) noexcept {
  return _mm256_mul_epu32(a, b);
}
TLSX_INLINE_AVX2 inline __m256i add(__m256i a, __m256i b) noexcept {
  return _mm256_add_epi64(a, b);
}

// d += h·r (unreduced). Accumulated one product at a time, which keeps few temporaries live.
TLSX_INLINE_AVX2 inline void mul_acc(Vec26& d, const Vec26& h, const Mul26& m) noexcept {
  const __m256i* x = h.l;
  const __m256i* r = m.r;
  const __m256i* s = m.s;
  // Limb i gets x[j]·r[i-j], with 5·r[i-j+5] when i-j wraps below zero.
#pragma GCC unroll 5
  for (int i = 0; i < 5; ++i) {
#pragma GCC unroll 5
    for (int j = 0; j < 5; ++j) {
      d.l[i] = add(d.l[i], mul(x[j], j <= i ? r[i - j] : s[i - j + 5]));
    }
  }
}

// Carry propagation in two interleaved chains (0->1->2->3 and 3->4->0->1); limbs end below 2^27.
TLSX_INLINE_AVX2 inline void carry(Vec26& d) noexcept {
  const __m256i mask = _mm256_set1_epi64x(kMask26);
  __m256i* l = d.l;
  __m256i c0 = _mm256_srli_epi64(l[0], 26);
  __m256i c3 = _mm256_srli_epi64(l[3], 26);
  l[0] = _mm256_and_si256(l[0], mask), l[1] = add(l[1], c0);
  l[3] = _mm256_and_si256(l[3], mask), l[4] = add(l[4], c3);
  const __m256i c1 = _mm256_srli_epi64(l[1], 26);
  const __m256i c4 = _mm256_srli_epi64(l[4], 26);
  l[1] = _mm256_and_si256(l[1], mask), l[2] = add(l[2], c1);
  l[4] = _mm256_and_si256(l[4], mask), l[0] = add(l[0], add(c4, _mm256_slli_epi64(c4, 2)));
  const __m256i c2 = _mm256_srli_epi64(l[2], 26);
  c0 = _mm256_srli_epi64(l[0], 26);
  l[2] = _mm256_and_si256(l[2], mask), l[3] = add(l[3], c2);
  l[0] = _mm256_and_si256(l[0], mask), l[1] = add(l[1], c0);
  c3 = _mm256_srli_epi64(l[3], 26);
  l[3] = _mm256_and_si256(l[3], mask), l[4] = add(l[4], c3);
}

TLSX_INLINE_AVX2 inline std::uint64_t lane_sum(__m256i v) noexcept {
  const __m128i s = _mm_add_epi64(_mm256_castsi256_si128(v), _mm256_extracti128_si256(v, 1));
  return static_cast<std::uint64_t>(_mm_cvtsi128_si64(_mm_add_epi64(s, _mm_unpackhi_epi64(s, s))));
}

TLSX_TARGET_AVX2 void blocks4n(Poly1305Acc& acc, const Poly1305Powers& p, const std::uint8_t* m,
                               std::size_t groups) noexcept {
  const Limbs26 h = poly1305_to_radix26(acc);
  Vec26 a = load4(m);
  for (int i = 0; i < 5; ++i) {
    a.l[i] = add(a.l[i], _mm256_setr_epi64x(static_cast<std::int64_t>(h[i]), 0, 0, 0));
  }
  m += 64, --groups;

  const Mul26 r4 = broadcast(p.r4);
  const Mul26 r8 = broadcast(p.r8);
  for (; groups >= 2; groups -= 2, m += 128) {
    Vec26 d = load4(m + 64);
    mul_acc(d, load4(m), r4);
    mul_acc(d, a, r8);
    carry(d);
    a = d;
  }
  if (groups == 1) {
    Vec26 d = load4(m);
    mul_acc(d, a, r4);
    carry(d);
    a = d;
  }

  Vec26 d{};
  for (auto& l : d.l) l = _mm256_setzero_si256();
  mul_acc(d, a, final_powers(p));
  carry(d);
  Limbs26 sum;
  for (int i = 0; i < 5; ++i) sum[i] = lane_sum(d.l[i]);
  poly1305_from_radix26(sum, acc);
}

}  // namespace

void poly1305_blocks_avx2(Poly1305Acc& acc, const Poly1305Powers& p, const std::uint8_t* m,
                          std::size_t blocks) noexcept {
  const std::size_t groups = blocks / 4;
  if (groups > 0) blocks4n(acc, p, m, groups);
  if (blocks % 4 != 0) poly1305_blocks_portable(acc, m + 64 * groups, blocks % 4);
}

}  // namespace tlsx::crypto::builtin

#else  // no x86 intrinsics: never selected (poly1305_kernel_available() is false)

namespace tlsx::crypto::builtin {
void poly1305_blocks_avx2(Poly1305Acc& acc, const Poly1305Powers& /*p*/, const std::uint8_t* m,
                          std::size_t blocks) noexcept {
  poly1305_blocks_portable(acc, m, blocks);
}
}  // namespace tlsx::crypto::builtin

#endif
