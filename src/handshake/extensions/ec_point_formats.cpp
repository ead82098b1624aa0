#include "handshake/extensions/ec_point_formats.hpp"

namespace tlsx::handshake {

Result<EcPointFormats> EcPointFormats::parse(ByteView data) {
  ByteReader r(data);
  ByteView list;
  if (!(r.vec8(list, 1, 0xff) && r.empty())) return malformed("ec_point_formats extension", r);
  EcPointFormats out;
  out.ec_point_format_list.clear();
  for (auto format : list) out.ec_point_format_list.push_back(static_cast<EcPointFormat>(format));
  return out;
}

Result<void> EcPointFormats::serialize(std::vector<std::uint8_t>& out) const {
  if (ec_point_format_list.empty()) return fail_argument("ec_point_formats extension: empty list");
  const std::size_t start = out.size();
  ByteWriter w(out);
  {
    auto p = w.prefix8();
    for (auto format : ec_point_format_list) w.u8(static_cast<std::uint8_t>(format));
  }
  return finish_write(w, out, start, "ec_point_formats extension");
}

bool EcPointFormats::contains_uncompressed() const noexcept {
  for (auto format : ec_point_format_list) {
    if (format == EcPointFormat::uncompressed) return true;
  }
  return false;
}

}  // namespace tlsx::handshake
