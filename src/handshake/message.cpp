#include "handshake/message.hpp"

#include <fmt/format.h>

namespace tlsx::handshake {
namespace {

// Converts a codec's Result<T> into Result<HandshakeMessage>.
template <class T>
Result<HandshakeMessage> wrap(Result<T> parsed) {
  if (!parsed) return std::unexpected(std::move(parsed.error()));
  return HandshakeMessage(std::move(*parsed));
}

}  // namespace

Result<HandshakeMessage> parse_message(HandshakeType type, ByteView body,
                                       const MessageContext& context) {
  switch (type) {
    case HandshakeType::hello_request:
      return wrap(HelloRequest::parse(body));
    case HandshakeType::client_hello:
      return wrap(ClientHello::parse(body));
    case HandshakeType::server_hello:
      return wrap(ServerHello::parse(body));
    case HandshakeType::new_session_ticket:
      return wrap(NewSessionTicket::parse(body));
    case HandshakeType::certificate:
      return wrap(Certificate::parse(body));
    case HandshakeType::server_key_exchange:
      return wrap(ServerKeyExchange::parse(body));
    case HandshakeType::certificate_request:
      return wrap(CertificateRequest::parse(body));
    case HandshakeType::server_hello_done:
      return wrap(ServerHelloDone::parse(body));
    case HandshakeType::certificate_verify:
      return wrap(CertificateVerify::parse(body));
    case HandshakeType::client_key_exchange:
      return wrap(ClientKeyExchange::parse(body, context.key_exchange));
    case HandshakeType::finished:
      return wrap(Finished::parse(body, context.verify_data_length));
    default:
      return fail(ErrorCode::unexpected_message, AlertDescription::unexpected_message,
                  fmt::format("no TLS 1.2 codec for handshake message {}", to_string(type)));
  }
}

Result<HandshakeMessage> parse_whole_message(ByteView message, const MessageContext& context) {
  auto split = split_handshake_message(message);
  if (!split) return std::unexpected(std::move(split.error()));
  return parse_message(split->type, split->body, context);
}

HandshakeType type_of(const HandshakeMessage& message) noexcept {
  return std::visit([](const auto& m) { return std::decay_t<decltype(m)>::kType; }, message);
}

Result<void> write_message(const HandshakeMessage& message, std::vector<std::uint8_t>& out) {
  return std::visit([&out](const auto& m) { return write_handshake_message(m, out); }, message);
}

}  // namespace tlsx::handshake
