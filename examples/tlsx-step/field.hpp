// Field: one labelled byte range of a dissected TLS structure, and FieldReader, which reads a
// structure through tlsx::ByteReader while recording every field it reads.
//
// A dissection is a tree: a record holds its header fields, a ClientHello its random, its
// extension list, each extension its own fields. Offsets are absolute within the buffer the
// dissection started from, so a renderer can print (or highlight) the exact bytes of any node.
#pragma once

#include <cstddef>
#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "tlsx/byte_reader.hpp"

namespace tlsx::step {

using Bytes = std::span<const std::uint8_t>;

struct Field {
  std::string name;        ///< "random", "cipher_suites", "extension: server_name"
  std::size_t offset = 0;  ///< first byte, from the start of the dissected buffer
  std::size_t length = 0;  ///< bytes covered (a container covers its children)
  std::string value;       ///< human-readable value; empty for plain byte strings
  std::vector<Field> children;
};

/// Reads fields with ByteReader and appends them to a parent Field. Every read returns false on
/// malformed input (ByteReader's sticky failure); the caller then marks the rest as undecoded.
class FieldReader {
 public:
  /// bytes start at absolute offset `base` of the dissected buffer.
  FieldReader(Bytes bytes, std::size_t base) : reader_(bytes), bytes_(bytes), base_(base) {}

  [[nodiscard]] std::size_t offset() const noexcept { return base_ + reader_.position(); }
  [[nodiscard]] bool done() const noexcept { return reader_.remaining() == 0; }
  [[nodiscard]] bool failed() const noexcept { return reader_.failed(); }
  [[nodiscard]] std::size_t remaining() const noexcept { return reader_.remaining(); }

  /// Integer fields; `describe` turns the value into its text (nullptr: decimal).
  bool u8(Field& parent, std::string_view name, std::uint8_t& v,
          std::string (*describe)(std::uint64_t) = nullptr);
  bool u16(Field& parent, std::string_view name, std::uint16_t& v,
           std::string (*describe)(std::uint64_t) = nullptr);
  bool u24(Field& parent, std::string_view name, std::uint32_t& v);
  bool u32(Field& parent, std::string_view name, std::uint32_t& v);
  /// n raw bytes.
  bool bytes(Field& parent, std::string_view name, std::size_t n, Bytes& out,
             std::string value = {});
  /// A length-prefixed vector (prefix of 1, 2 or 3 bytes): adds a container field holding the
  /// length field, and returns a reader over the body and the container to add children to.
  bool vec(Field& parent, std::string_view name, std::size_t prefix, FieldReader& body,
           Field*& container);
  /// Everything that is left, as one field (for undecoded or malformed tails).
  void rest(Field& parent, std::string_view name);

 private:
  Field& add(Field& parent, std::string_view name, std::size_t start, std::string value);

  ByteReader reader_;
  Bytes bytes_;
  std::size_t base_;
};

/// "0x0303" style hex of a number, width digits.
[[nodiscard]] std::string hex_number(std::uint64_t value, int width);
/// "1 byte", "32 bytes".
[[nodiscard]] std::string byte_count(std::size_t n);
/// Lower-case hex of bytes without separators.
[[nodiscard]] std::string hex_string(Bytes bytes);

}  // namespace tlsx::step
