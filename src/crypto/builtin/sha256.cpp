// SHA-256 (FIPS 180-4 §6.2): the portable compression function, and the factory that picks it or
// the SHA-NI one (sha256_shani.cpp) at run time.
//
// SHA-256 carries the TLS 1.2 PRF, the handshake transcript and HMAC-SHA-256, so its speed
// matters: with SHA-NI every full block of an update() is compressed in one call.
#include <array>
#include <bit>
#include <cstdint>
#include <memory>

#include "crypto/builtin/builtin.hpp"
#include "crypto/builtin/md_hash.hpp"
#include "crypto/builtin/sha256_compress.hpp"
#include "crypto/cpu_features.hpp"

namespace tlsx::crypto::builtin {
namespace sha256 {
namespace {

// FIPS 180-4 §4.1.2 functions.
[[nodiscard]] constexpr std::uint32_t big_sigma0(std::uint32_t x) noexcept {
  return std::rotr(x, 2) ^ std::rotr(x, 13) ^ std::rotr(x, 22);
}
[[nodiscard]] constexpr std::uint32_t big_sigma1(std::uint32_t x) noexcept {
  return std::rotr(x, 6) ^ std::rotr(x, 11) ^ std::rotr(x, 25);
}
[[nodiscard]] constexpr std::uint32_t small_sigma0(std::uint32_t x) noexcept {
  return std::rotr(x, 7) ^ std::rotr(x, 18) ^ (x >> 3);
}
[[nodiscard]] constexpr std::uint32_t small_sigma1(std::uint32_t x) noexcept {
  return std::rotr(x, 17) ^ std::rotr(x, 19) ^ (x >> 10);
}
[[nodiscard]] constexpr std::uint32_t choose(std::uint32_t e, std::uint32_t f,
                                             std::uint32_t g) noexcept {
  return (e & f) ^ (~e & g);
}
[[nodiscard]] constexpr std::uint32_t majority(std::uint32_t a, std::uint32_t b,
                                               std::uint32_t c) noexcept {
  return (a & b) ^ (a & c) ^ (b & c);
}

// One round. Instead of shifting eight variables, callers rotate the argument order; only d
// and h change.
inline void round(std::uint32_t a, std::uint32_t b, std::uint32_t c, std::uint32_t& d,
                  std::uint32_t e, std::uint32_t f, std::uint32_t g, std::uint32_t& h,
                  std::uint32_t k_plus_w) noexcept {
  const std::uint32_t t1 = h + big_sigma1(e) + choose(e, f, g) + k_plus_w;
  const std::uint32_t t2 = big_sigma0(a) + majority(a, b, c);
  d += t1;
  h = t1 + t2;
}

/// §5.3.3: H(0).
constexpr std::array<std::uint32_t, 8> kInitialValue = {
    0x6a09e667U, 0xbb67ae85U, 0x3c6ef372U, 0xa54ff53aU,
    0x510e527fU, 0x9b05688cU, 0x1f83d9abU, 0x5be0cd19U,
};

}  // namespace

void compress_portable(std::uint32_t* state, const std::uint8_t* blocks,
                       std::size_t count) noexcept {
  std::uint32_t w[64];
  for (; count != 0; --count, blocks += 64) {
    // §6.2.2 step 1: the message schedule.
    for (int t = 0; t < 16; ++t) w[t] = load_be32(blocks + 4 * t);
    for (int t = 16; t < 64; ++t) {
      w[t] = small_sigma1(w[t - 2]) + w[t - 7] + small_sigma0(w[t - 15]) + w[t - 16];
    }
    std::uint32_t a = state[0], b = state[1], c = state[2], d = state[3];
    std::uint32_t e = state[4], f = state[5], g = state[6], h = state[7];
    for (int t = 0; t < 64; t += 8) {
      round(a, b, c, d, e, f, g, h, kRoundConstants[t + 0] + w[t + 0]);
      round(h, a, b, c, d, e, f, g, kRoundConstants[t + 1] + w[t + 1]);
      round(g, h, a, b, c, d, e, f, kRoundConstants[t + 2] + w[t + 2]);
      round(f, g, h, a, b, c, d, e, kRoundConstants[t + 3] + w[t + 3]);
      round(e, f, g, h, a, b, c, d, kRoundConstants[t + 4] + w[t + 4]);
      round(d, e, f, g, h, a, b, c, kRoundConstants[t + 5] + w[t + 5]);
      round(c, d, e, f, g, h, a, b, kRoundConstants[t + 6] + w[t + 6]);
      round(b, c, d, e, f, g, h, a, kRoundConstants[t + 7] + w[t + 7]);
    }
    state[0] += a;
    state[1] += b;
    state[2] += c;
    state[3] += d;
    state[4] += e;
    state[5] += f;
    state[6] += g;
    state[7] += h;
  }
  // The schedule is derived from the message, which may be key material (HMAC, PRF).
  secure_wipe(w, sizeof w);
}

}  // namespace sha256

namespace {

struct Sha256Core {
  static constexpr HashAlgorithm kAlgorithm = HashAlgorithm::sha256;
  static constexpr std::size_t kBlockSize = 64;
  static constexpr std::size_t kDigestSize = 32;
  static constexpr std::size_t kLengthSize = 8;
  static constexpr bool kBigEndian = true;

  sha256::CompressFn compress_fn;
  std::array<std::uint32_t, 8> h;

  void reset() noexcept { h = sha256::kInitialValue; }
  void compress(const std::uint8_t* blocks, std::size_t count) noexcept {
    compress_fn(h.data(), blocks, count);
  }
  void write_digest(std::uint8_t* out) const noexcept {
    for (std::size_t i = 0; i < h.size(); ++i) store_be32(out + 4 * i, h[i]);
  }
};

}  // namespace

bool sha256_accelerated() noexcept {
  const CpuFeatures& cpu = cpu_features();
  return cpu.sha_ni && cpu.sse41 && cpu.ssse3;
}

std::unique_ptr<Hash> make_sha256(Impl impl) {
  const bool use_shani = impl == Impl::best && sha256_accelerated();
  const sha256::CompressFn fn = use_shani ? sha256::compress_shani : sha256::compress_portable;
  return std::make_unique<MdHash<Sha256Core>>(Sha256Core{fn, {}});
}

}  // namespace tlsx::crypto::builtin
