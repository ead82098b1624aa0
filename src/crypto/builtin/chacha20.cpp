// ChaCha20, RFC 8439 §2.1-2.4: the portable block function and kernel, and the choice of kernel.
#include "crypto/builtin/chacha20.hpp"

#include <bit>

#include "crypto/cpu_features.hpp"
#include "tlsx/crypto/constant_time.hpp"

namespace tlsx::crypto::builtin {
namespace {

std::uint32_t load_le32(const std::uint8_t* p) noexcept {
  return std::uint32_t{p[0]} | (std::uint32_t{p[1]} << 8) | (std::uint32_t{p[2]} << 16) |
         (std::uint32_t{p[3]} << 24);
}

void store_le32(std::uint8_t* p, std::uint32_t v) noexcept {
  for (int i = 0; i < 4; ++i) p[i] = static_cast<std::uint8_t>(v >> (8 * i));
}

// RFC 8439 §2.1.
inline void quarter_round(std::uint32_t& a, std::uint32_t& b, std::uint32_t& c,
                          std::uint32_t& d) noexcept {
  a += b, d ^= a, d = std::rotl(d, 16);
  c += d, b ^= c, b = std::rotl(b, 12);
  a += b, d ^= a, d = std::rotl(d, 8);
  c += d, b ^= c, b = std::rotl(b, 7);
}

// The 20 rounds plus the feed-forward of the input state, as words.
void block_words(const ChaCha20State& state, std::array<std::uint32_t, 16>& x) noexcept {
  x = state.w;
  for (int i = 0; i < 10; ++i) {
    quarter_round(x[0], x[4], x[8], x[12]);  // column rounds
    quarter_round(x[1], x[5], x[9], x[13]);
    quarter_round(x[2], x[6], x[10], x[14]);
    quarter_round(x[3], x[7], x[11], x[15]);
    quarter_round(x[0], x[5], x[10], x[15]);  // diagonal rounds
    quarter_round(x[1], x[6], x[11], x[12]);
    quarter_round(x[2], x[7], x[8], x[13]);
    quarter_round(x[3], x[4], x[9], x[14]);
  }
  for (int i = 0; i < 16; ++i) x[i] += state.w[i];
}

}  // namespace

ChaCha20State chacha20_state(const std::uint8_t* key, std::uint32_t counter,
                             const std::uint8_t* nonce) noexcept {
  ChaCha20State s;
  s.w[0] = 0x61707865;  // "expand 32-byte k"
  s.w[1] = 0x3320646e;
  s.w[2] = 0x79622d32;
  s.w[3] = 0x6b206574;
  for (int i = 0; i < 8; ++i) s.w[4 + i] = load_le32(key + 4 * i);
  s.w[12] = counter;
  for (int i = 0; i < 3; ++i) s.w[13 + i] = load_le32(nonce + 4 * i);
  return s;
}

void chacha20_block(const ChaCha20State& state, std::uint8_t* out) noexcept {
  std::array<std::uint32_t, 16> x;
  block_words(state, x);
  for (int i = 0; i < 16; ++i) store_le32(out + 4 * i, x[i]);
  secure_wipe(x.data(), sizeof x);
}

void chacha20_xor_portable(const ChaCha20State& state, const std::uint8_t* in, std::uint8_t* out,
                           std::size_t len) noexcept {
  ChaCha20State s = state;
  std::array<std::uint32_t, 16> x;
  for (; len > 0; ++s.w[12]) {
    block_words(s, x);
    const std::size_t n = len < kChaCha20BlockSize ? len : kChaCha20BlockSize;
    if (n == kChaCha20BlockSize) {
      for (int i = 0; i < 16; ++i) store_le32(out + 4 * i, load_le32(in + 4 * i) ^ x[i]);
    } else {
      for (std::size_t i = 0; i < n; ++i) {
        out[i] = static_cast<std::uint8_t>(in[i] ^ (x[i / 4] >> (8 * (i % 4))));
      }
    }
    in += n, out += n, len -= n;
  }
  secure_wipe(x.data(), sizeof x);
  secure_wipe(s.w.data(), sizeof s.w);
}

bool chacha20_kernel_available(ChaCha20Kernel kernel) noexcept {
  switch (kernel) {
    case ChaCha20Kernel::portable:
      return true;
    case ChaCha20Kernel::avx2:
      return cpu_features().avx2;
    case ChaCha20Kernel::avx512:
      return cpu_features().avx512f && cpu_features().avx512vl;
  }
  return false;
}

ChaCha20Kernel chacha20_best_kernel() noexcept {
  if (chacha20_kernel_available(ChaCha20Kernel::avx512)) return ChaCha20Kernel::avx512;
  if (chacha20_kernel_available(ChaCha20Kernel::avx2)) return ChaCha20Kernel::avx2;
  return ChaCha20Kernel::portable;
}

ChaCha20XorFn chacha20_xor_fn(ChaCha20Kernel kernel) noexcept {
  switch (kernel) {
    case ChaCha20Kernel::avx2:
      return chacha20_xor_avx2;
    case ChaCha20Kernel::avx512:
      return chacha20_xor_avx512;
    case ChaCha20Kernel::portable:
      break;
  }
  return chacha20_xor_portable;
}

std::size_t chacha20_kernel_blocks(ChaCha20Kernel kernel) noexcept {
  switch (kernel) {
    case ChaCha20Kernel::avx2:
      return 8;
    case ChaCha20Kernel::avx512:
      return 16;
    case ChaCha20Kernel::portable:
      break;
  }
  return 1;
}

std::size_t chacha20_kernel_min_blocks(ChaCha20Kernel kernel) noexcept {
  switch (kernel) {
    case ChaCha20Kernel::avx2:
    case ChaCha20Kernel::avx512:
      return 4;
    case ChaCha20Kernel::portable:
      break;
  }
  return 1;
}

}  // namespace tlsx::crypto::builtin
