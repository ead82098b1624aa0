// Raw AES-CBC (SP 800-38A §6.2) for the TLS CBC suites, which do their own padding and MAC.
// Encryption is inherently serial (each block needs the previous ciphertext); decryption is not,
// so both engines decrypt several blocks at once. Each call starts from the caller's IV.
#include <algorithm>
#include <cstring>
#include <functional>

#include "crypto/builtin/aes_ni.hpp"
#include "crypto/builtin/aes_portable.hpp"
#include "crypto/builtin/builtin.hpp"
#include "tlsx/crypto/constant_time.hpp"

namespace tlsx::crypto::builtin {
namespace {

// Out spans may alias the input exactly or not at all.
bool overlaps_partially(Bytes in, MutableBytes out) noexcept {
  if (in.empty() || out.empty() || in.data() == out.data()) return false;
  return std::less<>{}(in.data(), out.data() + out.size()) &&
         std::less<>{}(out.data(), in.data() + in.size());
}

Result<void> check_arguments(Bytes iv, Bytes in, MutableBytes out) {
  if (iv.size() != kAesBlockSize) return fail_argument("AES-CBC: IV must be 16 bytes");
  if (in.size() % kAesBlockSize != 0) {
    return fail_argument("AES-CBC: input must be a multiple of 16 bytes");
  }
  if (out.size() != in.size()) return fail_argument("AES-CBC: output size must equal input size");
  if (overlaps_partially(in, out)) return fail_argument("AES-CBC: output overlaps input");
  return {};
}

#if TLSX_HAVE_X86_INTRINSICS
struct AesNiEngine {
  AesNiKey key;
  explicit AesNiEngine(Bytes k) noexcept : key(k) {}
  void encrypt(std::uint8_t* chain, const std::uint8_t* in, std::uint8_t* out,
               std::size_t blocks) const noexcept {
    aesni_cbc_encrypt(key, chain, in, out, blocks);
  }
  void decrypt(std::uint8_t* chain, const std::uint8_t* in, std::uint8_t* out,
               std::size_t blocks) const noexcept {
    aesni_cbc_decrypt(key, chain, in, out, blocks);
  }
};
#endif

struct PortableEngine {
  static constexpr std::size_t kBatch = AesPortable::kParallelBlocks;
  AesPortable aes;
  explicit PortableEngine(Bytes k) noexcept : aes(k) {}

  void encrypt(std::uint8_t* chain, const std::uint8_t* in, std::uint8_t* out,
               std::size_t blocks) const noexcept {
    std::uint8_t block[16];
    for (; blocks > 0; --blocks, in += 16, out += 16) {
      for (int i = 0; i < 16; ++i) block[i] = in[i] ^ chain[i];
      aes.encrypt_blocks(block, chain, 1);
      std::memcpy(out, chain, 16);
    }
    secure_wipe(block, sizeof block);
  }

  void decrypt(std::uint8_t* chain, const std::uint8_t* in, std::uint8_t* out,
               std::size_t blocks) const noexcept {
    // The ciphertext is copied first: in == out would otherwise lose the chaining values.
    std::uint8_t cipher[16 * kBatch];
    while (blocks > 0) {
      const std::size_t n = std::min(blocks, kBatch);
      std::memcpy(cipher, in, 16 * n);
      aes.decrypt_blocks(cipher, out, n);
      for (int i = 0; i < 16; ++i) out[i] ^= chain[i];
      for (std::size_t i = 16; i < 16 * n; ++i) out[i] ^= cipher[i - 16];
      std::memcpy(chain, cipher + 16 * (n - 1), 16);
      blocks -= n, in += 16 * n, out += 16 * n;
    }
  }
};

template <class Engine>
class AesCbc final : public CbcCipher {
 public:
  AesCbc(CipherAlgorithm alg, Bytes key) noexcept : alg_(alg), engine_(key) {}

  [[nodiscard]] CipherAlgorithm algorithm() const noexcept override { return alg_; }

  Result<void> encrypt(Bytes iv, Bytes in, MutableBytes out) override {
    if (auto ok = check_arguments(iv, in, out); !ok) return ok;
    std::uint8_t chain[16];
    std::memcpy(chain, iv.data(), 16);
    if (!in.empty()) engine_.encrypt(chain, in.data(), out.data(), in.size() / 16);
    return {};
  }

  Result<void> decrypt(Bytes iv, Bytes in, MutableBytes out) override {
    if (auto ok = check_arguments(iv, in, out); !ok) return ok;
    std::uint8_t chain[16];
    std::memcpy(chain, iv.data(), 16);
    if (!in.empty()) engine_.decrypt(chain, in.data(), out.data(), in.size() / 16);
    return {};
  }

 private:
  CipherAlgorithm alg_;
  Engine engine_;
};

}  // namespace

Result<std::unique_ptr<CbcCipher>> make_aes_cbc(CipherAlgorithm alg, Bytes key, Impl impl) {
  if (alg != CipherAlgorithm::aes128 && alg != CipherAlgorithm::aes256) {
    return fail_unsupported("builtin AES-CBC: unknown algorithm");
  }
  if (key.size() != key_size(alg))
    return fail_argument("AES-CBC: wrong key size for the algorithm");
#if TLSX_HAVE_X86_INTRINSICS
  if (impl == Impl::best && aesni_available()) {
    return std::make_unique<AesCbc<AesNiEngine>>(alg, key);
  }
#else
  (void)impl;
#endif
  return std::make_unique<AesCbc<PortableEngine>>(alg, key);
}

}  // namespace tlsx::crypto::builtin
