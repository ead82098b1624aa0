// ClientHelloView: a ClientHello (RFC 5246 §7.4.1.2) as sent, for applications that record or
// inspect what clients offer (a capture server, a logging proxy, a course tool). It is the public
// face of the parser the engine itself uses, so a view and the engine never disagree about a hello.
//
// Every field is kept exactly as sent, in wire order: GREASE and unknown cipher suites, every
// compression method, every extension with its raw body. Choosing among them is the negotiation's
// job, not the parser's. Extension bodies can be decoded with decode_hello_extension()
// (tlsx/hello_extension_content.hpp) or read with tlsx::ByteReader.
//
// Typical use, from an Observer:
//
//   void on_message(Direction dir, HandshakeType type, std::span<const uint8_t> raw) override {
//     if (dir == Direction::inbound && type == HandshakeType::client_hello)
//       if (auto hello = tlsx::parse_client_hello(raw)) record(*hello);
//   }
#pragma once

#include <array>
#include <cstdint>
#include <span>
#include <vector>

#include "tlsx/code_points.hpp"
#include "tlsx/error.hpp"

namespace tlsx {

/// One extension as sent (RFC 5246 §7.4.1.4): its type and its undecoded extension_data.
struct HelloExtension {
  ExtensionType type{};
  std::vector<std::uint8_t> body;

  friend bool operator==(const HelloExtension&, const HelloExtension&) = default;
};

/// The fields of a ClientHello in wire order, values as sent.
struct ClientHelloView {
  ProtocolVersion legacy_version{};        ///< client_version (0x0303 even from TLS 1.3 clients)
  std::array<std::uint8_t, 32> random{};   ///< Random
  std::vector<std::uint8_t> session_id;    ///< 0..32 bytes
  std::vector<CipherSuite> cipher_suites;  ///< wire order, duplicates and GREASE kept
  std::vector<std::uint8_t> compression_methods;  ///< wire order
  /// True when the hello had an extensions block, even an empty one (a hello without one is
  /// legal: RFC 5246 §7.4.1.2 "extensions_present").
  bool extensions_present = false;
  std::vector<HelloExtension> extensions;  ///< wire order, GREASE and unknown types kept

  /// The extension of a type, or nullptr (a parsed hello has at most one of each type).
  [[nodiscard]] const HelloExtension* find(ExtensionType type) const noexcept;

  friend bool operator==(const ClientHelloView&, const ClientHelloView&) = default;
};

/// Parses a whole ClientHello handshake message: the 4-byte handshake header (type 1, 24-bit
/// length, which must match) followed by the body, exactly as Observer::on_message delivers it.
/// decode_error for anything else, for malformed, truncated or trailing bytes and for vectors
/// outside their RFC bounds; illegal_parameter for two extensions of one type. These are the
/// errors (and alerts) the engine raises for the same bytes.
[[nodiscard]] Result<ClientHelloView> parse_client_hello(std::span<const std::uint8_t> message);

}  // namespace tlsx
