// The AES-NI + PCLMULQDQ GCM kernel. Implementation notes:
// - CTR runs eight counter blocks per iteration so that the AESENC pipeline stays full.
// - GHASH is "stitched" into the same loop: after each of the first eight AES rounds one block is
//   multiplied by the matching power of H (aggregated reduction, see ghash_clmul.hpp), so the
//   AES and carry-less multiply units work at the same time. Decryption hashes the group it is
//   decrypting (its input); encryption hashes the previous group's ciphertext while it encrypts
//   the next, and hashes the last group after the loop.
// - The counter is kept byte-reversed, where the big-endian 32-bit counter is the low dword, so
//   _mm_add_epi32 is exactly SP 800-38D's inc32 (wrapping modulo 2^32, other bytes untouched).
#include "crypto/builtin/aes_ni.hpp"
#include "crypto/builtin/gcm_kernel.hpp"
#include "crypto/builtin/ghash_clmul.hpp"
#include "tlsx/crypto/constant_time.hpp"

namespace tlsx::crypto::builtin {

#if TLSX_HAVE_X86_INTRINSICS

namespace {

constexpr int kLanes = 8;

TLSX_TARGET_AESNI inline __m128i load(const std::uint8_t* p) noexcept {
  return _mm_loadu_si128(reinterpret_cast<const __m128i*>(p));
}
TLSX_TARGET_AESNI inline void store(std::uint8_t* p, __m128i v) noexcept {
  _mm_storeu_si128(reinterpret_cast<__m128i*>(p), v);
}

// Counter block j positions after ctr (ctr held byte-reversed).
TLSX_TARGET_AESNI inline __m128i counter_block(__m128i ctr, int j) noexcept {
  return byte_reverse(_mm_add_epi32(ctr, _mm_set_epi32(0, 0, 0, j)));
}

// s[j] = AES_K(counter block j) for the eight lanes.
template <int Rounds>
TLSX_TARGET_AESNI inline void aes8_ctr(const __m128i* k, __m128i ctr, __m128i* s) noexcept {
#pragma GCC unroll 8
  for (int j = 0; j < kLanes; ++j) s[j] = _mm_xor_si128(counter_block(ctr, j), k[0]);
#pragma GCC unroll 16
  for (int r = 1; r < Rounds; ++r) {
#pragma GCC unroll 8
    for (int j = 0; j < kLanes; ++j) s[j] = _mm_aesenc_si128(s[j], k[r]);
  }
#pragma GCC unroll 8
  for (int j = 0; j < kLanes; ++j) s[j] = _mm_aesenclast_si128(s[j], k[Rounds]);
}

// aes8_ctr with the GHASH of eight reflected blocks x[0..7] (the state already folded into x[0])
// interleaved, one multiplication per round; returns the new state.
template <int Rounds>
TLSX_TARGET_AESNI inline __m128i aes8_ctr_ghash8(const __m128i* k, __m128i ctr, __m128i* s,
                                                 const GhashClmulKey& hk,
                                                 const __m128i* x) noexcept {
  static_assert(Rounds > kLanes, "one multiplication per inner round");
  ClmulAcc acc = clmul_acc_zero();
#pragma GCC unroll 8
  for (int j = 0; j < kLanes; ++j) s[j] = _mm_xor_si128(counter_block(ctr, j), k[0]);
#pragma GCC unroll 16
  for (int r = 1; r < Rounds; ++r) {
#pragma GCC unroll 8
    for (int j = 0; j < kLanes; ++j) s[j] = _mm_aesenc_si128(s[j], k[r]);
    if (r <= kLanes) clmul_acc(acc, x[r - 1], hk.power(kLanes + 1 - r), hk.kara(kLanes + 1 - r));
  }
#pragma GCC unroll 8
  for (int j = 0; j < kLanes; ++j) s[j] = _mm_aesenclast_si128(s[j], k[Rounds]);
  return clmul_reduce(acc);
}

// One block at a time, for the last (blocks mod 8) blocks.
TLSX_TARGET_AESNI void ctr_ghash_tail(const AesNiKey& aes, const GhashClmulKey& hk, bool encrypt,
                                      __m128i& ctr, __m128i& y, const std::uint8_t* in,
                                      std::uint8_t* out, std::size_t blocks) noexcept {
  const __m128i one = _mm_set_epi32(0, 0, 0, 1);
  for (; blocks > 0; --blocks, in += 16, out += 16) {
    const __m128i input = load(in);
    const __m128i output = _mm_xor_si128(input, aesni_encrypt(aes, byte_reverse(ctr)));
    ctr = _mm_add_epi32(ctr, one);
    const __m128i cipher = encrypt ? output : input;
    y = clmul_mul(_mm_xor_si128(y, byte_reverse(cipher)), hk);
    store(out, output);
  }
}

template <int Rounds>
TLSX_TARGET_AESNI void encrypt_impl(const AesNiKey& aes, const GhashClmulKey& hk,
                                    std::uint8_t* ctr_bytes, std::uint8_t* y_bytes,
                                    const std::uint8_t* in, std::uint8_t* out,
                                    std::size_t blocks) noexcept {
  const __m128i* k = aes.enc();
  const __m128i step = _mm_set_epi32(0, 0, 0, kLanes);
  __m128i ctr = byte_reverse(load(ctr_bytes));
  __m128i y = byte_reverse(load(y_bytes));
  if (blocks >= kLanes) {
    __m128i s[kLanes];
    __m128i pending[kLanes];  // reflected ciphertext of the previous group, not yet hashed
    aes8_ctr<Rounds>(k, ctr, s);
    ctr = _mm_add_epi32(ctr, step);
#pragma GCC unroll 8
    for (int j = 0; j < kLanes; ++j) {
      const __m128i c = _mm_xor_si128(s[j], load(in + 16 * j));
      store(out + 16 * j, c);
      pending[j] = byte_reverse(c);
    }
    blocks -= kLanes, in += 16 * kLanes, out += 16 * kLanes;
    for (; blocks >= kLanes; blocks -= kLanes, in += 16 * kLanes, out += 16 * kLanes) {
      pending[0] = _mm_xor_si128(pending[0], y);
      y = aes8_ctr_ghash8<Rounds>(k, ctr, s, hk, pending);
      ctr = _mm_add_epi32(ctr, step);
#pragma GCC unroll 8
      for (int j = 0; j < kLanes; ++j) {
        const __m128i c = _mm_xor_si128(s[j], load(in + 16 * j));
        store(out + 16 * j, c);
        pending[j] = byte_reverse(c);
      }
    }
    y = clmul_ghash8(hk, y, pending);
  }
  ctr_ghash_tail(aes, hk, true, ctr, y, in, out, blocks);
  store(ctr_bytes, byte_reverse(ctr));
  store(y_bytes, byte_reverse(y));
}

template <int Rounds>
TLSX_TARGET_AESNI void decrypt_impl(const AesNiKey& aes, const GhashClmulKey& hk,
                                    std::uint8_t* ctr_bytes, std::uint8_t* y_bytes,
                                    const std::uint8_t* in, std::uint8_t* out,
                                    std::size_t blocks) noexcept {
  const __m128i* k = aes.enc();
  const __m128i step = _mm_set_epi32(0, 0, 0, kLanes);
  __m128i ctr = byte_reverse(load(ctr_bytes));
  __m128i y = byte_reverse(load(y_bytes));
  for (; blocks >= kLanes; blocks -= kLanes, in += 16 * kLanes, out += 16 * kLanes) {
    __m128i s[kLanes];
    __m128i x[kLanes];
#pragma GCC unroll 8
    for (int j = 0; j < kLanes; ++j) x[j] = byte_reverse(load(in + 16 * j));
    x[0] = _mm_xor_si128(x[0], y);
    y = aes8_ctr_ghash8<Rounds>(k, ctr, s, hk, x);
    ctr = _mm_add_epi32(ctr, step);
    // Each input block is read before the output block at the same address is written.
#pragma GCC unroll 8
    for (int j = 0; j < kLanes; ++j) store(out + 16 * j, _mm_xor_si128(s[j], load(in + 16 * j)));
  }
  ctr_ghash_tail(aes, hk, false, ctr, y, in, out, blocks);
  store(ctr_bytes, byte_reverse(ctr));
  store(y_bytes, byte_reverse(y));
}

// H = AES_K(0^128), the GHASH key.
class HashSubkey {
 public:
  TLSX_TARGET_AESNI explicit HashSubkey(const AesNiKey& aes) noexcept {
    store(bytes_, aesni_encrypt(aes, _mm_setzero_si128()));
  }
  ~HashSubkey() { secure_wipe(bytes_, sizeof bytes_); }
  HashSubkey(const HashSubkey&) = delete;
  HashSubkey& operator=(const HashSubkey&) = delete;
  [[nodiscard]] const std::uint8_t* data() const noexcept { return bytes_; }

