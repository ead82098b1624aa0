#include "record/handshake_reassembler.hpp"

#include <fmt/format.h>

#include "tlsx/byte_reader.hpp"
#include "tlsx/crypto/constant_time.hpp"

namespace tlsx::record {

namespace {

struct MessageHeader {
  std::uint8_t type = 0;
  std::uint32_t length = 0;
};

/// Reads the 4-byte header at the start of `bytes`, if that many bytes are there.
std::optional<MessageHeader> read_header(std::span<const std::uint8_t> bytes) noexcept {
  ByteReader r(bytes);
  MessageHeader h;
  if (!(r.u8(h.type) && r.u24(h.length))) return std::nullopt;
  return h;
}

}  // namespace

HandshakeSizeLimits::HandshakeSizeLimits() noexcept {
  max_.fill(kDefaultMax);
  max_[kCertificateType] = kDefaultCertificateMax;
}

HandshakeSizeLimits HandshakeSizeLimits::uniform(std::uint32_t max_body) noexcept {
  HandshakeSizeLimits limits;
  limits.max_.fill(max_body);
  return limits;
}

HandshakeReassembler::~HandshakeReassembler() {
  buffer_.resize(buffer_.capacity());  // so that stale bytes past size() are wiped too
  crypto::secure_wipe(buffer_);
}

Result<void> HandshakeReassembler::add_fragment(std::span<const std::uint8_t> fragment) {
  if (error_) return std::unexpected(*error_);
  // Drop the messages already handed out (this invalidates their views, as documented).
  if (read_pos_ > 0) {
    buffer_.erase(buffer_.begin(), buffer_.begin() + static_cast<std::ptrdiff_t>(read_pos_));
    checked_pos_ -= read_pos_;
    read_pos_ = 0;
  }
  buffer_.insert(buffer_.end(), fragment.begin(), fragment.end());
  auto checked = check_buffered_headers();
  if (!checked) error_ = checked.error();
  return checked;
}

Result<void> HandshakeReassembler::check_buffered_headers() {
  while (checked_pos_ < buffer_.size()) {
    const auto header = read_header(std::span(buffer_).subspan(checked_pos_));
    if (!header) break;  // the header itself is still incomplete
    const std::uint32_t limit = limits_.max_body(header->type);
    if (header->length > limit) {
      return fail(ErrorCode::limit, AlertDescription::decode_error,
                  fmt::format("handshake message of type {} announces {} bytes, limit is {}",
                              header->type, header->length, limit));
    }
    checked_pos_ += kHandshakeHeaderSize + header->length;
  }
  return {};
}

std::optional<std::size_t> HandshakeReassembler::complete_message_size(
    std::size_t pos) const noexcept {
  if (pos >= buffer_.size()) return std::nullopt;
  const auto rest = std::span(buffer_).subspan(pos);
  const auto header = read_header(rest);
  if (!header || rest.size() - kHandshakeHeaderSize < header->length) return std::nullopt;
  return kHandshakeHeaderSize + header->length;
}

std::optional<HandshakeMessage> HandshakeReassembler::next() {
  if (error_) return std::nullopt;
  const auto size = complete_message_size(read_pos_);
  if (!size) return std::nullopt;
  const auto raw = std::span<const std::uint8_t>(buffer_).subspan(read_pos_, *size);
  const auto header = read_header(raw);
  if (!header) return std::nullopt;  // cannot happen: the size came from this header
  read_pos_ += *size;
  return HandshakeMessage{header->type, raw.subspan(kHandshakeHeaderSize), raw};
}

bool HandshakeReassembler::has_partial_message() const noexcept {
  std::size_t pos = read_pos_;
  while (const auto size = complete_message_size(pos)) pos += *size;
  return pos != buffer_.size();
}

}  // namespace tlsx::record
