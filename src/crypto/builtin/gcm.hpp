// AES-GCM (NIST SP 800-38D) with 16-byte tags and IVs of any non-zero length. The public Aead
// (make_aes_gcm) wraps it with TLS's fixed 12-byte nonce; tests use it directly so that
// Wycheproof's groups with other IV sizes exercise the GHASH-derived J0 path too.
#pragma once

#include <memory>

#include "crypto/builtin/builtin.hpp"
#include "crypto/builtin/gcm_kernel.hpp"

namespace tlsx::crypto::builtin {

class AesGcm {
 public:
  static constexpr std::size_t kTagSize = 16;

  /// key must be 16 or 32 bytes. Impl::best uses AES-NI and PCLMULQDQ when the CPU has them.
  [[nodiscard]] static Result<AesGcm> create(Bytes key, Impl impl);

  /// out = ciphertext || tag, out.size() == plaintext.size() + 16; out may alias plaintext
  /// exactly. iv must not be empty.
  Result<void> seal(Bytes iv, Bytes aad, Bytes plaintext, MutableBytes out);
  /// out.size() == sealed.size() - 16; on a tag mismatch out is zeroed and the error is
  /// ErrorCode::bad_record_mac. out may alias sealed exactly.
  Result<void> open(Bytes iv, Bytes aad, Bytes sealed, MutableBytes out);

  /// True when this object runs on AES-NI and PCLMULQDQ.
  [[nodiscard]] bool accelerated() const noexcept { return accelerated_; }

 private:
  AesGcm(std::unique_ptr<GcmKernel> kernel, bool accelerated) noexcept
      : kernel_(std::move(kernel)), accelerated_(accelerated) {}

  std::unique_ptr<GcmKernel> kernel_;
  bool accelerated_ = false;
};

}  // namespace tlsx::crypto::builtin
