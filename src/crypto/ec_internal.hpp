// Shared glue for the EC operations (ec.cpp, ecdh.cpp, ecdsa.cpp): curve dispatch, point and
// private-scalar decoding, point encoding.
#pragma once

#include <cstdint>
#include <span>
#include <string>
#include <tuple>
#include <vector>

#include "crypto/declassify.hpp"
#include "crypto/ec.hpp"
#include "crypto/ec_scalar_mult.hpp"

namespace tlsx::crypto::ec::detail {

/// Calls fn(P256{}) or fn(P384{}).
template <class Fn>
decltype(auto) with_curve(Curve curve, Fn&& fn) {
  if (curve == Curve::p384) return fn(P384{});
  return fn(P256{});
}

template <class C>
const char* curve_name() noexcept {
  return C::kBytes == 32 ? "P-256" : "P-384";
}

/// Decodes and validates an uncompressed public point (see validate_public_point).
template <class C>
Result<Point<C>> decode_point(std::span<const std::uint8_t> in) {
  using F = typename C::F;
  if (in.size() != 1 + 2 * C::kBytes) {
    return fail_decode(std::string(curve_name<C>()) + " point: length " +
                       std::to_string(in.size()));
  }
  if (in[0] != 0x04) {
    return fail_decode(std::string(curve_name<C>()) + " point: not uncompressed (format byte " +
                       std::to_string(in[0]) + ")");
  }
  const auto x = F::from_bytes(in.subspan(1, C::kBytes));
  const auto y = F::from_bytes(in.subspan(1 + C::kBytes, C::kBytes));
  if (!(F::less_than_modulus(x) & F::less_than_modulus(y))) {
    return fail(ErrorCode::illegal_parameter, AlertDescription::illegal_parameter,
                std::string(curve_name<C>()) + " point: coordinate not below p");
  }
  const auto xm = F::to_mont(x);
  const auto ym = F::to_mont(y);
  if (!on_curve<C>(xm, ym)) {
    return fail(ErrorCode::illegal_parameter, AlertDescription::illegal_parameter,
                std::string(curve_name<C>()) + " point: not on the curve");
  }
  return Point<C>{xm, ym, F::one};
}

/// 0x04 || X || Y of a point that is not the identity (the caller checked).
template <class C>
std::vector<std::uint8_t> encode_affine(const typename C::F::Fe& x, const typename C::F::Fe& y) {
  std::vector<std::uint8_t> out(1 + 2 * C::kBytes);
  out[0] = 0x04;
  C::F::to_bytes(std::span(out).subspan(1, C::kBytes), C::F::from_mont(x));
  C::F::to_bytes(std::span(out).subspan(1 + C::kBytes, C::kBytes), C::F::from_mont(y));
  return out;
}

/// A private scalar as plain limbs, checked 1 <= d < n. Only the verdict is declassified.
template <class C>
Result<typename C::S::Fe> decode_private_scalar(std::span<const std::uint8_t> in) {
  using S = typename C::S;
  if (in.size() != C::kBytes) {
    return fail_argument(std::string(curve_name<C>()) + " private key: length " +
                         std::to_string(in.size()));
  }
  const auto d = S::from_bytes(in);
  if (!declassify(S::less_than_modulus(d) & ~S::is_zero(d))) {
    return fail(ErrorCode::illegal_parameter, AlertDescription::illegal_parameter,
                std::string(curve_name<C>()) + " private key: not in [1, n-1]");
  }
  return d;
}

/// Wipes limbs of secret values (scalars, nonces, secret points).
template <class T>
void wipe_value(T& v) noexcept {
  secure_wipe(&v, sizeof v);
}

/// Wipes the given secret values when the scope ends, on every return path.
template <class... T>
class WipeOnExit {
 public:
  explicit WipeOnExit(T&... values) noexcept : values_(values...) {}
  WipeOnExit(const WipeOnExit&) = delete;
  WipeOnExit& operator=(const WipeOnExit&) = delete;
  ~WipeOnExit() {
    std::apply([](auto&... v) { (wipe_value(v), ...); }, values_);
  }

 private:
  std::tuple<T&...> values_;
};

}  // namespace tlsx::crypto::ec::detail
