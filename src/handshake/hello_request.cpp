#include "handshake/hello_request.hpp"

namespace tlsx::handshake {

Result<HelloRequest> HelloRequest::parse(ByteView body) {
  ByteReader r(body);
  if (!r.empty()) return malformed("HelloRequest", r);
  return HelloRequest{};
}

Result<void> HelloRequest::serialize(std::vector<std::uint8_t>& /*out*/) const {
  return {};
}

}  // namespace tlsx::handshake
