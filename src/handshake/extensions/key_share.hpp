// key_share, ClientHello form (RFC 8446 §4.2.8):
//
//   struct {
//       NamedGroup group;
//       opaque key_exchange<1..2^16-1>;
//   } KeyShareEntry;
//
//   struct {
//       KeyShareEntry client_shares<0..2^16-1>;
//   } KeyShareClientHello;
//
// tlsx does not speak TLS 1.3; this codec exists so that a capture can record which groups a
// client sent shares for (GREASE entries, whose key_exchange is a single byte, included). The
// RFC's "Clients MUST NOT offer multiple KeyShareEntry values for the same group" is a MAY-check
// for servers ("Servers MAY check for violations of these rules") that tlsx does not make: a
// capture should record what was sent.
#pragma once

#include <cstdint>
#include <vector>

#include "handshake/code_points.hpp"
#include "handshake/wire.hpp"
#include "tlsx/error.hpp"

namespace tlsx::handshake {

struct KeyShareEntry {
  NamedGroup group{};
  Opaque key_exchange;  ///< 1..65535 bytes

  friend bool operator==(const KeyShareEntry&, const KeyShareEntry&) = default;
};

struct KeyShareClientHello {
  static constexpr ExtensionType kType = ExtensionType::key_share;

  std::vector<KeyShareEntry> client_shares;  ///< may be empty (RFC 8446 §4.2.8)

  [[nodiscard]] static Result<KeyShareClientHello> parse(ByteView data);
  [[nodiscard]] Result<void> serialize(std::vector<std::uint8_t>& out) const;

  /// The groups in wire order.
  [[nodiscard]] std::vector<NamedGroup> groups() const;

  friend bool operator==(const KeyShareClientHello&, const KeyShareClientHello&) = default;
};

}  // namespace tlsx::handshake
