// Constant-time helpers and secure wiping. Use these, never memcmp or ==, on secrets, MACs,
// Finished values and padding.
#pragma once

#include <cstddef>
#include <cstdint>
#include <span>

namespace tlsx::crypto {

/// True when a and b have the same length and contents. The time taken depends only on the
/// lengths, never on the contents. The result itself is treated as public (callers branch on it).
[[nodiscard]] bool ct_equal(std::span<const std::uint8_t> a,
                            std::span<const std::uint8_t> b) noexcept;

/// 0xff...ff when x == 0, else 0, without a branch.
[[nodiscard]] constexpr std::uint64_t ct_mask_is_zero(std::uint64_t x) noexcept {
  return ((x | (0 - x)) >> 63) - 1;
}
/// 0xff...ff when a == b, else 0.
[[nodiscard]] constexpr std::uint64_t ct_mask_eq(std::uint64_t a, std::uint64_t b) noexcept {
  return ct_mask_is_zero(a ^ b);
}
/// 0xff...ff when a < b, else 0 (a, b < 2^63).
[[nodiscard]] constexpr std::uint64_t ct_mask_lt(std::uint64_t a, std::uint64_t b) noexcept {
  return 0 - ((a - b) >> 63);
}

/// out[i] = mask ? a[i] : b[i] for every i, where mask is 0x00 or 0xff. All three spans must have
/// the same length.
void ct_select(std::span<std::uint8_t> out, std::uint8_t mask, std::span<const std::uint8_t> a,
               std::span<const std::uint8_t> b) noexcept;

/// Overwrites memory in a way the compiler may not elide (libsodium's sodium_memzero).
void secure_wipe(void* data, std::size_t size) noexcept;
inline void secure_wipe(std::span<std::uint8_t> data) noexcept {
  secure_wipe(data.data(), data.size());
}

}  // namespace tlsx::crypto
