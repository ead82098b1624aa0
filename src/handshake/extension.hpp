// The generic extension container (RFC 5246 §7.4.1.4):
//
//   struct {
//       ExtensionType extension_type;
//       opaque extension_data<0..2^16-1>;
//   } Extension;
//
// Hellos keep every extension as (type, raw data) in wire order, known or not, GREASE included:
// the negotiation decodes the ones it uses with the typed codecs in handshake/extensions/, and a
// capture tool can record all of them exactly as sent.
#pragma once

#include <cstdint>
#include <span>
#include <string_view>
#include <vector>

#include "handshake/code_points.hpp"
#include "handshake/wire.hpp"

namespace tlsx::handshake {

struct Extension {
  ExtensionType type{};
  Opaque data;  ///< extension_data, undecoded

  friend bool operator==(const Extension&, const Extension&) = default;
};

/// Parses the body of `Extension extensions<0..2^16-1>` (without its 2-byte length) into a list
/// in wire order. Malformed entries are decode_error. Two extensions of one type are
/// illegal_parameter: RFC 5246 §7.4.1.4 "There MUST NOT be more than one extension of the same
/// type", and RFC 5246 §7.2.2 reserves decode_error for bytes that cannot be decoded, while these
/// decode fine but contradict each other (OpenSSL and rustls send illegal_parameter here too).
/// `what` names the message for error details ("ClientHello").
[[nodiscard]] Result<std::vector<Extension>> parse_extension_list(ByteView list,
                                                                  std::string_view what);

/// Appends `Extension extensions<0..2^16-1>` including its length; an overflow marks w failed.
void write_extension_list(ByteWriter& w, std::span<const Extension> extensions);

/// True when two extensions share a type (serializers refuse to write what parsers reject).
[[nodiscard]] bool has_duplicate_types(std::span<const Extension> extensions);

/// The first extension of a type, or nullptr.
[[nodiscard]] const Extension* find_extension(std::span<const Extension> extensions,
                                              ExtensionType type) noexcept;

/// Wraps a typed extension codec (anything with `kType` and serialize()) into an Extension.
template <class Codec>
[[nodiscard]] Result<Extension> make_extension(const Codec& codec) {
  Extension ext{Codec::kType, {}};
  auto written = codec.serialize(ext.data);
  if (!written) return std::unexpected(std::move(written.error()));
  return ext;
}

}  // namespace tlsx::handshake
