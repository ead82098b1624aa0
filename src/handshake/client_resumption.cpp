// Client resumption: which stored session to offer (RFC 7627 §5.3 client rules), how to tell
// that the server resumed it (it echoes our non-empty session ID, RFC 5246 §7.4.1.3 and
// RFC 5077 §3.4), the abbreviated flow (RFC 5246 §7.3, Figure 2) and NewSessionTicket.
#include <algorithm>
#include <utility>

#include <fmt/format.h>

#include "handshake/client_handshake.hpp"
#include "handshake/finished.hpp"
#include "handshake/try.hpp"

namespace tlsx::handshake {

Result<void> ClientHandshake::prepare_offer(const ClientConfig& config) {
  if (!config.session) return {};
  const Session& s = *config.session;
  const bool suite_offered = std::any_of(suites_.begin(), suites_.end(), [&](const auto* suite) {
    return suite->id == s.cipher_suite();
  });
  if (s.version() != ProtocolVersion::tls12 || s.master_secret().size() != 48 || !suite_offered ||
      s.server_name() != server_name_) {
    return {};  // not resumable here: a full handshake
  }
  if (s.extended_master_secret()) {
    if (ems_mode_ == EmsMode::off) return {};  // we would not send the extension it needs
  } else if (!config.resume_without_ems || ems_mode_ == EmsMode::require) {
    // RFC 7627 §5.3: a session without EMS SHOULD NOT be resumed (legacy opt-in only).
    return {};
  }
  const bool use_ticket = offer_tickets_ && !s.ticket().empty();
  if (!use_ticket && s.session_id().empty()) return {};
  offered_ = s;
  if (!use_ticket) offered_->fields_mut().ticket.clear();
  if (!s.session_id().empty()) {
    offered_session_id_.assign(s.session_id().begin(), s.session_id().end());
  } else {
    // A ticket alone: a fresh random session ID, which the server echoes when it accepts the
    // ticket (RFC 5077 §3.4); that echo is how we see the resumption.
    offered_session_id_.resize(32);
    TLSX_TRY(core_.provider().random(offered_session_id_));
  }
  return {};
}

Result<void> ClientHandshake::resume(const ServerHello& hello, const CipherSuiteInfo& suite) {
  const Session& s = *offered_;
  if (suite.id != s.cipher_suite()) {
    return fail(ErrorCode::illegal_parameter, AlertDescription::illegal_parameter,
                "server resumed the session with a different cipher suite");
  }
  // RFC 7627 §5.3, client side: the EMS state of the resumed session must not change.
  if (s.extended_master_secret() != ems_) {
    return fail(ErrorCode::handshake_failure, AlertDescription::handshake_failure,
                s.extended_master_secret()
                    ? "server resumed an extended-master-secret session without the extension"
                    : "server resumed a session without extended master secret but sent the "
                      "extension");
  }
  Negotiated& n = core_.negotiated_mut();
  n.version = ProtocolVersion::tls12;
  n.cipher_suite = suite.id;
  n.cipher_suite_name = std::string(suite.iana_name);
  n.key_exchange = suite.kx == KeyExchange::rsa ? "RSA" : "ECDHE_RSA";
  n.extended_master_secret = ems_;
  n.encrypt_then_mac = etm_;
  n.server_name = sni_sent_ ? server_name_ : std::string();
  n.peer_chain = s.peer_chain();
  n.resumed = true;

  TLSX_TRY(core_.transcript().start_hash(core_.provider(), suite.prf_hash));
  HandshakeShape shape;
  shape.ecdhe = false;
  shape.resumed = true;
  shape.ticket = ticket_acked_;
  TLSX_TRY(core_.set_shape(shape));

  detail::SessionKeys keys;
  keys.suite = &suite;
  keys.client_random = client_random_;
  keys.server_random = hello.random;
  core_.resume_master_secret(keys, s.master_secret());
  TLSX_TRY(core_.install_pending_keys(keys, etm_));
  move_to(ExpectChangeCipherSpec{std::move(keys), true}, *current_step_);
  return {};
}

Result<void> ClientHandshake::on_new_session_ticket(ByteView body) {
  TLSX_TRY_LET(ticket, NewSessionTicket::parse(body));
  new_ticket_ = std::move(ticket);
  auto& state = std::get<ExpectChangeCipherSpec>(state_);
  ExpectChangeCipherSpec next{std::move(state.keys), state.abbreviated};
  move_to(std::move(next), *current_step_);
  return {};
}

Result<void> ClientHandshake::finish_abbreviated(const detail::SessionKeys& keys) {
  TLSX_TRY(core_.send_change_cipher_spec());
  TLSX_TRY_LET(verify, core_.verify_data(keys, /*client_sender=*/true, /*before_last=*/false));
  core_.report_secret(SecretKind::client_verify_data, verify);
  return core_.send_message(StepMessage::client_finished, Finished{std::move(verify)});
}

std::optional<Session> ClientHandshake::make_session(const detail::SessionKeys& keys) const {
  const Negotiated& n = *core_.negotiated();
  Session session;
  if (n.resumed) {
    session = *offered_;
  } else {
    Session::Fields f;
    f.version = ProtocolVersion::tls12;
    f.cipher_suite = keys.suite->id;
    f.master_secret = keys.master_secret.clone();
    f.extended_master_secret = ems_;
    f.server_name = server_name_;
    f.alpn = n.alpn;
    f.peer_chain = n.peer_chain;
    f.created = core_.now();
    f.session_id = server_session_id_;
    session = Session(std::move(f));
  }
  if (new_ticket_ && !new_ticket_->ticket.empty()) {
    session.fields_mut().ticket = new_ticket_->ticket;
    session.fields_mut().lifetime_hint = std::chrono::seconds(new_ticket_->ticket_lifetime_hint);
  }
  if (session.session_id().empty() && session.ticket().empty()) return std::nullopt;
  return session;
}

}  // namespace tlsx::handshake
