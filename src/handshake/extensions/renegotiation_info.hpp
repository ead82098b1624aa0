// renegotiation_info (RFC 5746 §3.2):
//
//   struct {
//       opaque renegotiated_connection<0..255>;
//   } RenegotiationInfo;
//
// Empty on an initial handshake; on a renegotiation it carries the previous Finished
// verify_data (client: 12 bytes; server: 24 bytes, client's then server's). Checking the content
// is the handshake's job (RFC 5746 §3.4-§3.7: handshake_failure on a mismatch).
#pragma once

#include <cstdint>
#include <vector>

#include "handshake/code_points.hpp"
#include "handshake/wire.hpp"
#include "tlsx/error.hpp"

namespace tlsx::handshake {

struct RenegotiationInfo {
  static constexpr ExtensionType kType = ExtensionType::renegotiation_info;

  Opaque renegotiated_connection;  ///< 0..255 bytes

  [[nodiscard]] static Result<RenegotiationInfo> parse(ByteView data);
  [[nodiscard]] Result<void> serialize(std::vector<std::uint8_t>& out) const;

  friend bool operator==(const RenegotiationInfo&, const RenegotiationInfo&) = default;
};

}  // namespace tlsx::handshake
