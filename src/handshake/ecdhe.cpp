#include "handshake/ecdhe.hpp"

#include <optional>

#include <fmt/format.h>

#include "crypto/ec.hpp"
#include "handshake/key_exchange.hpp"

namespace tlsx::handshake {
namespace {

std::optional<crypto::ec::Curve> nist_curve(NamedGroup group) noexcept {
  switch (group) {
    case NamedGroup::secp256r1:
      return crypto::ec::Curve::p256;
    case NamedGroup::secp384r1:
      return crypto::ec::Curve::p384;
    default:
      return std::nullopt;
  }
}

}  // namespace

bool ecdhe_group_implemented(NamedGroup group) noexcept {
  return group == NamedGroup::x25519 || nist_curve(group).has_value();
}

Result<EcdheKeyPair> generate_ecdhe_key(const crypto::Provider& provider, NamedGroup group) {
  EcdheKeyPair pair;
  pair.group = group;
  if (group == NamedGroup::x25519) {
    auto x = generate_x25519(provider);
    if (!x) return std::unexpected(x.error());
    pair.private_key = std::move(x->private_key);
    pair.public_key.assign(x->public_key.begin(), x->public_key.end());
    return pair;
  }
  const auto curve = nist_curve(group);
  if (!curve) {
    return fail_argument(fmt::format("ECDHE over {} is not implemented by tlsx", to_string(group)));
  }
  auto scalar = crypto::ec::generate_private_key(*curve, provider);
  if (!scalar) return std::unexpected(scalar.error());
  auto point = crypto::ec::public_key(*curve, scalar->span());
  if (!point) return std::unexpected(point.error());
  pair.private_key = std::move(*scalar);
  pair.public_key = std::move(*point);
  return pair;
}

Result<SecretBytes> ecdhe_shared_secret(const crypto::Provider& provider, const EcdheKeyPair& own,
                                        std::span<const std::uint8_t> peer_public) {
  if (own.group == NamedGroup::x25519) {
    return x25519_shared_secret(provider, own.private_key.span(), peer_public);
  }
  const auto curve = nist_curve(own.group);
  if (!curve) {
    return fail_argument(
        fmt::format("ECDHE over {} is not implemented by tlsx", to_string(own.group)));
  }
  // ecdh() validates the point first (length, 0x04 prefix, on the curve, not infinity).
  return crypto::ec::ecdh(*curve, own.private_key.span(), peer_public);
}

}  // namespace tlsx::handshake
