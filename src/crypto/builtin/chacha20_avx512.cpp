// The AVX-512 ChaCha20 kernel: sixteen blocks per iteration in 512-bit registers, eight in
// 256-bit registers (AVX-512VL) and up to four row-wise for what is left.
//
// As the AVX2 kernel (chacha20_avx2.cpp), one state word of many blocks per register, but every
// rotation is a single VPROLD and the 32 registers hold the state and its input copy without
// spills. Serializing sixteen blocks is a 16x16 transpose of 32-bit words: 4x4 transposes inside
// each 128-bit lane, then a 4x4 transpose of the 128-bit lanes across four registers. The
// remainder after the 1 KiB iterations runs eight blocks at a time with the same rounds on
// 256-bit registers (on processors that split 512-bit operations in two, eight blocks cost half
// of sixteen), and a last piece of up to four blocks row-wise (xor4); partial groups run over a
// local buffer.
#include "crypto/builtin/chacha20.hpp"
#include "crypto/builtin/chacha20_x86.hpp"
#include "tlsx/crypto/constant_time.hpp"

#if TLSX_CHACHA20_X86

#define TLSX_TARGET_AVX512 __attribute__((target("avx512f,avx512vl")))

namespace tlsx::crypto::builtin {
namespace {

constexpr std::size_t kLanes = 16;
constexpr std::size_t kStride = kLanes * kChaCha20BlockSize;  // 1 KiB
constexpr std::size_t kHalfLanes = 8;
constexpr std::size_t kHalfStride = kHalfLanes * kChaCha20BlockSize;  // 512 bytes
constexpr std::size_t kQuarterStride = kHalfStride / 2;               // four blocks

TLSX_TARGET_AVX512 inline void quarter_round(__m512i& a, __m512i& b, __m512i& c,
                                             __m512i& d) noexcept {
  a = _mm512_add_epi32(a, b), d = _mm512_rol_epi32(_mm512_xor_si512(d, a), 16);
  c = _mm512_add_epi32(c, d), b = _mm512_rol_epi32(_mm512_xor_si512(b, c), 12);
  a = _mm512_add_epi32(a, b), d = _mm512_rol_epi32(_mm512_xor_si512(d, a), 8);
  c = _mm512_add_epi32(c, d), b = _mm512_rol_epi32(_mm512_xor_si512(b, c), 7);
}

TLSX_TARGET_AVX512 inline void quarter_round(__m256i& a, __m256i& b, __m256i& c,
                                             __m256i& d) noexcept {
  a = _mm256_add_epi32(a, b), d = _mm256_rol_epi32(_mm256_xor_si256(d, a), 16);
  c = _mm256_add_epi32(c, d), b = _mm256_rol_epi32(_mm256_xor_si256(b, c), 12);
  a = _mm256_add_epi32(a, b), d = _mm256_rol_epi32(_mm256_xor_si256(d, a), 8);
  c = _mm256_add_epi32(c, d), b = _mm256_rol_epi32(_mm256_xor_si256(b, c), 7);
}

// The ten double rounds on a word-sliced state.
template <class V>
TLSX_TARGET_AVX512 inline void rounds(V* x) noexcept {
#pragma GCC unroll 2
  for (int round = 0; round < 10; ++round) {
    quarter_round(x[0], x[4], x[8], x[12]);
    quarter_round(x[1], x[5], x[9], x[13]);
    quarter_round(x[2], x[6], x[10], x[14]);
    quarter_round(x[3], x[7], x[11], x[15]);
    quarter_round(x[0], x[5], x[10], x[15]);
    quarter_round(x[1], x[6], x[11], x[12]);
    quarter_round(x[2], x[7], x[8], x[13]);
    quarter_round(x[3], x[4], x[9], x[14]);
  }
}

// x[i] = word i of the sixteen blocks starting at s.w[12], after the rounds and feed-forward.
TLSX_TARGET_AVX512 inline void blocks16(const ChaCha20State& s, __m512i* x) noexcept {
  const __m512i lane_offsets =
      _mm512_setr_epi32(0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15);
  __m512i in[16];
#pragma GCC unroll 16
  for (int i = 0; i < 16; ++i) in[i] = _mm512_set1_epi32(static_cast<int>(s.w[i]));
  in[12] = _mm512_add_epi32(in[12], lane_offsets);
#pragma GCC unroll 16
  for (int i = 0; i < 16; ++i) x[i] = in[i];
  rounds(x);
#pragma GCC unroll 16
  for (int i = 0; i < 16; ++i) x[i] = _mm512_add_epi32(x[i], in[i]);
}

// 4x4 transpose of 32-bit words inside each 128-bit lane of y[0..3] (words g..g+3): afterwards
// lane L of t[k] holds words g..g+3 of block 4L+k.
TLSX_TARGET_AVX512 inline void transpose_in_lanes(const __m512i* y, __m512i* t) noexcept {
  const __m512i lo01 = _mm512_unpacklo_epi32(y[0], y[1]);
  const __m512i hi01 = _mm512_unpackhi_epi32(y[0], y[1]);
  const __m512i lo23 = _mm512_unpacklo_epi32(y[2], y[3]);
  const __m512i hi23 = _mm512_unpackhi_epi32(y[2], y[3]);
  t[0] = _mm512_unpacklo_epi64(lo01, lo23);
  t[1] = _mm512_unpackhi_epi64(lo01, lo23);
  t[2] = _mm512_unpacklo_epi64(hi01, hi23);
  t[3] = _mm512_unpackhi_epi64(hi01, hi23);
}

TLSX_TARGET_AVX512 inline void xor_block(const std::uint8_t* in, std::uint8_t* out,
                                         __m512i keystream) noexcept {
  _mm512_storeu_si512(out, _mm512_xor_si512(keystream, _mm512_loadu_si512(in)));
}

// 4x4 transpose of 128-bit lanes: block L = lane L of t[0], t[1], t[2], t[3], XORed into the
// four 64-byte blocks at in + 64·stride·L (each block read before it is written).
TLSX_TARGET_AVX512 inline void transpose_lanes_xor(const __m512i* t, std::size_t stride,
                                                   const std::uint8_t* in,
                                                   std::uint8_t* out) noexcept {
  const __m512i p0 = _mm512_shuffle_i32x4(t[0], t[1], 0x44);
  const __m512i p1 = _mm512_shuffle_i32x4(t[0], t[1], 0xee);
  const __m512i p2 = _mm512_shuffle_i32x4(t[2], t[3], 0x44);
  const __m512i p3 = _mm512_shuffle_i32x4(t[2], t[3], 0xee);
  const std::size_t step = 64 * stride;
  xor_block(in, out, _mm512_shuffle_i32x4(p0, p2, 0x88));
  xor_block(in + step, out + step, _mm512_shuffle_i32x4(p0, p2, 0xdd));
  xor_block(in + 2 * step, out + 2 * step, _mm512_shuffle_i32x4(p1, p3, 0x88));
  xor_block(in + 3 * step, out + 3 * step, _mm512_shuffle_i32x4(p1, p3, 0xdd));
}

// in/out: sixteen whole blocks (in may equal out).
TLSX_TARGET_AVX512 void xor16(const ChaCha20State& s, const std::uint8_t* in,
                              std::uint8_t* out) noexcept {
  __m512i x[16];
  blocks16(s, x);
  __m512i t[4][4];  // t[k][g]: lane L = words 4g..4g+3 of block 4L+k
#pragma GCC unroll 4
  for (int g = 0; g < 4; ++g) {
    __m512i by_k[4];
    transpose_in_lanes(x + 4 * g, by_k);
#pragma GCC unroll 4
    for (int k = 0; k < 4; ++k) t[k][g] = by_k[k];
  }
#pragma GCC unroll 4
  for (std::size_t k = 0; k < 4; ++k) transpose_lanes_xor(t[k], 4, in + 64 * k, out + 64 * k);
}

// Four blocks for short tails, row-wise: 128-bit lane j of register r holds words 4r..4r+3 of
// block j, so one register operation does a whole row of a quarter round for all four blocks,
// and the diagonal rounds rotate the words of rows 1-3 within each lane. Fewer instructions than
// eight word-sliced blocks; the rounds are one dependency chain, which is what limits it.
TLSX_TARGET_AVX512 void xor4(const ChaCha20State& s, const std::uint8_t* in,
                             std::uint8_t* out) noexcept {
  __m512i init[4], r[4];
#pragma GCC unroll 4
  for (std::size_t i = 0; i < 4; ++i) {
    init[i] =
        _mm512_broadcast_i32x4(_mm_loadu_si128(reinterpret_cast<const __m128i*>(&s.w[4 * i])));
  }
  init[3] =
      _mm512_add_epi32(init[3], _mm512_setr_epi32(0, 0, 0, 0, 1, 0, 0, 0, 2, 0, 0, 0, 3, 0, 0, 0));
#pragma GCC unroll 4
  for (int i = 0; i < 4; ++i) r[i] = init[i];
  for (int round = 0; round < 10; ++round) {
    quarter_round(r[0], r[1], r[2], r[3]);                                // columns
    r[1] = _mm512_shuffle_epi32(r[1], static_cast<_MM_PERM_ENUM>(0x39));  // words 1,2,3,0
    r[2] = _mm512_shuffle_epi32(r[2], static_cast<_MM_PERM_ENUM>(0x4e));  // words 2,3,0,1
    r[3] = _mm512_shuffle_epi32(r[3], static_cast<_MM_PERM_ENUM>(0x93));  // words 3,0,1,2
    quarter_round(r[0], r[1], r[2], r[3]);                                // diagonals
    r[1] = _mm512_shuffle_epi32(r[1], static_cast<_MM_PERM_ENUM>(0x93));
    r[2] = _mm512_shuffle_epi32(r[2], static_cast<_MM_PERM_ENUM>(0x4e));
    r[3] = _mm512_shuffle_epi32(r[3], static_cast<_MM_PERM_ENUM>(0x39));
  }
#pragma GCC unroll 4
  for (int i = 0; i < 4; ++i) r[i] = _mm512_add_epi32(r[i], init[i]);
  transpose_lanes_xor(r, 1, in, out);
}

// in/out: eight whole blocks in 256-bit registers (in may equal out).
TLSX_TARGET_AVX512 void xor8(const ChaCha20State& s, const std::uint8_t* in,
                             std::uint8_t* out) noexcept {
  __m256i in_words[16], x[16];
#pragma GCC unroll 16
  for (int i = 0; i < 16; ++i) in_words[i] = _mm256_set1_epi32(static_cast<int>(s.w[i]));
  in_words[12] = _mm256_add_epi32(in_words[12], _mm256_setr_epi32(0, 1, 2, 3, 4, 5, 6, 7));
#pragma GCC unroll 16
  for (int i = 0; i < 16; ++i) x[i] = in_words[i];
  rounds(x);
#pragma GCC unroll 16
  for (int i = 0; i < 16; ++i) x[i] = _mm256_add_epi32(x[i], in_words[i]);
  chacha20_serialize8_xor(x, in, out);
}

}  // namespace

void chacha20_xor_avx512(const ChaCha20State& state, const std::uint8_t* in, std::uint8_t* out,
                         std::size_t len) noexcept {
  ChaCha20State s = state;
  for (; len >= kStride; len -= kStride, in += kStride, out += kStride) {
    xor16(s, in, out);
    s.w[12] += kLanes;
  }
  for (; len >= kHalfStride; len -= kHalfStride, in += kHalfStride, out += kHalfStride) {
    xor8(s, in, out);
    s.w[12] += kHalfLanes;
  }
  if (len > kQuarterStride) {
    chacha20_xor_via_buffer<kHalfStride>(xor8, s, in, out, len);
  } else if (len == kQuarterStride) {
    xor4(s, in, out);
  } else if (len > 0) {
    chacha20_xor_via_buffer<kQuarterStride>(xor4, s, in, out, len);
  }
  secure_wipe(s.w.data(), sizeof s.w);
}

}  // namespace tlsx::crypto::builtin

#else  // no x86 intrinsics: never selected (chacha20_kernel_available() is false)

namespace tlsx::crypto::builtin {
void chacha20_xor_avx512(const ChaCha20State& state, const std::uint8_t* in, std::uint8_t* out,
                         std::size_t len) noexcept {
  chacha20_xor_portable(state, in, out, len);
}
}  // namespace tlsx::crypto::builtin

#endif
