// Bitsliced constant-time AES. Implementation notes:
//
// Layout. Four 16-byte blocks (64 state bytes) are held in eight 64-bit "planes": plane k holds
// bit k of every state byte. A state byte sits at row r, column c (FIPS-197 §3.4: input byte
// 4c + r) of block b, and its bit in each plane is number 16r + 4c + b. Grouping by row makes
// the round's byte moves cheap: ShiftRows rotates each row's 16-bit field by 4r bits, and
// MixColumns, which combines a byte with the bytes below it in its column, reads "the next row"
// of every byte at once as the plane rotated by 16 bits.
//
// S-box without tables. SubBytes is inversion in GF(2^8) (modulo x^8 + x^4 + x^3 + x + 1, with
// 0 -> 0) followed by an affine map (§5.1.1). The inversion is computed on the planes in a tower
// field (see the S-box section below): a few GF(2^4) multiplications (AND for coefficient
// products, XOR for sums) between linear maps. All of it is straight-line AND/XOR/shift code:
// the time taken does not depend on the data.
//
// Conversion. pack() gathers the 64 state bytes in plane-bit order, eight at a time, and
// transposes each 8x8 bit matrix (8 bytes x 8 bits) with three delta swaps; unpack() reverses it.
#include "crypto/builtin/aes_portable.hpp"

#include <algorithm>
#include <array>
#include <bit>
#include <cstring>

#include "tlsx/crypto/constant_time.hpp"

