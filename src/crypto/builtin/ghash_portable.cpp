// Constant-time portable GHASH. Implementation notes:
//
// Carry-less 64x64 multiplication from integer multiplication: split each operand into four
// "holey" values that keep only every fourth bit (bits 0,4,8,... / 1,5,9,... / ...). In the
// integer product of two holey values, the partial products add up in columns four bits apart,
// and a column below bit 60 receives at most 15 of them, so its sum fits in the four bits before
// the next column: no carry reaches another column's low bit, and that low bit is the xor (the
// carry-less sum) of the column. Summing the 16 products by residue class and masking keeps just
// those bits. Columns 60..63 may reach 16 terms, but their carries go past bit 63. This gives the
// low 64 bits of the product; the high 64 bits are the low bits of the product of the bit-reversed
// operands, reversed again and shifted by one.
//
// The 128x128 product uses Karatsuba (three 64x64 products), then the same shift-and-reduce as the
// PCLMULQDQ version (see ghash_clmul.cpp for the derivation).
#include "crypto/builtin/ghash_portable.hpp"

#include <bit>

#include "tlsx/crypto/constant_time.hpp"

namespace tlsx::crypto::builtin {
namespace {

std::uint64_t load_be64(const std::uint8_t* p) noexcept {
  std::uint64_t v = 0;
  for (int i = 0; i < 8; ++i) v = (v << 8) | p[i];
  return v;
}

void store_be64(std::uint8_t* p, std::uint64_t v) noexcept {
  for (int i = 7; i >= 0; --i, v >>= 8) p[i] = static_cast<std::uint8_t>(v);
}

std::uint64_t reverse_bits(std::uint64_t x) noexcept {
  x = ((x >> 1) & 0x5555555555555555ULL) | ((x & 0x5555555555555555ULL) << 1);
  x = ((x >> 2) & 0x3333333333333333ULL) | ((x & 0x3333333333333333ULL) << 2);
  x = ((x >> 4) & 0x0f0f0f0f0f0f0f0fULL) | ((x & 0x0f0f0f0f0f0f0f0fULL) << 4);
  return std::byteswap(x);
}

// Low 64 bits of the carry-less product x·y.
std::uint64_t clmul_low(std::uint64_t x, std::uint64_t y) noexcept {
  constexpr std::uint64_t m0 = 0x1111111111111111ULL;
  constexpr std::uint64_t m1 = m0 << 1;
  constexpr std::uint64_t m2 = m0 << 2;
  constexpr std::uint64_t m3 = m0 << 3;
  const std::uint64_t x0 = x & m0, x1 = x & m1, x2 = x & m2, x3 = x & m3;
  const std::uint64_t y0 = y & m0, y1 = y & m1, y2 = y & m2, y3 = y & m3;
  // z_c collects the products whose bit positions are congruent to c modulo 4.
  const std::uint64_t z0 = (x0 * y0) ^ (x1 * y3) ^ (x2 * y2) ^ (x3 * y1);
  const std::uint64_t z1 = (x0 * y1) ^ (x1 * y0) ^ (x2 * y3) ^ (x3 * y2);
  const std::uint64_t z2 = (x0 * y2) ^ (x1 * y1) ^ (x2 * y0) ^ (x3 * y3);
  const std::uint64_t z3 = (x0 * y3) ^ (x1 * y2) ^ (x2 * y1) ^ (x3 * y0);
  return (z0 & m0) | (z1 & m1) | (z2 & m2) | (z3 & m3);
}

// High 64 bits of the (at most 127-bit) carry-less product, from the bit-reversed operands.
std::uint64_t clmul_high(std::uint64_t x_rev, std::uint64_t y_rev) noexcept {
  return reverse_bits(clmul_low(x_rev, y_rev)) >> 1;
}

}  // namespace

GhashPortableKey::GhashPortableKey(const std::uint8_t* h) noexcept {
  h_[1] = load_be64(h);
  h_[0] = load_be64(h + 8);
  h_[2] = h_[0] ^ h_[1];
  for (int i = 0; i < 3; ++i) h_rev_[i] = reverse_bits(h_[i]);
}

GhashPortableKey::~GhashPortableKey() {
  secure_wipe(h_, sizeof h_);
  secure_wipe(h_rev_, sizeof h_rev_);
}

void GhashPortableKey::multiply(std::uint64_t& y_hi, std::uint64_t& y_lo) const noexcept {
  const std::uint64_t a[3] = {y_lo, y_hi, y_lo ^ y_hi};
  std::uint64_t lo[3], hi[3];  // the three Karatsuba products a_i·h_i, 128 bits each
  for (int i = 0; i < 3; ++i) {
    lo[i] = clmul_low(a[i], h_[i]);
    hi[i] = clmul_high(reverse_bits(a[i]), h_rev_[i]);
  }
  // 256-bit product [x3:x2:x1:x0] = P1·2^128 ^ (P2 ^ P1 ^ P0)·2^64 ^ P0.
  std::uint64_t x0 = lo[0];
  std::uint64_t x1 = hi[0] ^ lo[2] ^ lo[0] ^ lo[1];
  std::uint64_t x2 = lo[1] ^ hi[2] ^ hi[0] ^ hi[1];
  std::uint64_t x3 = hi[1];

  // Shift left by one bit (reflected operands), then reduce as in ghash_clmul.cpp.
  x3 = (x3 << 1) | (x2 >> 63);
  x2 = (x2 << 1) | (x1 >> 63);
  x1 = (x1 << 1) | (x0 >> 63);
  x0 <<= 1;
  x1 ^= (x0 << 63) ^ (x0 << 62) ^ (x0 << 57);
  x2 ^= x0 ^ (x0 >> 1) ^ (x0 >> 2) ^ (x0 >> 7) ^ (x1 << 63) ^ (x1 << 62) ^ (x1 << 57);
  x3 ^= x1 ^ (x1 >> 1) ^ (x1 >> 2) ^ (x1 >> 7);
  y_hi = x3;
  y_lo = x2;
}

void ghash_portable(const GhashPortableKey& key, std::uint8_t* y, const std::uint8_t* data,
                    std::size_t blocks) noexcept {
  std::uint64_t hi = load_be64(y);
  std::uint64_t lo = load_be64(y + 8);
  for (; blocks > 0; --blocks, data += 16) {
    hi ^= load_be64(data);
    lo ^= load_be64(data + 8);
    key.multiply(hi, lo);
  }
  store_be64(y, hi);
  store_be64(y + 8, lo);
}

}  // namespace tlsx::crypto::builtin
