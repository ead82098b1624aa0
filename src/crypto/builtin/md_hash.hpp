// Merkle–Damgård framing shared by MD5, SHA-1, SHA-256 and SHA-384/512: buffering of partial
// blocks, the 0x80 padding and the message-length trailer. Each algorithm supplies only its
// "core" (initial value, compression function, digest encoding); MdHash<Core> turns it into a
// tlsx::crypto::Hash.
#pragma once

#include <algorithm>
#include <bit>
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <memory>
#include <type_traits>

#include "tlsx/crypto/constant_time.hpp"
#include "tlsx/crypto/provider.hpp"

namespace tlsx::crypto::builtin {

// ---- byte order: the hashes read message words and write digests in a fixed endianness -------

[[nodiscard]] inline std::uint32_t load_be32(const std::uint8_t* p) noexcept {
  std::uint32_t v;
  std::memcpy(&v, p, sizeof v);
  return std::endian::native == std::endian::little ? std::byteswap(v) : v;
}
[[nodiscard]] inline std::uint64_t load_be64(const std::uint8_t* p) noexcept {
  std::uint64_t v;
  std::memcpy(&v, p, sizeof v);
  return std::endian::native == std::endian::little ? std::byteswap(v) : v;
}
[[nodiscard]] inline std::uint32_t load_le32(const std::uint8_t* p) noexcept {
  std::uint32_t v;
  std::memcpy(&v, p, sizeof v);
  return std::endian::native == std::endian::big ? std::byteswap(v) : v;
}
inline void store_be32(std::uint8_t* p, std::uint32_t v) noexcept {
  if constexpr (std::endian::native == std::endian::little) v = std::byteswap(v);
  std::memcpy(p, &v, sizeof v);
}
inline void store_be64(std::uint8_t* p, std::uint64_t v) noexcept {
  if constexpr (std::endian::native == std::endian::little) v = std::byteswap(v);
  std::memcpy(p, &v, sizeof v);
}
inline void store_le32(std::uint8_t* p, std::uint32_t v) noexcept {
  if constexpr (std::endian::native == std::endian::big) v = std::byteswap(v);
  std::memcpy(p, &v, sizeof v);
}
inline void store_le64(std::uint8_t* p, std::uint64_t v) noexcept {
  if constexpr (std::endian::native == std::endian::big) v = std::byteswap(v);
  std::memcpy(p, &v, sizeof v);
}

// ---- the Hash objects ----------------------------------------------------------------------

/// A builtin hash whose running state can be overwritten by another of the same concrete type
/// without allocating. HMAC uses it to return to its keyed state after every tag; hashes from
/// other providers fall back to clone().
class StateCopyableHash : public Hash {
 public:
  /// Makes this object's running state equal to `other`'s. Precondition: `other` has the same
  /// dynamic type (for instance it is a clone() of this object or of its origin).
  virtual void copy_state_from(const StateCopyableHash& other) noexcept = 0;
};

/// A Merkle–Damgård hash built from a Core, which provides:
///   static constexpr HashAlgorithm kAlgorithm;
///   static constexpr std::size_t kBlockSize;     // 64 or 128
///   static constexpr std::size_t kDigestSize;
///   static constexpr std::size_t kLengthSize;    // 8 or 16: bytes of the bit-length trailer
///   static constexpr bool kBigEndian;            // byte order of the length trailer
///   void reset() noexcept;                                          // load the IV
///   void compress(const std::uint8_t* blocks, std::size_t count) noexcept;
///   void write_digest(std::uint8_t* out) const noexcept;            // kDigestSize bytes
/// Core must be trivially copyable: clone() and copy_state_from() copy it bytewise.
///
/// All full blocks of one update() reach Core::compress in a single call, so accelerated
/// cores (SHA-NI) keep their state in registers across blocks.
template <class Core>
class MdHash final : public StateCopyableHash {
  static_assert(std::is_trivially_copyable_v<Core>);
  static_assert(Core::kLengthSize == 8 || Core::kLengthSize == 16);

