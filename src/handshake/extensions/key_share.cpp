#include "handshake/extensions/key_share.hpp"

namespace tlsx::handshake {

Result<KeyShareClientHello> KeyShareClientHello::parse(ByteView data) {
  ByteReader r(data);
  ByteReader shares;
  if (!(r.vec16(shares, 0, 0xffff) && r.empty())) return malformed("key_share extension", r);
  KeyShareClientHello out;
  while (shares.remaining() > 0) {
    std::uint16_t group = 0;
    ByteView key;
    if (!(shares.u16(group) && shares.vec16(key, 1, 0xffff))) {
      return malformed("key_share extension client_shares", shares);
    }
    out.client_shares.push_back(KeyShareEntry{static_cast<NamedGroup>(group), to_opaque(key)});
  }
  return out;
}

Result<void> KeyShareClientHello::serialize(std::vector<std::uint8_t>& out) const {
  for (const auto& share : client_shares) {
    if (share.key_exchange.empty()) return fail_argument("key_share extension: empty key share");
  }
  const std::size_t start = out.size();
  ByteWriter w(out);
  {
    auto list = w.prefix16();
    for (const auto& share : client_shares) {
      w.u16(static_cast<std::uint16_t>(share.group));
      auto p = w.prefix16();
      w.bytes(share.key_exchange);
    }
  }
  return finish_write(w, out, start, "key_share extension");
}

std::vector<NamedGroup> KeyShareClientHello::groups() const {
  std::vector<NamedGroup> out;
  out.reserve(client_shares.size());
  for (const auto& share : client_shares) out.push_back(share.group);
  return out;
}

}  // namespace tlsx::handshake
