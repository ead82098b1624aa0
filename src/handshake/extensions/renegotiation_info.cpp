#include "handshake/extensions/renegotiation_info.hpp"

namespace tlsx::handshake {

Result<RenegotiationInfo> RenegotiationInfo::parse(ByteView data) {
  ByteReader r(data);
  ByteView connection;
  if (!(r.vec8(connection, 0, 0xff) && r.empty())) {
    return malformed("renegotiation_info extension", r);
  }
  return RenegotiationInfo{to_opaque(connection)};
}

Result<void> RenegotiationInfo::serialize(std::vector<std::uint8_t>& out) const {
  const std::size_t start = out.size();
  ByteWriter w(out);
  {
    auto p = w.prefix8();
    w.bytes(renegotiated_connection);
  }
  return finish_write(w, out, start, "renegotiation_info extension");
}

}  // namespace tlsx::handshake
