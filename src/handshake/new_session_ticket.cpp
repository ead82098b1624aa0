#include "handshake/new_session_ticket.hpp"

namespace tlsx::handshake {

Result<NewSessionTicket> NewSessionTicket::parse(ByteView body) {
  ByteReader r(body);
  NewSessionTicket nst;
  ByteView ticket;
  if (!(r.u32(nst.ticket_lifetime_hint) && r.vec16(ticket, 0, 0xffff) && r.empty())) {
    return malformed("NewSessionTicket", r);
  }
  nst.ticket = to_opaque(ticket);
  return nst;
}

Result<void> NewSessionTicket::serialize(std::vector<std::uint8_t>& out) const {
  const std::size_t start = out.size();
  ByteWriter w(out);
  w.u32(ticket_lifetime_hint);
  {
    auto p = w.prefix16();
    w.bytes(ticket);
  }
  return finish_write(w, out, start, "NewSessionTicket");
}

}  // namespace tlsx::handshake
