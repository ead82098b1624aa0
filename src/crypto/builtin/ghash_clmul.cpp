// GHASH with PCLMULQDQ. Implementation notes (the reduction in ghash_clmul.hpp):
//
// Let P = A·B be the carry-less product of two reflected elements. Coefficient k of the field
// product sits at integer bit 254-k of P, so P << 1 puts it at bit 255-k: the 256-bit value
// [hi:lo] holds coefficients 0..127 in hi (reflected, as wanted) and 128..255 in lo, with
// coefficient k at lo bit 255-k. Reduction uses x^128 = x^7 + x^2 + x + 1, so a term x^k with
// k >= 128 adds x^(k-128), x^(k-127), x^(k-126), x^(k-121); for lo bit p (k = 255-p) those land
// at 256-bit positions p+128, p+127, p+126, p+121, that is lo shifted left by 128, 127, 126 and
// 121 as a 256-bit number. The part that lands in hi is lo ^ lo>>1 ^ lo>>2 ^ lo>>7 (128-bit
// shifts). Only lo bits 0..6 land back in lo (at bits 121..127) as new high-degree terms; phase
// 1 folds them into lo before phase 2 moves everything into hi. Their own images lie at bits
// >= 242, so two phases suffice.
#include "crypto/builtin/ghash_clmul.hpp"

#include "crypto/cpu_features.hpp"
#include "tlsx/crypto/constant_time.hpp"

namespace tlsx::crypto::builtin {

bool clmul_available() noexcept {
  const CpuFeatures& f = cpu_features();
  return f.pclmul && f.sse41;
}

#if TLSX_HAVE_X86_INTRINSICS

namespace {

TLSX_TARGET_AESNI inline __m128i load_reflected(const std::uint8_t* p) noexcept {
  return byte_reverse(_mm_loadu_si128(reinterpret_cast<const __m128i*>(p)));
}

}  // namespace

TLSX_TARGET_AESNI GhashClmulKey::GhashClmulKey(const std::uint8_t* h) noexcept {
  const __m128i h1 = load_reflected(h);
  powers_[0] = h1;
  karas_[0] = _mm_xor_si128(h1, _mm_shuffle_epi32(h1, 0x4e));
  for (int i = 1; i < kPowers; ++i) {
    ClmulAcc acc = clmul_acc_zero();
    clmul_acc(acc, powers_[i - 1], h1, karas_[0]);
    powers_[i] = clmul_reduce(acc);
    karas_[i] = _mm_xor_si128(powers_[i], _mm_shuffle_epi32(powers_[i], 0x4e));
  }
}

GhashClmulKey::~GhashClmulKey() {
  secure_wipe(powers_, sizeof powers_);
  secure_wipe(karas_, sizeof karas_);
}

TLSX_TARGET_AESNI void ghash_clmul(const GhashClmulKey& key, std::uint8_t* y_bytes,
                                   const std::uint8_t* data, std::size_t blocks) noexcept {
  __m128i y = load_reflected(y_bytes);
  for (; blocks >= 8; blocks -= 8, data += 128) {
    __m128i x[8];
#pragma GCC unroll 8
    for (int j = 0; j < 8; ++j) x[j] = load_reflected(data + 16 * j);
    y = clmul_ghash8(key, y, x);
  }
  for (; blocks > 0; --blocks, data += 16) {
    y = clmul_mul(_mm_xor_si128(y, load_reflected(data)), key);
  }
  _mm_storeu_si128(reinterpret_cast<__m128i*>(y_bytes), byte_reverse(y));
}

#endif  // TLSX_HAVE_X86_INTRINSICS

}  // namespace tlsx::crypto::builtin
