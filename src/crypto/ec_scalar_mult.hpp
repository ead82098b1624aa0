// Scalar multiplication on P-256/P-384.
//
// Secret scalars (ECDH, key generation, the ECDSA nonce) go through scalar_mult() and
// base_mult(), which use fixed 4-bit windows: the sequence of doublings and additions is the same
// for every scalar, and table entries are fetched by scanning the whole table with masks, so
// neither branches nor memory addresses depend on the scalar. The complete addition formulas make
// the window value 0 (the identity) an ordinary input.
//
// base_mult() uses a precomputed table of j * 16^i * G (j = 1..15, one row per 4-bit window,
// affine coordinates; built once per process on first use from public data): a multiplication by
// G is then 64 (P-256) or 96 (P-384) mixed additions and no doubling.
//
// double_mult_vartime() computes u1*G + u2*Q for ECDSA verification, where everything is public,
// and may skip zero windows and index tables directly.
#pragma once

#include <cstddef>
#include <vector>

#include "crypto/ec_point.hpp"

namespace tlsx::crypto::ec::detail {

/// Number of 4-bit windows of a scalar of curve C.
template <class C>
inline constexpr std::size_t kWindows = 16 * C::S::N;

/// The i-th 4-bit digit (from the least significant end) of a plain scalar.
template <class C>
constexpr std::size_t scalar_digit(const typename C::S::Fe& k, std::size_t i) noexcept {
  return static_cast<std::size_t>((k[i / 16] >> (4 * (i % 16))) & 15);
}

/// The projective point of the base point G.
template <class C>
constexpr Point<C> generator() noexcept {
  return {C::F::to_mont(C::gx), C::F::to_mont(C::gy), C::F::one};
}

/// The fixed-base table: entry [i][j-1] = j * 16^i * G in affine form.
template <class C>
const std::vector<Affine<C>>& base_table() {
  static const std::vector<Affine<C>> table = [] {
    using F = typename C::F;
    constexpr std::size_t kCount = kWindows<C> * 15;
    std::vector<Point<C>> proj(kCount);
    Point<C> row_base = generator<C>();
    for (std::size_t i = 0; i < kWindows<C>; ++i) {
      proj[i * 15] = row_base;
      for (std::size_t j = 1; j < 15; ++j)
        proj[i * 15 + j] = point_add(proj[i * 15 + j - 1], row_base);
      row_base = point_add(proj[i * 15 + 14], row_base);  // 16 * row_base
    }
    // Montgomery's batch inversion: one field inversion for all Z coordinates (none is zero:
    // j * 16^i < n for every entry, so no entry is the identity).
    std::vector<typename F::Fe> prefix(kCount);
    prefix[0] = proj[0].z;
    for (std::size_t k = 1; k < kCount; ++k) prefix[k] = F::mul(prefix[k - 1], proj[k].z);
    auto inv = F::inv(prefix[kCount - 1]);
    std::vector<Affine<C>> out(kCount);
    for (std::size_t k = kCount; k-- > 0;) {
      const auto zinv = k == 0 ? inv : F::mul(inv, prefix[k - 1]);
      inv = F::mul(inv, proj[k].z);
      out[k] = {F::mul(proj[k].x, zinv), F::mul(proj[k].y, zinv)};
    }
    return out;
  }();
  return table;
}

/// k * G for a secret plain scalar k < 2^(64N). Constant time in k.
template <class C>
Point<C> base_mult(const typename C::S::Fe& k) {
  const auto& table = base_table<C>();
  Point<C> acc = Point<C>::identity();
  Affine<C> entry{};
  for (std::size_t i = 0; i < kWindows<C>; ++i) {
    const Limb digit = scalar_digit<C>(k, i);
    entry = {};
    for (std::size_t j = 1; j < 16; ++j) {
      const Limb hit = ct_mask_eq(digit, j);
      C::F::cmov(entry.x, table[i * 15 + j - 1].x, hit);
      C::F::cmov(entry.y, table[i * 15 + j - 1].y, hit);
    }
    const Point<C> sum = point_add_affine(acc, entry);
    Point<C>::cmov(acc, sum, ~ct_mask_is_zero(digit));  // digit 0: keep acc
  }
  secure_wipe(&entry, sizeof entry);  // which multiple was picked depends on the scalar
  return acc;
}

/// k * P for a secret plain scalar k and any point P (the identity included). Constant time in
/// k and P.
template <class C>
Point<C> scalar_mult(const Point<C>& p, const typename C::S::Fe& k) {
  Point<C> table[16];
  table[0] = Point<C>::identity();
  table[1] = p;
  for (std::size_t j = 2; j < 16; ++j) {
    table[j] = (j % 2 == 0) ? point_double(table[j / 2]) : point_add(table[j - 1], p);
  }
  Point<C> acc = Point<C>::identity();
  Point<C> entry{};
  for (std::size_t i = kWindows<C>; i-- > 0;) {
    for (int d = 0; d < 4; ++d) acc = point_double(acc);
    const Limb digit = scalar_digit<C>(k, i);
    entry = Point<C>::identity();
    for (std::size_t j = 1; j < 16; ++j) Point<C>::cmov(entry, table[j], ct_mask_eq(digit, j));
    acc = point_add(acc, entry);
  }
  secure_wipe(&entry, sizeof entry);  // which multiple was picked depends on the scalar
  return acc;
}

/// u1 * G + u2 * Q for public plain scalars (ECDSA verification); variable time.
template <class C>
Point<C> double_mult_vartime(const typename C::S::Fe& u1, const typename C::S::Fe& u2,
                             const Point<C>& q) {
  Point<C> table[16];
  table[0] = Point<C>::identity();
  table[1] = q;
  for (std::size_t j = 2; j < 16; ++j) {
    table[j] = (j % 2 == 0) ? point_double(table[j / 2]) : point_add(table[j - 1], q);
  }
  Point<C> acc = Point<C>::identity();
  bool started = false;
  for (std::size_t i = kWindows<C>; i-- > 0;) {
    if (started) {
      for (int d = 0; d < 4; ++d) acc = point_double(acc);
    }
    const std::size_t digit = scalar_digit<C>(u2, i);
    if (digit != 0) {
      acc = point_add(acc, table[digit]);
      started = true;
    }
  }
  const auto& base = base_table<C>();
  for (std::size_t i = 0; i < kWindows<C>; ++i) {
    const std::size_t digit = scalar_digit<C>(u1, i);
    if (digit != 0) acc = point_add_affine(acc, base[i * 15 + digit - 1]);
  }
  return acc;
}

}  // namespace tlsx::crypto::ec::detail
