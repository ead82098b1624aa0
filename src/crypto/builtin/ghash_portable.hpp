// GHASH (NIST SP 800-38D §6.4) in portable, constant-time C++: no tables indexed by the key or
// the data, no secret-dependent branches. The carry-less products are built from ordinary integer
// multiplications (see ghash_portable.cpp), which run in constant time on the CPUs tlsx targets.
#pragma once

#include <cstddef>
#include <cstdint>

namespace tlsx::crypto::builtin {

/// The hash subkey H, with the derived values the multiplier needs. Wiped on destruction.
class GhashPortableKey {
 public:
  /// h is the 16-byte hash subkey block AES_K(0^128).
  explicit GhashPortableKey(const std::uint8_t* h) noexcept;
  ~GhashPortableKey();
  GhashPortableKey(const GhashPortableKey&) = delete;
  GhashPortableKey& operator=(const GhashPortableKey&) = delete;

  /// (y_hi:y_lo) = (y_hi:y_lo)·H, elements as big-endian 128-bit integers (GCM's bit order,
  /// reflected: the x^0 coefficient is the most significant bit).
  void multiply(std::uint64_t& y_hi, std::uint64_t& y_lo) const noexcept;

 private:
  // H's 64-bit halves, their xor (Karatsuba), and the bit-reversed versions of all three.
  std::uint64_t h_[3] = {};
  std::uint64_t h_rev_[3] = {};
};

/// GHASH state update over whole blocks: y = (y ^ X)·H for each 16-byte block X of data. y is
/// the 16-byte state in GCM's block order.
void ghash_portable(const GhashPortableKey& key, std::uint8_t* y, const std::uint8_t* data,
                    std::size_t blocks) noexcept;

}  // namespace tlsx::crypto::builtin
