// builtin_provider(): tlsx's own primitives behind the Provider interface.
//
// What it has: MD5, SHA-1, SHA-256 (SHA-NI or portable), SHA-384, SHA-512, HMAC over each of
// them, AES-128/256-GCM and AES-128/256-CBC (AES-NI + PCLMULQDQ, or the constant-time portable
// code), ChaCha20-Poly1305 (AVX-512F/AVX2 or portable). What it lacks, and reports as
// unsupported: X25519 and the RNG; those come from libsodium (default_provider() combines both).
#include "crypto/builtin/builtin.hpp"

namespace tlsx::crypto {
namespace {

std::unique_ptr<Hash> make_builtin_hash(HashAlgorithm alg) {
  switch (alg) {
    case HashAlgorithm::md5:
      return builtin::make_md5();
    case HashAlgorithm::sha1:
      return builtin::make_sha1();
    case HashAlgorithm::sha256:
      return builtin::make_sha256();
    case HashAlgorithm::sha384:
      return builtin::make_sha384();
    case HashAlgorithm::sha512:
      return builtin::make_sha512();
  }
  return nullptr;
}

class BuiltinProvider final : public Provider {
 public:
  [[nodiscard]] std::string_view name() const noexcept override { return "builtin"; }

  [[nodiscard]] Result<std::unique_ptr<Hash>> hash(HashAlgorithm alg) const override {
    auto h = make_builtin_hash(alg);
    if (!h) return Provider::hash(alg);
    return h;
  }

  [[nodiscard]] Result<std::unique_ptr<Mac>> hmac(HashAlgorithm alg, Bytes key) const override {
    auto inner = make_builtin_hash(alg);
    if (!inner) return Provider::hmac(alg, key);
    return builtin::make_hmac(std::move(inner), key);
  }

  [[nodiscard]] Result<std::unique_ptr<Aead>> aead(AeadAlgorithm alg, Bytes key) const override {
    switch (alg) {
      case AeadAlgorithm::aes128_gcm:
      case AeadAlgorithm::aes256_gcm:
        return builtin::make_aes_gcm(alg, key);
      case AeadAlgorithm::chacha20_poly1305:
        return builtin::make_chacha20_poly1305(key);
      default:
        return Provider::aead(alg, key);
    }
  }

  [[nodiscard]] Result<std::unique_ptr<CbcCipher>> cbc(CipherAlgorithm alg,
                                                       Bytes key) const override {
    return builtin::make_aes_cbc(alg, key);
  }
};

}  // namespace

const Provider& builtin_provider() {
  static const BuiltinProvider provider;
  return provider;
}

}  // namespace tlsx::crypto
