#include "handshake/certificate.hpp"

namespace tlsx::handshake {

Result<Certificate> Certificate::parse(ByteView body) {
  ByteReader r(body);
  ByteReader list;
  if (!(r.vec24(list, 0, 0xffffff) && r.empty())) return malformed("Certificate", r);
  Certificate out;
  while (list.remaining() > 0) {
    ByteView cert;
    if (!list.vec24(cert, 1, 0xffffff)) return malformed("Certificate certificate_list", list);
    out.certificate_list.push_back(to_opaque(cert));
  }
  return out;
}

Result<void> Certificate::serialize(std::vector<std::uint8_t>& out) const {
  for (const auto& cert : certificate_list) {
    if (cert.empty()) return fail_argument("Certificate: empty certificate entry");
  }
  const std::size_t start = out.size();
  ByteWriter w(out);
  {
    auto list = w.prefix24();
    for (const auto& cert : certificate_list) {
      auto p = w.prefix24();
      w.bytes(cert);
    }
  }
  return finish_write(w, out, start, "Certificate");
}

}  // namespace tlsx::handshake
