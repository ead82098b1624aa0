// AES-GCM, NIST SP 800-38D §7, on a GcmKernel. Implementation notes:
// - J0 is IV || 0^31 || 1 for 96-bit IVs, else GHASH(IV || 0-pad || [0]64 || [len(IV)]64).
//   Data uses counters inc32(J0), inc32(inc32(J0)), ...; the tag is E(K, J0) ^ GHASH(A, C).
// - open() decrypts while it hashes (one pass, in place), then compares tags in constant time
//   and wipes the output on a mismatch, so no unauthenticated plaintext escapes.
// - A trailing partial block is hashed zero-padded: it is copied into a local block first, which
//   also makes in-place operation safe.
#include "crypto/builtin/gcm.hpp"

#include <algorithm>
#include <array>
#include <cstring>
#include <functional>

#include "tlsx/crypto/constant_time.hpp"

namespace tlsx::crypto::builtin {
namespace {

using Block = std::array<std::uint8_t, 16>;

// SP 800-38D §5.2.1.1: len(P) <= 2^39 - 256 bits.
constexpr std::uint64_t kMaxPlaintext = (std::uint64_t{1} << 36) - 32;

// A block that wipes itself: counter blocks, keystream and tag masks derive from the key.
struct SecretBlock {
  Block b{};
  SecretBlock() = default;
  SecretBlock(const SecretBlock&) = delete;
  SecretBlock& operator=(const SecretBlock&) = delete;
  ~SecretBlock() { secure_wipe(b.data(), b.size()); }
  std::uint8_t* data() noexcept { return b.data(); }
};

void store_be64(std::uint8_t* p, std::uint64_t v) noexcept {
  for (int i = 7; i >= 0; --i, v >>= 8) p[i] = static_cast<std::uint8_t>(v);
}

// Out spans may alias an input exactly or not at all.
bool overlaps_partially(Bytes in, MutableBytes out) noexcept {
  if (in.empty() || out.empty() || in.data() == out.data()) return false;
  return std::less<>{}(in.data(), out.data() + out.size()) &&
         std::less<>{}(out.data(), in.data() + in.size());
}

// y = GHASH over data zero-padded to whole blocks.
void ghash_padded(GcmKernel& k, std::uint8_t* y, Bytes data) noexcept {
  const std::size_t full = data.size() / 16;
  if (full > 0) k.ghash(y, data.data(), full);
  const std::size_t rest = data.size() % 16;
  if (rest > 0) {
    Block last{};
    std::memcpy(last.data(), data.data() + 16 * full, rest);
    k.ghash(y, last.data(), 1);
  }
}

// SP 800-38D §7.1 step 2.
void derive_j0(GcmKernel& k, Bytes iv, std::uint8_t* j0) noexcept {
  std::memset(j0, 0, 16);
  if (iv.size() == 12) {
    std::memcpy(j0, iv.data(), 12);
    j0[15] = 1;
    return;
  }
  ghash_padded(k, j0, iv);
  Block lengths{};
  store_be64(lengths.data() + 8, std::uint64_t{iv.size()} * 8);
  k.ghash(j0, lengths.data(), 1);
}

void ghash_lengths(GcmKernel& k, std::uint8_t* y, std::size_t aad_len, std::size_t text_len) {
  Block lengths{};
  store_be64(lengths.data(), std::uint64_t{aad_len} * 8);
  store_be64(lengths.data() + 8, std::uint64_t{text_len} * 8);
  k.ghash(y, lengths.data(), 1);
}

Result<void> check_common(Bytes iv, Bytes text, MutableBytes out) {
  if (iv.empty()) return fail_argument("AES-GCM: empty IV");
  if (text.size() > kMaxPlaintext) return fail_argument("AES-GCM: message too long");
  if (overlaps_partially(text, out)) return fail_argument("AES-GCM: output overlaps input");
  return {};
}

}  // namespace

Result<AesGcm> AesGcm::create(Bytes key, Impl impl) {
  if (key.size() != 16 && key.size() != 32) {
    return fail_argument("AES-GCM: key must be 16 or 32 bytes");
  }
  const bool accelerated = impl == Impl::best && gcm_kernel_aesni_available();
  auto kernel = accelerated ? make_gcm_kernel_aesni(key) : make_gcm_kernel_portable(key);
  if (!kernel) return fail_unsupported("AES-GCM: no implementation for this CPU");
  return AesGcm(std::move(kernel), accelerated);
}

Result<void> AesGcm::seal(Bytes iv, Bytes aad, Bytes plaintext, MutableBytes out) {
  if (out.size() != plaintext.size() + kTagSize) {
    return fail_argument("AES-GCM seal: out must be plaintext size + 16");
  }
  if (auto ok = check_common(iv, plaintext, out); !ok) return ok;

  SecretBlock j0, ctr, y, mask;
  derive_j0(*kernel_, iv, j0.data());
  ctr.b = j0.b;
  gcm_inc32(ctr.data());
  ghash_padded(*kernel_, y.data(), aad);

  const std::size_t full = plaintext.size() / 16;
  if (full > 0) kernel_->encrypt(ctr.data(), y.data(), plaintext.data(), out.data(), full);
  const std::size_t rest = plaintext.size() % 16;
  if (rest > 0) {
    SecretBlock last;
    kernel_->encrypt_block(ctr.data(), mask.data());
    for (std::size_t i = 0; i < rest; ++i) {
      last.b[i] = static_cast<std::uint8_t>(plaintext[16 * full + i] ^ mask.b[i]);
    }
    std::memcpy(out.data() + 16 * full, last.data(), rest);
    kernel_->ghash(y.data(), last.data(), 1);
  }
  ghash_lengths(*kernel_, y.data(), aad.size(), plaintext.size());

  kernel_->encrypt_block(j0.data(), mask.data());
  std::uint8_t* tag = out.data() + plaintext.size();
  for (std::size_t i = 0; i < kTagSize; ++i) tag[i] = static_cast<std::uint8_t>(y.b[i] ^ mask.b[i]);
  return {};
}

Result<void> AesGcm::open(Bytes iv, Bytes aad, Bytes sealed, MutableBytes out) {
  if (sealed.size() < kTagSize || out.size() != sealed.size() - kTagSize) {
    return fail_argument("AES-GCM open: out must be sealed size - 16");
  }
  const Bytes ciphertext = sealed.first(out.size());
  if (auto ok = check_common(iv, ciphertext, out); !ok) return ok;
  if (overlaps_partially(sealed, out)) return fail_argument("AES-GCM: output overlaps input");
  Block received_tag{};
  std::memcpy(received_tag.data(), sealed.data() + ciphertext.size(), kTagSize);

  SecretBlock j0, ctr, y, mask;
  derive_j0(*kernel_, iv, j0.data());
  ctr.b = j0.b;
  gcm_inc32(ctr.data());
  ghash_padded(*kernel_, y.data(), aad);

  const std::size_t full = ciphertext.size() / 16;
  if (full > 0) kernel_->decrypt(ctr.data(), y.data(), ciphertext.data(), out.data(), full);
  const std::size_t rest = ciphertext.size() % 16;
  if (rest > 0) {
    SecretBlock last;
    std::memcpy(last.data(), ciphertext.data() + 16 * full, rest);
    kernel_->ghash(y.data(), last.data(), 1);
    kernel_->encrypt_block(ctr.data(), mask.data());
    for (std::size_t i = 0; i < rest; ++i) {
      out[16 * full + i] = static_cast<std::uint8_t>(last.b[i] ^ mask.b[i]);
    }
  }
  ghash_lengths(*kernel_, y.data(), aad.size(), ciphertext.size());

  kernel_->encrypt_block(j0.data(), mask.data());
  Block expected_tag{};
  for (std::size_t i = 0; i < kTagSize; ++i) {
    expected_tag[i] = static_cast<std::uint8_t>(y.b[i] ^ mask.b[i]);
  }
  if (!ct_equal(expected_tag, received_tag)) {
    secure_wipe(out);
    return fail(ErrorCode::bad_record_mac, AlertDescription::bad_record_mac,
                "AES-GCM: authentication tag mismatch");
  }
  return {};
}

// ---- the public Aead ----------------------------------------------------------------------------

namespace {

class AesGcmAead final : public Aead {
 public:
  AesGcmAead(AeadAlgorithm alg, AesGcm gcm) noexcept : alg_(alg), gcm_(std::move(gcm)) {}