 private:
  std::uint8_t bytes_[16] = {};
};

class AesNiGcmKernel final : public GcmKernel {
 public:
  explicit AesNiGcmKernel(Bytes key) noexcept : aes_(key), ghash_key_(HashSubkey(aes_).data()) {}

  TLSX_TARGET_AESNI void encrypt_block(const std::uint8_t* in,
                                       std::uint8_t* out) noexcept override {
    store(out, aesni_encrypt(aes_, load(in)));
  }

  void ghash(std::uint8_t* y, const std::uint8_t* data, std::size_t blocks) noexcept override {
    ghash_clmul(ghash_key_, y, data, blocks);
  }

  void encrypt(std::uint8_t* ctr, std::uint8_t* y, const std::uint8_t* in, std::uint8_t* out,
               std::size_t blocks) noexcept override {
    if (aes_.rounds() == 10) {
      encrypt_impl<10>(aes_, ghash_key_, ctr, y, in, out, blocks);
    } else {
      encrypt_impl<14>(aes_, ghash_key_, ctr, y, in, out, blocks);
    }
  }

  void decrypt(std::uint8_t* ctr, std::uint8_t* y, const std::uint8_t* in, std::uint8_t* out,
               std::size_t blocks) noexcept override {
    if (aes_.rounds() == 10) {
      decrypt_impl<10>(aes_, ghash_key_, ctr, y, in, out, blocks);
    } else {
      decrypt_impl<14>(aes_, ghash_key_, ctr, y, in, out, blocks);
    }
  }

 private:
  AesNiKey aes_;
  GhashClmulKey ghash_key_;
};

}  // namespace

bool gcm_kernel_aesni_available() noexcept {
  return aesni_available() && clmul_available();
}

std::unique_ptr<GcmKernel> make_gcm_kernel_aesni(Bytes key) {
  return std::make_unique<AesNiGcmKernel>(key);
}

#else

bool gcm_kernel_aesni_available() noexcept {
  return false;
}

std::unique_ptr<GcmKernel> make_gcm_kernel_aesni(Bytes /*key*/) {
  return nullptr;
}

#endif  // TLSX_HAVE_X86_INTRINSICS

}  // namespace tlsx::crypto::builtin
