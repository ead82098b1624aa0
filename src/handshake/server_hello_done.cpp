#include "handshake/server_hello_done.hpp"

namespace tlsx::handshake {

Result<ServerHelloDone> ServerHelloDone::parse(ByteView body) {
  ByteReader r(body);
  if (!r.empty()) return malformed("ServerHelloDone", r);
  return ServerHelloDone{};
}

Result<void> ServerHelloDone::serialize(std::vector<std::uint8_t>& /*out*/) const {
  return {};
}

}  // namespace tlsx::handshake
