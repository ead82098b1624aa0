#include "handshake/finished.hpp"

namespace tlsx::handshake {

Result<Finished> Finished::parse(ByteView body, std::size_t verify_data_length) {
  ByteReader r(body);
  ByteView verify_data;
  if (!(r.bytes(verify_data, verify_data_length) && r.empty())) return malformed("Finished", r);
  return Finished{to_opaque(verify_data)};
}

Result<void> Finished::serialize(std::vector<std::uint8_t>& out) const {
  ByteWriter w(out);
  w.bytes(verify_data);
  return {};
}

}  // namespace tlsx::handshake
