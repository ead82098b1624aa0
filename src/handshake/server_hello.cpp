#include "handshake/server_hello.hpp"

namespace tlsx::handshake {

Result<ServerHello> ServerHello::parse(ByteView body) {
  ByteReader r(body);
  ServerHello hello;
  std::uint16_t version = 0;
  ByteView session_id;
  std::uint16_t suite = 0;
  if (!(r.u16(version) && r.copy(hello.random) && r.vec8(session_id, 0, kMaxSessionIdSize) &&
        r.u16(suite) && r.u8(hello.compression_method))) {
    return malformed("ServerHello", r);
  }
  hello.server_version = static_cast<ProtocolVersion>(version);
  hello.session_id = to_opaque(session_id);
  hello.cipher_suite = static_cast<CipherSuite>(suite);

  if (r.remaining() > 0) {
    ByteView list;
    if (!(r.vec16(list, 0, 0xffff) && r.empty())) return malformed("ServerHello", r);
    auto extensions = parse_extension_list(list, "ServerHello");
    if (!extensions) return std::unexpected(std::move(extensions.error()));
    hello.extensions_present = true;
    hello.extensions = std::move(*extensions);
  }
  return hello;
}

Result<void> ServerHello::serialize(std::vector<std::uint8_t>& out) const {
  if (has_duplicate_types(extensions)) {
    return fail_argument("ServerHello: two extensions of the same type");
  }
  const std::size_t start = out.size();
  ByteWriter w(out);
  w.u16(static_cast<std::uint16_t>(server_version));
  w.bytes(random);
  {
    auto p = w.prefix8(kMaxSessionIdSize);
    w.bytes(session_id);
  }
  w.u16(static_cast<std::uint16_t>(cipher_suite));
  w.u8(compression_method);
  if (extensions_present || !extensions.empty()) write_extension_list(w, extensions);
  return finish_write(w, out, start, "ServerHello");
}

}  // namespace tlsx::handshake
