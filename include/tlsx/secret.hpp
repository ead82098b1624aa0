// SecretBytes: an owning byte buffer for key material that is wiped when freed or resized.
#pragma once

#include <cstddef>
#include <cstdint>
#include <span>
#include <utility>
#include <vector>

#include "tlsx/crypto/constant_time.hpp"

namespace tlsx {

/// Owns secret bytes (keys, pre-master and master secrets). Copying is explicit (clone()) so that
/// secrets do not multiply by accident; moving leaves the source empty; the destructor wipes.
class SecretBytes {
 public:
  SecretBytes() = default;
  explicit SecretBytes(std::size_t size) : bytes_(size, 0) {}
  explicit SecretBytes(std::span<const std::uint8_t> data) : bytes_(data.begin(), data.end()) {}
  SecretBytes(const SecretBytes&) = delete;
  SecretBytes& operator=(const SecretBytes&) = delete;
  SecretBytes(SecretBytes&& other) noexcept : bytes_(std::exchange(other.bytes_, {})) {}
  SecretBytes& operator=(SecretBytes&& other) noexcept {
    if (this != &other) {
      wipe();
      bytes_ = std::exchange(other.bytes_, {});
    }
    return *this;
  }
  ~SecretBytes() { wipe(); }

  [[nodiscard]] SecretBytes clone() const { return SecretBytes(span()); }

  [[nodiscard]] std::size_t size() const noexcept { return bytes_.size(); }
  [[nodiscard]] bool empty() const noexcept { return bytes_.empty(); }
  [[nodiscard]] std::uint8_t* data() noexcept { return bytes_.data(); }
  [[nodiscard]] const std::uint8_t* data() const noexcept { return bytes_.data(); }
  [[nodiscard]] std::span<std::uint8_t> span() noexcept { return bytes_; }
  [[nodiscard]] std::span<const std::uint8_t> span() const noexcept { return bytes_; }
  operator std::span<const std::uint8_t>() const noexcept { return bytes_; }  // NOLINT

  /// Wipes and frees the contents.
  void wipe() noexcept {
    crypto::secure_wipe(bytes_.data(), bytes_.size());
    bytes_.clear();
    bytes_.shrink_to_fit();
  }

 private:
  std::vector<std::uint8_t> bytes_;
};

}  // namespace tlsx
