// ServerHelloDone (RFC 5246 §7.4.5):
//
//   struct { } ServerHelloDone;
//
// Ends the server's first flight; the body is empty.
#pragma once

#include <cstdint>
#include <vector>

#include "handshake/handshake_type.hpp"
#include "handshake/wire.hpp"
#include "tlsx/error.hpp"

namespace tlsx::handshake {

struct ServerHelloDone {
  static constexpr HandshakeType kType = HandshakeType::server_hello_done;

  /// decode_error unless the body is empty.
  [[nodiscard]] static Result<ServerHelloDone> parse(ByteView body);
  [[nodiscard]] Result<void> serialize(std::vector<std::uint8_t>& out) const;

  friend bool operator==(const ServerHelloDone&, const ServerHelloDone&) = default;
};

}  // namespace tlsx::handshake
