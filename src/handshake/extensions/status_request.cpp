#include "handshake/extensions/status_request.hpp"

namespace tlsx::handshake {

Result<CertificateStatusRequest> CertificateStatusRequest::parse(ByteView data) {
  ByteReader r(data);
  std::uint8_t type = 0;
  if (!r.u8(type)) return malformed("status_request extension", r);
  CertificateStatusRequest out;
  out.status_type = static_cast<CertificateStatusType>(type);
  if (out.status_type != CertificateStatusType::ocsp) {
    out.unknown_request = to_opaque(r.rest());
    return out;
  }
  ByteReader responders;
  ByteView extensions;
  if (!(r.vec16(responders, 0, 0xffff) && r.vec16(extensions, 0, 0xffff) && r.empty())) {
    return malformed("status_request extension", r);
  }
  while (responders.remaining() > 0) {
    ByteView id;
    if (!responders.vec16(id, 1, 0xffff)) {
      return malformed("status_request extension responder_id_list", responders);
    }
    out.responder_id_list.push_back(to_opaque(id));
  }
  out.request_extensions = to_opaque(extensions);
  return out;
}

Result<void> CertificateStatusRequest::serialize(std::vector<std::uint8_t>& out) const {
  const bool ocsp = status_type == CertificateStatusType::ocsp;
  if (ocsp && !unknown_request.empty()) {
    return fail_argument("status_request extension: unknown_request set for an ocsp request");
  }
  if (!ocsp && (!responder_id_list.empty() || !request_extensions.empty())) {
    return fail_argument("status_request extension: OCSP fields set for a non-ocsp request");
  }
  for (const auto& id : responder_id_list) {
    if (id.empty()) return fail_argument("status_request extension: empty ResponderID");
  }
  const std::size_t start = out.size();
  ByteWriter w(out);
  w.u8(static_cast<std::uint8_t>(status_type));
  if (ocsp) {
    {
      auto list = w.prefix16();
      for (const auto& id : responder_id_list) {
        auto p = w.prefix16();
        w.bytes(id);
      }
    }
    auto p = w.prefix16();
    w.bytes(request_extensions);
  } else {
    w.bytes(unknown_request);
  }
  return finish_write(w, out, start, "status_request extension");
}

}  // namespace tlsx::handshake
