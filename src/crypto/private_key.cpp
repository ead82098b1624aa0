// tlsx::PrivateKey (include/tlsx/x509.hpp): PEM -> DER -> components -> RsaPrivateKey.
#include <fmt/format.h>

#include "crypto/pem.hpp"
#include "crypto/rsa.hpp"
#include "crypto/rsa_key_der.hpp"
#include "tlsx/x509.hpp"

namespace tlsx {

namespace {

bool is_encrypted(const crypto::PemBlock& block) {
  // RFC 1421 "Proc-Type: 4,ENCRYPTED", as `openssl genrsa -aes256` / `openssl rsa -des3` write.
  return block.headers.find("ENCRYPTED") != std::string::npos;
}

}  // namespace

Result<PrivateKey> PrivateKey::from_pem(std::string_view pem) {
  auto blocks = crypto::pem_decode(pem);
  if (!blocks) return std::unexpected(std::move(blocks.error()));
  for (const crypto::PemBlock& block : *blocks) {
    Result<crypto::RsaPrivateComponents> components = fail_decode("");
    if (block.label == "ENCRYPTED PRIVATE KEY" ||
        ((block.label == "RSA PRIVATE KEY" || block.label == "PRIVATE KEY" ||
          block.label == "EC PRIVATE KEY") &&
         is_encrypted(block))) {
      return fail_unsupported("encrypted keys are not supported (decrypt with `openssl pkey`)");
    }
    if (block.label == "EC PRIVATE KEY") return fail_unsupported("EC keys are not supported yet");
    if (block.label == "RSA PRIVATE KEY") {
      components = crypto::parse_rsa_private_key_pkcs1(block.der);
    } else if (block.label == "PRIVATE KEY") {
      components = crypto::parse_private_key_pkcs8(block.der);
    } else {
      continue;  // certificates, "EC PARAMETERS", ... next to the key
    }
    if (!block.headers.empty()) return fail_decode("PEM: private key block with headers");
    if (!components) return std::unexpected(std::move(components.error()));
    auto key = crypto::make_rsa_private_key(*components);
    if (!key) return std::unexpected(std::move(key.error()));
    PrivateKey out;
    out.rsa_ = std::move(*key);
    return out;
  }
  return fail_decode("PEM: no private key block (RSA PRIVATE KEY or PRIVATE KEY)");
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
