// MD5 (RFC 1321). MD5 is broken for every security purpose; tlsx has it ONLY to compute JA3
// fingerprints of ClientHellos (the capture tools). It must never authenticate or sign anything,
// and no cipher suite or signature algorithm uses it.
#include <array>
#include <bit>
#include <cstdint>
#include <memory>

#include "crypto/builtin/builtin.hpp"
#include "crypto/builtin/md_hash.hpp"

namespace tlsx::crypto::builtin {
namespace {

/// RFC 1321 §3.4: T[i] = floor(2^32 * |sin(i + 1)|).
constexpr std::array<std::uint32_t, 64> kSineTable = {
    0xd76aa478U, 0xe8c7b756U, 0x242070dbU, 0xc1bdceeeU, 0xf57c0fafU, 0x4787c62aU, 0xa8304613U,
    0xfd469501U, 0x698098d8U, 0x8b44f7afU, 0xffff5bb1U, 0x895cd7beU, 0x6b901122U, 0xfd987193U,
    0xa679438eU, 0x49b40821U, 0xf61e2562U, 0xc040b340U, 0x265e5a51U, 0xe9b6c7aaU, 0xd62f105dU,
    0x02441453U, 0xd8a1e681U, 0xe7d3fbc8U, 0x21e1cde6U, 0xc33707d6U, 0xf4d50d87U, 0x455a14edU,
    0xa9e3e905U, 0xfcefa3f8U, 0x676f02d9U, 0x8d2a4c8aU, 0xfffa3942U, 0x8771f681U, 0x6d9d6122U,
    0xfde5380cU, 0xa4beea44U, 0x4bdecfa9U, 0xf6bb4b60U, 0xbebfbc70U, 0x289b7ec6U, 0xeaa127faU,
    0xd4ef3085U, 0x04881d05U, 0xd9d4d039U, 0xe6db99e5U, 0x1fa27cf8U, 0xc4ac5665U, 0xf4292244U,
    0x432aff97U, 0xab9423a7U, 0xfc93a039U, 0x655b59c3U, 0x8f0ccc92U, 0xffeff47dU, 0x85845dd1U,
    0x6fa87e4fU, 0xfe2ce6e0U, 0xa3014314U, 0x4e0811a1U, 0xf7537e82U, 0xbd3af235U, 0x2ad7d2bbU,
    0xeb86d391U,
};

/// §3.4: left-rotation amounts, four per round.
constexpr std::array<int, 16> kShifts = {7, 12, 17, 22, 5, 9, 14, 20, 4, 11, 16, 23, 6, 10, 15, 21};

/// §3.3: initial A, B, C, D.
constexpr std::array<std::uint32_t, 4> kInitialValue = {0x67452301U, 0xefcdab89U, 0x98badcfeU,
                                                        0x10325476U};

// §3.4, over `count` consecutive 64-byte blocks. Step i of round r uses auxiliary function
// F/G/H/I, message word x[index(i)] and rotation kShifts[4r + i % 4].
void compress_blocks(std::uint32_t* state, const std::uint8_t* blocks, std::size_t count) noexcept {
  std::uint32_t x[16];
  for (; count != 0; --count, blocks += 64) {
    for (int i = 0; i < 16; ++i) x[i] = load_le32(blocks + 4 * i);
    std::uint32_t a = state[0], b = state[1], c = state[2], d = state[3];
    for (int i = 0; i < 64; ++i) {
      std::uint32_t f = 0;
      int word = 0;
      switch (i / 16) {
        case 0:
          f = (b & c) | (~b & d);
          word = i;
          break;
        case 1:
          f = (b & d) | (c & ~d);
          word = (5 * i + 1) % 16;
          break;
        case 2:
          f = b ^ c ^ d;
          word = (3 * i + 5) % 16;
          break;
        default:
          f = c ^ (b | ~d);
          word = (7 * i) % 16;
          break;
      }
      const std::uint32_t sum = a + f + kSineTable[i] + x[word];
      a = d;
      d = c;
      c = b;
      b += std::rotl(sum, kShifts[4 * (i / 16) + i % 4]);
    }
    state[0] += a;
    state[1] += b;
    state[2] += c;
    state[3] += d;
  }
  secure_wipe(x, sizeof x);
}

struct Md5Core {
  static constexpr HashAlgorithm kAlgorithm = HashAlgorithm::md5;
  static constexpr std::size_t kBlockSize = 64;
  static constexpr std::size_t kDigestSize = 16;
  static constexpr std::size_t kLengthSize = 8;
  static constexpr bool kBigEndian = false;  // MD5 is little-endian throughout

  std::array<std::uint32_t, 4> h;

  void reset() noexcept { h = kInitialValue; }
  void compress(const std::uint8_t* blocks, std::size_t count) noexcept {
    compress_blocks(h.data(), blocks, count);
  }
  void write_digest(std::uint8_t* out) const noexcept {
    for (std::size_t i = 0; i < h.size(); ++i) store_le32(out + 4 * i, h[i]);
  }
};

}  // namespace

std::unique_ptr<Hash> make_md5() {
  return std::make_unique<MdHash<Md5Core>>(Md5Core{});
}

}  // namespace tlsx::crypto::builtin
