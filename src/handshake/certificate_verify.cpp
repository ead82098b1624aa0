#include "handshake/certificate_verify.hpp"

namespace tlsx::handshake {

Result<CertificateVerify> CertificateVerify::parse(ByteView body) {
  ByteReader r(body);
  CertificateVerify cv;
  if (!(cv.signature.read(r) && r.empty())) return malformed("CertificateVerify", r);
  return cv;
}

Result<void> CertificateVerify::serialize(std::vector<std::uint8_t>& out) const {
  const std::size_t start = out.size();
  ByteWriter w(out);
  signature.write(w);
  return finish_write(w, out, start, "CertificateVerify");
}

}  // namespace tlsx::handshake
