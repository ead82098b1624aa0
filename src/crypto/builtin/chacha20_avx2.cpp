// The AVX2 ChaCha20 kernel: eight blocks per iteration.
//
// Register i holds state word i of eight consecutive blocks (one per 32-bit lane; the counter
// lane j is counter + j), so the rounds are plain lane-wise adds, XORs and rotations with no
// shuffling between rounds. Rotations by 16 and 8 are byte shuffles, by 12 and 7 two shifts and
// an OR. After the rounds an 8x8 transpose of 32-bit words turns the word-sliced registers back
// into eight serialized blocks. A tail of more than 256 bytes runs the same eight blocks over a
// local buffer; a shorter one four blocks row-wise (xor4), which takes fewer operations.
#include "crypto/builtin/chacha20.hpp"
#include "crypto/builtin/chacha20_x86.hpp"
#include "tlsx/crypto/constant_time.hpp"

#if TLSX_CHACHA20_X86

#define TLSX_TARGET_AVX2 __attribute__((target("avx2")))

namespace tlsx::crypto::builtin {
namespace {

constexpr std::size_t kLanes = 8;
constexpr std::size_t kStride = kLanes * kChaCha20BlockSize;  // 512 bytes

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

// in/out: eight whole blocks starting at block s.w[12] (in may equal out). The input words are
// broadcast again for the feed-forward rather than kept: the sixteen state registers already
// fill the register file.
TLSX_TARGET_AVX2 void xor8(const ChaCha20State& s, const std::uint8_t* in,
                           std::uint8_t* out) noexcept {
  const __m256i lane_offsets = _mm256_setr_epi32(0, 1, 2, 3, 4, 5, 6, 7);
  __m256i x[16];
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
  for (int i = 0; i < 16; ++i) {
    x[i] = _mm256_add_epi32(x[i], _mm256_set1_epi32(static_cast<int>(s.w[i])));
  }
  x[12] = _mm256_add_epi32(x[12], lane_offsets);
  chacha20_serialize8_xor(x, in, out);
}

// Four blocks for short tails, row-wise: two sets of four registers, each register holding one
// row (four words) of two blocks in its 128-bit halves. A quarter round is then one operation per
// row for both blocks, and the diagonal rounds rotate the words of rows 1-3 within each half.
// The two sets are independent chains, which hides part of each other's latency.
TLSX_TARGET_AVX2 void xor4(const ChaCha20State& s, const std::uint8_t* in,
                           std::uint8_t* out) noexcept {
  __m256i init[4], r0[4], r1[4];
#pragma GCC unroll 4
  for (std::size_t i = 0; i < 4; ++i) {
    init[i] =
        _mm256_broadcastsi128_si256(_mm_loadu_si128(reinterpret_cast<const __m128i*>(&s.w[4 * i])));
  }
  const __m256i two = _mm256_setr_epi32(2, 0, 0, 0, 2, 0, 0, 0);
  init[3] = _mm256_add_epi32(init[3], _mm256_setr_epi32(0, 0, 0, 0, 1, 0, 0, 0));  // blocks 0, 1
#pragma GCC unroll 4
  for (int i = 0; i < 4; ++i) r0[i] = init[i], r1[i] = init[i];
  r1[3] = _mm256_add_epi32(r1[3], two);  // blocks 2, 3
  for (int round = 0; round < 10; ++round) {
    quarter_round(r0[0], r0[1], r0[2], r0[3]);  // columns
    quarter_round(r1[0], r1[1], r1[2], r1[3]);
    r0[1] = _mm256_shuffle_epi32(r0[1], 0x39), r1[1] = _mm256_shuffle_epi32(r1[1], 0x39);
    r0[2] = _mm256_shuffle_epi32(r0[2], 0x4e), r1[2] = _mm256_shuffle_epi32(r1[2], 0x4e);
    r0[3] = _mm256_shuffle_epi32(r0[3], 0x93), r1[3] = _mm256_shuffle_epi32(r1[3], 0x93);
    quarter_round(r0[0], r0[1], r0[2], r0[3]);  // diagonals
    quarter_round(r1[0], r1[1], r1[2], r1[3]);
    r0[1] = _mm256_shuffle_epi32(r0[1], 0x93), r1[1] = _mm256_shuffle_epi32(r1[1], 0x93);
    r0[2] = _mm256_shuffle_epi32(r0[2], 0x4e), r1[2] = _mm256_shuffle_epi32(r1[2], 0x4e);
    r0[3] = _mm256_shuffle_epi32(r0[3], 0x39), r1[3] = _mm256_shuffle_epi32(r1[3], 0x39);
  }
#pragma GCC unroll 4
  for (int i = 0; i < 4; ++i) {
    r0[i] = _mm256_add_epi32(r0[i], init[i]);
    r1[i] = _mm256_add_epi32(r1[i], init[i]);
  }
  r1[3] = _mm256_add_epi32(r1[3], two);
  // Block 2j+h = half h of rows 0-3 of set j.
#pragma GCC unroll 2
  for (std::size_t j = 0; j < 2; ++j) {
    const __m256i* r = j == 0 ? r0 : r1;
    const __m256i rows[4] = {
        _mm256_permute2x128_si256(r[0], r[1], 0x20), _mm256_permute2x128_si256(r[2], r[3], 0x20),
        _mm256_permute2x128_si256(r[0], r[1], 0x31), _mm256_permute2x128_si256(r[2], r[3], 0x31)};
#pragma GCC unroll 4
    for (std::size_t q = 0; q < 4; ++q) {
      const std::size_t at = 128 * j + 32 * q;
      const __m256i v = _mm256_loadu_si256(reinterpret_cast<const __m256i*>(in + at));
      _mm256_storeu_si256(reinterpret_cast<__m256i*>(out + at), _mm256_xor_si256(v, rows[q]));
    }
  }
}

}  // namespace

void chacha20_xor_avx2(const ChaCha20State& state, const std::uint8_t* in, std::uint8_t* out,
                       std::size_t len) noexcept {
  ChaCha20State s = state;
  for (; len >= kStride; len -= kStride, in += kStride, out += kStride) {
    xor8(s, in, out);
    s.w[12] += kLanes;
  }
  if (len > kStride / 2) {
    chacha20_xor_via_buffer<kStride>(xor8, s, in, out, len);
  } else if (len == kStride / 2) {
    xor4(s, in, out);
  } else if (len > 0) {
    chacha20_xor_via_buffer<kStride / 2>(xor4, s, in, out, len);
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
