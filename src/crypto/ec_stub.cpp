// Placeholder bodies for src/crypto/ec.hpp so the tree builds while the curve arithmetic lands.
#include "crypto/ec.hpp"

namespace tlsx::crypto::ec {

namespace {
std::unexpected<Error> not_yet() {
  return fail(ErrorCode::unsupported, AlertDescription::internal_error,
              "EC: P-256/P-384 not implemented yet");
}
}  // namespace

std::size_t scalar_size(Curve curve) noexcept {
  return curve == Curve::p256 ? 32 : 48;
}
std::size_t point_size(Curve curve) noexcept {
  return 1 + 2 * scalar_size(curve);
}

Result<void> validate_public_point(Curve, std::span<const std::uint8_t>) {
  return not_yet();
}
Result<SecretBytes> generate_private_key(Curve, const Provider&) {
  return not_yet();
}
Result<std::vector<std::uint8_t>> public_key(Curve, std::span<const std::uint8_t>) {
  return not_yet();
}
Result<SecretBytes> ecdh(Curve, std::span<const std::uint8_t>, std::span<const std::uint8_t>) {
  return not_yet();
}
Result<std::vector<std::uint8_t>> ecdsa_sign(Curve, std::span<const std::uint8_t>,
                                             std::span<const std::uint8_t>, const Provider&) {
  return not_yet();
}
Result<void> ecdsa_verify(Curve, std::span<const std::uint8_t>, std::span<const std::uint8_t>,
                          std::span<const std::uint8_t>) {
  return not_yet();
}

}  // namespace tlsx::crypto::ec
