// ServerKeyExchange (ECDHE, RFC 8422 §5.4) and ClientKeyExchange (RSA: RFC 5246 §7.4.7.1;
// ECDHE: RFC 8422 §5.7).
#include <fmt/format.h>

#include "dissect.hpp"

namespace tlsx::step {

void dissect_server_key_exchange(FieldReader& r, Field& out) {
  Field params{"params (ServerECDHParams, covered by the signature)", r.offset(), 0, "", {}};
  std::uint8_t curve_type = 0;
  r.u8(params, "curve_type", curve_type,
       [](std::uint64_t v) { return v == 3 ? std::string("named_curve (3)") : std::to_string(v); });
  std::uint16_t group = 0;
  r.u16(params, "named_curve", group, group_text);
  FieldReader point({}, 0);
  Field* field = nullptr;
  if (r.vec(params, "public", 1, point, field)) {
    field->value = fmt::format("{} bytes: the server's ephemeral public key", point.remaining());
    point.rest(*field, "point");
  }
  params.length = r.offset() - params.offset;
  out.children.push_back(std::move(params));
  std::uint16_t scheme = 0;
  r.u16(out, "signature_scheme", scheme, scheme_text);
  FieldReader sig({}, 0);
  if (r.vec(out, "signature", 2, sig, field)) {
    field->value = fmt::format(
        "{} bytes: signs client_random + server_random + params with the certificate's key",
        sig.remaining());
    sig.rest(*field, "bytes");
  }
}

void dissect_client_key_exchange(FieldReader& r, Field& out, const DissectContext& context) {
  FieldReader body({}, 0);
  Field* field = nullptr;
  const bool rsa = context.suite != nullptr && context.suite->kx == handshake::KeyExchange::rsa;
  if (rsa) {
    if (r.vec(out, "encrypted_pre_master_secret", 2, body, field)) {
      field->value = fmt::format(
          "{} bytes: RSAES-PKCS1-v1_5(server public key, client_version + 46 random bytes)",
          body.remaining());
      body.rest(*field, "bytes");
    }
  } else if (r.vec(out, "ecdh_Yc", 1, body, field)) {
    field->value = fmt::format("{} bytes: the client's ephemeral public key", body.remaining());
    body.rest(*field, "point");
  }
}

}  // namespace tlsx::step
