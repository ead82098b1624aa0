// tlsx::PrivateKey (include/tlsx/x509.hpp): PEM -> DER -> components -> RsaPrivateKey, or
// PEM -> DER -> EcPrivateKey.
#include <fmt/format.h>

#include "crypto/ec_key_der.hpp"
#include "crypto/pem.hpp"
#include "crypto/rsa.hpp"
#include "crypto/rsa_key_der.hpp"
#include "tlsx/x509.hpp"

namespace tlsx {

Result<PrivateKey> PrivateKey::from_pem(std::string_view pem) {
  // The EC reader claims the text only when its first key block is an EC key; everything else
  // (RSA, encrypted, none) is the RSA reader's to accept or explain.
  auto ec = crypto::ec_private_key_from_pem(pem);
  if (!ec) return std::unexpected(std::move(ec.error()));
  if (*ec) {
    PrivateKey out;
    out.ec_ = std::make_shared<const crypto::EcPrivateKey>(std::move(**ec));
    return out;
  }
  auto parsed = crypto::rsa_private_key_from_pem(pem);
  if (!parsed) return std::unexpected(std::move(parsed.error()));
  auto key = crypto::make_rsa_private_key(parsed->components);
  if (!key) return std::unexpected(std::move(key.error()));
  PrivateKey out;
  out.rsa_ = std::move(*key);
  return out;
}

Result<PrivateKey> PrivateKey::from_pem_file(const std::string& path) {
  auto text = crypto::read_file(path);
  if (!text) return std::unexpected(std::move(text.error()));
  auto key = from_pem(crypto::as_text(*text));
  if (!key) key.error().detail = fmt::format("{}: {}", path, key.error().detail);
  return key;
}

KeyAlgorithm PrivateKey::algorithm() const noexcept {
  if (!ec_) return KeyAlgorithm::rsa;
  return ec_->curve == crypto::ec::Curve::p256 ? KeyAlgorithm::ecdsa_p256
                                               : KeyAlgorithm::ecdsa_p384;
}

std::size_t PrivateKey::bits() const noexcept {
  if (ec_) return ec_->curve == crypto::ec::Curve::p256 ? 256 : 384;
  return rsa_ ? crypto::public_key(*rsa_).bits() : 0;
}

}  // namespace tlsx
