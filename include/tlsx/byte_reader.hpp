// ByteReader: the only thing in tlsx that reads untrusted bytes.
//
// Every read is bounds-checked and returns false instead of reading past the end. Reads chain with
// && like Go's cryptobyte:
//
//   ByteReader r(body);
//   std::uint16_t version;
//   std::span<const std::uint8_t> suites;
//   if (!(r.u16(version) && r.vec16(suites, 2, 0xfffe, 2) && r.empty())) return fail_decode(...);
//
// Failure is sticky: after one failed read every later read fails too and nothing is consumed, so
// a chain can be checked once at its end. The reader never owns the bytes it reads; the span it
// was made from must outlive it and every span it hands out.
#pragma once

#include <cstddef>
#include <cstdint>
#include <span>

namespace tlsx {

class ByteReader {
 public:
  using Bytes = std::span<const std::uint8_t>;

  constexpr ByteReader() noexcept = default;
  constexpr explicit ByteReader(Bytes data) noexcept : data_(data) {}

  [[nodiscard]] constexpr bool u8(std::uint8_t& v) noexcept { return read_be(v, 1); }
  [[nodiscard]] constexpr bool u16(std::uint16_t& v) noexcept { return read_be(v, 2); }
  /// 24-bit big-endian integer (handshake lengths, certificate lists).
  [[nodiscard]] constexpr bool u24(std::uint32_t& v) noexcept { return read_be(v, 3); }
  [[nodiscard]] constexpr bool u32(std::uint32_t& v) noexcept { return read_be(v, 4); }
  [[nodiscard]] constexpr bool u64(std::uint64_t& v) noexcept { return read_be(v, 8); }

  /// Exactly n bytes, as a view into the input.
  [[nodiscard]] constexpr bool bytes(Bytes& out, std::size_t n) noexcept {
    if (!take(n)) return false;
    out = data_.subspan(pos_ - n, n);
    return true;
  }

  /// Exactly out.size() bytes, copied (fixed-size fields such as Random).
  [[nodiscard]] constexpr bool copy(std::span<std::uint8_t> out) noexcept {
    Bytes view;
    if (!bytes(view, out.size())) return false;
    for (std::size_t i = 0; i < out.size(); ++i) out[i] = view[i];
    return true;
  }

  [[nodiscard]] constexpr bool skip(std::size_t n) noexcept { return take(n); }

  /// A vector with a 1/2/3-byte length prefix, `opaque v<min..max>` in RFC notation. The length
  /// must lie in [min, max] and be a multiple of unit (the element size).
  [[nodiscard]] constexpr bool vec8(Bytes& body, std::size_t min, std::size_t max,
                                    std::size_t unit = 1) noexcept {
    return vec(body, 1, min, max, unit);
  }
  [[nodiscard]] constexpr bool vec16(Bytes& body, std::size_t min, std::size_t max,
                                     std::size_t unit = 1) noexcept {
    return vec(body, 2, min, max, unit);
  }
  [[nodiscard]] constexpr bool vec24(Bytes& body, std::size_t min, std::size_t max,
                                     std::size_t unit = 1) noexcept {
    return vec(body, 3, min, max, unit);
  }

  /// The same, handing out a reader over the body for nested structures.
  [[nodiscard]] constexpr bool vec8(ByteReader& sub, std::size_t min, std::size_t max,
                                    std::size_t unit = 1) noexcept {
    return sub_reader(sub, 1, min, max, unit);
  }
  [[nodiscard]] constexpr bool vec16(ByteReader& sub, std::size_t min, std::size_t max,
                                     std::size_t unit = 1) noexcept {
    return sub_reader(sub, 2, min, max, unit);
  }
  [[nodiscard]] constexpr bool vec24(ByteReader& sub, std::size_t min, std::size_t max,
                                     std::size_t unit = 1) noexcept {
    return sub_reader(sub, 3, min, max, unit);
  }

  /// True when every byte was consumed and no read failed: end every message parser with it.
  [[nodiscard]] constexpr bool empty() const noexcept { return !failed_ && pos_ == data_.size(); }
  [[nodiscard]] constexpr bool failed() const noexcept { return failed_; }
  [[nodiscard]] constexpr std::size_t remaining() const noexcept { return data_.size() - pos_; }
  /// Offset of the next unread byte, for error messages.
  [[nodiscard]] constexpr std::size_t position() const noexcept { return pos_; }
  /// The unread bytes (not consumed).
  [[nodiscard]] constexpr Bytes rest() const noexcept { return data_.subspan(pos_); }

 private:
  constexpr bool take(std::size_t n) noexcept {
    if (failed_ || n > data_.size() - pos_) {
      failed_ = true;
      return false;
    }
    pos_ += n;
    return true;
  }

  template <class T>
  constexpr bool read_be(T& v, std::size_t n) noexcept {
    if (!take(n)) return false;
    T acc = 0;
    for (std::size_t i = pos_ - n; i < pos_; ++i) acc = static_cast<T>((acc << 8) | data_[i]);
    v = acc;
    return true;
  }

  constexpr bool vec(Bytes& body, std::size_t prefix, std::size_t min, std::size_t max,
                     std::size_t unit) noexcept {
    const std::size_t start = pos_;
    std::uint32_t len = 0;
    if (!read_be(len, prefix)) return false;
    if (len < min || len > max || (unit > 1 && len % unit != 0) || !take(len)) {
      pos_ = start;
      failed_ = true;
      return false;
    }
    body = data_.subspan(pos_ - len, len);
    return true;
  }

  constexpr bool sub_reader(ByteReader& sub, std::size_t prefix, std::size_t min, std::size_t max,
                            std::size_t unit) noexcept {
    Bytes body;
    if (!vec(body, prefix, min, max, unit)) return false;
    sub = ByteReader(body);
    return true;
  }

  Bytes data_;
  std::size_t pos_ = 0;
  bool failed_ = false;
};

}  // namespace tlsx
