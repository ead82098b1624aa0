// The constants of P-256 and P-384 (FIPS 186-4 D.1.2.3 and D.1.2.4 / SEC 2 §2.4): the field
// prime p, the coefficient b (a = -3 for both), the base point G and the group order n. Both
// curves have cofactor 1, so every point on the curve except the identity has order n.
#pragma once

#include <array>
#include <cstddef>

#include "crypto/ec_field.hpp"

namespace tlsx::crypto::ec::detail {

inline constexpr auto kP256p =
    hex_limbs<4>("ffffffff00000001000000000000000000000000ffffffffffffffffffffffff");
inline constexpr auto kP256n =
    hex_limbs<4>("ffffffff00000000ffffffffffffffffbce6faada7179e84f3b9cac2fc632551");

inline constexpr auto kP384p = hex_limbs<6>(
    "fffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffeffffffff0000000000000000ffffff"
    "ff");
inline constexpr auto kP384n = hex_limbs<6>(
    "ffffffffffffffffffffffffffffffffffffffffffffffffc7634d81f4372ddf581a0db248b0a77aecec196accc529"
    "73");

/// P-256: y^2 = x^3 - 3x + b over GF(p).
struct P256 {
  using F = Field<4, kP256p>;  ///< coordinates
  using S = Field<4, kP256n>;  ///< scalars
  static constexpr std::size_t kBytes = 32;
  static constexpr auto b =
      hex_limbs<4>("5ac635d8aa3a93e7b3ebbd55769886bc651d06b0cc53b0f63bce3c3e27d2604b");
  static constexpr auto gx =
      hex_limbs<4>("6b17d1f2e12c4247f8bce6e563a440f277037d812deb33a0f4a13945d898c296");
  static constexpr auto gy =
      hex_limbs<4>("4fe342e2fe1a7f9b8ee7eb4a7c0f9e162bce33576b315ececbb6406837bf51f5");
};

/// P-384: y^2 = x^3 - 3x + b over GF(p).
struct P384 {
  using F = Field<6, kP384p>;
  using S = Field<6, kP384n>;
  static constexpr std::size_t kBytes = 48;
  static constexpr auto b = hex_limbs<6>(
      "b3312fa7e23ee7e4988e056be3f82d19181d9c6efe8141120314088f5013875ac656398d8a2ed19d2a85c8edd3ec"
      "2aef");
  static constexpr auto gx = hex_limbs<6>(
      "aa87ca22be8b05378eb1c71ef320ad746e1d3b628ba79b9859f741e082542a385502f25dbf55296c3a545e387276"
      "0ab7");
  static constexpr auto gy = hex_limbs<6>(
      "3617de4a96262c6f5d9e98bf9292dc29f8f41dbd289a147ce9da3113b5f0b8c00a60b1ce1d7e819d7a431d7c90ea"
      "0e5f");
};

}  // namespace tlsx::crypto::ec::detail