namespace tlsx::crypto::builtin {
namespace {

using Planes = std::array<std::uint64_t, 8>;  // plane k = bit k of every byte

constexpr std::size_t kBatchBytes = 16 * AesPortable::kParallelBlocks;

// ---- bit-matrix conversion ------------------------------------------------------------------

// Transposes the 8x8 bit matrix whose row i is byte i: afterwards byte k's bit j is what was
// byte j's bit k.
constexpr std::uint64_t transpose8x8(std::uint64_t x) noexcept {
  std::uint64_t t = (x ^ (x >> 7)) & 0x00aa00aa00aa00aaULL;
  x ^= t ^ (t << 7);
  t = (x ^ (x >> 14)) & 0x0000cccc0000ccccULL;
  x ^= t ^ (t << 14);
  t = (x ^ (x >> 28)) & 0x00000000f0f0f0f0ULL;
  x ^= t ^ (t << 28);
  return x;
}

// Offset in the 64-byte batch of the state byte at plane bit i = 16 row + 4 column + block.
constexpr std::size_t byte_offset(int i) noexcept {
  const auto bit = static_cast<std::size_t>(i);
  const std::size_t row = bit >> 4;
  const std::size_t col = (bit >> 2) & 3;
  const std::size_t block = bit & 3;
  return 16 * block + 4 * col + row;
}

Planes pack(const std::uint8_t* in) noexcept {
  Planes q{};
  for (int g = 0; g < 8; ++g) {
    std::uint64_t x = 0;
    for (int j = 0; j < 8; ++j) x |= std::uint64_t{in[byte_offset(8 * g + j)]} << (8 * j);
    x = transpose8x8(x);
    for (int k = 0; k < 8; ++k) q[k] |= ((x >> (8 * k)) & 0xff) << (8 * g);
  }
  return q;
}

void unpack(const Planes& q, std::uint8_t* out) noexcept {
  for (int g = 0; g < 8; ++g) {
    std::uint64_t x = 0;
    for (int k = 0; k < 8; ++k) x |= ((q[k] >> (8 * g)) & 0xff) << (8 * k);
    x = transpose8x8(x);
    for (int j = 0; j < 8; ++j)
      out[byte_offset(8 * g + j)] = static_cast<std::uint8_t>(x >> (8 * j));
  }
}

// ---- the S-box in a tower field: compile-time derivation ----------------------------------------
//
// Inverting in GF(2^8) directly costs four full multiplications. Instead the element is mapped to
// an isomorphic "tower" field GF((2^4)^2) = GF(2^4)[z] / (z^2 + z + lambda), where the inverse of
// h·z + l is (h·z + (h + l)) · D^-1 with D = lambda·h^2 + h·l + l^2: three multiplications and one
// inversion in GF(2^4), each a quarter of the size (Rijmen; Satoh et al.; Canright). The change of
// basis is a linear map, merged with the S-box's affine map. Everything below up to the bitsliced
// section runs only at compile time: it searches for lambda and for the isomorphism, and builds
// the bit matrices the bitsliced code applies.

// GF(2^4) as polynomials in w modulo w^4 + w + 1.
constexpr std::uint8_t gf16_mul_scalar(std::uint8_t a, std::uint8_t b) {
  unsigned r = 0;
  for (int i = 0; i < 4; ++i) {
    if (((b >> i) & 1) != 0) r ^= unsigned{a} << i;
  }
  for (int k = 6; k >= 4; --k) {
    if (((r >> k) & 1) != 0) r ^= 0x13U << (k - 4);
  }
  return static_cast<std::uint8_t>(r);
}

// The smallest lambda for which z^2 + z + lambda has no root in GF(2^4), i.e. is irreducible.
constexpr std::uint8_t find_lambda() {
  for (unsigned lambda = 1; lambda < 16; ++lambda) {
    bool has_root = false;
    for (unsigned t = 0; t < 16; ++t) {
      const auto tt = static_cast<std::uint8_t>(t);
      if ((gf16_mul_scalar(tt, tt) ^ t) == lambda) has_root = true;
    }
    if (!has_root) return static_cast<std::uint8_t>(lambda);
  }
  return 0;
}
constexpr std::uint8_t kLambda = find_lambda();
static_assert(kLambda != 0);

// Tower element h·z + l stored as the byte (h << 4) | l; z^2 = z + lambda.
constexpr std::uint8_t tower_mul_scalar(std::uint8_t a, std::uint8_t b) {
  const auto ah = static_cast<std::uint8_t>(a >> 4), al = static_cast<std::uint8_t>(a & 15);
  const auto bh = static_cast<std::uint8_t>(b >> 4), bl = static_cast<std::uint8_t>(b & 15);
  const std::uint8_t hh = gf16_mul_scalar(ah, bh);
  const unsigned h = hh ^ gf16_mul_scalar(ah, bl) ^ gf16_mul_scalar(al, bh);
  const unsigned l = gf16_mul_scalar(hh, kLambda) ^ gf16_mul_scalar(al, bl);
  return static_cast<std::uint8_t>((h << 4) | l);
}

// A root beta of the AES polynomial x^8 + x^4 + x^3 + x + 1 in the tower field; sending x to beta
// is then a field isomorphism from AES's GF(2^8) to the tower field.
constexpr std::uint8_t find_aes_root() {
  for (unsigned t = 2; t < 256; ++t) {
    std::uint8_t pow[9] = {1};
    for (int i = 1; i <= 8; ++i)
      pow[i] = tower_mul_scalar(pow[i - 1], static_cast<std::uint8_t>(t));
    if ((pow[8] ^ pow[4] ^ pow[3] ^ pow[1] ^ pow[0]) == 0) return static_cast<std::uint8_t>(t);
  }
  return 0;
}

// A linear map on N bits: output bit i is the parity of (row[i] & input).
template <std::size_t N>
using BitMatrix = std::array<std::uint8_t, N>;

constexpr BitMatrix<8> matrix_product(const BitMatrix<8>& a, const BitMatrix<8>& b) {
  BitMatrix<8> r{};  // r(x) = a(b(x))
  for (int i = 0; i < 8; ++i) {
    for (int k = 0; k < 8; ++k) {
      if (((a[i] >> k) & 1) != 0) r[i] ^= b[k];
    }
  }
  return r;
}

// Gauss-Jordan elimination over GF(2); all matrices used here are invertible (checked below).
constexpr BitMatrix<8> matrix_inverse(BitMatrix<8> m) {
  BitMatrix<8> inv{};
  for (int i = 0; i < 8; ++i) inv[i] = static_cast<std::uint8_t>(1U << i);
  for (int col = 0; col < 8; ++col) {
    int pivot = col;
    while (pivot < 8 && ((m[pivot] >> col) & 1) == 0) ++pivot;
    if (pivot == 8) return {};
    std::swap(m[col], m[pivot]);
    std::swap(inv[col], inv[pivot]);
    for (int row = 0; row < 8; ++row) {
      if (row != col && ((m[row] >> col) & 1) != 0) {
        m[row] ^= m[col];
        inv[row] ^= inv[col];
      }
    }
  }
  return inv;
}

constexpr std::uint8_t matrix_apply(const BitMatrix<8>& m, std::uint8_t x) {
  unsigned r = 0;
  for (int i = 0; i < 8; ++i)
    r |= static_cast<unsigned>(std::popcount(unsigned(m[i] & x)) & 1) << i;
  return static_cast<std::uint8_t>(r);
}

// The isomorphism: column j is beta^j.
constexpr BitMatrix<8> kToTower = [] {
  const std::uint8_t beta = find_aes_root();
  BitMatrix<8> m{};
  std::uint8_t power = 1;
  for (int j = 0; j < 8; ++j) {
    for (int i = 0; i < 8; ++i) {
      if (((power >> i) & 1) != 0) m[i] |= static_cast<std::uint8_t>(1U << j);
    }
    power = tower_mul_scalar(power, beta);
  }
  return m;
}();
constexpr BitMatrix<8> kFromTower = matrix_inverse(kToTower);
static_assert(matrix_product(kToTower, kFromTower) ==
              BitMatrix<8>{0x01, 0x02, 0x04, 0x08, 0x10, 0x20, 0x40, 0x80});

// FIPS-197 §5.1.1 affine map: b'_i = b_i ^ b_(i+4) ^ b_(i+5) ^ b_(i+6) ^ b_(i+7) ^ c_i, c = 0x63.
constexpr BitMatrix<8> kAffine = [] {
  BitMatrix<8> m{};
  for (int i = 0; i < 8; ++i) {
    for (int d : {0, 4, 5, 6, 7}) m[i] |= static_cast<std::uint8_t>(1U << ((i + d) % 8));
  }
  return m;
}();
constexpr std::uint8_t kAffineConstant = 0x63;

// SubBytes(x)    = A · T^-1 · inv(T · x) ^ 0x63
// InvSubBytes(s) = T^-1 · inv(T · A^-1 · s ^ T · A^-1 · 0x63)      (T = kToTower)
constexpr BitMatrix<8> kSubIn = kToTower;
constexpr BitMatrix<8> kSubOut = matrix_product(kAffine, kFromTower);
constexpr BitMatrix<8> kInvSubIn = matrix_product(kToTower, matrix_inverse(kAffine));
constexpr std::uint8_t kInvSubInConstant = matrix_apply(kInvSubIn, kAffineConstant);
constexpr BitMatrix<8> kInvSubOut = kFromTower;

// Linear maps on GF(2^4) used by the inversion: squaring (and its repeats), and x -> lambda·x^2.
constexpr BitMatrix<4> gf16_linear_map(std::uint8_t (*f)(std::uint8_t)) {
  BitMatrix<4> m{};
  for (int j = 0; j < 4; ++j) {
    const std::uint8_t image = f(static_cast<std::uint8_t>(1U << j));
    for (int i = 0; i < 4; ++i) {
      if (((image >> i) & 1) != 0) m[i] |= static_cast<std::uint8_t>(1U << j);
    }
  }
  return m;
}
constexpr std::uint8_t gf16_square_scalar(std::uint8_t x) {
  return gf16_mul_scalar(x, x);
}
constexpr BitMatrix<4> kSquare = gf16_linear_map(gf16_square_scalar);
constexpr BitMatrix<4> kSquare2 =
    gf16_linear_map([](std::uint8_t x) { return gf16_square_scalar(gf16_square_scalar(x)); });
constexpr BitMatrix<4> kSquare3 = gf16_linear_map(
    [](std::uint8_t x) { return gf16_square_scalar(gf16_square_scalar(gf16_square_scalar(x))); });
constexpr BitMatrix<4> kSquareTimesLambda =
    gf16_linear_map([](std::uint8_t x) { return gf16_mul_scalar(kLambda, gf16_square_scalar(x)); });

// ---- the S-box in a tower field: bitsliced -----------------------------------------------------

// out_i = xor of the in_j selected by row i of M. M is a compile-time constant, so after
// unrolling only the XORs remain; the branch depends on M alone, never on data.
template <std::size_t N, BitMatrix<N> M>
[[gnu::always_inline]] inline std::array<std::uint64_t, N> linear(
    const std::array<std::uint64_t, N>& in) noexcept {
  std::array<std::uint64_t, N> out{};
#pragma GCC unroll 8
  for (std::size_t i = 0; i < N; ++i) {
#pragma GCC unroll 8
    for (std::size_t j = 0; j < N; ++j) {
      if (((M[i] >> j) & 1) != 0) out[i] ^= in[j];
    }
  }
  return out;
}

// Adds a constant byte: complements the planes of its set bits.
template <std::uint8_t C>
[[gnu::always_inline]] inline void add_constant(Planes& q) noexcept {
#pragma GCC unroll 8
  for (int i = 0; i < 8; ++i) {
    if (((C >> i) & 1) != 0) q[i] = ~q[i];
  }
}

using Nibbles = std::array<std::uint64_t, 4>;  // bitsliced GF(2^4) elements

[[gnu::always_inline]] inline Nibbles operator^(const Nibbles& a, const Nibbles& b) noexcept {
  return {a[0] ^ b[0], a[1] ^ b[1], a[2] ^ b[2], a[3] ^ b[3]};
}

// Schoolbook product, reduced with w^4 = w + 1, w^5 = w^2 + w, w^6 = w^3 + w^2.
[[gnu::always_inline]] inline Nibbles gf16_mul(const Nibbles& a, const Nibbles& b) noexcept {
  const std::uint64_t p0 = a[0] & b[0];
  const std::uint64_t p1 = (a[0] & b[1]) ^ (a[1] & b[0]);
  const std::uint64_t p2 = (a[0] & b[2]) ^ (a[1] & b[1]) ^ (a[2] & b[0]);
  const std::uint64_t p3 = (a[0] & b[3]) ^ (a[1] & b[2]) ^ (a[2] & b[1]) ^ (a[3] & b[0]);
  const std::uint64_t p4 = (a[1] & b[3]) ^ (a[2] & b[2]) ^ (a[3] & b[1]);
  const std::uint64_t p5 = (a[2] & b[3]) ^ (a[3] & b[2]);
  const std::uint64_t p6 = a[3] & b[3];
  return {p0 ^ p4, p1 ^ p4 ^ p5, p2 ^ p5 ^ p6, p3 ^ p6};
}

// a^14 = a^2 · a^4 · a^8, which is a^-1 (and 0 for 0).
[[gnu::always_inline]] inline Nibbles gf16_inverse(const Nibbles& a) noexcept {
  return gf16_mul(gf16_mul(linear<4, kSquare>(a), linear<4, kSquare2>(a)), linear<4, kSquare3>(a));
}

// Inversion in the tower field (0 -> 0); bits 0..3 of each element are l, bits 4..7 are h.
Planes tower_inverse(const Planes& t) noexcept {
  const Nibbles l = {t[0], t[1], t[2], t[3]};
  const Nibbles h = {t[4], t[5], t[6], t[7]};
  const Nibbles d = linear<4, kSquareTimesLambda>(h) ^ gf16_mul(h, l) ^ linear<4, kSquare>(l);
  const Nibbles d_inv = gf16_inverse(d);
  const Nibbles new_h = gf16_mul(h, d_inv);
  const Nibbles new_l = gf16_mul(h ^ l, d_inv);
  return {new_l[0], new_l[1], new_l[2], new_l[3], new_h[0], new_h[1], new_h[2], new_h[3]};
}

// ---- the round functions ------------------------------------------------------------------------

// §5.1.1 SubBytes on all 64 bytes.
void sub_bytes(Planes& q) noexcept {
  q = linear<8, kSubOut>(tower_inverse(linear<8, kSubIn>(q)));
  add_constant<kAffineConstant>(q);
}

// §5.3.2 InvSubBytes.
void inv_sub_bytes(Planes& q) noexcept {
  Planes t = linear<8, kInvSubIn>(q);
  add_constant<kInvSubInConstant>(t);
  q = linear<8, kInvSubOut>(tower_inverse(t));
}

// §5.1.2: row r moves left by r columns, i.e. its 16-bit field rotates right by 4r bits.
void shift_rows(Planes& q) noexcept {
  for (auto& x : q) {
    x = (x & 0x000000000000ffffULL) |                                               // row 0
        ((x & 0x00000000fff00000ULL) >> 4) | ((x & 0x00000000000f0000ULL) << 12) |  // row 1
        ((x & 0x0000ff0000000000ULL) >> 8) | ((x & 0x000000ff00000000ULL) << 8) |   // row 2
        ((x & 0xf000000000000000ULL) >> 12) | ((x & 0x0fff000000000000ULL) << 4);   // row 3
  }
}

// §5.3.1: row r moves right by r columns.
void inv_shift_rows(Planes& q) noexcept {
  for (auto& x : q) {
    x = (x & 0x000000000000ffffULL) |                                               // row 0
        ((x & 0x00000000f0000000ULL) >> 12) | ((x & 0x000000000fff0000ULL) << 4) |  // row 1
        ((x & 0x0000ff0000000000ULL) >> 8) | ((x & 0x000000ff00000000ULL) << 8) |   // row 2
        ((x & 0xfff0000000000000ULL) >> 4) | ((x & 0x000f000000000000ULL) << 12);   // row 3
  }
}

// Row r + n of every byte's column, for all bytes at once.
constexpr std::uint64_t rows_down(std::uint64_t x, int n) noexcept {
  return (x >> (16 * n)) | (x << (64 - 16 * n));
}

// Multiplication by x (the byte 0x02): a shift with the x^8 overflow folded back in as 0x1b.
Planes xtime(const Planes& a) noexcept {
  return {a[7], a[0] ^ a[7], a[1], a[2] ^ a[7], a[3] ^ a[7], a[4], a[5], a[6]};
}

// §5.1.3: s'_r = 2 s_r ^ 3 s_(r+1) ^ s_(r+2) ^ s_(r+3)
//             = 2 (s_r ^ s_(r+1)) ^ s_(r+1) ^ (s_(r+2) ^ s_(r+3)).
void mix_columns(Planes& q) noexcept {
  Planes next, pair;
  for (int k = 0; k < 8; ++k) {
    next[k] = rows_down(q[k], 1);
    pair[k] = q[k] ^ next[k];
  }
  const Planes doubled = xtime(pair);
  for (int k = 0; k < 8; ++k) q[k] = doubled[k] ^ next[k] ^ rows_down(pair[k], 2);
}

// §5.3.3 via the factorisation {0b,0d,09,0e} = {03,01,01,02} * {00,04,00,05} (polynomials
// modulo x^4 + 1): first s_r ^= 4 (s_r ^ s_(r+2)), then MixColumns.
void inv_mix_columns(Planes& q) noexcept {
  Planes t;
  for (int k = 0; k < 8; ++k) t[k] = q[k] ^ rows_down(q[k], 2);
  const Planes t4 = xtime(xtime(t));
  for (int k = 0; k < 8; ++k) q[k] ^= t4[k];
  mix_columns(q);
}

void add_round_key(Planes& q, const std::uint64_t (&rk)[8]) noexcept {
  for (int k = 0; k < 8; ++k) q[k] ^= rk[k];
}

// ---- key schedule -------------------------------------------------------------------------------

// SubWord (§5.2): the S-box on four bytes, through the same bitsliced code (bit j of plane k is
// bit k of byte j), so the key never indexes a table either.
void sub_word(std::uint8_t* w) noexcept {
  Planes q{};
  for (int j = 0; j < 4; ++j) {
    for (int k = 0; k < 8; ++k) q[k] |= std::uint64_t{(w[j] >> k) & 1U} << j;
  }
  sub_bytes(q);
  for (int j = 0; j < 4; ++j) {
    unsigned byte = 0;
    for (int k = 0; k < 8; ++k) byte |= static_cast<unsigned>((q[k] >> j) & 1) << k;
    w[j] = static_cast<std::uint8_t>(byte);
  }
  secure_wipe(q.data(), sizeof q);
}

// §5.2 KeyExpansion into 4 (rounds + 1) words w (4 bytes each, in order).
void expand_key(Bytes key, std::uint8_t* w, int rounds) noexcept {
  const int nk = static_cast<int>(key.size() / 4);
  const int total = 4 * (rounds + 1);
  std::memcpy(w, key.data(), key.size());
  std::uint8_t rcon = 0x01;
  for (int i = nk; i < total; ++i) {
    std::uint8_t temp[4];
    std::memcpy(temp, w + 4 * (i - 1), 4);
    if (i % nk == 0) {
      std::rotate(temp, temp + 1, temp + 4);  // RotWord
      sub_word(temp);
      temp[0] ^= rcon;
      rcon = static_cast<std::uint8_t>((rcon << 1) ^ ((rcon >> 7) * 0x1b));  // public constant
    } else if (nk > 6 && i % nk == 4) {
      sub_word(temp);
    }
    for (int j = 0; j < 4; ++j) w[4 * i + j] = w[4 * (i - nk) + j] ^ temp[j];
    secure_wipe(temp, sizeof temp);
  }
}

}  // namespace

AesPortable::AesPortable(Bytes key) noexcept : rounds_(key.size() == 16 ? 10 : 14) {
  std::uint8_t words[16 * 15];
  expand_key(key, words, rounds_);
  std::uint8_t batch[kBatchBytes];
  for (int r = 0; r <= rounds_; ++r) {
    for (std::size_t b = 0; b < kParallelBlocks; ++b)
      std::memcpy(batch + 16 * b, words + 16 * r, 16);
    const Planes q = pack(batch);
    std::copy(q.begin(), q.end(), round_keys_[r]);
  }
  secure_wipe(words, sizeof words);
  secure_wipe(batch, sizeof batch);
}

AesPortable::~AesPortable() {
  secure_wipe(round_keys_, sizeof round_keys_);
}

void AesPortable::encrypt_blocks(const std::uint8_t* in, std::uint8_t* out,
                                 std::size_t blocks) const noexcept {
  std::uint8_t batch[kBatchBytes] = {};
  while (blocks > 0) {
    const std::size_t n = std::min(blocks, kParallelBlocks);
    std::memcpy(batch, in, 16 * n);
    Planes q = pack(batch);
    add_round_key(q, round_keys_[0]);
    for (int r = 1; r < rounds_; ++r) {
      sub_bytes(q);
      shift_rows(q);
      mix_columns(q);
      add_round_key(q, round_keys_[r]);
    }
    sub_bytes(q);
    shift_rows(q);
    add_round_key(q, round_keys_[rounds_]);
    unpack(q, batch);
    std::memcpy(out, batch, 16 * n);
    secure_wipe(q.data(), sizeof q);
    blocks -= n, in += 16 * n, out += 16 * n;
  }
  secure_wipe(batch, sizeof batch);
}

void AesPortable::decrypt_blocks(const std::uint8_t* in, std::uint8_t* out,
                                 std::size_t blocks) const noexcept {
  std::uint8_t batch[kBatchBytes] = {};
  while (blocks > 0) {
    const std::size_t n = std::min(blocks, kParallelBlocks);
    std::memcpy(batch, in, 16 * n);
    Planes q = pack(batch);
    add_round_key(q, round_keys_[rounds_]);
    for (int r = rounds_ - 1; r > 0; --r) {
      inv_shift_rows(q);
      inv_sub_bytes(q);
      add_round_key(q, round_keys_[r]);
      inv_mix_columns(q);
    }
    inv_shift_rows(q);
    inv_sub_bytes(q);
    add_round_key(q, round_keys_[0]);
    unpack(q, batch);
    std::memcpy(out, batch, 16 * n);
    secure_wipe(q.data(), sizeof q);
    blocks -= n, in += 16 * n, out += 16 * n;
  }
  secure_wipe(batch, sizeof batch);
}

}  // namespace tlsx::crypto::builtin
