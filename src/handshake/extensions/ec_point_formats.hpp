// ec_point_formats (RFC 8422 §5.1.2):
//
//   enum {
//       uncompressed (0),
//       deprecated (1..2),
//       reserved (248..255)
//   } ECPointFormat;
//
//   struct {
//       ECPointFormat ec_point_format_list<1..2^8-1>
//   } ECPointFormatList;
//
// RFC 8422 §5.1.2 requires the list to contain uncompressed(0) when the extension is sent; that
// is a negotiation rule (the peer's choice is refused with illegal_parameter there), so the codec
// keeps whatever list arrived.
#pragma once

#include <cstdint>
#include <vector>

#include "handshake/code_points.hpp"
#include "handshake/wire.hpp"
#include "tlsx/error.hpp"

namespace tlsx::handshake {

/// ECPointFormat; a wire enum (unknown values kept).
enum class EcPointFormat : std::uint8_t {
  uncompressed = 0,
  ansiX962_compressed_prime = 1,  // deprecated
  ansiX962_compressed_char2 = 2,  // deprecated
};

struct EcPointFormats {
  static constexpr ExtensionType kType = ExtensionType::ec_point_formats;

  std::vector<EcPointFormat> ec_point_format_list{EcPointFormat::uncompressed};  ///< 1..255

  [[nodiscard]] static Result<EcPointFormats> parse(ByteView data);
  [[nodiscard]] Result<void> serialize(std::vector<std::uint8_t>& out) const;

  [[nodiscard]] bool contains_uncompressed() const noexcept;

  friend bool operator==(const EcPointFormats&, const EcPointFormats&) = default;
};

}  // namespace tlsx::handshake
