// A handshake message: the 4-byte header (RFC 5246 §7.4) and its body by type.
#include <fmt/format.h>

#include "dissect.hpp"
#include "tlsx/handshake_type.hpp"

namespace tlsx::step {

namespace {

void body_by_type(HandshakeType type, FieldReader& r, Field& out, const DissectContext& context) {
  switch (type) {
    case HandshakeType::client_hello:
      dissect_client_hello(r, out);
      break;
    case HandshakeType::server_hello:
      dissect_server_hello(r, out);
      break;
    case HandshakeType::certificate:
      dissect_certificate(r, out);
      break;
    case HandshakeType::server_key_exchange:
      dissect_server_key_exchange(r, out);
      break;
    case HandshakeType::certificate_request:
      dissect_certificate_request(r, out);
      break;
    case HandshakeType::certificate_verify:
      dissect_certificate_verify(r, out);
      break;
    case HandshakeType::client_key_exchange:
      dissect_client_key_exchange(r, out, context);
      break;
    case HandshakeType::finished: {
      Bytes verify;
      r.bytes(out, "verify_data", r.remaining(), verify,
              "PRF(master_secret, finished_label, Hash(handshake_messages))[0..11]");
      break;
    }
    case HandshakeType::new_session_ticket: {
      std::uint32_t lifetime = 0;
      r.u32(out, "ticket_lifetime_hint", lifetime);
      FieldReader ticket({}, 0);
      Field* field = nullptr;
      if (r.vec(out, "ticket", 2, ticket, field)) ticket.rest(*field, "bytes");
      break;
    }
    default:  // hello_request and server_hello_done have empty bodies
      break;
  }
  if (!r.done()) r.rest(out, r.failed() ? "undecoded (malformed)" : "undecoded");
}

}  // namespace

Field dissect_handshake(Bytes message, const DissectContext& context) {
  FieldReader r(message, 0);
  const auto type =
      message.empty() ? HandshakeType::hello_request : static_cast<HandshakeType>(message[0]);
  Field out{fmt::format("Handshake: {}", to_string(type)), 0, message.size(), "", {}};
  Field header{"handshake header", 0, 4, "", {}};
  std::uint8_t msg_type = 0;
  std::uint32_t length = 0;
  if (!(r.u8(header, "msg_type", msg_type, handshake_type_text) &&
        r.u24(header, "length", length))) {
    r.rest(out, "undecoded (truncated header)");
    return out;
  }
  header.value = fmt::format("{} bytes of body follow", length);
  out.children.push_back(std::move(header));
  Field body{"body", 4, message.size() - 4, "", {}};
  body_by_type(type, r, body, context);
  if (body.length > 0) out.children.push_back(std::move(body));
  if (length != message.size() - 4) {
    // A cut (or padded) message must not pass for a whole one, even when the cut falls between
    // two fields.
    out.children.push_back(Field{fmt::format("undecoded (the header announces {} body bytes, {} "
                                             "are present)",
                                             length, message.size() - 4),
                                 message.size(),
                                 0,
                                 "",
                                 {}});
  }
  return out;
}

}  // namespace tlsx::step
