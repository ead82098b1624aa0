// Reading and writing a vector of 16-bit code points (`NamedGroup named_group_list<2..2^16-1>`,
// `SignatureScheme supported_signature_algorithms<2..2^16-2>`, ...): the shared core of several
// extension codecs. Internal to src/handshake/extensions.
#pragma once

#include <cstddef>
#include <cstdint>
#include <vector>

#include "handshake/wire.hpp"

namespace tlsx::handshake::detail {

/// Reads a vector with a 1- or 2-byte length prefix (prefix_bytes) whose byte length lies in
/// [min_bytes, max_bytes] and is even, into a list of Enum values (unknown values kept).
template <class Enum>
[[nodiscard]] bool read_u16_list(ByteReader& r, std::size_t prefix_bytes, std::size_t min_bytes,
                                 std::size_t max_bytes, std::vector<Enum>& out) {
  ByteReader list;
  const bool ok = prefix_bytes == 1 ? r.vec8(list, min_bytes, max_bytes, 2)
                                    : r.vec16(list, min_bytes, max_bytes, 2);
  if (!ok) return false;
  out.clear();
  out.reserve(list.remaining() / 2);
  while (list.remaining() > 0) {
    std::uint16_t v = 0;
    if (!list.u16(v)) return false;
    out.push_back(static_cast<Enum>(v));
  }
  return true;
}

/// Writes the list with its prefix; marks w failed when the byte length exceeds max_bytes.
template <class Enum>
void write_u16_list(ByteWriter& w, std::size_t prefix_bytes, std::size_t max_bytes,
                    const std::vector<Enum>& values) {
  auto p = prefix_bytes == 1 ? w.prefix8(max_bytes) : w.prefix16(max_bytes);
  for (auto v : values) w.u16(static_cast<std::uint16_t>(v));
}

}  // namespace tlsx::handshake::detail
