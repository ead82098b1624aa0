// padding (RFC 7685 §3):
//
//   The "extension_data" for the extension consists of an arbitrary number of zero bytes.
//
// "The client MUST fill the padding extension completely with zero bytes, although the padding
// extension_data field may be empty." A non-zero byte is illegal_parameter: the data is
// well-formed (any length is) but holds a value the RFC forbids. tlsx never sends it from a server
// ("The server MUST NOT echo the extension") and does not need to send it from a client.
#pragma once

#include <cstddef>
#include <cstdint>
#include <vector>

#include "handshake/code_points.hpp"
#include "handshake/wire.hpp"
#include "tlsx/error.hpp"

namespace tlsx::handshake {

struct Padding {
  static constexpr ExtensionType kType = ExtensionType::padding;

  std::size_t length = 0;  ///< number of zero bytes, 0..65535

  [[nodiscard]] static Result<Padding> parse(ByteView data);
  [[nodiscard]] Result<void> serialize(std::vector<std::uint8_t>& out) const;

  friend bool operator==(const Padding&, const Padding&) = default;
};

}  // namespace tlsx::handshake
