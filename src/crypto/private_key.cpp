// tlsx::PrivateKey (include/tlsx/x509.hpp): PEM -> DER -> components -> RsaPrivateKey.
#include <fmt/format.h>

#include "crypto/pem.hpp"
#include "crypto/rsa.hpp"
#include "crypto/rsa_key_der.hpp"
#include "tlsx/x509.hpp"

namespace tlsx {

Result<PrivateKey> PrivateKey::from_pem(std::string_view pem) {
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

std::size_t PrivateKey::bits() const noexcept {
  return rsa_ ? crypto::public_key(*rsa_).bits() : 0;
}

}  // namespace tlsx
