// The AVX2 ChaCha20 kernel: eight blocks per iteration.
//
// Register i holds state word i of eight consecutive blocks (one per 32-bit lane; the counter
// lane j is counter + j), so the rounds are plain lane-wise adds, XORs and rotations with no
// shuffling between rounds. Rotations by 16 and 8 are byte shuffles, by 12 and 7 two shifts and
// an OR. After the rounds an 8x8 transpose of 32-bit words turns the word-sliced registers back
// into eight serialized blocks. A tail shorter than 512 bytes runs the same eight blocks over a
// local buffer (narrower registers would not be faster: 128-bit and 256-bit operations have the
// same throughput on AVX2 processors).
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

}  // namespace

void chacha20_xor_avx2(const ChaCha20State& state, const std::uint8_t* in, std::uint8_t* out,
                       std::size_t len) noexcept {
  ChaCha20State s = state;
  for (; len >= kStride; len -= kStride, in += kStride, out += kStride) {
    xor8(s, in, out);
    s.w[12] += kLanes;
  }
  if (len > 0) chacha20_xor_via_buffer<kStride>(xor8, s, in, out, len);
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
