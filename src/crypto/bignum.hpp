// Natural numbers for RSA: a fixed count of little-endian 64-bit limbs.
//
// Conventions (see bignum.cpp): the limb count of a Nat is public (it follows from key sizes);
// the value may be secret. Nothing in this file branches on or indexes memory by a value, except
// functions whose name ends in _vartime, which are for public values only (moduli, public
// exponents, signatures). Every Nat wipes its limbs when destroyed.
#pragma once

#include <cstddef>
#include <cstdint>
#include <span>
#include <vector>

namespace tlsx::crypto::bn {

using Limb = std::uint64_t;
__extension__ using WideLimb = unsigned __int128;  // __extension__: -Wpedantic
inline constexpr std::size_t kLimbBits = 64;
inline constexpr std::size_t kLimbBytes = 8;
/// Largest supported operand: RSA-8192 public keys.
inline constexpr std::size_t kMaxBits = 8192;
inline constexpr std::size_t kMaxLimbs = kMaxBits / kLimbBits;

/// Limbs needed to hold `bytes` bytes.
[[nodiscard]] constexpr std::size_t limbs_for_bytes(std::size_t bytes) noexcept {
  return (bytes + kLimbBytes - 1) / kLimbBytes;
}
/// Limbs needed to hold `bits` bits.
[[nodiscard]] constexpr std::size_t limbs_for_bits(std::size_t bits) noexcept {
  return (bits + kLimbBits - 1) / kLimbBits;
}

/// An owning natural number of a fixed limb count (least significant limb first), wiped on
/// destruction. Copies are deep (and wiped in turn).
class Nat {
 public:
  Nat() = default;
  /// Zero with `limbs` limbs.
  explicit Nat(std::size_t limbs) : limbs_(limbs, 0) {}
  Nat(const Nat& other) = default;
  Nat& operator=(const Nat& other);
  Nat(Nat&& other) noexcept;
  Nat& operator=(Nat&& other) noexcept;
  ~Nat();

  /// The value of big-endian bytes in `limbs` limbs. The bytes must fit: the caller ensures that
  /// `be` has at most limbs * 8 bytes after leading zero bytes (checked: extra bytes must be
  /// zero, or the result is empty). Runs in time that depends only on the sizes.
  [[nodiscard]] static Nat from_bytes(std::span<const std::uint8_t> be, std::size_t limbs);
  [[nodiscard]] static Nat from_u64(std::uint64_t v, std::size_t limbs);

  /// Writes the value as out.size() big-endian bytes (high limbs that do not fit are dropped,
  /// missing bytes are zero).
  void to_bytes(std::span<std::uint8_t> out) const noexcept;

  [[nodiscard]] std::size_t size() const noexcept { return limbs_.size(); }
  [[nodiscard]] bool empty() const noexcept { return limbs_.empty(); }
  [[nodiscard]] Limb* data() noexcept { return limbs_.data(); }
  [[nodiscard]] const Limb* data() const noexcept { return limbs_.data(); }
  [[nodiscard]] std::span<Limb> limbs() noexcept { return limbs_; }
  [[nodiscard]] std::span<const Limb> limbs() const noexcept { return limbs_; }
  [[nodiscard]] Limb& operator[](std::size_t i) noexcept { return limbs_[i]; }
  [[nodiscard]] Limb operator[](std::size_t i) const noexcept { return limbs_[i]; }

  /// The same value with `limbs` limbs (zero-extended or truncated).
  [[nodiscard]] Nat resized(std::size_t limbs) const;

  /// Position of the highest set bit plus one (0 for zero). Variable time: public values only.
  [[nodiscard]] std::size_t bit_length_vartime() const noexcept;

  /// Wipes and frees the limbs.
  void wipe() noexcept;

 private:
  std::vector<Limb> limbs_;
};

// ---- limb-vector primitives; all constant time in the values --------------------------------

/// r = a + b over n limbs; returns the carry (0 or 1). r may alias a or b.
Limb add_n(Limb* r, const Limb* a, const Limb* b, std::size_t n) noexcept;
/// r = a - b over n limbs; returns the borrow (0 or 1). r may alias a or b.
Limb sub_n(Limb* r, const Limb* a, const Limb* b, std::size_t n) noexcept;
/// r = mask ? a : b over n limbs, mask all ones or zero. r may alias a or b.
void select_n(Limb* r, Limb mask, const Limb* a, const Limb* b, std::size_t n) noexcept;
/// All ones when a < b (n limbs each), else zero.
[[nodiscard]] Limb less_than_mask(const Limb* a, const Limb* b, std::size_t n) noexcept;
/// All ones when a == b (n limbs each), else zero.
[[nodiscard]] Limb equal_mask(const Limb* a, const Limb* b, std::size_t n) noexcept;
/// All ones when a is zero, else zero.
[[nodiscard]] Limb is_zero_mask(const Limb* a, std::size_t n) noexcept;
/// r = a * b (schoolbook); r has na + nb limbs and must not alias a or b.
void mul_n(Limb* r, const Limb* a, std::size_t na, const Limb* b, std::size_t nb) noexcept;

}  // namespace tlsx::crypto::bn
