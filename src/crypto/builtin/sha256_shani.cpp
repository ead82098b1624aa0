// SHA-256 compression with the x86 SHA extensions (SHA-NI).
//
// Implementation notes:
//  - sha256rnds2 performs two rounds on a state split across two registers in the order
//    {A,B,E,F} and {C,D,G,H} (high to low lanes), so the H0..H7 array is shuffled into that
//    layout once per call and back at the end. Keeping the state in registers across all blocks
//    of a call is what makes multi-block updates fast.
//  - Each group of four rounds ("quad" i, rounds 4i..4i+3) consumes message words W[4i..4i+3],
//    held in one of four rotating registers msg[i % 4]. For i >= 4 those words are produced in
//    two steps: sha256msg1 (the sigma0 part, started three quads ahead) and sha256msg2 (the
//    sigma1 part, finished one quad ahead), with the W[t-7] term added in between.
//  - The per-quad code is a template over i, so every register index is a compile-time constant
//    and the 16 quads unroll completely.
#include <immintrin.h>

#include <cstddef>
#include <cstdint>
#include <utility>

#include "crypto/builtin/sha256_compress.hpp"

#define TLSX_TARGET_SHANI __attribute__((target("sha,sse4.1,ssse3")))

namespace tlsx::crypto::builtin::sha256 {
namespace {

// Four round constants K[4i..4i+3], lowest round in the lowest lane.
template <int kQuad>
TLSX_TARGET_SHANI inline __m128i round_constants() noexcept {
  return _mm_set_epi32(static_cast<int>(kRoundConstants[4 * kQuad + 3]),
                       static_cast<int>(kRoundConstants[4 * kQuad + 2]),
                       static_cast<int>(kRoundConstants[4 * kQuad + 1]),
                       static_cast<int>(kRoundConstants[4 * kQuad + 0]));
}

// Rounds 4i..4i+3 and the message-schedule work that is interleaved with them.
template <int kQuad>
TLSX_TARGET_SHANI __attribute__((always_inline)) inline void quad(__m128i& abef, __m128i& cdgh,
                                                                  __m128i (&msg)[4],
                                                                  const std::uint8_t* block,
                                                                  __m128i byte_swap) noexcept {
  constexpr int kCur = kQuad % 4;
  constexpr int kNext = (kQuad + 1) % 4;
  constexpr int kPrev = (kQuad + 3) % 4;
  if constexpr (kQuad < 4) {
    // W[0..15] are the block's big-endian words.
    msg[kCur] = _mm_shuffle_epi8(
        _mm_loadu_si128(reinterpret_cast<const __m128i*>(block + 16 * kQuad)), byte_swap);
  }
  __m128i wk = _mm_add_epi32(msg[kCur], round_constants<kQuad>());
  cdgh = _mm_sha256rnds2_epu32(cdgh, abef, wk);
  if constexpr (kQuad >= 3 && kQuad <= 14) {
    // Finish W[4i+4..4i+7]: add W[t-7] (straddling msg[kPrev] and msg[kCur]), then sigma1.
    msg[kNext] = _mm_add_epi32(msg[kNext], _mm_alignr_epi8(msg[kCur], msg[kPrev], 4));
    msg[kNext] = _mm_sha256msg2_epu32(msg[kNext], msg[kCur]);
  }
  wk = _mm_shuffle_epi32(wk, 0x0e);  // the upper two W+K words for the next two rounds
  abef = _mm_sha256rnds2_epu32(abef, cdgh, wk);
  if constexpr (kQuad >= 1 && kQuad <= 12) {
    // Start W[4i+12..4i+15] (stored over W[4i-4..4i-1], no longer needed): the sigma0 part.
    msg[kPrev] = _mm_sha256msg1_epu32(msg[kPrev], msg[kCur]);
  }
}

template <int... kQuads>
TLSX_TARGET_SHANI __attribute__((always_inline)) inline void all_quads(
    __m128i& abef, __m128i& cdgh, const std::uint8_t* block, __m128i byte_swap,
    std::integer_sequence<int, kQuads...> /*quads*/) noexcept {
  __m128i msg[4];
  (quad<kQuads>(abef, cdgh, msg, block, byte_swap), ...);
}

}  // namespace

TLSX_TARGET_SHANI void compress_shani(std::uint32_t* state, const std::uint8_t* blocks,
                                      std::size_t count) noexcept {
  // Byte-swaps each 32-bit lane: message words are big-endian.
  const __m128i byte_swap = _mm_set_epi64x(0x0c0d0e0f08090a0bLL, 0x0405060700010203LL);

  // H0..H7 (lanes D C B A and H G F E from high to low) -> ABEF and CDGH.
  const __m128i dcba = _mm_loadu_si128(reinterpret_cast<const __m128i*>(state));
  const __m128i hgfe = _mm_loadu_si128(reinterpret_cast<const __m128i*>(state + 4));
  const __m128i cdab = _mm_shuffle_epi32(dcba, 0xb1);
  const __m128i efgh = _mm_shuffle_epi32(hgfe, 0x1b);
  __m128i abef = _mm_alignr_epi8(cdab, efgh, 8);
  __m128i cdgh = _mm_blend_epi16(efgh, cdab, 0xf0);

  for (; count != 0; --count, blocks += 64) {
    const __m128i abef_in = abef;
    const __m128i cdgh_in = cdgh;
    all_quads(abef, cdgh, blocks, byte_swap, std::make_integer_sequence<int, 16>{});
    abef = _mm_add_epi32(abef, abef_in);
    cdgh = _mm_add_epi32(cdgh, cdgh_in);
  }

  // ABEF and CDGH -> H0..H7.
  const __m128i feba = _mm_shuffle_epi32(abef, 0x1b);
  const __m128i dchg = _mm_shuffle_epi32(cdgh, 0xb1);
  _mm_storeu_si128(reinterpret_cast<__m128i*>(state), _mm_blend_epi16(feba, dchg, 0xf0));
  _mm_storeu_si128(reinterpret_cast<__m128i*>(state + 4), _mm_alignr_epi8(dchg, feba, 8));
}

}  // namespace tlsx::crypto::builtin::sha256
