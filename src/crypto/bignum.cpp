// Natural numbers with 64-bit limbs: storage, byte conversion and the constant-time limb-vector
// primitives the Montgomery and RSA code build on.
//
// Implementation notes: carries go through unsigned __int128 so that the compiler emits add/adc
// and mul without branches; comparisons build masks from borrows instead of comparing limbs with
// `<`, which compilers may turn into branches.
#include "crypto/bignum.hpp"

#include <utility>

#include "tlsx/crypto/constant_time.hpp"

namespace tlsx::crypto::bn {

Nat& Nat::operator=(const Nat& other) {
  if (this != &other) {
    wipe();
    limbs_ = other.limbs_;
  }
  return *this;
}

Nat::Nat(Nat&& other) noexcept : limbs_(std::exchange(other.limbs_, {})) {}

Nat& Nat::operator=(Nat&& other) noexcept {
  if (this != &other) {
    wipe();
    limbs_ = std::exchange(other.limbs_, {});
  }
  return *this;
}

Nat::~Nat() {
  wipe();
}

void Nat::wipe() noexcept {
  secure_wipe(limbs_.data(), limbs_.size() * sizeof(Limb));
  limbs_.clear();
  limbs_.shrink_to_fit();
}

Nat Nat::from_bytes(std::span<const std::uint8_t> be, std::size_t limbs) {
  // Bytes beyond the limb capacity must be leading zeros; whether a value fits is a public fact
  // (it is a size check on keys and ciphertexts).
  const std::size_t capacity = limbs * kLimbBytes;
  if (be.size() > capacity) {
    std::uint8_t excess = 0;
    for (std::size_t i = 0; i < be.size() - capacity; ++i) excess |= be[i];
    if (excess != 0) return Nat();
    be = be.subspan(be.size() - capacity);
  }
  Nat r(limbs);
  for (std::size_t i = 0; i < be.size(); ++i) {
    const std::size_t bit = i * 8;  // counted from the least significant end
    r.limbs_[bit / kLimbBits] |= Limb{be[be.size() - 1 - i]} << (bit % kLimbBits);
  }
  return r;
}

Nat Nat::from_u64(std::uint64_t v, std::size_t limbs) {
  Nat r(limbs);
  if (limbs > 0) r.limbs_[0] = v;
  return r;
}

void Nat::to_bytes(std::span<std::uint8_t> out) const noexcept {
  for (std::size_t i = 0; i < out.size(); ++i) {
    const std::size_t bit = i * 8;
    const std::size_t limb = bit / kLimbBits;
    out[out.size() - 1 - i] =
        limb < limbs_.size() ? static_cast<std::uint8_t>(limbs_[limb] >> (bit % kLimbBits)) : 0;
  }
}

Nat Nat::resized(std::size_t limbs) const {
  Nat r(limbs);
  for (std::size_t i = 0; i < limbs && i < limbs_.size(); ++i) r.limbs_[i] = limbs_[i];
  return r;
}

std::size_t Nat::bit_length_vartime() const noexcept {
  for (std::size_t i = limbs_.size(); i > 0; --i) {
    if (limbs_[i - 1] != 0) {
      return (i - 1) * kLimbBits +
             (kLimbBits - static_cast<std::size_t>(__builtin_clzll(limbs_[i - 1])));
    }
  }
  return 0;
}

Limb add_n(Limb* r, const Limb* a, const Limb* b, std::size_t n) noexcept {
  Limb carry = 0;
  for (std::size_t i = 0; i < n; ++i) {
    const WideLimb s = WideLimb{a[i]} + b[i] + carry;
    r[i] = static_cast<Limb>(s);
    carry = static_cast<Limb>(s >> kLimbBits);
  }
  return carry;
}

Limb sub_n(Limb* r, const Limb* a, const Limb* b, std::size_t n) noexcept {
  Limb borrow = 0;
  for (std::size_t i = 0; i < n; ++i) {
    const WideLimb d = WideLimb{a[i]} - b[i] - borrow;
    r[i] = static_cast<Limb>(d);
    borrow = static_cast<Limb>(d >> kLimbBits) & 1;
  }
  return borrow;
}

void select_n(Limb* r, Limb mask, const Limb* a, const Limb* b, std::size_t n) noexcept {
  for (std::size_t i = 0; i < n; ++i) r[i] = (a[i] & mask) | (b[i] & ~mask);
}

Limb less_than_mask(const Limb* a, const Limb* b, std::size_t n) noexcept {
  // a < b exactly when a - b borrows.
  Limb borrow = 0;
  for (std::size_t i = 0; i < n; ++i) {
    const WideLimb d = WideLimb{a[i]} - b[i] - borrow;
    borrow = static_cast<Limb>(d >> kLimbBits) & 1;
  }
  return 0 - borrow;
}

Limb equal_mask(const Limb* a, const Limb* b, std::size_t n) noexcept {
  Limb diff = 0;
  for (std::size_t i = 0; i < n; ++i) diff |= a[i] ^ b[i];
  return ct_mask_is_zero(diff);
}

Limb is_zero_mask(const Limb* a, std::size_t n) noexcept {
  Limb acc = 0;
  for (std::size_t i = 0; i < n; ++i) acc |= a[i];
  return ct_mask_is_zero(acc);
}

void mul_n(Limb* r, const Limb* a, std::size_t na, const Limb* b, std::size_t nb) noexcept {
  for (std::size_t i = 0; i < na + nb; ++i) r[i] = 0;
  for (std::size_t j = 0; j < nb; ++j) {
    Limb carry = 0;
    for (std::size_t i = 0; i < na; ++i) {
      const WideLimb t = WideLimb{a[i]} * b[j] + r[i + j] + carry;
      r[i + j] = static_cast<Limb>(t);
      carry = static_cast<Limb>(t >> kLimbBits);
    }
    r[j + na] = carry;
  }
}

}  // namespace tlsx::crypto::bn
