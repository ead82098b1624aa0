// P-256/P-384 sizes, public point validation, key generation and public keys (src/crypto/ec.hpp).
#include "crypto/ec.hpp"

#include "crypto/ec_internal.hpp"
#include "handshake/try.hpp"

namespace tlsx::crypto::ec {

using namespace detail;

std::size_t scalar_size(Curve curve) noexcept {
  return curve == Curve::p384 ? 48 : 32;
}
std::size_t point_size(Curve curve) noexcept {
  return 1 + 2 * scalar_size(curve);
}

Result<void> validate_public_point(Curve curve, std::span<const std::uint8_t> point) {
  return with_curve(curve, [&]<class C>(C) -> Result<void> {
    TLSX_TRY_LET(p, decode_point<C>(point));
    (void)p;
    return {};
  });
}

Result<SecretBytes> generate_private_key(Curve curve, const Provider& provider) {
  return with_curve(curve, [&]<class C>(C) -> Result<SecretBytes> {
    using S = typename C::S;
    SecretBytes out(C::kBytes);
    // Rejection sampling: a draw outside [1, n-1] has probability < 2^-32 and reveals nothing
    // about the accepted draw.
    for (int attempt = 0; attempt < 64; ++attempt) {
      TLSX_TRY(provider.random(out.span()));
      auto d = S::from_bytes(out.span());
      const bool ok = declassify((S::less_than_modulus(d) & ~S::is_zero(d)) != 0);
      wipe_value(d);
      if (ok) return out;
    }
    return fail(ErrorCode::crypto, AlertDescription::internal_error,
                "EC key generation: the random source looks broken");
  });
}

Result<std::vector<std::uint8_t>> public_key(Curve curve,
                                             std::span<const std::uint8_t> private_scalar) {
  return with_curve(curve, [&]<class C>(C) -> Result<std::vector<std::uint8_t>> {
    TLSX_TRY_LET(d, decode_private_scalar<C>(private_scalar));
    auto q = base_mult<C>(d);
    wipe_value(d);
    typename C::F::Fe x, y;
    const Limb at_infinity = point_to_affine(q, x, y);
    (void)at_infinity;  // 1 <= d < n: d*G is never the identity
    return encode_affine<C>(x, y);
  });
}

}  // namespace tlsx::crypto::ec
