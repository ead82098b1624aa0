// RSA public keys: validation (RsaPublicKey::make) and the public operation RSAEP/RSAVP1
// (RFC 8017 §5.1.1, §5.2.2). Everything here is public, so variable-time code is fine.
#include <algorithm>
#include <bit>

#include "crypto/bignum_modexp.hpp"
#include "crypto/rsa_internal.hpp"

namespace tlsx::crypto {
namespace {

constexpr std::size_t kMinModulusBits = 512;
constexpr std::size_t kMaxModulusBits = bn::kMaxBits;

Bytes strip_leading_zeros(Bytes b) noexcept {
  std::size_t i = 0;
  while (i < b.size() && b[i] == 0) ++i;
  return b.subspan(i);
}

std::unexpected<Error> bad_key(std::string detail) {
  return fail(ErrorCode::illegal_parameter, AlertDescription::illegal_parameter,
              "RSA public key: " + std::move(detail));
}

}  // namespace

Result<RsaPublicKey> RsaPublicKey::make(Bytes modulus, Bytes exponent) {
  const Bytes n = strip_leading_zeros(modulus);
  const Bytes e = strip_leading_zeros(exponent);
  if (n.empty()) return bad_key("modulus is zero");
  const std::size_t bits = (n.size() - 1) * 8 + static_cast<std::size_t>(std::bit_width(n[0]));
  if (bits < kMinModulusBits || bits > kMaxModulusBits) {
    return bad_key("modulus has " + std::to_string(bits) + " bits, outside 512..8192");
  }
  if ((n.back() & 1) == 0) return bad_key("modulus is even");
  if (e.empty() || e.size() > 8) return bad_key("exponent is not in 3..2^64-1");
  std::uint64_t e_value = 0;
  for (const std::uint8_t byte : e) e_value = (e_value << 8) | byte;
  if (e_value < 3 || (e_value & 1) == 0) return bad_key("exponent is not an odd number >= 3");

  auto mod = bn::MontModulus::make(bn::Nat::from_bytes(n, bn::limbs_for_bytes(n.size())),
                                   /*accelerate=*/true);
  if (!mod) return bad_key("modulus is unusable");

  RsaPublicKey key;
  key.n_.assign(n.begin(), n.end());
  key.e_.assign(e.begin(), e.end());
  key.mod_ = std::make_shared<const bn::MontModulus>(std::move(*mod));
  return key;
}

std::size_t RsaPublicKey::bits() const noexcept {
  if (n_.empty()) return 0;
  return (n_.size() - 1) * 8 + static_cast<std::size_t>(std::bit_width(n_[0]));
}

Result<void> rsa_public_op(const RsaPublicKey& key, Bytes in, MutableBytes out) {
  const bn::MontModulus* mod = RsaPublicKeyAccess::modulus(key);
  if (mod == nullptr) return fail_argument("RSA public key was not made by RsaPublicKey::make");
  const std::size_t k = key.size_bytes();
  if (out.size() != k) return fail_argument("RSA public operation: output size");
  if (in.size() != k) {
    return fail(ErrorCode::decrypt_error, AlertDescription::decrypt_error,
                "RSA: input is not as long as the modulus");
  }
  const std::size_t limbs = mod->limbs();
  const bn::Nat x = bn::Nat::from_bytes(in, limbs);
  if (bn::less_than_mask(x.data(), mod->modulus().data(), limbs) == 0) {
    return fail(ErrorCode::decrypt_error, AlertDescription::decrypt_error,
                "RSA: input is not below the modulus");
  }
  const bn::Nat e = bn::Nat::from_bytes(key.exponent(), 1);
  bn::Nat y(limbs);
  bn::mod_exp_vartime(*mod, y.data(), x.data(), e.limbs());
  y.to_bytes(out);
  return {};
}

}  // namespace tlsx::crypto
