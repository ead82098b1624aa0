#include "wire.hpp"

#include <algorithm>

namespace tlsx::step {

namespace {
constexpr std::size_t kHeader = 5;
constexpr std::uint8_t kChangeCipherSpec = 20;
constexpr std::uint8_t kHandshake = 22;
}  // namespace

std::vector<WireRecord> RecordSplitter::push(std::span<const std::uint8_t> bytes) {
  buffer_.insert(buffer_.end(), bytes.begin(), bytes.end());
  std::vector<WireRecord> out;
  std::size_t pos = 0;
  while (buffer_.size() - pos >= kHeader) {
    const std::size_t length = (std::size_t{buffer_[pos + 3]} << 8) | buffer_[pos + 4];
    if (buffer_.size() - pos < kHeader + length) break;
    WireRecord record{from_, {}, encrypting_};
    record.bytes.assign(buffer_.begin() + static_cast<std::ptrdiff_t>(pos),
                        buffer_.begin() + static_cast<std::ptrdiff_t>(pos + kHeader + length));
    if (buffer_[pos] == kChangeCipherSpec) encrypting_ = true;
    out.push_back(std::move(record));
    pos += kHeader + length;
  }
  buffer_.erase(buffer_.begin(), buffer_.begin() + static_cast<std::ptrdiff_t>(pos));
  return out;
}

std::vector<WireRecord> refragment(WireRecord record, std::size_t max_fragment) {
  std::vector<WireRecord> out;
  const std::size_t fragment = record.bytes.size() - kHeader;
  if (max_fragment == 0 || record.is_protected || record.bytes[0] != kHandshake ||
      fragment <= max_fragment) {
    out.push_back(std::move(record));
    return out;
  }
  for (std::size_t pos = 0; pos < fragment; pos += max_fragment) {
    const std::size_t n = std::min(max_fragment, fragment - pos);
    WireRecord piece{record.from, {}, false};
    piece.bytes.reserve(kHeader + n);
    piece.bytes.push_back(record.bytes[0]);
    piece.bytes.push_back(record.bytes[1]);
    piece.bytes.push_back(record.bytes[2]);
    piece.bytes.push_back(static_cast<std::uint8_t>(n >> 8));
    piece.bytes.push_back(static_cast<std::uint8_t>(n & 0xff));
    const auto* begin = record.bytes.data() + kHeader + pos;
    for (std::size_t i = 0; i < n; ++i) piece.bytes.push_back(begin[i]);
    out.push_back(std::move(piece));
  }
  return out;
}

}  // namespace tlsx::step
