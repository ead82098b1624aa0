// application_layer_protocol_negotiation (RFC 7301 §3.1):
//
//   opaque ProtocolName<1..2^8-1>;
//
//   struct {
//       ProtocolName protocol_name_list<2..2^16-1>
//   } ProtocolNameList;
//
// "Empty strings MUST NOT be included", which the <1..> bound already says (decode_error).
// The server's reply has the same syntax but "MUST contain exactly one "ProtocolName"":
// parse_server() adds that check (decode_error: the list does not have the shape the message
// requires). Names are byte strings, not necessarily text (RFC 7301 registers them as octets);
// they are kept exactly, GREASE values included.
#pragma once

#include <cstdint>
#include <initializer_list>
#include <string_view>
#include <vector>

#include "handshake/code_points.hpp"
#include "handshake/wire.hpp"
#include "tlsx/error.hpp"

namespace tlsx::handshake {

struct ProtocolNameList {
  static constexpr ExtensionType kType = ExtensionType::application_layer_protocol_negotiation;

  std::vector<Opaque> protocol_name_list;  ///< each 1..255 bytes, client preference order

  /// ClientHello form.
  [[nodiscard]] static Result<ProtocolNameList> parse(ByteView data);
  /// ServerHello form: exactly one name.
  [[nodiscard]] static Result<ProtocolNameList> parse_server(ByteView data);
  [[nodiscard]] Result<void> serialize(std::vector<std::uint8_t>& out) const;

  /// A list from text names ("h2", "http/1.1").
  [[nodiscard]] static ProtocolNameList from_names(std::initializer_list<std::string_view> names);

  friend bool operator==(const ProtocolNameList&, const ProtocolNameList&) = default;
};

}  // namespace tlsx::handshake
