// SHA-1 (FIPS 180-4 §6.1). TLS 1.2 still needs it for the HMAC-SHA1 CBC suites and for
// certificate/handshake signatures that peers may send; it is not collision resistant and tlsx
// never chooses it for new signatures.
#include <array>
#include <bit>
#include <cstdint>
#include <memory>

#include "crypto/builtin/builtin.hpp"
#include "crypto/builtin/md_hash.hpp"

namespace tlsx::crypto::builtin {
namespace {

/// §5.3.1: H(0).
constexpr std::array<std::uint32_t, 5> kInitialValue = {0x67452301U, 0xefcdab89U, 0x98badcfeU,
                                                        0x10325476U, 0xc3d2e1f0U};

// §4.1.1 functions and §4.2.1 constants, one pair per 20-round stage.
[[nodiscard]] constexpr std::uint32_t choose(std::uint32_t b, std::uint32_t c,
                                             std::uint32_t d) noexcept {
  return (b & c) | (~b & d);
}
[[nodiscard]] constexpr std::uint32_t parity(std::uint32_t b, std::uint32_t c,
                                             std::uint32_t d) noexcept {
  return b ^ c ^ d;
}
[[nodiscard]] constexpr std::uint32_t majority(std::uint32_t b, std::uint32_t c,
                                               std::uint32_t d) noexcept {
  return (b & c) | (b & d) | (c & d);
}

// §6.1.2, over `count` consecutive 64-byte blocks. The 80-word schedule is kept as a rolling
// window of 16 words.
void compress_blocks(std::uint32_t* state, const std::uint8_t* blocks, std::size_t count) noexcept {
  std::uint32_t w[16];
  for (; count != 0; --count, blocks += 64) {
    for (int t = 0; t < 16; ++t) w[t] = load_be32(blocks + 4 * t);
    std::uint32_t a = state[0], b = state[1], c = state[2], d = state[3], e = state[4];
    auto step = [&](int t, std::uint32_t f, std::uint32_t k) {
      if (t >= 16) {
        w[t & 15] = std::rotl(w[(t - 3) & 15] ^ w[(t - 8) & 15] ^ w[(t - 14) & 15] ^ w[t & 15], 1);
      }
      const std::uint32_t temp = std::rotl(a, 5) + f + e + k + w[t & 15];
      e = d;
      d = c;
      c = std::rotl(b, 30);
      b = a;
      a = temp;
    };
    for (int t = 0; t < 20; ++t) step(t, choose(b, c, d), 0x5a827999U);
    for (int t = 20; t < 40; ++t) step(t, parity(b, c, d), 0x6ed9eba1U);
    for (int t = 40; t < 60; ++t) step(t, majority(b, c, d), 0x8f1bbcdcU);
    for (int t = 60; t < 80; ++t) step(t, parity(b, c, d), 0xca62c1d6U);
    state[0] += a;
    state[1] += b;
    state[2] += c;
    state[3] += d;
    state[4] += e;
  }
  secure_wipe(w, sizeof w);
}

struct Sha1Core {
  static constexpr HashAlgorithm kAlgorithm = HashAlgorithm::sha1;
  static constexpr std::size_t kBlockSize = 64;
  static constexpr std::size_t kDigestSize = 20;
  static constexpr std::size_t kLengthSize = 8;
  static constexpr bool kBigEndian = true;

  std::array<std::uint32_t, 5> h;

  void reset() noexcept { h = kInitialValue; }
  void compress(const std::uint8_t* blocks, std::size_t count) noexcept {
    compress_blocks(h.data(), blocks, count);
  }
  void write_digest(std::uint8_t* out) const noexcept {
    for (std::size_t i = 0; i < h.size(); ++i) store_be32(out + 4 * i, h[i]);
  }
};

}  // namespace

std::unique_ptr<Hash> make_sha1() {
  return std::make_unique<MdHash<Sha1Core>>(Sha1Core{});
}

}  // namespace tlsx::crypto::builtin
