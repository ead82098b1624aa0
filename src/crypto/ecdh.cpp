// ECDH on P-256/P-384 (SEC 1 §3.3.1): the shared secret is the X coordinate of d*Q.
// The peer point is fully validated first (format, range, on the curve), which is what defeats
// invalid-curve attacks: the formulas never use b of the peer's choosing, but a point off the
// curve would put the computation on another curve of possibly smooth order.
#include "crypto/ec_internal.hpp"
#include "handshake/try.hpp"

namespace tlsx::crypto::ec {

using namespace detail;

Result<SecretBytes> ecdh(Curve curve, std::span<const std::uint8_t> private_scalar,
                         std::span<const std::uint8_t> peer_point) {
  return with_curve(curve, [&]<class C>(C) -> Result<SecretBytes> {
    using F = typename C::F;
    TLSX_TRY_LET(q, decode_point<C>(peer_point));
    TLSX_TRY_LET(d, decode_private_scalar<C>(private_scalar));
    typename F::Fe x{}, y{};
    auto shared = scalar_mult<C>(q, d);
    const WipeOnExit wipe(d, shared, x, y);
    const bool at_infinity = declassify(point_to_affine(shared, x, y) != 0);
    if (at_infinity) {
      return fail(ErrorCode::crypto, AlertDescription::illegal_parameter,
                  "ECDH: shared point is the identity");
    }
    SecretBytes out(C::kBytes);
    auto plain_x = F::from_mont(x);
    F::to_bytes(out.span(), plain_x);
    wipe_value(plain_x);
    return out;
  });
}

}  // namespace tlsx::crypto::ec
