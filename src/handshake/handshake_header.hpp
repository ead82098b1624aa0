// Handshake message framing (RFC 5246 §7.4):
//
//   struct {
//       HandshakeType msg_type;    /* handshake type */
//       uint24 length;             /* bytes in message */
//       select (HandshakeType) {
//           case hello_request:       HelloRequest;
//           case client_hello:        ClientHello;
//           ...
//       } body;
//   } Handshake;
//
// The record layer reassembles messages across records using the header alone; the handshake
// layer splits a whole message into its type and body and hands the body to that message's
// parse(). Size limits on `length` are policy and belong to whoever buffers the body.
#pragma once

#include <cstddef>
#include <cstdint>
#include <vector>

#include "handshake/handshake_type.hpp"
#include "handshake/wire.hpp"
#include "tlsx/error.hpp"

namespace tlsx::handshake {

inline constexpr std::size_t kHandshakeHeaderSize = 4;
/// The largest body a uint24 length can describe.
inline constexpr std::uint32_t kMaxHandshakeBodySize = 0xffffff;

struct HandshakeHeader {
  HandshakeType type = HandshakeType::hello_request;
  std::uint32_t length = 0;  ///< body length
};

/// One whole message as views into the input: its type and its body (header stripped).
struct HandshakeMessageView {
  HandshakeType type = HandshakeType::hello_request;
  ByteView body;
};

/// Parses exactly the 4 header bytes (decode_error for any other size).
[[nodiscard]] Result<HandshakeHeader> parse_handshake_header(ByteView header);

/// Splits one complete message: 4-byte header, then exactly `length` body bytes. A short body or
/// bytes after it are decode_error (the caller passes one message, not a stream).
[[nodiscard]] Result<HandshakeMessageView> split_handshake_message(ByteView message);

/// Appends header + body.
[[nodiscard]] Result<void> write_handshake_message(HandshakeType type, ByteView body,
                                                   std::vector<std::uint8_t>& out);

/// Appends a codec's message with its header: `Message::kType`, then `message.serialize()`.
template <class Message>
[[nodiscard]] Result<void> write_handshake_message(const Message& message,
                                                   std::vector<std::uint8_t>& out) {
  const std::size_t start = out.size();
  ByteWriter w(out);
  w.u8(static_cast<std::uint8_t>(Message::kType));
  Result<void> body;
  {
    auto length = w.prefix24();
    body = message.serialize(out);
  }
  if (!body) {
    out.resize(start);
    return body;
  }
  return finish_write(w, out, start, "handshake message");
}

}  // namespace tlsx::handshake
