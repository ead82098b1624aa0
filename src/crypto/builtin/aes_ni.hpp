// AES-128/256 with the AES-NI instructions: key expansion, single blocks, and the multi-block
// loops (ECB, CBC) that keep eight independent blocks in flight to hide the AESENC latency.
//
// Every function here executes AES-NI instructions: call them only when aesni_available().
// AES-NI runs in constant time (no tables), so nothing here depends on secret data for timing.
#pragma once

#include <cstddef>
#include <cstdint>

#include "tlsx/crypto/provider.hpp"

#if defined(__x86_64__) || defined(__i386__)
#define TLSX_HAVE_X86_INTRINSICS 1
#include <immintrin.h>
#else
#define TLSX_HAVE_X86_INTRINSICS 0
#endif

/// Marks a function that uses AES-NI, PCLMULQDQ or SSE4.1 intrinsics. The rest of the library is
/// built for baseline x86-64; such functions run only after a CPU feature check.
#define TLSX_TARGET_AESNI __attribute__((target("aes,sse4.1,pclmul")))

namespace tlsx::crypto::builtin {

/// True when the CPU has AES-NI and SSE4.1 (and TLSX_CPU_PORTABLE is not set).
[[nodiscard]] bool aesni_available() noexcept;

#if TLSX_HAVE_X86_INTRINSICS

/// An expanded AES-128 or AES-256 key in AES-NI form: the encryption round keys and the
/// decryption round keys of the "equivalent inverse cipher" (FIPS-197 §5.3.5, which is what
/// AESDEC expects). Owns its key material and wipes it on destruction.
class AesNiKey {
 public:
  /// key.size() must be 16 or 32 (callers check). Requires aesni_available().
  explicit AesNiKey(Bytes key) noexcept;
  ~AesNiKey();
  AesNiKey(const AesNiKey&) = delete;
  AesNiKey& operator=(const AesNiKey&) = delete;

  /// 10 for AES-128, 14 for AES-256.
  [[nodiscard]] int rounds() const noexcept { return rounds_; }
  /// Encryption round keys 0..rounds().
  [[nodiscard]] const __m128i* enc() const noexcept { return enc_; }
  /// Decryption round keys 0..rounds() in the order AESDEC consumes them.
  [[nodiscard]] const __m128i* dec() const noexcept { return dec_; }

 private:
  __m128i enc_[15];
  __m128i dec_[15];
  int rounds_ = 0;
};

/// One block through the cipher, for callers that already hold it in a register.
TLSX_TARGET_AESNI inline __m128i aesni_encrypt(const AesNiKey& key, __m128i block) noexcept {
  const __m128i* k = key.enc();
  block = _mm_xor_si128(block, k[0]);
  for (int r = 1; r < key.rounds(); ++r) block = _mm_aesenc_si128(block, k[r]);
  return _mm_aesenclast_si128(block, k[key.rounds()]);
}

TLSX_TARGET_AESNI inline __m128i aesni_decrypt(const AesNiKey& key, __m128i block) noexcept {
  const __m128i* k = key.dec();
  block = _mm_xor_si128(block, k[0]);
  for (int r = 1; r < key.rounds(); ++r) block = _mm_aesdec_si128(block, k[r]);
  return _mm_aesdeclast_si128(block, k[key.rounds()]);
}

/// ECB over `blocks` whole blocks (the raw block function, eight at a time). in may equal out.
void aesni_encrypt_blocks(const AesNiKey& key, const std::uint8_t* in, std::uint8_t* out,
                          std::size_t blocks) noexcept;
void aesni_decrypt_blocks(const AesNiKey& key, const std::uint8_t* in, std::uint8_t* out,
                          std::size_t blocks) noexcept;

/// CBC over whole blocks. iv (16 bytes) is updated to the last ciphertext block so that calls
/// can be chained. in may equal out.
void aesni_cbc_encrypt(const AesNiKey& key, std::uint8_t* iv, const std::uint8_t* in,
                       std::uint8_t* out, std::size_t blocks) noexcept;
void aesni_cbc_decrypt(const AesNiKey& key, std::uint8_t* iv, const std::uint8_t* in,
                       std::uint8_t* out, std::size_t blocks) noexcept;

#endif  // TLSX_HAVE_X86_INTRINSICS

}  // namespace tlsx::crypto::builtin
