// Any TLS 1.2 handshake message tlsx can decode, as one variant, with parse and write by type.
//
// The state machine knows which message it expects and calls that codec directly; this is for
// code that handles messages generically: the observer's decoded view, course-mode printing,
// transcript tests and the fuzzer.
#pragma once

#include <cstddef>
#include <cstdint>
#include <type_traits>
#include <variant>
#include <vector>

#include "handshake/certificate.hpp"
#include "handshake/certificate_request.hpp"
#include "handshake/certificate_verify.hpp"
#include "handshake/client_hello.hpp"
#include "handshake/client_key_exchange.hpp"
#include "handshake/finished.hpp"
#include "handshake/handshake_header.hpp"
#include "handshake/hello_request.hpp"
#include "handshake/new_session_ticket.hpp"
#include "handshake/server_hello.hpp"
#include "handshake/server_hello_done.hpp"
#include "handshake/server_key_exchange.hpp"

namespace tlsx::handshake {

using HandshakeMessage =
    std::variant<HelloRequest, ClientHello, ServerHello, NewSessionTicket, Certificate,
                 ServerKeyExchange, CertificateRequest, ServerHelloDone, CertificateVerify,
                 ClientKeyExchange, Finished>;

/// What the body alone does not say: facts from the negotiated suite.
struct MessageContext {
  ClientKeyExchangeKind key_exchange = ClientKeyExchangeKind::ecdhe;
  std::size_t verify_data_length = kDefaultVerifyDataLength;
};

/// Parses a body with the codec for `type`. A type tlsx has no codec for is unexpected_message
/// (RFC 5246 §7.4: a handshake message the protocol does not allow here).
[[nodiscard]] Result<HandshakeMessage> parse_message(HandshakeType type, ByteView body,
                                                     const MessageContext& context = {});

/// Splits a whole message (header included) and parses its body.
[[nodiscard]] Result<HandshakeMessage> parse_whole_message(ByteView message,
                                                           const MessageContext& context = {});

[[nodiscard]] HandshakeType type_of(const HandshakeMessage& message) noexcept;

/// Appends header + body.
[[nodiscard]] Result<void> write_message(const HandshakeMessage& message,
                                         std::vector<std::uint8_t>& out);

}  // namespace tlsx::handshake
