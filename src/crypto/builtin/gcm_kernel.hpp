// The per-key block work of AES-GCM: the AES block function, GHASH, and CTR encryption fused
// with GHASH. gcm.cpp builds NIST SP 800-38D on this interface; the AES-NI/PCLMULQDQ kernel and
// the constant-time portable kernel differ only here.
//
// Blocks are 16-byte arrays in GCM's order. A counter block's last 4 bytes are a big-endian
// counter that wraps modulo 2^32 (SP 800-38D inc32). The GHASH state y is updated in place.
#pragma once

#include <cstddef>
#include <cstdint>
#include <memory>

#include "tlsx/crypto/provider.hpp"

namespace tlsx::crypto::builtin {

/// SP 800-38D inc32: adds one to the big-endian counter in the last four bytes, modulo 2^32.
/// Branch-free: for IVs other than 96 bits the counter comes from GHASH and so depends on H.
inline void gcm_inc32(std::uint8_t* ctr) noexcept {
  std::uint32_t c = (std::uint32_t{ctr[12]} << 24) | (std::uint32_t{ctr[13]} << 16) |
                    (std::uint32_t{ctr[14]} << 8) | std::uint32_t{ctr[15]};
  ++c;
  for (int i = 0; i < 4; ++i) ctr[12 + i] = static_cast<std::uint8_t>(c >> (24 - 8 * i));
}

class GcmKernel {
 public:
  virtual ~GcmKernel() = default;

  /// out = AES_K(in) for one block.
  virtual void encrypt_block(const std::uint8_t* in, std::uint8_t* out) noexcept = 0;

  /// y = (y ^ X)·H for each whole 16-byte block X of data.
  virtual void ghash(std::uint8_t* y, const std::uint8_t* data, std::size_t blocks) noexcept = 0;

  /// CTR-encrypts whole blocks with counter blocks ctr, inc32(ctr), ... (ctr is advanced past
  /// the last one used) and GHASHes the ciphertext into y. in may equal out.
  virtual void encrypt(std::uint8_t* ctr, std::uint8_t* y, const std::uint8_t* in,
                       std::uint8_t* out, std::size_t blocks) noexcept = 0;

  /// The same CTR transform, GHASHing the input (the ciphertext) instead. in may equal out.
  virtual void decrypt(std::uint8_t* ctr, std::uint8_t* y, const std::uint8_t* in,
                       std::uint8_t* out, std::size_t blocks) noexcept = 0;
};

/// True when make_gcm_kernel_aesni() may be called (AES-NI, PCLMULQDQ and SSE4.1 present).
[[nodiscard]] bool gcm_kernel_aesni_available() noexcept;

/// Kernels for a 16- or 32-byte key (callers check the size).
[[nodiscard]] std::unique_ptr<GcmKernel> make_gcm_kernel_aesni(Bytes key);
[[nodiscard]] std::unique_ptr<GcmKernel> make_gcm_kernel_portable(Bytes key);

}  // namespace tlsx::crypto::builtin
