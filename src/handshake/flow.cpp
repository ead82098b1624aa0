#include "handshake/flow.hpp"

#include <algorithm>
#include <array>

namespace tlsx::handshake {
namespace {

constexpr std::array<FlowStepInfo, 17> kFullHandshake = {{
    {StepMessage::client_hello, Sender::client, StepCondition::always, "ClientHello",
     "RFC 5246 §7.4.1.2", 1},
    {StepMessage::server_hello, Sender::server, StepCondition::always, "ServerHello",
     "RFC 5246 §7.4.1.3", 2},
    // Abbreviated handshake: the server finishes first (RFC 5246 §7.3, Figure 2).
    {StepMessage::new_session_ticket, Sender::server, StepCondition::resumed_ticket,
     "NewSessionTicket", "RFC 5077 §3.3", 4},
    {StepMessage::server_change_cipher_spec, Sender::server, StepCondition::resumed,
     "ChangeCipherSpec", "RFC 5246 §7.1", kChangeCipherSpecStep},
    {StepMessage::server_finished, Sender::server, StepCondition::resumed, "Finished",
     "RFC 5246 §7.4.9", 20},
    {StepMessage::server_certificate, Sender::server, StepCondition::full, "Certificate",
     "RFC 5246 §7.4.2", 11},
    {StepMessage::server_key_exchange, Sender::server, StepCondition::ecdhe, "ServerKeyExchange",
     "RFC 5246 §7.4.3, RFC 8422 §5.4", 12},
    {StepMessage::certificate_request, Sender::server, StepCondition::client_auth,
     "CertificateRequest", "RFC 5246 §7.4.4", 13},
    {StepMessage::server_hello_done, Sender::server, StepCondition::full, "ServerHelloDone",
     "RFC 5246 §7.4.5", 14},
    {StepMessage::client_certificate, Sender::client, StepCondition::client_auth, "Certificate",
     "RFC 5246 §7.4.6", 11},
    {StepMessage::client_key_exchange, Sender::client, StepCondition::full, "ClientKeyExchange",
     "RFC 5246 §7.4.7", 16},
    {StepMessage::certificate_verify, Sender::client, StepCondition::client_verify,
     "CertificateVerify", "RFC 5246 §7.4.8", 15},
    {StepMessage::client_change_cipher_spec, Sender::client, StepCondition::always,
     "ChangeCipherSpec", "RFC 5246 §7.1", kChangeCipherSpecStep},
    {StepMessage::client_finished, Sender::client, StepCondition::always, "Finished",
     "RFC 5246 §7.4.9", 20},
    {StepMessage::new_session_ticket, Sender::server, StepCondition::full_ticket,
     "NewSessionTicket", "RFC 5077 §3.3", 4},
    {StepMessage::server_change_cipher_spec, Sender::server, StepCondition::full,
     "ChangeCipherSpec", "RFC 5246 §7.1", kChangeCipherSpecStep},
    {StepMessage::server_finished, Sender::server, StepCondition::full, "Finished",
     "RFC 5246 §7.4.9", 20},
}};

bool applies(StepCondition condition, const HandshakeShape& shape) noexcept {
  switch (condition) {
    case StepCondition::always:
      return true;
    case StepCondition::ecdhe:
      return !shape.resumed && shape.ecdhe;
    case StepCondition::client_auth:
      return !shape.resumed && shape.client_auth;
    case StepCondition::client_verify:
      return !shape.resumed && shape.client_auth && shape.client_verify;
    case StepCondition::full:
      return !shape.resumed;
    case StepCondition::resumed:
      return shape.resumed;
    case StepCondition::full_ticket:
      return !shape.resumed && shape.ticket;
    case StepCondition::resumed_ticket:
      return shape.resumed && shape.ticket;
  }
  return false;
}

}  // namespace

std::span<const FlowStepInfo> full_handshake_steps() noexcept {
  return kFullHandshake;
}

std::vector<const FlowStepInfo*> flow_for(const HandshakeShape& shape) {
  std::vector<const FlowStepInfo*> steps;
  for (const auto& step : kFullHandshake) {
    if (applies(step.condition, shape)) steps.push_back(&step);
  }
  return steps;
}

std::optional<HandshakeShape> shape_chosen_by_server(const HandshakeShape& shape, std::size_t pos,
                                                     std::uint8_t handshake_type) {
  if (shape.client_auth || shape.resumed) return std::nullopt;
  HandshakeShape chosen = shape;
  chosen.client_auth = true;
  const auto steps = flow_for(chosen);
  if (pos >= steps.size() || steps[pos]->message != StepMessage::certificate_request ||
      steps[pos]->handshake_type != handshake_type || !same_prefix(shape, chosen, pos)) {
    return std::nullopt;
  }
  return chosen;
}

bool same_prefix(const HandshakeShape& a, const HandshakeShape& b, std::size_t pos) {
  const auto fa = flow_for(a);
  const auto fb = flow_for(b);
  if (fa.size() < pos || fb.size() < pos) return false;
  return std::equal(fa.begin(), fa.begin() + static_cast<std::ptrdiff_t>(pos), fb.begin());
}

}  // namespace tlsx::handshake
