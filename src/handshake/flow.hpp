// The handshake flow table: the order of TLS 1.2 handshake messages as data.
//
// One constexpr table lists every step of a full handshake with the condition under which it
// occurs (key exchange kind, client authentication). The engine derives the flow for the
// handshake it is running and checks every message sent or received against the next step, so
// an out-of-order message is refused (unexpected_message) by one generic check rather than by
// ad-hoc tests in each state. docs/STATE-MACHINE.md and the course stepper print the same table.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <span>
#include <string_view>
#include <vector>

namespace tlsx::handshake {

/// Who sends a step.
enum class Sender : std::uint8_t { client, server };

/// What travels in a step: a handshake message type, or ChangeCipherSpec (a record-layer
/// message, content type 20, listed because its position in the flow matters).
enum class StepMessage : std::uint8_t {
  client_hello,
  server_hello,
  server_certificate,
  server_key_exchange,
  certificate_request,
  server_hello_done,
  client_certificate,
  client_key_exchange,
  certificate_verify,
  client_change_cipher_spec,
  client_finished,
  server_change_cipher_spec,
  server_finished,
  new_session_ticket,
};

/// When a step occurs.
enum class StepCondition : std::uint8_t {
  always,
  ecdhe,           ///< only with ECDHE key exchange
  client_auth,     ///< only when the server requests a client certificate
  client_verify,   ///< only when the client answered that request with a certificate
  full,            ///< only in a full handshake (not when resuming)
  resumed,         ///< only in an abbreviated handshake (RFC 5246 §7.3, Figure 2)
  full_ticket,     ///< full handshake in which the server issues a ticket (RFC 5077 §3.1)
  resumed_ticket,  ///< abbreviated handshake in which the server issues a ticket (RFC 5077 §3.1)
};

struct FlowStepInfo {
  StepMessage message;
  Sender sender;
  StepCondition condition;
  std::string_view name;         ///< "ServerKeyExchange"
  std::string_view rfc_section;  ///< "RFC 5246 §7.4.3"
  std::uint8_t handshake_type;   ///< wire type, or 0xff for ChangeCipherSpec
};

inline constexpr std::uint8_t kChangeCipherSpecStep = 0xff;

/// Every step of a TLS 1.2 handshake, full (RFC 5246 §7.3, Figure 1) or abbreviated (Figure 2,
/// the server's ChangeCipherSpec and Finished first), in order; conditions pick one of them.
[[nodiscard]] std::span<const FlowStepInfo> full_handshake_steps() noexcept;

/// The shape of one handshake. It is fixed piece by piece, and each piece only changes steps
/// after the point where it became known: the ServerHello fixes the key exchange; the server
/// decides on client authentication and resumption (the client learns both from the
/// ServerHello: a session ID echo and a session_ticket extension); (its own config; the client
/// learns it from a CertificateRequest in place of ServerHelloDone); the client's Certificate tells
/// whether a CertificateVerify follows (not after an empty one, RFC 5246 §7.4.8).
struct HandshakeShape {
  bool ecdhe = true;
  bool client_auth = false;    ///< the server sends CertificateRequest, the client Certificate
  bool client_verify = false;  ///< the client's Certificate is not empty: CertificateVerify
  bool resumed = false;        ///< abbreviated handshake: the ServerHello resumed a session
  bool ticket = false;         ///< the server sends NewSessionTicket (RFC 5077 §3.3)
};

/// The steps of a handshake of that shape, in order.
[[nodiscard]] std::vector<const FlowStepInfo*> flow_for(const HandshakeShape& shape);

/// The one choice a peer makes in the flow: a server may send CertificateRequest where a client
/// expects ServerHelloDone. Returns the shape with client_auth set when handshake_type at step
/// position pos is exactly that choice, nullopt otherwise (the message is then out of order).
[[nodiscard]] std::optional<HandshakeShape> shape_chosen_by_server(const HandshakeShape& shape,
                                                                   std::size_t pos,
                                                                   std::uint8_t handshake_type);

/// Whether a change of shape at step position pos keeps the steps already taken: shapes may
/// only be refined forward, never rewrite the past.
[[nodiscard]] bool same_prefix(const HandshakeShape& a, const HandshakeShape& b, std::size_t pos);

}  // namespace tlsx::handshake
