// ServerHello (RFC 5246 §7.4.1.3):
//
//   struct {
//       ProtocolVersion server_version;
//       Random random;
//       SessionID session_id;                            // opaque SessionID<0..32>;
//       CipherSuite cipher_suite;
//       CompressionMethod compression_method;
//       select (extensions_present) {
//           case false:
//               struct {};
//           case true:
//               Extension extensions<0..2^16-1>;
//       };
//   } ServerHello;
//
// Only the syntax is checked here. Whether the version, suite, compression method and each
// extension are ones the client offered is the client negotiation's decision (RFC 5246 §7.4.1.4:
// an unsolicited extension is unsupported_extension).
#pragma once

#include <cstdint>
#include <vector>

#include "handshake/code_points.hpp"
#include "handshake/extension.hpp"
#include "handshake/handshake_type.hpp"
#include "handshake/wire.hpp"
#include "tlsx/error.hpp"

namespace tlsx::handshake {

struct ServerHello {
  static constexpr HandshakeType kType = HandshakeType::server_hello;

  ProtocolVersion server_version = ProtocolVersion::tls12;
  Random random{};
  Opaque session_id;  ///< 0..32 bytes
  CipherSuite cipher_suite{};
  std::uint8_t compression_method = 0;
  /// As in ClientHello: the block may be absent or present and empty.
  bool extensions_present = false;
  std::vector<Extension> extensions;  ///< wire order

  /// Parses the body. decode_error for malformed/truncated/trailing bytes; illegal_parameter for
  /// two extensions of the same type.
  [[nodiscard]] static Result<ServerHello> parse(ByteView body);
  /// Appends the body; invalid_argument (nothing appended) if a field exceeds its bound.
  [[nodiscard]] Result<void> serialize(std::vector<std::uint8_t>& out) const;

  [[nodiscard]] const Extension* find(ExtensionType type) const noexcept {
    return find_extension(extensions, type);
  }

  friend bool operator==(const ServerHello&, const ServerHello&) = default;
};

}  // namespace tlsx::handshake
