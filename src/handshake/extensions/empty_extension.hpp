// Extensions whose extension_data is empty by definition:
//
//   extended_master_secret (RFC 7627 §5.1): "The "extension_data" field of this extension SHALL
//       be empty." (both hellos)
//   encrypt_then_mac (RFC 7366 §2): "the "extension_data" field of the extension SHALL be
//       empty" (both hellos)
//   server_name in the ServerHello (RFC 6066 §3): "the "extension_data" field of this extension
//       SHALL be empty"
//   status_request in the ServerHello (RFC 6066 §8): the server's empty acknowledgement
//   post_handshake_auth (RFC 8446 §4.2.6): "The "extension_data" field ... is zero length."
//
// Non-empty data is decode_error: the bytes do not match the extension's (empty) syntax.
#pragma once

#include <cstdint>
#include <vector>

#include "handshake/code_points.hpp"
#include "handshake/wire.hpp"
#include "tlsx/error.hpp"

namespace tlsx::handshake {

/// decode_error naming the extension unless data is empty.
[[nodiscard]] Result<void> expect_empty_extension_data(ByteView data, ExtensionType type);

template <ExtensionType Type>
struct EmptyExtension {
  static constexpr ExtensionType kType = Type;

  [[nodiscard]] static Result<EmptyExtension> parse(ByteView data) {
    auto empty = expect_empty_extension_data(data, Type);
    if (!empty) return std::unexpected(std::move(empty.error()));
    return EmptyExtension{};
  }
  [[nodiscard]] Result<void> serialize(std::vector<std::uint8_t>& /*out*/) const { return {}; }

  friend bool operator==(const EmptyExtension&, const EmptyExtension&) = default;
};

using ExtendedMasterSecret = EmptyExtension<ExtensionType::extended_master_secret>;
using EncryptThenMac = EmptyExtension<ExtensionType::encrypt_then_mac>;
using ServerNameAck = EmptyExtension<ExtensionType::server_name>;
using StatusRequestAck = EmptyExtension<ExtensionType::status_request>;
using PostHandshakeAuth = EmptyExtension<ExtensionType::post_handshake_auth>;

}  // namespace tlsx::handshake
