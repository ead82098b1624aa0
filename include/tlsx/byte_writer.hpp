// ByteWriter: appends big-endian fields to a caller-owned buffer, with RAII length prefixes.
//
//   std::vector<std::uint8_t> out;
//   ByteWriter w(out);
//   w.u16(0x0303);
//   {
//     auto suites = w.prefix16();          // reserves 2 bytes
//     for (auto s : list) w.u16(s);
//   }                                      // back-patched with the body length here
//   if (!w.ok()) ...                       // a body was longer than its prefix can say
//
// A prefix whose body does not fit its width (or exceeds the max given) marks the writer as failed
// instead of writing a wrong length; serializers check ok() once at the end.
#pragma once

#include <cstddef>
#include <cstdint>
#include <span>
#include <vector>

namespace tlsx {

class ByteWriter {
 public:
  /// Appends to out, which must outlive the writer and every LengthPrefix it made.
  explicit ByteWriter(std::vector<std::uint8_t>& out) noexcept : out_(&out) {}

  void u8(std::uint8_t v) { out_->push_back(v); }
  void u16(std::uint16_t v) { put_be(v, 2); }
  void u24(std::uint32_t v) {
    if (v > 0xffffff) failed_ = true;
    put_be(v, 3);
  }
  void u32(std::uint32_t v) { put_be(v, 4); }
  void u64(std::uint64_t v) { put_be(v, 8); }
  void bytes(std::span<const std::uint8_t> data) {
    out_->insert(out_->end(), data.begin(), data.end());
  }

  /// Writes the length of everything appended during its lifetime into the bytes it reserved.
  class LengthPrefix {
   public:
    LengthPrefix(const LengthPrefix&) = delete;
    LengthPrefix& operator=(const LengthPrefix&) = delete;
    LengthPrefix(LengthPrefix&& other) noexcept
        : writer_(other.writer_), at_(other.at_), width_(other.width_), max_(other.max_) {
      other.writer_ = nullptr;
    }
    LengthPrefix& operator=(LengthPrefix&&) = delete;
    ~LengthPrefix() { close(); }

    /// Patches the length now (the destructor does it otherwise). Idempotent.
    void close() noexcept {
      if (writer_ == nullptr) return;
      auto& buf = *writer_->out_;
      const std::size_t len = buf.size() - at_ - width_;
      if (len > max_) writer_->failed_ = true;
      for (std::size_t i = 0; i < width_; ++i) {
        buf[at_ + i] = static_cast<std::uint8_t>(len >> (8 * (width_ - 1 - i)));
      }
      writer_ = nullptr;
    }

   private:
    friend class ByteWriter;
    LengthPrefix(ByteWriter& w, std::size_t width, std::size_t max)
        : writer_(&w), at_(w.out_->size()), width_(width), max_(max) {
      w.out_->resize(w.out_->size() + width, 0);
    }
    ByteWriter* writer_;
    std::size_t at_;
    std::size_t width_;
    std::size_t max_;
  };

  /// A 1/2/3-byte length prefix; max defaults to what the width can hold (an RFC bound may be
  /// tighter, e.g. cipher_suites<2..2^16-2>).
  [[nodiscard]] LengthPrefix prefix8(std::size_t max = 0xff) { return {*this, 1, max}; }
  [[nodiscard]] LengthPrefix prefix16(std::size_t max = 0xffff) { return {*this, 2, max}; }
  [[nodiscard]] LengthPrefix prefix24(std::size_t max = 0xffffff) { return {*this, 3, max}; }

  /// False once any prefix overflowed or a u24 got a value over 2^24-1.
  [[nodiscard]] bool ok() const noexcept { return !failed_; }
  [[nodiscard]] std::size_t size() const noexcept { return out_->size(); }

 private:
  template <class T>
  void put_be(T v, std::size_t n) {
    for (std::size_t i = 0; i < n; ++i)
      out_->push_back(static_cast<std::uint8_t>(v >> (8 * (n - 1 - i))));
  }

  std::vector<std::uint8_t>* out_;
  bool failed_ = false;
};

}  // namespace tlsx
