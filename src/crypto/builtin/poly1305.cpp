// Poly1305, RFC 8439 §2.5: the portable radix-2^64 code, the radix-2^26 helpers the vector
// kernels share, and the incremental object.
//
// Radix 2^64: with r1 a multiple of 4 (clamping), h1·r1·2^128 = h1·(r1/4)·2^130 ≡ h1·s1 and
// h2·r1·2^192 ≡ h2·s1·2^64 where s1 = 5·r1/4, so a product needs five 64x64->128 multiplications
// and one fold of the bits above 2^130 (x·2^130 ≡ 5x). h is kept below 2^131 between blocks and
// reduced fully only in finish().
#include "crypto/builtin/poly1305.hpp"

#include <algorithm>
#include <cstring>

#include "crypto/cpu_features.hpp"
#include "tlsx/crypto/constant_time.hpp"

namespace tlsx::crypto::builtin {
namespace {

__extension__ typedef unsigned __int128 u128;  // __extension__: -Wpedantic

constexpr std::uint64_t kMask26 = (std::uint64_t{1} << 26) - 1;

std::uint64_t load_le64(const std::uint8_t* p) noexcept {
  std::uint64_t v = 0;
  for (int i = 7; i >= 0; --i) v = (v << 8) | p[i];
  return v;
}

void store_le64(std::uint8_t* p, std::uint64_t v) noexcept {
  for (int i = 0; i < 8; ++i) p[i] = static_cast<std::uint8_t>(v >> (8 * i));
}

// h = (h + m + hibit·2^128)·r for each block; hibit is 1 for full blocks, 0 for the final
// partial block, which arrives already padded with 0x01 and zeros.
void blocks_radix64(Poly1305Acc& a, const std::uint8_t* m, std::size_t blocks,
                    std::uint64_t hibit) noexcept {
  std::uint64_t h0 = a.h0, h1 = a.h1, h2 = a.h2;
  const std::uint64_t r0 = a.r0, r1 = a.r1, s1 = a.s1;
  for (; blocks > 0; --blocks, m += 16) {
    u128 t = u128{h0} + load_le64(m);
    h0 = static_cast<std::uint64_t>(t);
    t = (t >> 64) + h1 + load_le64(m + 8);
    h1 = static_cast<std::uint64_t>(t);
    h2 += static_cast<std::uint64_t>(t >> 64) + hibit;  // h2 <= 6

    const u128 d0 = u128{h0} * r0 + u128{h1} * s1;            // < 2^126
    u128 d1 = u128{h0} * r1 + u128{h1} * r0 + u128{h2} * s1;  // < 2^126
    std::uint64_t d2 = h2 * r0;                               // < 2^63
    h0 = static_cast<std::uint64_t>(d0);
    d1 += d0 >> 64;
    h1 = static_cast<std::uint64_t>(d1);
    d2 += static_cast<std::uint64_t>(d1 >> 64);

    // d2 = 4q + (h2 mod 4): fold q·2^130 ≡ 5q = 4q + q back into the low words.
    h2 = d2 & 3;
    t = u128{h0} + (d2 & ~std::uint64_t{3}) + (d2 >> 2);
    h0 = static_cast<std::uint64_t>(t);
    t = (t >> 64) + h1;
    h1 = static_cast<std::uint64_t>(t);
    h2 += static_cast<std::uint64_t>(t >> 64);  // <= 4
  }
  a.h0 = h0, a.h1 = h1, a.h2 = h2;
}

// a·b mod p in radix 2^26, fully carried (limbs of a and b below 2^27, so no sum overflows).
Limbs26 mul26(const Limbs26& a, const Limbs26& b) noexcept {
  const std::uint64_t s1 = 5 * b[1], s2 = 5 * b[2], s3 = 5 * b[3], s4 = 5 * b[4];
  Limbs26 d;
  d[0] = a[0] * b[0] + a[1] * s4 + a[2] * s3 + a[3] * s2 + a[4] * s1;
  d[1] = a[0] * b[1] + a[1] * b[0] + a[2] * s4 + a[3] * s3 + a[4] * s2;
  d[2] = a[0] * b[2] + a[1] * b[1] + a[2] * b[0] + a[3] * s4 + a[4] * s3;
  d[3] = a[0] * b[3] + a[1] * b[2] + a[2] * b[1] + a[3] * b[0] + a[4] * s4;
  d[4] = a[0] * b[4] + a[1] * b[3] + a[2] * b[2] + a[3] * b[1] + a[4] * b[0];
  for (int i = 0; i < 4; ++i) d[i + 1] += d[i] >> 26, d[i] &= kMask26;
  d[0] += 5 * (d[4] >> 26), d[4] &= kMask26;
  d[1] += d[0] >> 26, d[0] &= kMask26;
  return d;
}

}  // namespace

void poly1305_blocks_portable(Poly1305Acc& acc, const std::uint8_t* m,
                              std::size_t blocks) noexcept {
  blocks_radix64(acc, m, blocks, 1);
}

Limbs26 poly1305_to_radix26(const Poly1305Acc& a) noexcept {
  return {a.h0 & kMask26, (a.h0 >> 26) & kMask26, ((a.h0 >> 52) | (a.h1 << 12)) & kMask26,
          (a.h1 >> 14) & kMask26, (a.h1 >> 40) | (a.h2 << 24)};
}

void poly1305_from_radix26(Limbs26 d, Poly1305Acc& a) noexcept {
  for (int i = 0; i < 4; ++i) d[i + 1] += d[i] >> 26, d[i] &= kMask26;
  d[0] += 5 * (d[4] >> 26), d[4] &= kMask26;
  d[1] += d[0] >> 26, d[0] &= kMask26;
  u128 t = u128{d[0]} + (u128{d[1]} << 26) + (u128{d[2]} << 52);
  a.h0 = static_cast<std::uint64_t>(t);
  t = (t >> 64) + (u128{d[3]} << 14) + (u128{d[4]} << 40);
  a.h1 = static_cast<std::uint64_t>(t);
  a.h2 = static_cast<std::uint64_t>(t >> 64);
}

void poly1305_powers(const Poly1305Acc& acc, Poly1305Powers& p) noexcept {
  Poly1305Acc r;
  r.h0 = acc.r0, r.h1 = acc.r1;
  p.r1 = poly1305_to_radix26(r);
  p.r2 = mul26(p.r1, p.r1);
  p.r3 = mul26(p.r2, p.r1);
  p.r4 = mul26(p.r2, p.r2);
  p.r8 = mul26(p.r4, p.r4);
}

bool poly1305_kernel_available(Poly1305Kernel kernel) noexcept {
  switch (kernel) {
    case Poly1305Kernel::portable:
      return true;
    case Poly1305Kernel::avx2:
      return cpu_features().avx2;
    case Poly1305Kernel::avx512ifma:
      return cpu_features().avx512ifma;
  }
  return false;
}

Poly1305Kernel poly1305_best_kernel() noexcept {
  if (poly1305_kernel_available(Poly1305Kernel::avx512ifma)) return Poly1305Kernel::avx512ifma;
  if (poly1305_kernel_available(Poly1305Kernel::avx2)) return Poly1305Kernel::avx2;
  return Poly1305Kernel::portable;
}

// ---- the incremental object ---------------------------------------------------------------------

namespace {
// A vector kernel pays for the powers of r (four radix-2^26 or eight radix-2^44 products) and for
// moving h in and out of the lanes; below this many blocks in one call the portable code is as
// fast.
constexpr std::size_t kVectorMinBlocks = 16;
}  // namespace

Poly1305::Poly1305(const std::uint8_t* key, Poly1305Kernel kernel) noexcept : kernel_(kernel) {
  st_.acc.r0 = load_le64(key) & 0x0ffffffc0fffffff;  // clamping, RFC 8439 §2.5
  st_.acc.r1 = load_le64(key + 8) & 0x0ffffffc0ffffffc;
  st_.acc.s1 = st_.acc.r1 + (st_.acc.r1 >> 2);
  st_.pad0 = load_le64(key + 16);
  st_.pad1 = load_le64(key + 24);
}

Poly1305::~Poly1305() {
  secure_wipe(&st_, sizeof st_);
  if (!powers_ready_) return;
  if (kernel_ == Poly1305Kernel::avx512ifma) {
    secure_wipe(&powers44_, sizeof powers44_);
  } else {
    secure_wipe(&powers26_, sizeof powers26_);
  }
}

void Poly1305::absorb_blocks(const std::uint8_t* m, std::size_t blocks) noexcept {
  if (kernel_ == Poly1305Kernel::portable || blocks < kVectorMinBlocks) {
    blocks_radix64(st_.acc, m, blocks, 1);
    return;
  }
  if (kernel_ == Poly1305Kernel::avx512ifma) {
    if (!powers_ready_) poly1305_powers44(st_.acc, powers44_);
    powers_ready_ = true;
    poly1305_blocks_ifma(st_.acc, powers44_, m, blocks);
  } else {
    if (!powers_ready_) poly1305_powers(st_.acc, powers26_);
    powers_ready_ = true;
    poly1305_blocks_avx2(st_.acc, powers26_, m, blocks);
  }
}

void Poly1305::update(Bytes data) noexcept {
  if (data.empty()) return;  // (data() may then be null, which memcpy must not see)
  const std::uint8_t* p = data.data();
  std::size_t n = data.size();
  if (buffered_ > 0) {
    const std::size_t take = std::min(kBlockSize - buffered_, n);
    std::memcpy(st_.buffer + buffered_, p, take);
    buffered_ += take, p += take, n -= take;
    if (buffered_ < kBlockSize) return;
    absorb_blocks(st_.buffer, 1);
    buffered_ = 0;
  }
  if (n >= kBlockSize) absorb_blocks(p, n / kBlockSize);
  p += n - n % kBlockSize;
  n %= kBlockSize;
  if (n > 0) std::memcpy(st_.buffer, p, n);
  buffered_ = n;
}

void Poly1305::pad16() noexcept {
  if (buffered_ == 0) return;
  std::memset(st_.buffer + buffered_, 0, kBlockSize - buffered_);
  absorb_blocks(st_.buffer, 1);
  buffered_ = 0;
}

void Poly1305::finish(std::uint8_t* tag) noexcept {
  if (buffered_ > 0) {
    // The last partial block: its bytes, then 0x01, then zeros, and no 2^128 bit.
    st_.buffer[buffered_] = 1;
    std::memset(st_.buffer + buffered_ + 1, 0, kBlockSize - buffered_ - 1);
    blocks_radix64(st_.acc, st_.buffer, 1, 0);
    buffered_ = 0;
  }
  std::uint64_t h0 = st_.acc.h0, h1 = st_.acc.h1, h2 = st_.acc.h2;
  // Fold the bits above 2^130 once more: now h < 2^130 + 5.
  u128 t = u128{h0} + (h2 >> 2) * 5;
  h2 &= 3;
  h0 = static_cast<std::uint64_t>(t);
  t = (t >> 64) + h1;
  h1 = static_cast<std::uint64_t>(t);
  h2 += static_cast<std::uint64_t>(t >> 64);
  // h >= p exactly when g = h + 5 reaches 2^130; then h mod p = g - 2^130, whose low 128 bits
  // are g0, g1. Select with a mask rather than a branch.
  t = u128{h0} + 5;
  const std::uint64_t g0 = static_cast<std::uint64_t>(t);
  t = (t >> 64) + h1;
  const std::uint64_t g1 = static_cast<std::uint64_t>(t);
  const std::uint64_t g2 = h2 + static_cast<std::uint64_t>(t >> 64);
  const std::uint64_t use_g = 0 - (g2 >> 2);
  h0 = (h0 & ~use_g) | (g0 & use_g);
  h1 = (h1 & ~use_g) | (g1 & use_g);
  // tag = (h + s) mod 2^128
  t = u128{h0} + st_.pad0;
  store_le64(tag, static_cast<std::uint64_t>(t));
  t = (t >> 64) + h1 + st_.pad1;
  store_le64(tag + 8, static_cast<std::uint64_t>(t));
}

}  // namespace tlsx::crypto::builtin
