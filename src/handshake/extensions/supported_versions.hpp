// supported_versions (RFC 8446 §4.2.1):
//
//   struct {
//       select (Handshake.msg_type) {
//           case client_hello:
//                ProtocolVersion versions<2..254>;
//
//           case server_hello: /* and HelloRetryRequest */
//                ProtocolVersion selected_version;
//       };
//   } SupportedVersions;
//
// tlsx negotiates TLS 1.2 only, but reads the client form to see what a client offers (capture,
// and the RFC 8446 §4.1.3 downgrade sentinel logic) and the server form to recognise a TLS 1.3
// server.
#pragma once

#include <cstdint>
#include <vector>

#include "handshake/code_points.hpp"
#include "handshake/wire.hpp"
#include "tlsx/error.hpp"

namespace tlsx::handshake {

/// The ClientHello form.
struct SupportedVersionsClient {
  static constexpr ExtensionType kType = ExtensionType::supported_versions;

  std::vector<ProtocolVersion> versions;  ///< 1..127 entries, preference order, GREASE kept

  [[nodiscard]] static Result<SupportedVersionsClient> parse(ByteView data);
  [[nodiscard]] Result<void> serialize(std::vector<std::uint8_t>& out) const;

  friend bool operator==(const SupportedVersionsClient&, const SupportedVersionsClient&) = default;
};

/// The ServerHello form.
struct SupportedVersionsServer {
  static constexpr ExtensionType kType = ExtensionType::supported_versions;

  ProtocolVersion selected_version = ProtocolVersion::tls13;

  [[nodiscard]] static Result<SupportedVersionsServer> parse(ByteView data);
  [[nodiscard]] Result<void> serialize(std::vector<std::uint8_t>& out) const;

  friend bool operator==(const SupportedVersionsServer&, const SupportedVersionsServer&) = default;
};

}  // namespace tlsx::handshake
