#include "handshake/client_hello.hpp"

namespace tlsx::handshake {

Result<ClientHello> ClientHello::parse(ByteView body) {
  ByteReader r(body);
  ClientHello hello;
  std::uint16_t version = 0;
  ByteView session_id;
  ByteReader suites;
  ByteView compression;
  if (!(r.u16(version) && r.copy(hello.random) && r.vec8(session_id, 0, kMaxSessionIdSize) &&
        r.vec16(suites, 2, 0xfffe, 2) && r.vec8(compression, 1, 0xff))) {
    return malformed("ClientHello", r);
  }
  hello.client_version = static_cast<ProtocolVersion>(version);
  hello.session_id = to_opaque(session_id);
  hello.compression_methods = to_opaque(compression);
  hello.cipher_suites.reserve(suites.remaining() / 2);
  while (suites.remaining() > 0) {
    std::uint16_t suite = 0;
    if (!suites.u16(suite)) return malformed("ClientHello cipher_suites", suites);
    hello.cipher_suites.push_back(static_cast<CipherSuite>(suite));
  }

  // The extensions block is present exactly when bytes follow the compression methods.
  if (r.remaining() > 0) {
    ByteView list;
    if (!(r.vec16(list, 0, 0xffff) && r.empty())) return malformed("ClientHello", r);
    auto extensions = parse_extension_list(list, "ClientHello");
    if (!extensions) return std::unexpected(std::move(extensions.error()));
    hello.extensions_present = true;
    hello.extensions = std::move(*extensions);
  }
  return hello;
}

Result<void> ClientHello::serialize(std::vector<std::uint8_t>& out) const {
  // Lower bounds and the duplicate rule, which length prefixes cannot check: whatever is written
  // must parse back.
  if (cipher_suites.empty() || compression_methods.empty()) {
    return fail_argument("ClientHello: cipher_suites and compression_methods must not be empty");
  }
  if (has_duplicate_types(extensions)) {
    return fail_argument("ClientHello: two extensions of the same type");
  }
  const std::size_t start = out.size();
  ByteWriter w(out);
  w.u16(static_cast<std::uint16_t>(client_version));
  w.bytes(random);
  {
    auto p = w.prefix8(kMaxSessionIdSize);
    w.bytes(session_id);
  }
  {
    auto p = w.prefix16(0xfffe);
    for (auto suite : cipher_suites) w.u16(static_cast<std::uint16_t>(suite));
  }
  {
    auto p = w.prefix8();
    w.bytes(compression_methods);
  }
  if (extensions_present || !extensions.empty()) write_extension_list(w, extensions);
  return finish_write(w, out, start, "ClientHello");
}

}  // namespace tlsx::handshake
