// Server resumption: finding the session a ClientHello offers (RFC 5077 ticket first, then the
// session-ID cache), deciding whether it may be resumed, the abbreviated flight (RFC 5246 §7.3,
// Figure 2) and NewSessionTicket (RFC 5077 §3.3).
//
// Refusing a session is never an error: the handshake silently becomes a full one. The only
// abort is RFC 7627 §5.3's: the original session used extended master secret and this
// ClientHello does not offer it.
#include <algorithm>
#include <utility>

#include <fmt/format.h>

#include "handshake/extensions/alpn.hpp"
#include "handshake/extensions/empty_extension.hpp"
#include "handshake/extensions/renegotiation_info.hpp"
#include "handshake/extensions/server_name.hpp"
#include "handshake/extensions/session_ticket.hpp"
#include "handshake/finished.hpp"
#include "handshake/new_session_ticket.hpp"
#include "handshake/server_hello.hpp"
#include "handshake/server_offer.hpp"
#include "handshake/try.hpp"

namespace tlsx::handshake {
namespace {

/// Tickets carry at most this much state; a bigger one (a huge client chain) is not issued.
constexpr std::size_t kMaxTicketState = 60000;

}  // namespace

Result<std::optional<Session>> ServerHandshake::resumable_offer(const ClientHello& hello,
                                                                const ClientOffer& offer,
                                                                const Choice& /*choice*/) {
  std::optional<Session> found;
  bool from_ticket = false;
  const auto now = core_.now();
  if (ticket_keys_ && !offer.ticket.empty()) {
    // Unknown key, tampering, garbage or expiry: a full handshake, without a word (RFC 5077 §3.1).
    if (auto plain = ticket_keys_->open(offer.ticket)) {
      if (auto session = Session::deserialize(plain->span());
          session && now >= session->created() && now - session->created() < ticket_lifetime_) {
        found = std::move(*session);
        from_ticket = true;
      }
    }
  }
  if (!found && session_cache_ && !hello.session_id.empty()) {
    found = session_cache_->find(hello.session_id);  // the cache enforces its own lifetime
  }
  if (!found) return std::optional<Session>{};
  const Session& s = *found;

  const bool suite_ok =
      s.version() == ProtocolVersion::tls12 &&
      std::find(hello.cipher_suites.begin(), hello.cipher_suites.end(), s.cipher_suite()) !=
          hello.cipher_suites.end() &&
      std::any_of(suites_.begin(), suites_.end(),
                  [&](const CipherSuiteInfo* suite) { return suite->id == s.cipher_suite(); });
  if (!suite_ok || s.server_name() != offer.server_name) return std::optional<Session>{};
  // RFC 7627 §5.3, server side.
  if (s.extended_master_secret()) {
    if (!offer.ems) {
      return fail(ErrorCode::handshake_failure, AlertDescription::handshake_failure,
                  "client resumes a session made with extended_master_secret without offering it "
                  "(RFC 7627 §5.3)");
    }
    if (ems_mode_ == EmsMode::off) return std::optional<Session>{};
  } else if (offer.ems || !resume_without_ems_) {
    return std::optional<Session>{};
  }
  if (!client_auth_still_accepts(s)) return std::optional<Session>{};

  // RFC 5077 §3.4: accepting a ticket, echo the client's session ID (how it sees resumption).
  found->fields_mut().session_id = hello.session_id;
  found->fields_mut().ticket.clear();
  send_ticket_ = from_ticket && reissue_tickets_ && ticket_keys_ && offer.ticket_extension;
  return found;
}

bool ServerHandshake::client_auth_still_accepts(const Session& session) {
  const CertificateChain& chain = session.peer_chain();
  if (chain.empty()) return client_auth_ != ClientAuth::require;
  if (client_auth_ == ClientAuth::none || !client_trust_) return true;
  // The chain must still verify now, against today's anchors (a CA may have been removed, a
  // certificate may have expired since the full handshake).
  VerifyPolicy policy = client_verify_;
  if (!policy.time) policy.time = core_.now_unix_seconds();
  auto path = verify_certificate_chain(chain, *client_trust_, policy, "");
  if (!path) return false;
  resumed_verified_chain_ = std::move(*path);
  return true;
}

Result<void> ServerHandshake::send_abbreviated_flight(const ClientHello& hello,
                                                      const ClientOffer& offer, Choice choice,
                                                      Session session) {
  const CipherSuiteInfo* suite = nullptr;
  for (const auto* s : suites_) {
    if (s->id == session.cipher_suite()) suite = s;
  }
  if (suite == nullptr) {
    return fail(ErrorCode::internal, AlertDescription::internal_error, "resumed suite vanished");
  }
  choice.suite = suite;
  choice.ems = session.extended_master_secret();
  choice.etm = offer.etm && offer_etm_ && !suite->is_aead();

  ServerHello sh;
  sh.server_version = ProtocolVersion::tls12;
  TLSX_TRY(core_.provider().random(sh.random));
  sh.cipher_suite = suite->id;
  sh.compression_method = 0;
  sh.session_id = hello.session_id;
  session_id_ = hello.session_id;
  // No ec_point_formats: no key exchange happens in an abbreviated handshake.
  TLSX_TRY(add_server_hello_extensions(sh.extensions, offer, choice, false));
  sh.extensions_present = !sh.extensions.empty();
  record_negotiated(offer, choice);
  Negotiated& n = core_.negotiated_mut();
  n.peer_chain = session.peer_chain();
  n.verified_chain = std::move(resumed_verified_chain_);
  n.resumed = true;

  TLSX_TRY(core_.transcript().start_hash(core_.provider(), suite->prf_hash));
  HandshakeShape shape;
  shape.ecdhe = false;
  shape.resumed = true;
  shape.ticket = send_ticket_;
  TLSX_TRY(core_.set_shape(shape));

  detail::SessionKeys keys;
  keys.suite = suite;
  keys.client_random = hello.random;
  keys.server_random = sh.random;
  core_.resume_master_secret(keys, session.master_secret());
  TLSX_TRY(core_.send_message(StepMessage::server_hello, sh));
  if (send_ticket_) TLSX_TRY(send_new_session_ticket(session));
  TLSX_TRY(core_.install_pending_keys(keys, choice.etm));
  TLSX_TRY(core_.send_change_cipher_spec());
  TLSX_TRY_LET(verify, core_.verify_data(keys, /*client_sender=*/false, /*before_last=*/false));
  core_.report_secret(SecretKind::server_verify_data, verify);
  TLSX_TRY(core_.send_message(StepMessage::server_finished, Finished{std::move(verify)}));
  resumed_ = std::move(session);
  move_to(ExpectChangeCipherSpec{std::move(keys), true}, *current_step_);
  return {};
}

Result<void> ServerHandshake::send_new_session_ticket(const Session& session) {
  // The ticket holds only what resumption needs; never its own ID or a ticket.
  Session state = session;
  state.fields_mut().session_id.clear();
  state.fields_mut().ticket.clear();
  NewSessionTicket nst;
  nst.ticket_lifetime_hint = static_cast<std::uint32_t>(ticket_lifetime_.count());
  TLSX_TRY_LET(plain, state.serialize());
  if (plain.size() <= kMaxTicketState) {
    auto sealed = ticket_keys_->seal(plain);
    if (sealed) nst.ticket = std::move(*sealed);
  }
  crypto::secure_wipe(plain.data(), plain.size());
  // An empty ticket is legal: "I announced one but cannot issue it" (RFC 5077 §3.3).
  return core_.send_message(StepMessage::new_session_ticket, nst);
}

Session ServerHandshake::make_session(const detail::SessionKeys& keys) const {
  const Negotiated& n = *core_.negotiated();
  Session::Fields f;
  f.version = ProtocolVersion::tls12;
  f.cipher_suite = keys.suite->id;
  f.master_secret = keys.master_secret.clone();
  f.extended_master_secret = n.extended_master_secret;
  f.server_name = n.server_name;
  f.alpn = n.alpn;
  // Only a verified client chain is worth keeping: it is re-verified on resumption.
  if (!n.verified_chain.empty()) f.peer_chain = n.peer_chain;
  f.created = core_.now();
  f.lifetime_hint = ticket_lifetime_;
  f.session_id = session_id_;
  return Session(std::move(f));
}

}  // namespace tlsx::handshake
