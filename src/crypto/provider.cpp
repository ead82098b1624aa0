// Defaults and helpers shared by every provider.
#include "tlsx/crypto/provider.hpp"

#include <fmt/format.h>

namespace tlsx::crypto {

std::size_t digest_size(HashAlgorithm alg) noexcept {
  switch (alg) {
    case HashAlgorithm::md5:
      return 16;
    case HashAlgorithm::sha1:
      return 20;
    case HashAlgorithm::sha256:
      return 32;
    case HashAlgorithm::sha384:
      return 48;
    case HashAlgorithm::sha512:
      return 64;
  }
  return 0;
}

std::size_t block_size(HashAlgorithm alg) noexcept {
  return (alg == HashAlgorithm::sha384 || alg == HashAlgorithm::sha512) ? 128 : 64;
}

std::string_view to_string(HashAlgorithm alg) noexcept {
  switch (alg) {
    case HashAlgorithm::md5:
      return "MD5";
    case HashAlgorithm::sha1:
      return "SHA-1";
    case HashAlgorithm::sha256:
      return "SHA-256";
    case HashAlgorithm::sha384:
      return "SHA-384";
    case HashAlgorithm::sha512:
      return "SHA-512";
  }
  return "unknown";
}

std::size_t key_size(AeadAlgorithm alg) noexcept {
  return alg == AeadAlgorithm::aes128_gcm ? 16 : 32;
}

std::string_view to_string(AeadAlgorithm alg) noexcept {
  switch (alg) {
    case AeadAlgorithm::aes128_gcm:
      return "AES-128-GCM";
    case AeadAlgorithm::aes256_gcm:
      return "AES-256-GCM";
    case AeadAlgorithm::chacha20_poly1305:
      return "ChaCha20-Poly1305";
  }
  return "unknown";
}

std::size_t key_size(CipherAlgorithm alg) noexcept {
  return alg == CipherAlgorithm::aes128 ? 16 : 32;
}

Result<std::unique_ptr<Hash>> Provider::hash(HashAlgorithm alg) const {
  return fail_unsupported(fmt::format("provider {} has no {}", name(), to_string(alg)));
}

Result<std::unique_ptr<Mac>> Provider::hmac(HashAlgorithm alg, Bytes /*key*/) const {
  return fail_unsupported(fmt::format("provider {} has no HMAC-{}", name(), to_string(alg)));
}

Result<std::unique_ptr<Aead>> Provider::aead(AeadAlgorithm alg, Bytes /*key*/) const {
  return fail_unsupported(fmt::format("provider {} has no {}", name(), to_string(alg)));
}

Result<std::unique_ptr<CbcCipher>> Provider::cbc(CipherAlgorithm alg, Bytes /*key*/) const {
  return fail_unsupported(fmt::format("provider {} has no AES-{}-CBC", name(),
                                      alg == CipherAlgorithm::aes128 ? 128 : 256));
}

Result<void> Provider::x25519_public(Bytes /*private_key*/, MutableBytes /*public_key*/) const {
  return fail_unsupported(fmt::format("provider {} has no X25519", name()));
}

Result<void> Provider::x25519(Bytes /*private_key*/, Bytes /*peer_public*/,
                              MutableBytes /*shared*/) const {
  return fail_unsupported(fmt::format("provider {} has no X25519", name()));
}

Result<void> Provider::random(MutableBytes /*out*/) const {
  return fail_unsupported(fmt::format("provider {} has no RNG", name()));
}

Result<void> hash_once(const Provider& p, HashAlgorithm alg, Bytes data, MutableBytes out) {
  auto h = p.hash(alg);
  if (!h) return std::unexpected(h.error());
  if (out.size() < digest_size(alg)) return fail_argument("hash_once: output too small");
  (*h)->update(data);
  (*h)->finish(out);
  return {};
}

Result<void> hmac_once(const Provider& p, HashAlgorithm alg, Bytes key, Bytes data,
                       MutableBytes out) {
  auto m = p.hmac(alg, key);
  if (!m) return std::unexpected(m.error());
  if (out.size() < digest_size(alg)) return fail_argument("hmac_once: output too small");
  (*m)->update(data);
  (*m)->finish(out);
  return {};
}

}  // namespace tlsx::crypto
