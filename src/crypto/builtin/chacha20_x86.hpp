// Pieces shared by the x86 ChaCha20 kernels (chacha20_avx2.cpp, chacha20_avx512.cpp).
#pragma once

#include <cstddef>
#include <cstdint>
#include <cstring>

#include "crypto/builtin/chacha20.hpp"
#include "tlsx/crypto/constant_time.hpp"

#if defined(__x86_64__) || defined(__i386__)
#define TLSX_CHACHA20_X86 1
// GCC 12's AVX-512 intrinsics fill don't-care operands from _mm512_undefined_epi32(), a
// deliberately self-initialized variable that -Wuninitialized and -Wmaybe-uninitialized flag once
// inlined. The diagnostic is reported at the header's lines, so it is silenced for the header only.
#if defined(__GNUC__) && !defined(__clang__)
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wuninitialized"
#pragma GCC diagnostic ignored "-Wmaybe-uninitialized"
#include <immintrin.h>
#pragma GCC diagnostic pop
#else
#include <immintrin.h>
#endif
#else
#define TLSX_CHACHA20_X86 0
#endif

namespace tlsx::crypto::builtin {

#if TLSX_CHACHA20_X86

/// x[i] holds word i of eight consecutive blocks (one per 32-bit lane). XORs the eight
/// serialized blocks into the 512 bytes at in, to out: an 8x8 transpose of 32-bit words, done as
/// 4x4 transposes inside each 128-bit half and a swap of halves. Each 32-byte piece of input is
/// read before the same piece of output is written, so in may equal out.
__attribute__((target("avx2"), always_inline)) inline void chacha20_serialize8_xor(
    const __m256i* x, const std::uint8_t* in, std::uint8_t* out) noexcept {
#pragma GCC unroll 2
  for (std::size_t w = 0; w < 16; w += 8) {  // words 0-7, then 8-15 (bytes 32-63 of each block)
    __m256i t[2][4];                         // t[h][k]: words w+4h..w+4h+3 of blocks k | k+4
#pragma GCC unroll 2
    for (std::size_t h = 0; h < 2; ++h) {
      const __m256i* y = x + w + 4 * h;
      const __m256i lo01 = _mm256_unpacklo_epi32(y[0], y[1]);
      const __m256i hi01 = _mm256_unpackhi_epi32(y[0], y[1]);
      const __m256i lo23 = _mm256_unpacklo_epi32(y[2], y[3]);
      const __m256i hi23 = _mm256_unpackhi_epi32(y[2], y[3]);
      t[h][0] = _mm256_unpacklo_epi64(lo01, lo23);
      t[h][1] = _mm256_unpackhi_epi64(lo01, lo23);
      t[h][2] = _mm256_unpacklo_epi64(hi01, hi23);
      t[h][3] = _mm256_unpackhi_epi64(hi01, hi23);
    }
#pragma GCC unroll 4
    for (std::size_t k = 0; k < 4; ++k) {
      const std::size_t lo = 64 * k + 4 * w;
      const std::size_t hi = 64 * (k + 4) + 4 * w;
      const __m256i block_lo = _mm256_permute2x128_si256(t[0][k], t[1][k], 0x20);
      const __m256i block_hi = _mm256_permute2x128_si256(t[0][k], t[1][k], 0x31);
      const __m256i in_lo = _mm256_loadu_si256(reinterpret_cast<const __m256i*>(in + lo));
      const __m256i in_hi = _mm256_loadu_si256(reinterpret_cast<const __m256i*>(in + hi));
      _mm256_storeu_si256(reinterpret_cast<__m256i*>(out + lo), _mm256_xor_si256(block_lo, in_lo));
      _mm256_storeu_si256(reinterpret_cast<__m256i*>(out + hi), _mm256_xor_si256(block_hi, in_hi));
    }
  }
}

#endif  // TLSX_CHACHA20_X86

/// A tail of len < Full bytes through a zero-padded local buffer, so that `blocks`, which works
/// on Full bytes, can run whole; the buffer is wiped afterwards.
template <std::size_t Full>
void chacha20_xor_via_buffer(void (*blocks)(const ChaCha20State&, const std::uint8_t*,
                                            std::uint8_t*) noexcept,
                             const ChaCha20State& s, const std::uint8_t* in, std::uint8_t* out,
                             std::size_t len) noexcept {
  alignas(64) std::uint8_t buf[Full];
  std::memcpy(buf, in, len);
  std::memset(buf + len, 0, Full - len);
  blocks(s, buf, buf);
  std::memcpy(out, buf, len);
  secure_wipe(buf, sizeof buf);
}

}  // namespace tlsx::crypto::builtin
