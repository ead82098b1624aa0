// The portable constant-time GCM kernel: bitsliced AES (four counter blocks per call) and the
// integer-multiplication GHASH.
#include <algorithm>
#include <cstring>

#include "crypto/builtin/aes_portable.hpp"
#include "crypto/builtin/gcm_kernel.hpp"
#include "crypto/builtin/ghash_portable.hpp"
#include "tlsx/crypto/constant_time.hpp"

namespace tlsx::crypto::builtin {
namespace {

constexpr std::size_t kBatch = AesPortable::kParallelBlocks;

class PortableGcmKernel final : public GcmKernel {
 public:
  explicit PortableGcmKernel(Bytes key) noexcept : aes_(key), ghash_key_(HashSubkey(aes_).bytes) {}

  void encrypt_block(const std::uint8_t* in, std::uint8_t* out) noexcept override {
    aes_.encrypt_blocks(in, out, 1);
  }

  void ghash(std::uint8_t* y, const std::uint8_t* data, std::size_t blocks) noexcept override {
    ghash_portable(ghash_key_, y, data, blocks);
  }

  void encrypt(std::uint8_t* ctr, std::uint8_t* y, const std::uint8_t* in, std::uint8_t* out,
               std::size_t blocks) noexcept override {
    ctr_ghash(ctr, y, in, out, blocks, true);
  }

  void decrypt(std::uint8_t* ctr, std::uint8_t* y, const std::uint8_t* in, std::uint8_t* out,
               std::size_t blocks) noexcept override {
    ctr_ghash(ctr, y, in, out, blocks, false);
  }

 private:
  struct HashSubkey {
    std::uint8_t bytes[16] = {};
    explicit HashSubkey(const AesPortable& aes) noexcept { aes.encrypt_blocks(bytes, bytes, 1); }
    ~HashSubkey() { secure_wipe(bytes, sizeof bytes); }
    HashSubkey(const HashSubkey&) = delete;
    HashSubkey& operator=(const HashSubkey&) = delete;
  };

  void ctr_ghash(std::uint8_t* ctr, std::uint8_t* y, const std::uint8_t* in, std::uint8_t* out,
                 std::size_t blocks, bool encrypting) noexcept {
    std::uint8_t keystream[16 * kBatch];
    while (blocks > 0) {
      const std::size_t n = std::min(blocks, kBatch);
      for (std::size_t j = 0; j < n; ++j) {
        std::memcpy(keystream + 16 * j, ctr, 16);
        gcm_inc32(ctr);
      }
      aes_.encrypt_blocks(keystream, keystream, n);
      // Decryption hashes the ciphertext before it may be overwritten (in == out).
      if (!encrypting) ghash_portable(ghash_key_, y, in, n);
      for (std::size_t i = 0; i < 16 * n; ++i) out[i] = in[i] ^ keystream[i];
      if (encrypting) ghash_portable(ghash_key_, y, out, n);
      blocks -= n, in += 16 * n, out += 16 * n;
    }
    secure_wipe(keystream, sizeof keystream);
  }

  AesPortable aes_;
  GhashPortableKey ghash_key_;
};

}  // namespace

std::unique_ptr<GcmKernel> make_gcm_kernel_portable(Bytes key) {
  return std::make_unique<PortableGcmKernel>(key);
}

}  // namespace tlsx::crypto::builtin
