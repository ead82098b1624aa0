// The AVX2 ChaCha20 kernel: eight blocks per iteration.
//
// Register i holds state word i of eight consecutive blocks (one per 32-bit lane; the counter
// lane j is counter + j), so the rounds are plain lane-wise adds, XORs and rotations with no
// shuffling between rounds. Rotations by 16 and 8 are byte shuffles, by 12 and 7 two shifts and
// an OR. After the rounds an 8x8 transpose of 32-bit words turns the word-sliced registers back
// into eight serialized blocks. A tail of more than 256 bytes runs the same eight blocks into a
// local buffer; a shorter one runs four blocks in 128-bit registers the same way.
#include <cstring>

#include "crypto/builtin/chacha20.hpp"
#include "tlsx/crypto/constant_time.hpp"

#if defined(__x86_64__) || defined(__i386__)
#include <immintrin.h>

#define TLSX_TARGET_AVX2 __attribute__((target("avx2")))

namespace tlsx::crypto::builtin {
namespace {

constexpr std::size_t kLanes = 8;
constexpr std::size_t kStride = kLanes * kChaCha20BlockSize;  // 512 bytes
constexpr std::size_t kHalfStride = kStride / 2;              // four blocks

template <int N>
TLSX_TARGET_AVX2 inline __m256i rotl(__m256i v) noexcept {
  if constexpr (N == 16) {
    return _mm256_shuffle_epi8(
        v, _mm256_setr_epi8(2, 3, 0, 1, 6, 7, 4, 5, 10, 11, 8, 9, 14, 15, 12, 13, 2, 3, 0, 1, 6, 7,
                            4, 5, 10, 11, 8, 9, 14, 15, 12, 13));
  } else if constexpr (N == 8) {
    return _mm256_shuffle_epi8(
        v, _mm256_setr_epi8(3, 0, 1, 2, 7, 4, 5, 6, 11, 8, 9, 10, 15, 12, 13, 14, 3, 0, 1, 2, 7, 4,
                            5, 6, 11, 8, 9, 10, 15, 12, 13, 14));
  } else {
    return _mm256_or_si256(_mm256_slli_epi32(v, N), _mm256_srli_epi32(v, 32 - N));
  }
}

TLSX_TARGET_AVX2 inline void quarter_round(__m256i& a, __m256i& b, __m256i& c,
                                           __m256i& d) noexcept {
  a = _mm256_add_epi32(a, b), d = rotl<16>(_mm256_xor_si256(d, a));
  c = _mm256_add_epi32(c, d), b = rotl<12>(_mm256_xor_si256(b, c));
  a = _mm256_add_epi32(a, b), d = rotl<8>(_mm256_xor_si256(d, a));
  c = _mm256_add_epi32(c, d), b = rotl<7>(_mm256_xor_si256(b, c));
}

// x[i] = word i of the eight blocks starting at s.w[12], after the rounds and feed-forward. The
// input words are broadcast again for the feed-forward rather than kept: the sixteen state
// registers already fill the register file.
TLSX_TARGET_AVX2 inline void blocks8(const ChaCha20State& s, __m256i* x) noexcept {
  const __m256i lane_offsets = _mm256_setr_epi32(0, 1, 2, 3, 4, 5, 6, 7);
#pragma GCC unroll 16
  for (int i = 0; i < 16; ++i) x[i] = _mm256_set1_epi32(static_cast<int>(s.w[i]));
  x[12] = _mm256_add_epi32(x[12], lane_offsets);
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
  for (int i = 0; i < 16; ++i)
    x[i] = _mm256_add_epi32(x[i], _mm256_set1_epi32(static_cast<int>(s.w[i])));
  x[12] = _mm256_add_epi32(x[12], lane_offsets);
}

TLSX_TARGET_AVX2 inline __m256i load(const std::uint8_t* p) noexcept {
  return _mm256_loadu_si256(reinterpret_cast<const __m256i*>(p));
}
TLSX_TARGET_AVX2 inline void store(std::uint8_t* p, __m256i v) noexcept {
  _mm256_storeu_si256(reinterpret_cast<__m256i*>(p), v);
}

// x[0..7] are words w..w+7 of blocks 0..7 (w = 0 or 8); XORs them, serialized, into bytes
// 4w..4w+31 of each of the eight 64-byte blocks at in/out.
TLSX_TARGET_AVX2 inline void transpose_xor(const __m256i* x, const std::uint8_t* in,
                                           std::uint8_t* out) noexcept {
  __m256i a[4], b[4];
  // 4x4 transposes inside each 128-bit half: a[k] = words w..w+3 of blocks k | k+4.
  for (int h = 0; h < 2; ++h) {
    const __m256i* y = x + 4 * h;
    __m256i* t = h == 0 ? a : b;
    const __m256i lo01 = _mm256_unpacklo_epi32(y[0], y[1]);
    const __m256i hi01 = _mm256_unpackhi_epi32(y[0], y[1]);
    const __m256i lo23 = _mm256_unpacklo_epi32(y[2], y[3]);
    const __m256i hi23 = _mm256_unpackhi_epi32(y[2], y[3]);
    t[0] = _mm256_unpacklo_epi64(lo01, lo23);
    t[1] = _mm256_unpackhi_epi64(lo01, lo23);
    t[2] = _mm256_unpacklo_epi64(hi01, hi23);
    t[3] = _mm256_unpackhi_epi64(hi01, hi23);
  }
#pragma GCC unroll 4
  for (std::size_t k = 0; k < 4; ++k) {
    const std::size_t lo = 64 * k;
    const std::size_t hi = 64 * (k + 4);
    const __m256i block_lo = _mm256_permute2x128_si256(a[k], b[k], 0x20);
    const __m256i block_hi = _mm256_permute2x128_si256(a[k], b[k], 0x31);
    store(out + lo, _mm256_xor_si256(block_lo, load(in + lo)));
    store(out + hi, _mm256_xor_si256(block_hi, load(in + hi)));
  }
}

// in/out: eight whole blocks. Every input byte is read before the output byte at the same
// address is written (transpose_xor touches disjoint 32-byte pieces), so in may equal out.
TLSX_TARGET_AVX2 void xor8(const ChaCha20State& s, const std::uint8_t* in,
                           std::uint8_t* out) noexcept {
  __m256i x[16];
  blocks8(s, x);
  transpose_xor(x, in, out);
  transpose_xor(x + 8, in + 32, out + 32);
}

// ---- four blocks in 128-bit registers, for tails ----

template <int N>
TLSX_TARGET_AVX2 inline __m128i rotl(__m128i v) noexcept {
  if constexpr (N == 16) {
    return _mm_shuffle_epi8(v, _mm_setr_epi8(2, 3, 0, 1, 6, 7, 4, 5, 10, 11, 8, 9, 14, 15, 12, 13));
  } else if constexpr (N == 8) {
    return _mm_shuffle_epi8(v, _mm_setr_epi8(3, 0, 1, 2, 7, 4, 5, 6, 11, 8, 9, 10, 15, 12, 13, 14));
  } else {
    return _mm_or_si128(_mm_slli_epi32(v, N), _mm_srli_epi32(v, 32 - N));
  }
}

TLSX_TARGET_AVX2 inline void quarter_round(__m128i& a, __m128i& b, __m128i& c,
                                           __m128i& d) noexcept {
  a = _mm_add_epi32(a, b), d = rotl<16>(_mm_xor_si128(d, a));
  c = _mm_add_epi32(c, d), b = rotl<12>(_mm_xor_si128(b, c));
  a = _mm_add_epi32(a, b), d = rotl<8>(_mm_xor_si128(d, a));
  c = _mm_add_epi32(c, d), b = rotl<7>(_mm_xor_si128(b, c));
}

// in/out: four whole blocks (in may equal out).
TLSX_TARGET_AVX2 void xor4(const ChaCha20State& s, const std::uint8_t* in,
                           std::uint8_t* out) noexcept {
  const __m128i lane_offsets = _mm_setr_epi32(0, 1, 2, 3);
  __m128i x[16];
#pragma GCC unroll 16
  for (int i = 0; i < 16; ++i) x[i] = _mm_set1_epi32(static_cast<int>(s.w[i]));
  x[12] = _mm_add_epi32(x[12], lane_offsets);
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
  for (int i = 0; i < 16; ++i) x[i] = _mm_add_epi32(x[i], _mm_set1_epi32(static_cast<int>(s.w[i])));
  x[12] = _mm_add_epi32(x[12], lane_offsets);
  // A 4x4 transpose per group of four words gives 16 bytes of each block.
#pragma GCC unroll 4
  for (std::size_t g = 0; g < 4; ++g) {
    const __m128i* y = x + 4 * g;
    const __m128i lo01 = _mm_unpacklo_epi32(y[0], y[1]);
    const __m128i hi01 = _mm_unpackhi_epi32(y[0], y[1]);
    const __m128i lo23 = _mm_unpacklo_epi32(y[2], y[3]);
    const __m128i hi23 = _mm_unpackhi_epi32(y[2], y[3]);
    const __m128i block[4] = {_mm_unpacklo_epi64(lo01, lo23), _mm_unpackhi_epi64(lo01, lo23),
                              _mm_unpacklo_epi64(hi01, hi23), _mm_unpackhi_epi64(hi01, hi23)};
#pragma GCC unroll 4
    for (std::size_t k = 0; k < 4; ++k) {
      const std::size_t at = 64 * k + 16 * g;
      const __m128i v = _mm_loadu_si128(reinterpret_cast<const __m128i*>(in + at));
      _mm_storeu_si128(reinterpret_cast<__m128i*>(out + at), _mm_xor_si128(v, block[k]));
    }
  }
}

// A tail of len < Full bytes through a buffer that the Full-byte function can work on whole.
template <std::size_t Full>
void xor_partial(void (*blocks)(const ChaCha20State&, const std::uint8_t*, std::uint8_t*),
                 const ChaCha20State& s, const std::uint8_t* in, std::uint8_t* out,
                 std::size_t len) noexcept {
  alignas(32) std::uint8_t buf[Full];
  std::memcpy(buf, in, len);
  std::memset(buf + len, 0, Full - len);
  blocks(s, buf, buf);
  std::memcpy(out, buf, len);
  secure_wipe(buf, sizeof buf);
}

}  // namespace

void chacha20_xor_avx2(const ChaCha20State& state, const std::uint8_t* in, std::uint8_t* out,
                       std::size_t len) noexcept {
  ChaCha20State s = state;
  for (; len >= kStride; len -= kStride, in += kStride, out += kStride) {
    xor8(s, in, out);
    s.w[12] += kLanes;
  }
  if (len > kHalfStride) {
    xor_partial<kStride>(xor8, s, in, out, len);
  } else if (len == kHalfStride) {
    xor4(s, in, out);
  } else if (len > 0) {
    xor_partial<kHalfStride>(xor4, s, in, out, len);
  }
  secure_wipe(s.w.data(), sizeof s.w);
}

}  // namespace tlsx::crypto::builtin

#else  // no x86 intrinsics: never selected (chacha20_kernel_available() is false)

namespace tlsx::crypto::builtin {
void chacha20_xor_avx2(const ChaCha20State& state, const std::uint8_t* in, std::uint8_t* out,
                       std::size_t len) noexcept {
  chacha20_xor_portable(state, in, out, len);
}
}  // namespace tlsx::crypto::builtin

#endif
