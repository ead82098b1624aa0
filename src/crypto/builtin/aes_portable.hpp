// AES-128/256 in portable, constant-time C++: a bitsliced implementation (FIPS-197) that works
// on four blocks at a time and never indexes memory or branches on key or data bits. It is the
// fallback when the CPU has no AES-NI (or when TLSX_CPU_PORTABLE=1 / Impl::portable asks for it).
#pragma once

#include <cstddef>
#include <cstdint>

#include "tlsx/crypto/provider.hpp"

namespace tlsx::crypto::builtin {

class AesPortable {
 public:
  /// Blocks processed together; fewer cost the same time as this many.
  static constexpr std::size_t kParallelBlocks = 4;

  /// key.size() must be 16 or 32 (callers check).
  explicit AesPortable(Bytes key) noexcept;
  ~AesPortable();
  AesPortable(const AesPortable&) = delete;
  AesPortable& operator=(const AesPortable&) = delete;

  /// 10 for AES-128, 14 for AES-256.
  [[nodiscard]] int rounds() const noexcept { return rounds_; }

  /// The raw block function over `blocks` whole 16-byte blocks (ECB). in may equal out.
  void encrypt_blocks(const std::uint8_t* in, std::uint8_t* out, std::size_t blocks) const noexcept;
  void decrypt_blocks(const std::uint8_t* in, std::uint8_t* out, std::size_t blocks) const noexcept;

 private:
  // Round keys in bitsliced form (see aes_portable.cpp), each replicated for the four blocks.
  std::uint64_t round_keys_[15][8] = {};
  int rounds_ = 0;
};

}  // namespace tlsx::crypto::builtin
