#include "handshake/digitally_signed.hpp"

namespace tlsx::handshake {

bool DigitallySigned::read(ByteReader& r) {
  std::uint16_t scheme = 0;
  ByteView sig;
  if (!(r.u16(scheme) && r.vec16(sig, 0, 0xffff))) return false;
  algorithm = static_cast<SignatureScheme>(scheme);
  signature = to_opaque(sig);
  return true;
}

void DigitallySigned::write(ByteWriter& w) const {
  w.u16(static_cast<std::uint16_t>(algorithm));
  auto p = w.prefix16();
  w.bytes(signature);
}

}  // namespace tlsx::handshake