 public:
  explicit MdHash(const Core& core) noexcept : core_(core) { reset(); }
  MdHash(const MdHash&) = default;
  MdHash& operator=(const MdHash&) = default;
  /// Hashes often run over secrets (HMAC keys, the PRF): the chaining state and the buffered
  /// message bytes are wiped with the object.
  ~MdHash() override {
    secure_wipe(&core_, sizeof core_);
    secure_wipe(buffer_, sizeof buffer_);
  }

  [[nodiscard]] HashAlgorithm algorithm() const noexcept override { return Core::kAlgorithm; }

  void update(Bytes data) noexcept override {
    const std::uint8_t* in = data.data();
    std::size_t size = data.size();
    if (size == 0) return;
    total_bytes_ += size;
    if (buffered_ != 0) {
      const std::size_t take = std::min(size, Core::kBlockSize - buffered_);
      std::memcpy(buffer_ + buffered_, in, take);
      buffered_ += take;
      in += take;
      size -= take;
      if (buffered_ < Core::kBlockSize) return;
      core_.compress(buffer_, 1);
      buffered_ = 0;
    }
    const std::size_t blocks = size / Core::kBlockSize;
    if (blocks != 0) {
      core_.compress(in, blocks);
      in += blocks * Core::kBlockSize;
      size -= blocks * Core::kBlockSize;
    }
    if (size != 0) {
      std::memcpy(buffer_, in, size);
      buffered_ = size;
    }
  }

  /// Writes the digest and resets. out is meant to hold kDigestSize bytes; a shorter span gets
  /// the leading bytes rather than an overflow.
  void finish(MutableBytes out) noexcept override {
    append_padding();
    if (out.size() >= Core::kDigestSize) {
      core_.write_digest(out.data());
    } else {
      std::uint8_t digest[Core::kDigestSize];
      core_.write_digest(digest);
      if (!out.empty()) std::memcpy(out.data(), digest, out.size());
      secure_wipe(digest, sizeof digest);
    }
    reset();
  }

  [[nodiscard]] std::unique_ptr<Hash> clone() const override {
    return std::make_unique<MdHash>(*this);
  }

  void copy_state_from(const StateCopyableHash& other) noexcept override {
    *this = static_cast<const MdHash&>(other);
  }

 private:
  void reset() noexcept {
    core_.reset();
    buffered_ = 0;
    total_bytes_ = 0;
  }

  // 0x80, zeros up to the length field, then the message length in bits: one or two blocks.
  void append_padding() noexcept {
    constexpr std::size_t kLengthAt = Core::kBlockSize - Core::kLengthSize;
    const std::uint64_t bits_low = total_bytes_ << 3;
    buffer_[buffered_++] = 0x80;
    if (buffered_ > kLengthAt) {
      std::memset(buffer_ + buffered_, 0, Core::kBlockSize - buffered_);
      core_.compress(buffer_, 1);
      buffered_ = 0;
    }
    std::memset(buffer_ + buffered_, 0, kLengthAt - buffered_);
    if constexpr (Core::kBigEndian) {
      if constexpr (Core::kLengthSize == 16) store_be64(buffer_ + kLengthAt, total_bytes_ >> 61);
      store_be64(buffer_ + Core::kBlockSize - 8, bits_low);
    } else {
      static_assert(Core::kLengthSize == 8, "little-endian trailers are 64-bit (MD5)");
      store_le64(buffer_ + kLengthAt, bits_low);
    }
    core_.compress(buffer_, 1);
  }

  Core core_;
  std::uint8_t buffer_[Core::kBlockSize] = {};
  std::size_t buffered_ = 0;       // bytes waiting in buffer_ (always < kBlockSize)
  std::uint64_t total_bytes_ = 0;  // message length so far (wraps after 2^64 bytes)
};

}  // namespace tlsx::crypto::builtin
