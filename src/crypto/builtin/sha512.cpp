// SHA-512 and SHA-384 (FIPS 180-4 §6.4 and §6.5): one compression function; SHA-384 differs only
// by its initial value and by truncating the output to six of the eight state words.
#include <array>
#include <bit>
#include <cstdint>
#include <memory>

#include "crypto/builtin/builtin.hpp"
#include "crypto/builtin/md_hash.hpp"

namespace tlsx::crypto::builtin {
namespace {

/// §4.2.3: first 64 bits of the fractional parts of the cube roots of the first 80 primes.
constexpr std::array<std::uint64_t, 80> kRoundConstants = {
    0x428a2f98d728ae22ULL, 0x7137449123ef65cdULL, 0xb5c0fbcfec4d3b2fULL, 0xe9b5dba58189dbbcULL,
    0x3956c25bf348b538ULL, 0x59f111f1b605d019ULL, 0x923f82a4af194f9bULL, 0xab1c5ed5da6d8118ULL,
    0xd807aa98a3030242ULL, 0x12835b0145706fbeULL, 0x243185be4ee4b28cULL, 0x550c7dc3d5ffb4e2ULL,
    0x72be5d74f27b896fULL, 0x80deb1fe3b1696b1ULL, 0x9bdc06a725c71235ULL, 0xc19bf174cf692694ULL,
    0xe49b69c19ef14ad2ULL, 0xefbe4786384f25e3ULL, 0x0fc19dc68b8cd5b5ULL, 0x240ca1cc77ac9c65ULL,
    0x2de92c6f592b0275ULL, 0x4a7484aa6ea6e483ULL, 0x5cb0a9dcbd41fbd4ULL, 0x76f988da831153b5ULL,
    0x983e5152ee66dfabULL, 0xa831c66d2db43210ULL, 0xb00327c898fb213fULL, 0xbf597fc7beef0ee4ULL,
    0xc6e00bf33da88fc2ULL, 0xd5a79147930aa725ULL, 0x06ca6351e003826fULL, 0x142929670a0e6e70ULL,
    0x27b70a8546d22ffcULL, 0x2e1b21385c26c926ULL, 0x4d2c6dfc5ac42aedULL, 0x53380d139d95b3dfULL,
    0x650a73548baf63deULL, 0x766a0abb3c77b2a8ULL, 0x81c2c92e47edaee6ULL, 0x92722c851482353bULL,
    0xa2bfe8a14cf10364ULL, 0xa81a664bbc423001ULL, 0xc24b8b70d0f89791ULL, 0xc76c51a30654be30ULL,
    0xd192e819d6ef5218ULL, 0xd69906245565a910ULL, 0xf40e35855771202aULL, 0x106aa07032bbd1b8ULL,
    0x19a4c116b8d2d0c8ULL, 0x1e376c085141ab53ULL, 0x2748774cdf8eeb99ULL, 0x34b0bcb5e19b48a8ULL,
    0x391c0cb3c5c95a63ULL, 0x4ed8aa4ae3418acbULL, 0x5b9cca4f7763e373ULL, 0x682e6ff3d6b2b8a3ULL,
    0x748f82ee5defb2fcULL, 0x78a5636f43172f60ULL, 0x84c87814a1f0ab72ULL, 0x8cc702081a6439ecULL,
    0x90befffa23631e28ULL, 0xa4506cebde82bde9ULL, 0xbef9a3f7b2c67915ULL, 0xc67178f2e372532bULL,
    0xca273eceea26619cULL, 0xd186b8c721c0c207ULL, 0xeada7dd6cde0eb1eULL, 0xf57d4f7fee6ed178ULL,
    0x06f067aa72176fbaULL, 0x0a637dc5a2c898a6ULL, 0x113f9804bef90daeULL, 0x1b710b35131c471bULL,
    0x28db77f523047d84ULL, 0x32caab7b40c72493ULL, 0x3c9ebe0a15c9bebcULL, 0x431d67c49c100d4cULL,
    0x4cc5d4becb3e42b6ULL, 0x597f299cfc657e2aULL, 0x5fcb6fab3ad6faecULL, 0x6c44198c4a475817ULL,
};

/// §5.3.5: SHA-512's H(0) (square roots of the first 8 primes).
constexpr std::array<std::uint64_t, 8> kSha512InitialValue = {
    0x6a09e667f3bcc908ULL, 0xbb67ae8584caa73bULL, 0x3c6ef372fe94f82bULL, 0xa54ff53a5f1d36f1ULL,
    0x510e527fade682d1ULL, 0x9b05688c2b3e6c1fULL, 0x1f83d9abfb41bd6bULL, 0x5be0cd19137e2179ULL,
};

/// §5.3.4: SHA-384's H(0) (square roots of the 9th to 16th primes).
constexpr std::array<std::uint64_t, 8> kSha384InitialValue = {
    0xcbbb9d5dc1059ed8ULL, 0x629a292a367cd507ULL, 0x9159015a3070dd17ULL, 0x152fecd8f70e5939ULL,
    0x67332667ffc00b31ULL, 0x8eb44a8768581511ULL, 0xdb0c2e0d64f98fa7ULL, 0x47b5481dbefa4fa4ULL,
};

// §4.1.3 functions.
[[nodiscard]] constexpr std::uint64_t big_sigma0(std::uint64_t x) noexcept {
  return std::rotr(x, 28) ^ std::rotr(x, 34) ^ std::rotr(x, 39);
}
[[nodiscard]] constexpr std::uint64_t big_sigma1(std::uint64_t x) noexcept {
  return std::rotr(x, 14) ^ std::rotr(x, 18) ^ std::rotr(x, 41);
}
[[nodiscard]] constexpr std::uint64_t small_sigma0(std::uint64_t x) noexcept {
  return std::rotr(x, 1) ^ std::rotr(x, 8) ^ (x >> 7);
}
[[nodiscard]] constexpr std::uint64_t small_sigma1(std::uint64_t x) noexcept {
  return std::rotr(x, 19) ^ std::rotr(x, 61) ^ (x >> 6);
}
[[nodiscard]] constexpr std::uint64_t choose(std::uint64_t e, std::uint64_t f,
                                             std::uint64_t g) noexcept {
  return (e & f) ^ (~e & g);
}
[[nodiscard]] constexpr std::uint64_t majority(std::uint64_t a, std::uint64_t b,
                                               std::uint64_t c) noexcept {
  return (a & b) ^ (a & c) ^ (b & c);
}

// One round; callers rotate the argument order instead of shifting eight variables.
inline void round(std::uint64_t a, std::uint64_t b, std::uint64_t c, std::uint64_t& d,
                  std::uint64_t e, std::uint64_t f, std::uint64_t g, std::uint64_t& h,
                  std::uint64_t k_plus_w) noexcept {
  const std::uint64_t t1 = h + big_sigma1(e) + choose(e, f, g) + k_plus_w;
  const std::uint64_t t2 = big_sigma0(a) + majority(a, b, c);
  d += t1;
  h = t1 + t2;
}

// §6.4.2, over `count` consecutive 128-byte blocks.
void compress_blocks(std::uint64_t* state, const std::uint8_t* blocks, std::size_t count) noexcept {
  std::uint64_t w[80];
  for (; count != 0; --count, blocks += 128) {
    for (int t = 0; t < 16; ++t) w[t] = load_be64(blocks + 8 * t);
    for (int t = 16; t < 80; ++t) {
      w[t] = small_sigma1(w[t - 2]) + w[t - 7] + small_sigma0(w[t - 15]) + w[t - 16];
    }
    std::uint64_t a = state[0], b = state[1], c = state[2], d = state[3];
    std::uint64_t e = state[4], f = state[5], g = state[6], h = state[7];
    for (int t = 0; t < 80; t += 8) {
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

/// SHA-512 when kDigestBytes is 64, SHA-384 when it is 48.
template <std::size_t kDigestBytes>
struct Sha512Core {
  static_assert(kDigestBytes == 64 || kDigestBytes == 48);
  static constexpr HashAlgorithm kAlgorithm =
      kDigestBytes == 64 ? HashAlgorithm::sha512 : HashAlgorithm::sha384;
  static constexpr std::size_t kBlockSize = 128;
  static constexpr std::size_t kDigestSize = kDigestBytes;
  static constexpr std::size_t kLengthSize = 16;
  static constexpr bool kBigEndian = true;

  std::array<std::uint64_t, 8> h;

  void reset() noexcept { h = kDigestBytes == 64 ? kSha512InitialValue : kSha384InitialValue; }
  void compress(const std::uint8_t* blocks, std::size_t count) noexcept {
    compress_blocks(h.data(), blocks, count);
  }
  void write_digest(std::uint8_t* out) const noexcept {
    for (std::size_t i = 0; i < kDigestSize / 8; ++i) store_be64(out + 8 * i, h[i]);
  }
};

}  // namespace

std::unique_ptr<Hash> make_sha512() {
  return std::make_unique<MdHash<Sha512Core<64>>>(Sha512Core<64>{});
}

std::unique_ptr<Hash> make_sha384() {
  return std::make_unique<MdHash<Sha512Core<48>>>(Sha512Core<48>{});
}

}  // namespace tlsx::crypto::builtin
