#include "handshake/handshake_header.hpp"

#include <fmt/format.h>

namespace tlsx::handshake {

Result<HandshakeHeader> parse_handshake_header(ByteView header) {
  ByteReader r(header);
  std::uint8_t type = 0;
  HandshakeHeader out;
  if (!(r.u8(type) && r.u24(out.length) && r.empty())) return malformed("handshake header", r);
  out.type = static_cast<HandshakeType>(type);
  return out;
}

Result<HandshakeMessageView> split_handshake_message(ByteView message) {
  ByteReader r(message);
  std::uint8_t type = 0;
  HandshakeMessageView out;
  if (!(r.u8(type) && r.vec24(out.body, 0, kMaxHandshakeBodySize) && r.empty())) {
    return malformed("handshake message", r);
  }
  out.type = static_cast<HandshakeType>(type);
  return out;
}

Result<void> write_handshake_message(HandshakeType type, ByteView body,
                                     std::vector<std::uint8_t>& out) {
  const std::size_t start = out.size();
  ByteWriter w(out);
  w.u8(static_cast<std::uint8_t>(type));
  {
    auto length = w.prefix24();
    w.bytes(body);
  }
  return finish_write(w, out, start, fmt::format("{} message", to_string(type)));
}

}  // namespace tlsx::handshake
