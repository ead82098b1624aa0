// Poly1305 (RFC 8439 §2.5), the one-time authenticator of ChaCha20-Poly1305.
//
// Incremental: update() any amount of data, pad16() for the AEAD's zero padding, finish() for the
// 16-byte tag. Whole blocks go to the chosen kernel: the portable radix-2^64 code, or a vector
// kernel (AVX2: four lanes in radix 2^26; AVX-512 IFMA: eight lanes in radix 2^44) once a call
// brings enough blocks
// to repay computing the powers of r. All kernels run in constant time; the final reduction
// modulo 2^130 - 5 selects with masks.
#pragma once

#include <cstddef>
#include <cstdint>

#include "crypto/builtin/poly1305_kernel.hpp"
#include "tlsx/crypto/provider.hpp"

namespace tlsx::crypto::builtin {

enum class Poly1305Kernel : std::uint8_t { portable, avx2, avx512ifma };

/// Whether the CPU can run the kernel (portable: always).
[[nodiscard]] bool poly1305_kernel_available(Poly1305Kernel kernel) noexcept;
/// The fastest kernel this CPU can run.
[[nodiscard]] Poly1305Kernel poly1305_best_kernel() noexcept;

class Poly1305 {
 public:
  static constexpr std::size_t kKeySize = 32;
  static constexpr std::size_t kTagSize = 16;
  static constexpr std::size_t kBlockSize = 16;

  /// key: 32 bytes, r || s (a one-time key). kernel must be available.
  Poly1305(const std::uint8_t* key, Poly1305Kernel kernel) noexcept;
  ~Poly1305();
  Poly1305(const Poly1305&) = delete;
  Poly1305& operator=(const Poly1305&) = delete;

  void update(Bytes data) noexcept;
  /// Absorbs zero bytes up to the next 16-byte boundary of the data so far (RFC 8439 §2.8's
  /// pad16); nothing when it is already on one.
  void pad16() noexcept;
  /// Writes the 16-byte tag. The object is spent afterwards (a key is used once).
  void finish(std::uint8_t* tag) noexcept;

 private:
  void absorb_blocks(const std::uint8_t* m, std::size_t blocks) noexcept;

  // Everything derived from the key or the data, in one piece so that it is wiped at once.
  struct Secrets {
    Poly1305Acc acc;
    std::uint64_t pad0 = 0, pad1 = 0;  // s, added at the end
    std::uint8_t buffer[kBlockSize] = {};
  };
  Secrets st_;
  std::size_t buffered_ = 0;
  Poly1305Kernel kernel_;
  bool powers_ready_ = false;
  // The powers of r for the kernel in use (computed on its first vector run).
  union {
    Poly1305Powers powers26_;
    Poly1305Powers44 powers44_;
  };
};

}  // namespace tlsx::crypto::builtin
