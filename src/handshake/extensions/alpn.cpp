#include "handshake/extensions/alpn.hpp"

#include <fmt/format.h>

namespace tlsx::handshake {

Result<ProtocolNameList> ProtocolNameList::parse(ByteView data) {
  ByteReader r(data);
  ByteReader list;
  if (!(r.vec16(list, 2, 0xffff) && r.empty())) return malformed("ALPN extension", r);
  ProtocolNameList out;
  while (list.remaining() > 0) {
    ByteView name;
    if (!list.vec8(name, 1, 0xff)) return malformed("ALPN extension protocol_name_list", list);
    out.protocol_name_list.push_back(to_opaque(name));
  }
  return out;
}

Result<ProtocolNameList> ProtocolNameList::parse_server(ByteView data) {
  auto list = parse(data);
  if (list && list->protocol_name_list.size() != 1) {
    return fail_decode(fmt::format("ALPN extension: server sent {} protocol names, not one",
                                   list->protocol_name_list.size()));
  }
  return list;
}

Result<void> ProtocolNameList::serialize(std::vector<std::uint8_t>& out) const {
  if (protocol_name_list.empty()) return fail_argument("ALPN extension: empty list");
  for (const auto& name : protocol_name_list) {
    if (name.empty()) return fail_argument("ALPN extension: empty protocol name");
  }
  const std::size_t start = out.size();
  ByteWriter w(out);
  {
    auto list = w.prefix16();
    for (const auto& name : protocol_name_list) {
      auto p = w.prefix8();
      w.bytes(name);
    }
  }
  return finish_write(w, out, start, "ALPN extension");
}

ProtocolNameList ProtocolNameList::from_names(std::initializer_list<std::string_view> names) {
  ProtocolNameList out;
  for (auto name : names) out.protocol_name_list.emplace_back(name.begin(), name.end());
  return out;
}

}  // namespace tlsx::handshake
