#include "handshake/extensions/session_ticket.hpp"

namespace tlsx::handshake {

Result<SessionTicket> SessionTicket::parse(ByteView data) {
  if (data.size() > 0xffff) return fail_decode("session_ticket extension: longer than 2^16-1");
  return SessionTicket{to_opaque(data)};
}

Result<void> SessionTicket::serialize(std::vector<std::uint8_t>& out) const {
  if (ticket.size() > 0xffff) return fail_argument("session_ticket extension: ticket too long");
  ByteWriter w(out);
  w.bytes(ticket);
  return {};
}

}  // namespace tlsx::handshake
