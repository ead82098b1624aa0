// HandshakeReassembler: turns the fragments of handshake records back into whole messages.
//
// RFC 5246 §6.2.1: "multiple client messages of the same ContentType MAY be coalesced into a
// single TLSPlaintext record, or a single message MAY be fragmented across several records". Each
// message is (§7.4):
//
//   struct {
//       HandshakeType msg_type;    /* handshake type */
//       uint24 length;             /* bytes in message */
//       select (HandshakeType) { ... } body;
//   } Handshake;
//
// The record layer knows nothing of message contents; it only needs the type byte to pick a size
// limit. A message longer than its limit is refused as soon as its 4-byte header is in, before
// its body is buffered.
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <span>
#include <vector>

#include "tlsx/error.hpp"

namespace tlsx::record {

/// The 4-byte msg_type || uint24 length header.
inline constexpr std::size_t kHandshakeHeaderSize = 4;

/// Largest handshake message body accepted, per msg_type.
class HandshakeSizeLimits {
 public:
  /// 16 KiB for every type, 64 KiB for Certificate (type 11), whose chain of a few certificates is
  /// the one message that routinely exceeds a record.
  HandshakeSizeLimits() noexcept;
  /// The same limit for every type.
  static HandshakeSizeLimits uniform(std::uint32_t max_body) noexcept;

  void set(std::uint8_t msg_type, std::uint32_t max_body) noexcept { max_[msg_type] = max_body; }
  [[nodiscard]] std::uint32_t max_body(std::uint8_t msg_type) const noexcept {
    return max_[msg_type];
  }

  static constexpr std::uint32_t kDefaultMax = 16 * 1024;
  static constexpr std::uint32_t kDefaultCertificateMax = 64 * 1024;
  static constexpr std::uint8_t kCertificateType = 11;

 private:
  std::array<std::uint32_t, 256> max_{};
};

/// One complete handshake message. The spans point into the reassembler and stay valid until its
/// next add_fragment() or next() call.
struct HandshakeMessage {
  std::uint8_t type = 0;
  std::span<const std::uint8_t> body;  ///< the message body (without the 4-byte header)
  std::span<const std::uint8_t> raw;   ///< header || body, as the transcript hash needs it
};

class HandshakeReassembler {
 public:
  explicit HandshakeReassembler(const HandshakeSizeLimits& limits = {}) : limits_(limits) {}
  /// Handshake messages carry key exchange values and Finished data: the buffer is wiped.
  ~HandshakeReassembler();
  HandshakeReassembler(const HandshakeReassembler&) = delete;
  HandshakeReassembler& operator=(const HandshakeReassembler&) = delete;
  HandshakeReassembler(HandshakeReassembler&&) noexcept = default;
  HandshakeReassembler& operator=(HandshakeReassembler&&) noexcept = default;

  /// Appends the plaintext of one handshake record. Fails, with ErrorCode::limit and alert
  /// decode_error, when a message header announces a body over its limit. Why decode_error:
  /// record_overflow is defined by RFC 5246 §7.2.2 for record lengths only ("A TLSCiphertext
  /// record was received that had a length more than 2^14+2048 bytes..."), while decode_error
  /// covers a message whose "length of the message was incorrect" (here: beyond what we accept).
  /// Errors are sticky.
  [[nodiscard]] Result<void> add_fragment(std::span<const std::uint8_t> fragment);

  /// The next complete message, or nullopt when more records are needed.
  [[nodiscard]] std::optional<HandshakeMessage> next();

  /// True when bytes of an unfinished message are buffered (and no complete message is waiting).
  /// Another content type arriving now would interleave a fragmented message.
  [[nodiscard]] bool has_partial_message() const noexcept;
  /// True when nothing at all is buffered.
  [[nodiscard]] bool empty() const noexcept { return read_pos_ == buffer_.size(); }

 private:
  [[nodiscard]] Result<void> check_buffered_headers();
  /// Total size (header + body) of the message starting at pos, or nullopt if it is incomplete.
  [[nodiscard]] std::optional<std::size_t> complete_message_size(std::size_t pos) const noexcept;

  HandshakeSizeLimits limits_;
  std::vector<std::uint8_t> buffer_;
  std::size_t read_pos_ = 0;     ///< start of the first message not yet handed out
  std::size_t checked_pos_ = 0;  ///< start of the first message whose header is not yet checked
  std::optional<Error> error_;
};

}  // namespace tlsx::record
