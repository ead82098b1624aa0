#include "handshake/extensions/supported_groups.hpp"

#include "handshake/extensions/code_point_list.hpp"

namespace tlsx::handshake {

Result<SupportedGroups> SupportedGroups::parse(ByteView data) {
  ByteReader r(data);
  SupportedGroups out;
  if (!(detail::read_u16_list(r, 2, 2, 0xffff, out.named_group_list) && r.empty())) {
    return malformed("supported_groups extension", r);
  }
  return out;
}

Result<void> SupportedGroups::serialize(std::vector<std::uint8_t>& out) const {
  if (named_group_list.empty()) return fail_argument("supported_groups extension: empty list");
  const std::size_t start = out.size();
  ByteWriter w(out);
  detail::write_u16_list(w, 2, 0xfffe, named_group_list);
  return finish_write(w, out, start, "supported_groups extension");
}

}  // namespace tlsx::handshake
