#include "field.hpp"

#include <fmt/format.h>

namespace tlsx::step {

Field& FieldReader::add(Field& parent, std::string_view name, std::size_t start,
                        std::string value) {
  parent.children.push_back(
      Field{std::string(name), base_ + start, reader_.position() - start, std::move(value), {}});
  return parent.children.back();
}

namespace {
std::string text_of(std::uint64_t v, std::string (*describe)(std::uint64_t)) {
  return describe != nullptr ? describe(v) : std::to_string(v);
}
}  // namespace

bool FieldReader::u8(Field& parent, std::string_view name, std::uint8_t& v,
                     std::string (*describe)(std::uint64_t)) {
  const auto start = reader_.position();
  if (!reader_.u8(v)) return false;
  add(parent, name, start, text_of(v, describe));
  return true;
}

bool FieldReader::u16(Field& parent, std::string_view name, std::uint16_t& v,
                      std::string (*describe)(std::uint64_t)) {
  const auto start = reader_.position();
  if (!reader_.u16(v)) return false;
  add(parent, name, start, text_of(v, describe));
  return true;
}

bool FieldReader::u24(Field& parent, std::string_view name, std::uint32_t& v) {
  const auto start = reader_.position();
  if (!reader_.u24(v)) return false;
  add(parent, name, start, std::to_string(v));
  return true;
}

bool FieldReader::u32(Field& parent, std::string_view name, std::uint32_t& v) {
  const auto start = reader_.position();
  if (!reader_.u32(v)) return false;
  add(parent, name, start, std::to_string(v));
  return true;
}

bool FieldReader::bytes(Field& parent, std::string_view name, std::size_t n, Bytes& out,
                        std::string value) {
  const auto start = reader_.position();
  if (!reader_.bytes(out, n)) return false;
  add(parent, name, start, std::move(value));
  return true;
}

bool FieldReader::vec(Field& parent, std::string_view name, std::size_t prefix, FieldReader& body,
                      Field*& container) {
  const auto start = reader_.position();
  Bytes content;
  bool ok = false;
  switch (prefix) {
    case 1:
      ok = reader_.vec8(content, 0, 0xff);
      break;
    case 2:
      ok = reader_.vec16(content, 0, 0xffff);
      break;
    default:
      ok = reader_.vec24(content, 0, 0xffffff);
      break;
  }
  if (!ok) return false;
  Field& field = add(parent, name, start, byte_count(content.size()));
  field.children.push_back(
      Field{"length", base_ + start, prefix, std::to_string(content.size()), {}});
  body = FieldReader(content, base_ + start + prefix);
  container = &field;
  return true;
}

void FieldReader::rest(Field& parent, std::string_view name) {
  const auto start = reader_.position();
  // A failed reader refuses further reads; report the tail by arithmetic instead.
  const auto left = bytes_.size() - start;
  if (left == 0) return;
  parent.children.push_back(Field{std::string(name), base_ + start, left, "", {}});
  static_cast<void>(reader_.skip(left));
}

std::string hex_number(std::uint64_t value, int width) {
  return fmt::format("0x{:0{}x}", value, width);
}

std::string byte_count(std::size_t n) {
  return fmt::format("{} byte{}", n, n == 1 ? "" : "s");
}

std::string hex_string(Bytes bytes) {
  std::string out;
  out.reserve(bytes.size() * 2);
  for (auto b : bytes) out += fmt::format("{:02x}", b);
  return out;
}

}  // namespace tlsx::step
