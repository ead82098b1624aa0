// session_ticket (RFC 5077 §3.2):
//
//   struct {
//       opaque ticket<0..2^16-1>;   /* the whole extension_data; no inner length */
//   } SessionTicket;
//
// "If the client does not have a ticket and is prepared to receive one in the NewSessionTicket
// handshake message, then it MUST include a zero-length ticket in the SessionTicket extension."
// The server's acknowledgement in the ServerHello is also empty. The ticket is opaque: any bytes
// are valid, so this codec cannot fail on input.
#pragma once

#include <cstdint>
#include <vector>

#include "handshake/code_points.hpp"
#include "handshake/wire.hpp"
#include "tlsx/error.hpp"

namespace tlsx::handshake {

struct SessionTicket {
  static constexpr ExtensionType kType = ExtensionType::session_ticket;

  Opaque ticket;  ///< empty: "I have none but want one" (client) or the server's ack

  [[nodiscard]] static Result<SessionTicket> parse(ByteView data);
  /// invalid_argument when the ticket exceeds 2^16-1 bytes (it must fit extension_data).
  [[nodiscard]] Result<void> serialize(std::vector<std::uint8_t>& out) const;

  friend bool operator==(const SessionTicket&, const SessionTicket&) = default;
};

}  // namespace tlsx::handshake
