#include "handshake/extensions/psk_key_exchange_modes.hpp"

namespace tlsx::handshake {

Result<PskKeyExchangeModes> PskKeyExchangeModes::parse(ByteView data) {
  ByteReader r(data);
  ByteView modes;
  if (!(r.vec8(modes, 1, 0xff) && r.empty())) {
    return malformed("psk_key_exchange_modes extension", r);
  }
  PskKeyExchangeModes out;
  for (auto mode : modes) out.ke_modes.push_back(static_cast<PskKeyExchangeMode>(mode));
  return out;
}

Result<void> PskKeyExchangeModes::serialize(std::vector<std::uint8_t>& out) const {
  if (ke_modes.empty()) return fail_argument("psk_key_exchange_modes extension: empty list");
  const std::size_t start = out.size();
  ByteWriter w(out);
  {
    auto p = w.prefix8();
    for (auto mode : ke_modes) w.u8(static_cast<std::uint8_t>(mode));
  }
  return finish_write(w, out, start, "psk_key_exchange_modes extension");
}

}  // namespace tlsx::handshake