  [[nodiscard]] AeadAlgorithm algorithm() const noexcept override { return alg_; }

  Result<void> seal(Bytes nonce, Bytes aad, Bytes plaintext, MutableBytes out) override {
    if (nonce.size() != kAeadNonceSize) return fail_argument("AES-GCM: nonce must be 12 bytes");
    return gcm_.seal(nonce, aad, plaintext, out);
  }

  Result<void> open(Bytes nonce, Bytes aad, Bytes sealed, MutableBytes out) override {
    if (nonce.size() != kAeadNonceSize) return fail_argument("AES-GCM: nonce must be 12 bytes");
    return gcm_.open(nonce, aad, sealed, out);
  }

 private:
  AeadAlgorithm alg_;
  AesGcm gcm_;
};

}  // namespace

Result<std::unique_ptr<Aead>> make_aes_gcm(AeadAlgorithm alg, Bytes key, Impl impl) {
  if (alg != AeadAlgorithm::aes128_gcm && alg != AeadAlgorithm::aes256_gcm) {
    return fail_unsupported("builtin AES-GCM: not an AES-GCM algorithm");
  }
  if (key.size() != key_size(alg)) {
    return fail_argument("AES-GCM: wrong key size for the algorithm");
  }
  auto gcm = AesGcm::create(key, impl);
  if (!gcm) return std::unexpected(gcm.error());
  return std::make_unique<AesGcmAead>(alg, std::move(*gcm));
}

bool aes_accelerated() noexcept {
  return gcm_kernel_aesni_available();
}

}  // namespace tlsx::crypto::builtin
