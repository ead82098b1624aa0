// The group law of a short Weierstrass curve y^2 = x^3 - 3x + b in projective coordinates
// (X:Y:Z) ~ (X/Z, Y/Z), with the complete formulas of Renes, Costello and Batina, "Complete
// addition formulas for prime order elliptic curves" (EUROCRYPT 2016), algorithms 4-6 (a = -3).
// "Complete" means one branch-free sequence of field operations is correct for every input,
// including P + P, P + (-P) and the identity (0:1:0): no exceptional case leaks through timing.
#pragma once

#include "crypto/ec_curve_params.hpp"

namespace tlsx::crypto::ec::detail {

template <class C>
struct Point {
  using F = typename C::F;
  using Fe = typename F::Fe;
  Fe x, y, z;  // Montgomery form

  static constexpr Fe kB = F::to_mont(C::b);

  static constexpr Point identity() noexcept { return {F::zero(), F::one, F::zero()}; }

  /// r = mask ? a : r.
  static constexpr void cmov(Point& r, const Point& a, Limb mask) noexcept {
    F::cmov(r.x, a.x, mask);
    F::cmov(r.y, a.y, mask);
    F::cmov(r.z, a.z, mask);
  }
};

/// An affine point (Montgomery form), as stored in precomputed tables. Cannot be the identity.
template <class C>
struct Affine {
  typename C::F::Fe x, y;
};

/// P + Q (RCB algorithm 4: 12M + 2 mul-by-b + 29 additions).
template <class C>
constexpr Point<C> point_add(const Point<C>& p, const Point<C>& q) noexcept {
  using F = typename C::F;
  const auto& b = Point<C>::kB;
  auto t0 = F::mul(p.x, q.x);
  auto t1 = F::mul(p.y, q.y);
  auto t2 = F::mul(p.z, q.z);
  auto t3 = F::add(p.x, p.y);
  auto t4 = F::add(q.x, q.y);
  t3 = F::mul(t3, t4);
  t4 = F::add(t0, t1);
  t3 = F::sub(t3, t4);
  t4 = F::add(p.y, p.z);
  auto x3 = F::add(q.y, q.z);
  t4 = F::mul(t4, x3);
  x3 = F::add(t1, t2);
  t4 = F::sub(t4, x3);
  x3 = F::add(p.x, p.z);
  auto y3 = F::add(q.x, q.z);
  x3 = F::mul(x3, y3);
  y3 = F::add(t0, t2);
  y3 = F::sub(x3, y3);
  auto z3 = F::mul(b, t2);
  x3 = F::sub(y3, z3);
  z3 = F::add(x3, x3);
  x3 = F::add(x3, z3);
  z3 = F::sub(t1, x3);
  x3 = F::add(t1, x3);
  y3 = F::mul(b, y3);
  t1 = F::add(t2, t2);
  t2 = F::add(t1, t2);
  y3 = F::sub(y3, t2);
  y3 = F::sub(y3, t0);
  t1 = F::add(y3, y3);
  y3 = F::add(t1, y3);
  t1 = F::add(t0, t0);
  t0 = F::add(t1, t0);
  t0 = F::sub(t0, t2);
  t1 = F::mul(t4, y3);
  t2 = F::mul(t0, y3);
  y3 = F::mul(x3, z3);
  y3 = F::add(y3, t2);
  x3 = F::mul(t3, x3);
  x3 = F::sub(x3, t1);
  z3 = F::mul(t4, z3);
  t1 = F::mul(t3, t0);
  z3 = F::add(z3, t1);
  return {x3, y3, z3};
}

/// P + Q for an affine Q (RCB algorithm 5: 11M + 2 mul-by-b). Q must not be the identity (it
/// has no affine form); callers that may add "nothing" discard the result by cmov instead.
template <class C>
constexpr Point<C> point_add_affine(const Point<C>& p, const Affine<C>& q) noexcept {
  using F = typename C::F;
  const auto& b = Point<C>::kB;
  auto t0 = F::mul(p.x, q.x);
  auto t1 = F::mul(p.y, q.y);
  auto t3 = F::add(q.x, q.y);
  auto t4 = F::add(p.x, p.y);
  t3 = F::mul(t3, t4);
  t4 = F::add(t0, t1);
  t3 = F::sub(t3, t4);
  t4 = F::mul(q.y, p.z);
  t4 = F::add(t4, p.y);
  auto y3 = F::mul(q.x, p.z);
  y3 = F::add(y3, p.x);
  auto z3 = F::mul(b, p.z);
  auto x3 = F::sub(y3, z3);
  z3 = F::add(x3, x3);
  x3 = F::add(x3, z3);
  z3 = F::sub(t1, x3);
  x3 = F::add(t1, x3);
  y3 = F::mul(b, y3);
  t1 = F::add(p.z, p.z);
  auto t2 = F::add(t1, p.z);
  y3 = F::sub(y3, t2);
  y3 = F::sub(y3, t0);
  t1 = F::add(y3, y3);
  y3 = F::add(t1, y3);
  t1 = F::add(t0, t0);
  t0 = F::add(t1, t0);
  t0 = F::sub(t0, t2);
  t1 = F::mul(t4, y3);
  t2 = F::mul(t0, y3);
  y3 = F::mul(x3, z3);
  y3 = F::add(y3, t2);
  x3 = F::mul(t3, x3);
  x3 = F::sub(x3, t1);
  z3 = F::mul(t4, z3);
  t1 = F::mul(t3, t0);
  z3 = F::add(z3, t1);
  return {x3, y3, z3};
}

/// 2P (RCB algorithm 6: 8M + 3S + 2 mul-by-b).
template <class C>
constexpr Point<C> point_double(const Point<C>& p) noexcept {
  using F = typename C::F;
  const auto& b = Point<C>::kB;
  auto t0 = F::sqr(p.x);
  auto t1 = F::sqr(p.y);
  auto t2 = F::sqr(p.z);
  auto t3 = F::mul(p.x, p.y);
  t3 = F::add(t3, t3);
  auto z3 = F::mul(p.x, p.z);
  z3 = F::add(z3, z3);
  auto y3 = F::mul(b, t2);
  y3 = F::sub(y3, z3);
  auto x3 = F::add(y3, y3);
  y3 = F::add(x3, y3);
  x3 = F::sub(t1, y3);
  y3 = F::add(t1, y3);
  y3 = F::mul(x3, y3);
  x3 = F::mul(x3, t3);
  t3 = F::add(t2, t2);
  t2 = F::add(t2, t3);
  z3 = F::mul(b, z3);
  z3 = F::sub(z3, t2);
  z3 = F::sub(z3, t0);
  t3 = F::add(z3, z3);
  z3 = F::add(z3, t3);
  t3 = F::add(t0, t0);
  t0 = F::add(t3, t0);
  t0 = F::sub(t0, t2);
  t0 = F::mul(t0, z3);
  y3 = F::add(y3, t0);
  t0 = F::mul(p.y, p.z);
  t0 = F::add(t0, t0);
  z3 = F::mul(t0, z3);
  x3 = F::sub(x3, z3);
  z3 = F::mul(t0, t1);
  z3 = F::add(z3, z3);
  z3 = F::add(z3, z3);
  return {x3, y3, z3};
}

/// -P.
template <class C>
constexpr Point<C> point_negate(const Point<C>& p) noexcept {
  return {p.x, C::F::neg(p.y), p.z};
}

/// Affine coordinates of P (one inversion); returns all-ones when P is the identity (then x, y
/// are zero). Constant time in P.
template <class C>
constexpr Limb point_to_affine(const Point<C>& p, typename C::F::Fe& x,
                               typename C::F::Fe& y) noexcept {
  using F = typename C::F;
  const auto zinv = F::inv(p.z);
  x = F::mul(p.x, zinv);
  y = F::mul(p.y, zinv);
  return F::is_zero(p.z);
}

/// All-ones when the affine (x, y) (Montgomery form) satisfies y^2 = x^3 - 3x + b.
template <class C>
constexpr Limb on_curve(const typename C::F::Fe& x, const typename C::F::Fe& y) noexcept {
  using F = typename C::F;
  const auto x3 = F::mul(F::sqr(x), x);
  const auto three_x = F::add(F::add(x, x), x);
  const auto rhs = F::add(F::sub(x3, three_x), Point<C>::kB);
  return F::equal(F::sqr(y), rhs);
}

}  // namespace tlsx::crypto::ec::detail
