// File-backed private keys and certificate/key pairs for the config.
#include <algorithm>

#include <fmt/format.h>

#include "crypto/rsa.hpp"
#include "crypto/tls_signature.hpp"
#include "crypto/x509_certificate.hpp"
#include "tlsx/config.hpp"

namespace tlsx {
namespace {

class FilePrivateKey final : public PrivateKeyOperations {
 public:
  FilePrivateKey(PrivateKey key, const crypto::Provider& provider)
      : key_(std::move(key)), provider_(provider) {}

  KeyAlgorithm algorithm() const noexcept override { return key_.algorithm(); }
  std::size_t rsa_bits() const noexcept override { return key_.rsa() ? key_.bits() : 0; }

  Result<std::vector<std::uint8_t>> sign(SignatureScheme scheme,
                                         std::span<const std::uint8_t> message) const override {
    // EC keys sign any ecdsa_* scheme with either curve (TLS 1.2 pairs, see
    // crypto/tls_signature.hpp); RSA keys rsa_pkcs1_* and rsa_pss_rsae_*.
    const auto info = crypto::tls_scheme_info(scheme);
    if (key_.ec()) {
      if (!info || info->kind != crypto::SignatureKind::ecdsa) {
        return fail_argument(fmt::format("cannot sign with {} using an EC key", to_string(scheme)));
      }
      return crypto::ecdsa_sign_message(provider_, *key_.ec(), info->hash, message);
    }
    if (!info || info->kind == crypto::SignatureKind::ecdsa) {
      return fail_argument(fmt::format("cannot sign with {} using an RSA key", to_string(scheme)));
    }
    return info->kind == crypto::SignatureKind::rsa_pss
               ? crypto::rsa_pss_sign(provider_, *key_.rsa(), info->hash, message)
               : crypto::rsa_pkcs1_sign(provider_, *key_.rsa(), info->hash, message);
  }

  Result<std::uint8_t> decrypt_pkcs1_implicit(std::span<const std::uint8_t> ciphertext,
                                              std::span<std::uint8_t> out) const override {
    if (!key_.rsa()) return fail_argument("an EC key cannot decrypt an RSA key exchange");
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
  const bool matches =
      key->ec()
          ? leaf_key.type == crypto::PublicKeyType::ec && leaf_key.ec_curve &&
                *leaf_key.ec_curve == key->ec()->curve &&
                std::ranges::equal(leaf_key.ec_point, key->ec()->public_point)
          : leaf_key.type == crypto::PublicKeyType::rsa &&
                std::ranges::equal(leaf_key.rsa_modulus, crypto::public_key(*key->rsa()).modulus());
  if (!matches) {
    return fail_argument(fmt::format("the key in {} does not belong to the first certificate in {}",
                                     key_path, chain_path));
  }
  return CertifiedKey{std::move(*chain), make_private_key_operations(std::move(*key))};
}

}  // namespace tlsx
