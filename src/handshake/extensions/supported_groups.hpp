// supported_groups (RFC 8422 §5.1.1 as renamed by RFC 7919 and RFC 8446 §4.2.7):
//
//   struct {
//       NamedGroup named_group_list<2..2^16-1>;
//   } NamedGroupList;
//
// Elements are two bytes, so an odd length is decode_error. The list is kept in the client's
// preference order, unknown and GREASE groups included.
#pragma once

#include <cstdint>
#include <vector>

#include "handshake/code_points.hpp"
#include "handshake/wire.hpp"
#include "tlsx/error.hpp"

namespace tlsx::handshake {

struct SupportedGroups {
  static constexpr ExtensionType kType = ExtensionType::supported_groups;

  std::vector<NamedGroup> named_group_list;  ///< at least one

  [[nodiscard]] static Result<SupportedGroups> parse(ByteView data);
  [[nodiscard]] Result<void> serialize(std::vector<std::uint8_t>& out) const;

  friend bool operator==(const SupportedGroups&, const SupportedGroups&) = default;
};

}  // namespace tlsx::handshake
