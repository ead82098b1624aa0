// File-backed private keys and certificate/key pairs for the config.
#include <algorithm>

#include <fmt/format.h>

#include "crypto/rsa.hpp"
#include "crypto/x509_certificate.hpp"
#include "handshake/suite_selection.hpp"
#include "tlsx/config.hpp"

namespace tlsx {
namespace {

class FilePrivateKey final : public PrivateKeyOperations {
 public:
  FilePrivateKey(PrivateKey key, const crypto::Provider& provider)
      : key_(std::move(key)), provider_(provider) {}

  std::size_t rsa_bits() const noexcept override { return key_.bits(); }

  Result<std::vector<std::uint8_t>> sign(SignatureScheme scheme,
                                         std::span<const std::uint8_t> message) const override {
    const auto info = handshake::rsa_scheme_info(scheme);
    if (!info) {
      return fail_argument(fmt::format("cannot sign with {} using an RSA key", to_string(scheme)));
    }
    return info->pss ? crypto::rsa_pss_sign(provider_, *key_.rsa(), info->hash, message)
                     : crypto::rsa_pkcs1_sign(provider_, *key_.rsa(), info->hash, message);
  }

  Result<std::uint8_t> decrypt_pkcs1_implicit(std::span<const std::uint8_t> ciphertext,
                                              std::span<std::uint8_t> out) const override {
    return crypto::rsa_pkcs1_decrypt_implicit(provider_, *key_.rsa(), ciphertext, out);
  }

 private:
  PrivateKey key_;
  const crypto::Provider& provider_;
};

}  // namespace

std::shared_ptr<const PrivateKeyOperations> make_private_key_operations(
    PrivateKey key, const crypto::Provider& provider) {
  return std::make_shared<FilePrivateKey>(std::move(key), provider);
}

Result<CertifiedKey> CertifiedKey::from_pem_files(const std::string& chain_path,
                                                  const std::string& key_path) {
  auto chain = CertificateChain::from_pem_file(chain_path);
  if (!chain) return std::unexpected(chain.error());
  auto key = PrivateKey::from_pem_file(key_path);
  if (!key) return std::unexpected(key.error());
  const auto& leaf_key = chain->certificates().front()->public_key;
  const auto& pub = crypto::public_key(*key->rsa());
  if (leaf_key.type != crypto::PublicKeyType::rsa ||
      !std::ranges::equal(leaf_key.rsa_modulus, pub.modulus())) {
    return fail_argument(fmt::format("the key in {} does not belong to the first certificate in {}",
                                     key_path, chain_path));
  }
  return CertifiedKey{std::move(*chain), make_private_key_operations(std::move(*key))};
}

}  // namespace tlsx
