#include "handshake/certificate_request.hpp"

namespace tlsx::handshake {

Result<CertificateRequest> CertificateRequest::parse(ByteView body) {
  ByteReader r(body);
  ByteView types;
  ByteReader algorithms;
  ByteReader authorities;
  if (!(r.vec8(types, 1, 0xff) && r.vec16(algorithms, 2, 0xfffe, 2) &&
        r.vec16(authorities, 0, 0xffff) && r.empty())) {
    return malformed("CertificateRequest", r);
  }
  CertificateRequest req;
  for (auto type : types) req.certificate_types.push_back(static_cast<ClientCertificateType>(type));
  while (algorithms.remaining() > 0) {
    std::uint16_t scheme = 0;
    if (!algorithms.u16(scheme)) return malformed("CertificateRequest algorithms", algorithms);
    req.supported_signature_algorithms.push_back(static_cast<SignatureScheme>(scheme));
  }
  while (authorities.remaining() > 0) {
    ByteView name;
    if (!authorities.vec16(name, 1, 0xffff)) {
      return malformed("CertificateRequest certificate_authorities", authorities);
    }
    req.certificate_authorities.push_back(to_opaque(name));
  }
  return req;
}

Result<void> CertificateRequest::serialize(std::vector<std::uint8_t>& out) const {
  bool empty_name = false;
  for (const auto& name : certificate_authorities) empty_name = empty_name || name.empty();
  if (certificate_types.empty() || supported_signature_algorithms.empty() || empty_name) {
    return fail_argument("CertificateRequest: an empty list or DistinguishedName");
  }
  const std::size_t start = out.size();
  ByteWriter w(out);
  {
    auto p = w.prefix8();
    for (auto type : certificate_types) w.u8(static_cast<std::uint8_t>(type));
  }
  {
    auto p = w.prefix16(0xfffe);
    for (auto scheme : supported_signature_algorithms) w.u16(static_cast<std::uint16_t>(scheme));
  }
  {
    auto p = w.prefix16();
    for (const auto& name : certificate_authorities) {
      auto n = w.prefix16();
      w.bytes(name);
    }
  }
  return finish_write(w, out, start, "CertificateRequest");
}

}  // namespace tlsx::handshake
