// NewSessionTicket (RFC 5077 §3.3):
//
//   struct {
//       uint32 ticket_lifetime_hint;
//       opaque ticket<0..2^16-1>;
//   } NewSessionTicket;
//
// The ticket is opaque to the client. An empty ticket is legal: a server that announced the
// extension but does not want to issue a ticket after all sends one (RFC 5077 §3.3).
#pragma once

#include <cstdint>
#include <vector>

#include "handshake/handshake_type.hpp"
#include "handshake/wire.hpp"
#include "tlsx/error.hpp"

namespace tlsx::handshake {

struct NewSessionTicket {
  static constexpr HandshakeType kType = HandshakeType::new_session_ticket;

  std::uint32_t ticket_lifetime_hint = 0;  ///< seconds; 0 = unspecified
  Opaque ticket;

  /// decode_error for malformed/truncated/trailing bytes.
  [[nodiscard]] static Result<NewSessionTicket> parse(ByteView body);
  [[nodiscard]] Result<void> serialize(std::vector<std::uint8_t>& out) const;

  friend bool operator==(const NewSessionTicket&, const NewSessionTicket&) = default;
};

}  // namespace tlsx::handshake
