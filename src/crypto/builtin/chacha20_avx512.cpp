// The AVX-512F ChaCha20 kernel: sixteen blocks per iteration.
//
// As the AVX2 kernel (chacha20_avx2.cpp), one state word of sixteen blocks per 512-bit register,
// but every rotation is a single VPROLD and the 32 registers hold the whole state without spills.
// Serializing is a 16x16 transpose of 32-bit words: 4x4 transposes inside each 128-bit lane,
// then a 4x4 transpose of the 128-bit lanes across four registers. Whatever is left after the
// 1 KiB iterations (under sixteen blocks) goes to the AVX2 kernel.
#include "crypto/builtin/chacha20.hpp"
#include "tlsx/crypto/constant_time.hpp"

#if defined(__x86_64__) || defined(__i386__)
// GCC 12's AVX-512 intrinsics fill don't-care operands from _mm512_undefined_epi32(), a
// deliberately self-initialized variable that -Wuninitialized and -Wmaybe-uninitialized flag once
// inlined. The diagnostic is reported at the header's lines, so it is silenced for the header only.
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wuninitialized"
#pragma GCC diagnostic ignored "-Wmaybe-uninitialized"
#include <immintrin.h>
#pragma GCC diagnostic pop

#define TLSX_TARGET_AVX512 __attribute__((target("avx512f")))

namespace tlsx::crypto::builtin {
namespace {

constexpr std::size_t kLanes = 16;
constexpr std::size_t kStride = kLanes * kChaCha20BlockSize;  // 1 KiB

TLSX_TARGET_AVX512 inline void quarter_round(__m512i& a, __m512i& b, __m512i& c,
                                             __m512i& d) noexcept {
  a = _mm512_add_epi32(a, b), d = _mm512_rol_epi32(_mm512_xor_si512(d, a), 16);
  c = _mm512_add_epi32(c, d), b = _mm512_rol_epi32(_mm512_xor_si512(b, c), 12);
  a = _mm512_add_epi32(a, b), d = _mm512_rol_epi32(_mm512_xor_si512(d, a), 8);
  c = _mm512_add_epi32(c, d), b = _mm512_rol_epi32(_mm512_xor_si512(b, c), 7);
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

// in/out: sixteen whole blocks; each output block is written after its input block was read,
// so in may equal out.
TLSX_TARGET_AVX512 void xor16(const ChaCha20State& s, const std::uint8_t* in,
                              std::uint8_t* out) noexcept {
  __m512i x[16];
  blocks16(s, x);
  __m512i t[4][4];  // t[g][k]: lane L = words 4g..4g+3 of block 4L+k
#pragma GCC unroll 4
  for (int g = 0; g < 4; ++g) transpose_in_lanes(x + 4 * g, t[g]);
#pragma GCC unroll 4
  for (std::size_t k = 0; k < 4; ++k) {
    // 4x4 transpose of 128-bit lanes: block 4L+k = lane L of t[0][k], t[1][k], t[2][k], t[3][k].
    const __m512i p0 = _mm512_shuffle_i32x4(t[0][k], t[1][k], 0x44);
    const __m512i p1 = _mm512_shuffle_i32x4(t[0][k], t[1][k], 0xee);
    const __m512i p2 = _mm512_shuffle_i32x4(t[2][k], t[3][k], 0x44);
    const __m512i p3 = _mm512_shuffle_i32x4(t[2][k], t[3][k], 0xee);
    xor_block(in + 64 * k, out + 64 * k, _mm512_shuffle_i32x4(p0, p2, 0x88));
    xor_block(in + 64 * (k + 4), out + 64 * (k + 4), _mm512_shuffle_i32x4(p0, p2, 0xdd));
    xor_block(in + 64 * (k + 8), out + 64 * (k + 8), _mm512_shuffle_i32x4(p1, p3, 0x88));
    xor_block(in + 64 * (k + 12), out + 64 * (k + 12), _mm512_shuffle_i32x4(p1, p3, 0xdd));
  }
}

}  // namespace

void chacha20_xor_avx512(const ChaCha20State& state, const std::uint8_t* in, std::uint8_t* out,
                         std::size_t len) noexcept {
  ChaCha20State s = state;
  for (; len >= kStride; len -= kStride, in += kStride, out += kStride) {
    xor16(s, in, out);
    s.w[12] += kLanes;
  }
  if (len > 0) chacha20_xor_avx2(s, in, out, len);
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
