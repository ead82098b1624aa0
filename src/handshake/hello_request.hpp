// HelloRequest (RFC 5246 §7.4.1.1):
//
//   struct { } HelloRequest;
//
// A server's invitation to renegotiate; the body is empty.
#pragma once

#include <cstdint>
#include <vector>

#include "handshake/handshake_type.hpp"
#include "handshake/wire.hpp"
#include "tlsx/error.hpp"

namespace tlsx::handshake {

struct HelloRequest {
  static constexpr HandshakeType kType = HandshakeType::hello_request;

  /// decode_error unless the body is empty.
  [[nodiscard]] static Result<HelloRequest> parse(ByteView body);
  [[nodiscard]] Result<void> serialize(std::vector<std::uint8_t>& out) const;

  friend bool operator==(const HelloRequest&, const HelloRequest&) = default;
};

}  // namespace tlsx::handshake
