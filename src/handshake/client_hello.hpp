// ClientHello (RFC 5246 §7.4.1.2):
//
//   struct {
//       ProtocolVersion client_version;
//       Random random;
//       SessionID session_id;                            // opaque SessionID<0..32>;
//       CipherSuite cipher_suites<2..2^16-2>;
//       CompressionMethod compression_methods<1..2^8-1>;
//       select (extensions_present) {
//           case false:
//               struct {};
//           case true:
//               Extension extensions<0..2^16-1>;
//       };
//   } ClientHello;
//
// Everything is kept exactly as sent, in wire order: GREASE and unknown cipher suites, every
// compression method, every extension with its raw data. Choosing among them (version, suite,
// "null compression is offered", which extensions are acceptable) is the negotiation's job, so
// that a hello-capture server can record any well-formed hello in full.
#pragma once

#include <cstdint>
#include <vector>

#include "handshake/code_points.hpp"
#include "handshake/extension.hpp"
#include "handshake/handshake_type.hpp"
#include "handshake/wire.hpp"
#include "tlsx/client_hello_view.hpp"
#include "tlsx/error.hpp"

namespace tlsx::handshake {

struct ClientHello {
  static constexpr HandshakeType kType = HandshakeType::client_hello;

  ProtocolVersion client_version = ProtocolVersion::tls12;
  Random random{};
  Opaque session_id;                       ///< 0..32 bytes
  std::vector<CipherSuite> cipher_suites;  ///< wire order, duplicates and GREASE kept
  std::vector<std::uint8_t> compression_methods{0};
  /// True when the hello had an extensions block, even an empty one; a hello without the block
  /// is legal (RFC 5246 §7.4.1.2 "extensions_present"). Serialization writes the block when this
  /// is set or when `extensions` is not empty.
  bool extensions_present = false;
  std::vector<Extension> extensions;  ///< wire order

  /// Parses the body (handshake header stripped). decode_error for malformed, truncated or
  /// trailing bytes and for vectors outside their RFC bounds; illegal_parameter for two
  /// extensions of the same type (see parse_extension_list).
  [[nodiscard]] static Result<ClientHello> parse(ByteView body);

  /// Appends the body. Fails (invalid_argument, nothing appended) when a list exceeds its bound.
  [[nodiscard]] Result<void> serialize(std::vector<std::uint8_t>& out) const;

  /// The first extension of a type, or nullptr.
  [[nodiscard]] const Extension* find(ExtensionType type) const noexcept {
    return find_extension(extensions, type);
  }

  friend bool operator==(const ClientHello&, const ClientHello&) = default;
};

/// The public form of a parsed hello (tlsx/client_hello_view.hpp): the same fields, moved over.
[[nodiscard]] ClientHelloView to_view(ClientHello hello);

}  // namespace tlsx::handshake
