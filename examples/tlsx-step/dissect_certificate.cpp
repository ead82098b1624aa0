// Certificate, CertificateRequest and CertificateVerify (RFC 5246 §7.4.2, §7.4.4, §7.4.8).
#include <fmt/format.h>

#include "dissect.hpp"
#include "tlsx/x509.hpp"

namespace tlsx::step {

namespace {
// The subject tells a student which certificate this is; the DER itself stays bytes.
std::string subject_of(Bytes der) {
  CertificateChain chain;
  if (!chain.append_der(der)) return "DER certificate (does not parse)";
  return fmt::format("DER certificate, subject {}", chain.subject(0));
}
}  // namespace

void dissect_certificate(FieldReader& r, Field& out) {
  FieldReader certs({}, 0);
  Field* list = nullptr;
  if (!r.vec(out, "certificate_list", 3, certs, list)) return;
  while (!certs.done()) {
    FieldReader der({}, 0);
    Field* cert = nullptr;
    if (!certs.vec(*list, "certificate", 3, der, cert)) break;
    Bytes bytes;
    if (der.bytes(*cert, "der", der.remaining(), bytes)) {
      cert->children.back().value = subject_of(bytes);
    }
  }
  if (certs.failed()) certs.rest(*list, "undecoded");
}

void dissect_certificate_request(FieldReader& r, Field& out) {
  FieldReader types({}, 0);
  Field* list = nullptr;
  if (r.vec(out, "certificate_types", 1, types, list)) {
    std::uint8_t t = 0;
    while (!types.done() && types.u8(*list, "certificate_type", t, [](std::uint64_t v) {
      return v == 1    ? std::string("rsa_sign (1)")
             : v == 64 ? std::string("ecdsa_sign (64)")
                       : std::to_string(v);
    })) {
    }
  }
  FieldReader schemes({}, 0);
  if (r.vec(out, "supported_signature_algorithms", 2, schemes, list)) {
    std::uint16_t s = 0;
    while (!schemes.done() && schemes.u16(*list, "signature_scheme", s, scheme_text)) {
    }
  }
  FieldReader names({}, 0);
  if (r.vec(out, "certificate_authorities", 2, names, list)) {
    while (!names.done()) {
      FieldReader dn({}, 0);
      Field* name = nullptr;
      if (!names.vec(*list, "distinguished_name", 2, dn, name)) break;
      dn.rest(*name, "der");
    }
  }
}

void dissect_certificate_verify(FieldReader& r, Field& out) {
  std::uint16_t scheme = 0;
  r.u16(out, "signature_scheme", scheme, scheme_text);
  FieldReader sig({}, 0);
  Field* field = nullptr;
  if (r.vec(out, "signature", 2, sig, field)) sig.rest(*field, "bytes");
}

}  // namespace tlsx::step
