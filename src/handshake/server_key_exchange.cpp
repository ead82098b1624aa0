#include "handshake/server_key_exchange.hpp"

#include <fmt/format.h>

namespace tlsx::handshake {
namespace {

void write_params(ByteWriter& w, NamedGroup group, ByteView point) {
  w.u8(kEcCurveTypeNamedCurve);
  w.u16(static_cast<std::uint16_t>(group));
  auto p = w.prefix8();
  w.bytes(point);
}

}  // namespace

Result<ServerKeyExchange> ServerKeyExchange::parse(ByteView body) {
  ByteReader r(body);
  std::uint8_t curve_type = 0;
  if (!r.u8(curve_type)) return malformed("ServerKeyExchange", r);
  if (curve_type != kEcCurveTypeNamedCurve) {
    return fail(ErrorCode::illegal_parameter, AlertDescription::illegal_parameter,
                fmt::format("ServerKeyExchange: curve_type {} is not named_curve(3)", curve_type));
  }
  ServerKeyExchange ske;
  std::uint16_t group = 0;
  ByteView point;
  if (!(r.u16(group) && r.vec8(point, 1, 0xff) && ske.signed_params.read(r) && r.empty())) {
    return malformed("ServerKeyExchange", r);
  }
  ske.named_curve = static_cast<NamedGroup>(group);
  ske.public_point = to_opaque(point);
  return ske;
}

Result<void> ServerKeyExchange::serialize(std::vector<std::uint8_t>& out) const {
  if (public_point.empty()) return fail_argument("ServerKeyExchange: empty public point");
  const std::size_t start = out.size();
  ByteWriter w(out);
  write_params(w, named_curve, public_point);
  signed_params.write(w);
  return finish_write(w, out, start, "ServerKeyExchange");
}

Result<Opaque> ServerKeyExchange::params_bytes() const {
  if (public_point.empty()) return fail_argument("ServerKeyExchange: empty public point");
  Opaque out;
  ByteWriter w(out);
  write_params(w, named_curve, public_point);
  auto done = finish_write(w, out, 0, "ServerKeyExchange params");
  if (!done) return std::unexpected(std::move(done.error()));
  return out;
}

Result<Opaque> ServerKeyExchange::signed_data(const Random& client_random,
                                              const Random& server_random) const {
  auto params = params_bytes();
  if (!params) return params;
  Opaque out;
  out.reserve(client_random.size() + server_random.size() + params->size());
  out.insert(out.end(), client_random.begin(), client_random.end());
  out.insert(out.end(), server_random.begin(), server_random.end());
  out.insert(out.end(), params->begin(), params->end());
  return out;
}

}  // namespace tlsx::handshake
