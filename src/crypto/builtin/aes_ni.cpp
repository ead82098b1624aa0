// AES with AES-NI. Implementation notes:
// - Key expansion follows FIPS-197 §5.2 with AESKEYGENASSIST doing SubWord/RotWord/Rcon; the
//   three shift-and-xor steps compute the running xor w[i-4] ^ w[i-8] ^ ... of the schedule.
// - AESENC has a latency of several cycles but the CPU can start one or two per cycle, so the
//   multi-block loops run eight independent blocks per iteration. CBC encryption cannot: each
//   block depends on the previous ciphertext.
#include "crypto/builtin/aes_ni.hpp"

#include "crypto/cpu_features.hpp"
#include "tlsx/crypto/constant_time.hpp"

namespace tlsx::crypto::builtin {

bool aesni_available() noexcept {
  const CpuFeatures& f = cpu_features();
  return f.aesni && f.sse41;
}

#if TLSX_HAVE_X86_INTRINSICS

namespace {

constexpr int kLanes = 8;  // blocks in flight per loop iteration

// w[i..i+3] = w[i-nk..i-nk+3] running-xored, plus the broadcast SubWord/RotWord/Rcon word.
TLSX_TARGET_AESNI __m128i expand_step(__m128i prev, __m128i assist_word) noexcept {
  prev = _mm_xor_si128(prev, _mm_slli_si128(prev, 4));
  prev = _mm_xor_si128(prev, _mm_slli_si128(prev, 4));
  prev = _mm_xor_si128(prev, _mm_slli_si128(prev, 4));
  return _mm_xor_si128(prev, assist_word);
}

// AESKEYGENASSIST takes Rcon as an immediate, hence the template.
template <int Rcon>
TLSX_TARGET_AESNI __m128i expand128(__m128i prev) noexcept {
  // Dword 3 of the assist is RotWord(SubWord(w[i-1])) ^ Rcon.
  return expand_step(prev, _mm_shuffle_epi32(_mm_aeskeygenassist_si128(prev, Rcon), 0xff));
}

template <int Rcon>
TLSX_TARGET_AESNI void expand256_pair(__m128i* k, int i) noexcept {
  // Even round keys: RotWord+SubWord+Rcon of the previous key's last word (dword 3).
  k[i] = expand_step(k[i - 2], _mm_shuffle_epi32(_mm_aeskeygenassist_si128(k[i - 1], Rcon), 0xff));
  if (i + 1 > 14) return;
  // Odd round keys: SubWord only (AES-256's extra step, FIPS-197 §5.2), which is dword 2.
  k[i + 1] = expand_step(k[i - 1], _mm_shuffle_epi32(_mm_aeskeygenassist_si128(k[i], 0), 0xaa));
}

TLSX_TARGET_AESNI void expand_key(Bytes key, __m128i* enc, __m128i* dec, int& rounds) noexcept {
  enc[0] = _mm_loadu_si128(reinterpret_cast<const __m128i*>(key.data()));
  if (key.size() == 16) {
    rounds = 10;
    enc[1] = expand128<0x01>(enc[0]);
    enc[2] = expand128<0x02>(enc[1]);
    enc[3] = expand128<0x04>(enc[2]);
    enc[4] = expand128<0x08>(enc[3]);
    enc[5] = expand128<0x10>(enc[4]);
    enc[6] = expand128<0x20>(enc[5]);
    enc[7] = expand128<0x40>(enc[6]);
    enc[8] = expand128<0x80>(enc[7]);
    enc[9] = expand128<0x1b>(enc[8]);
    enc[10] = expand128<0x36>(enc[9]);
  } else {
    rounds = 14;
    enc[1] = _mm_loadu_si128(reinterpret_cast<const __m128i*>(key.data() + 16));
    expand256_pair<0x01>(enc, 2);
    expand256_pair<0x02>(enc, 4);
    expand256_pair<0x04>(enc, 6);
    expand256_pair<0x08>(enc, 8);
    expand256_pair<0x10>(enc, 10);
    expand256_pair<0x20>(enc, 12);
    expand256_pair<0x40>(enc, 14);
  }
  // Equivalent inverse cipher: reversed order, InvMixColumns applied to the inner round keys.
  dec[0] = enc[rounds];
  for (int r = 1; r < rounds; ++r) dec[r] = _mm_aesimc_si128(enc[rounds - r]);
  dec[rounds] = enc[0];
}

TLSX_TARGET_AESNI inline __m128i load(const std::uint8_t* p) noexcept {
  return _mm_loadu_si128(reinterpret_cast<const __m128i*>(p));
}
TLSX_TARGET_AESNI inline void store(std::uint8_t* p, __m128i v) noexcept {
  _mm_storeu_si128(reinterpret_cast<__m128i*>(p), v);
}

}  // namespace

AesNiKey::AesNiKey(Bytes key) noexcept {
  expand_key(key, enc_, dec_, rounds_);
}

AesNiKey::~AesNiKey() {
  secure_wipe(enc_, sizeof enc_);
  secure_wipe(dec_, sizeof dec_);
}

TLSX_TARGET_AESNI void aesni_encrypt_blocks(const AesNiKey& key, const std::uint8_t* in,
                                            std::uint8_t* out, std::size_t blocks) noexcept {
  const __m128i* k = key.enc();
  const int rounds = key.rounds();
  for (; blocks >= kLanes; blocks -= kLanes, in += 16 * kLanes, out += 16 * kLanes) {
    __m128i b[kLanes];
#pragma GCC unroll 8
    for (int j = 0; j < kLanes; ++j) b[j] = _mm_xor_si128(load(in + 16 * j), k[0]);
#pragma GCC unroll 16
    for (int r = 1; r < rounds; ++r) {
#pragma GCC unroll 8
      for (auto& x : b) x = _mm_aesenc_si128(x, k[r]);
    }
#pragma GCC unroll 8
    for (int j = 0; j < kLanes; ++j) store(out + 16 * j, _mm_aesenclast_si128(b[j], k[rounds]));
  }
  for (; blocks > 0; --blocks, in += 16, out += 16) store(out, aesni_encrypt(key, load(in)));
}

TLSX_TARGET_AESNI void aesni_decrypt_blocks(const AesNiKey& key, const std::uint8_t* in,
                                            std::uint8_t* out, std::size_t blocks) noexcept {
  const __m128i* k = key.dec();
  const int rounds = key.rounds();
  for (; blocks >= kLanes; blocks -= kLanes, in += 16 * kLanes, out += 16 * kLanes) {
    __m128i b[kLanes];
#pragma GCC unroll 8
    for (int j = 0; j < kLanes; ++j) b[j] = _mm_xor_si128(load(in + 16 * j), k[0]);
#pragma GCC unroll 16
    for (int r = 1; r < rounds; ++r) {
#pragma GCC unroll 8
      for (auto& x : b) x = _mm_aesdec_si128(x, k[r]);
    }
#pragma GCC unroll 8
    for (int j = 0; j < kLanes; ++j) store(out + 16 * j, _mm_aesdeclast_si128(b[j], k[rounds]));
  }
  for (; blocks > 0; --blocks, in += 16, out += 16) store(out, aesni_decrypt(key, load(in)));
}

TLSX_TARGET_AESNI void aesni_cbc_encrypt(const AesNiKey& key, std::uint8_t* iv,
                                         const std::uint8_t* in, std::uint8_t* out,
                                         std::size_t blocks) noexcept {
  __m128i chain = load(iv);
  for (; blocks > 0; --blocks, in += 16, out += 16) {
    chain = aesni_encrypt(key, _mm_xor_si128(chain, load(in)));
    store(out, chain);
  }
  store(iv, chain);
}

TLSX_TARGET_AESNI void aesni_cbc_decrypt(const AesNiKey& key, std::uint8_t* iv,
                                         const std::uint8_t* in, std::uint8_t* out,
                                         std::size_t blocks) noexcept {
  const __m128i* k = key.dec();
  const int rounds = key.rounds();
  __m128i chain = load(iv);
  // All ciphertext blocks of a group are loaded before any plaintext is stored, so in == out
  // works: the next group's chaining value is kept in a register.
  for (; blocks >= kLanes; blocks -= kLanes, in += 16 * kLanes, out += 16 * kLanes) {
    __m128i c[kLanes];
    __m128i b[kLanes];
#pragma GCC unroll 8
    for (int j = 0; j < kLanes; ++j) {
      c[j] = load(in + 16 * j);
      b[j] = _mm_xor_si128(c[j], k[0]);
    }
#pragma GCC unroll 16
    for (int r = 1; r < rounds; ++r) {
#pragma GCC unroll 8
      for (auto& x : b) x = _mm_aesdec_si128(x, k[r]);
    }
#pragma GCC unroll 8
    for (int j = 0; j < kLanes; ++j) {
      const __m128i prev = j == 0 ? chain : c[j - 1];
      store(out + 16 * j, _mm_xor_si128(_mm_aesdeclast_si128(b[j], k[rounds]), prev));
    }
    chain = c[kLanes - 1];
  }
  for (; blocks > 0; --blocks, in += 16, out += 16) {
    const __m128i c = load(in);
    store(out, _mm_xor_si128(aesni_decrypt(key, c), chain));
    chain = c;
  }
  store(iv, chain);
}

#endif  // TLSX_HAVE_X86_INTRINSICS

}  // namespace tlsx::crypto::builtin
