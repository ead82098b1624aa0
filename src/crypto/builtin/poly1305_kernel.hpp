// Poly1305 internals shared by the portable code (poly1305.cpp) and the vector kernels.
//
// Arithmetic is modulo p = 2^130 - 5. The running accumulator h and the key r are kept in radix
// 2^64 (three and two words) for the scalar code; the AVX2 kernel works in radix 2^26 (five
// limbs, each in a 64-bit lane so that VPMULUDQ's 32x32->64 products add up without overflow),
// the AVX-512 IFMA kernel in radix 2^44 (three limbs for VPMADD52LUQ/VPMADD52HUQ).
// Nothing here branches on or indexes by h, r or the message: carries are arithmetic.
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>

namespace tlsx::crypto::builtin {

/// The scalar state: h = h0 + h1·2^64 + h2·2^128 (h2 stays below 8, h is only partly reduced),
/// r = r0 + r1·2^64 clamped (RFC 8439 §2.5), and s1 = 5·r1/4, which folds the 2^128 terms of a
/// product back (r1 is a multiple of 4, and 2^130 ≡ 5).
struct Poly1305Acc {
  std::uint64_t h0 = 0, h1 = 0, h2 = 0;
  std::uint64_t r0 = 0, r1 = 0, s1 = 0;
};

/// A value modulo p as five 26-bit limbs (little-endian; the limbs of powers are fully carried,
/// so each is below 2^26 except a few extra bits in limb 1).
using Limbs26 = std::array<std::uint64_t, 5>;

/// The powers of r the AVX2 kernel multiplies by, in radix 2^26, computed once per key.
struct Poly1305Powers {
  Limbs26 r1, r2, r3, r4, r8;
};

/// A value modulo p as 44-, 44- and 42-bit limbs (little-endian).
using Limbs44 = std::array<std::uint64_t, 3>;

/// The powers of r the IFMA kernel multiplies by, in radix 2^44, computed once per key:
/// r[k-1] = r^k for k = 1..8, and r^16.
struct Poly1305Powers44 {
  std::array<Limbs44, 8> r;
  Limbs44 r16;
};

/// h = (h + m_i + 2^128)·r for each of the `blocks` full 16-byte blocks m_i.
void poly1305_blocks_portable(Poly1305Acc& acc, const std::uint8_t* m, std::size_t blocks) noexcept;

/// Fills p from acc's r (acc.r0, acc.r1).
void poly1305_powers(const Poly1305Acc& acc, Poly1305Powers& p) noexcept;

/// h in radix 2^26 (limb 4 may exceed 26 bits by h2's size) and back. from_radix26 carries fully,
/// so it accepts limbs of up to 62 bits each.
[[nodiscard]] Limbs26 poly1305_to_radix26(const Poly1305Acc& acc) noexcept;
void poly1305_from_radix26(Limbs26 limbs, Poly1305Acc& acc) noexcept;

/// The AVX2 kernel: the same result as poly1305_blocks_portable for any number of blocks (a
/// remainder below one 4-block group goes through the portable code). Requires AVX2 and p
/// filled by poly1305_powers() for acc's key.
void poly1305_blocks_avx2(Poly1305Acc& acc, const Poly1305Powers& p, const std::uint8_t* m,
                          std::size_t blocks) noexcept;

/// The AVX-512 IFMA kernel and its powers; same contract as the AVX2 kernel (remainder below
/// eight blocks through the portable code). Require AVX-512F and AVX-512 IFMA.
void poly1305_powers44(const Poly1305Acc& acc, Poly1305Powers44& p) noexcept;
void poly1305_blocks_ifma(Poly1305Acc& acc, const Poly1305Powers44& p, const std::uint8_t* m,
                          std::size_t blocks) noexcept;

}  // namespace tlsx::crypto::builtin
