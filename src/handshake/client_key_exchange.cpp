#include "handshake/client_key_exchange.hpp"

namespace tlsx::handshake {

Result<ClientKeyExchange> ClientKeyExchange::parse(ByteView body, ClientKeyExchangeKind kind) {
  ByteReader r(body);
  ByteView keys;
  const bool ok =
      kind == ClientKeyExchangeKind::rsa ? r.vec16(keys, 0, 0xffff) : r.vec8(keys, 1, 0xff);
  if (!(ok && r.empty())) return malformed("ClientKeyExchange", r);
  return ClientKeyExchange{kind, to_opaque(keys)};
}

Result<void> ClientKeyExchange::serialize(std::vector<std::uint8_t>& out) const {
  if (kind == ClientKeyExchangeKind::ecdhe && exchange_keys.empty()) {
    return fail_argument("ClientKeyExchange: empty public point");
  }
  const std::size_t start = out.size();
  ByteWriter w(out);
  {
    auto p = kind == ClientKeyExchangeKind::rsa ? w.prefix16() : w.prefix8();
    w.bytes(exchange_keys);
  }
  return finish_write(w, out, start, "ClientKeyExchange");
}

}  // namespace tlsx::handshake
