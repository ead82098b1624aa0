// Server handshake: reads the ClientHello into an offer, chooses (version, suite, group,
// signature scheme, ALPN, EMS, encrypt-then-MAC, certificate), sends the first flight, then
// completes the key exchange and the Finished exchange.
#include "handshake/server_handshake.hpp"

#include <algorithm>
#include <utility>

#include <fmt/format.h>

#include "crypto/hostname.hpp"
#include "crypto/x509_certificate.hpp"
#include "handshake/certificate.hpp"
#include "handshake/certificate_request.hpp"
#include "handshake/certificate_verify.hpp"
#include "handshake/client_key_exchange.hpp"
#include "handshake/extensions/alpn.hpp"
#include "handshake/extensions/ec_point_formats.hpp"
#include "handshake/extensions/empty_extension.hpp"
#include "handshake/extensions/renegotiation_info.hpp"
#include "handshake/extensions/server_name.hpp"
#include "handshake/extensions/session_ticket.hpp"
#include "handshake/extensions/signature_algorithms.hpp"
#include "handshake/extensions/supported_groups.hpp"
#include "handshake/extensions/supported_versions.hpp"
#include "handshake/finished.hpp"
#include "handshake/server_hello.hpp"
#include "handshake/server_hello_done.hpp"
#include "handshake/server_key_exchange.hpp"
#include "handshake/server_offer.hpp"
#include "handshake/server_selection.hpp"
#include "handshake/state_name.hpp"
#include "handshake/suite_selection.hpp"
#include "handshake/try.hpp"
#include "tlsx/crypto/constant_time.hpp"

namespace tlsx::handshake {

namespace {

template <class Codec>
Result<void> add_extension(std::vector<Extension>& out, const Codec& codec) {
  TLSX_TRY_LET(ext, make_extension(codec));
  out.push_back(std::move(ext));
  return {};
}

template <class T>
bool contains(const std::vector<T>& list, const T& value) {
  return std::find(list.begin(), list.end(), value) != list.end();
}

}  // namespace

ServerHandshake::ServerHandshake(detail::EngineCore& core, const ServerConfig& config)
    : core_(core),
      state_(ExpectClientHello{}),
      certificates_(config.certificates),
      selector_(config.selector),
      alpn_(config.alpn),
      ems_mode_(config.ems),
      offer_etm_(config.encrypt_then_mac),
      prefer_server_order_(config.prefer_server_order),
      informational_extensions_(config.informational_hello_extensions),
      client_auth_(config.client_auth),
      client_trust_(config.client_trust),
      client_verify_(config.client_verify),
      send_client_ca_names_(config.send_client_ca_names),
      session_cache_(config.session_cache),
      ticket_keys_(config.ticket_keys),
      reissue_tickets_(config.reissue_tickets),
      resume_without_ems_(config.resume_without_ems),
      ticket_lifetime_(config.ticket_lifetime_hint) {
  client_verify_.purpose = CertificatePurpose::client_auth;
}

Result<std::unique_ptr<ServerHandshake>> ServerHandshake::create(detail::EngineCore& core,
                                                                 const ServerConfig& config) {
  if (config.certificates.empty()) return fail_argument("a server needs at least one certificate");
  for (const auto& cert : config.certificates) {
    if (cert.chain.empty() || !cert.key) {
      return fail_argument("every server certificate needs a chain and a private key");
    }
  }
  if (config.client_auth != ClientAuth::none && !config.client_trust) {
    return fail_argument("client authentication needs client_trust (the CAs clients may use)");
  }
  std::unique_ptr<ServerHandshake> hs(new ServerHandshake(core, config));
  TLSX_TRY_LET(suites, enabled_suites(config));
  TLSX_TRY_LET(groups, enabled_groups(config));
  TLSX_TRY_LET(schemes, enabled_signature_schemes(config));
  hs->suites_ = std::move(suites);
  hs->groups_ = std::move(groups);
  hs->schemes_ = std::move(schemes);
  return hs;
}

std::string_view ServerHandshake::state_name() const noexcept {
  return state_name_of(state_);
}

template <class Next>
void ServerHandshake::move_to(Next next, const FlowStepInfo& step) {
  const std::string_view from = state_name();
  state_ = std::move(next);
  core_.transitioned(from, state_name(), step);
}

Result<void> ServerHandshake::on_message(const record::HandshakeMessage& message,
                                         const FlowStepInfo& step) {
  current_step_ = &step;
  const ByteView body = message.body;
  return std::visit(
      [&](auto& state) -> Result<void> {
        using S = std::decay_t<decltype(state)>;
        if constexpr (std::is_same_v<S, ExpectClientHello>) {
          return on_client_hello(body);
        } else if constexpr (std::is_same_v<S, ExpectClientCertificate>) {
          return on_client_certificate(state, body);
        } else if constexpr (std::is_same_v<S, ExpectClientKeyExchange>) {
          return on_client_key_exchange(state, body);
        } else if constexpr (std::is_same_v<S, ExpectCertificateVerify>) {
          return on_certificate_verify(state, body);
        } else if constexpr (std::is_same_v<S, ExpectFinished>) {
          return on_finished(state, body);
        } else {
          return fail(ErrorCode::unexpected_message, AlertDescription::unexpected_message,
                      fmt::format("{} in state {}", step.name, S::kName));
        }
      },
      state_);
}

Result<void> ServerHandshake::on_change_cipher_spec(const FlowStepInfo& step) {
  auto* state = std::get_if<ExpectChangeCipherSpec>(&state_);
  if (state == nullptr) {
    return fail(ErrorCode::unexpected_message, AlertDescription::unexpected_message,
                "ChangeCipherSpec out of order");
  }
  move_to(ExpectFinished{std::move(state->keys), state->abbreviated}, step);
  return {};
}

Result<ServerHandshake::ClientOffer> ServerHandshake::read_offer(const ClientHello& hello) const {
  ClientOffer offer;
  for (const Extension& ext : hello.extensions) {
    switch (ext.type) {
      case ExtensionType::server_name: {
        TLSX_TRY_LET(list, ServerNameList::parse(ext.data));
        if (auto name = list.host_name()) offer.server_name = std::string(*name);
        break;
      }
      case ExtensionType::supported_groups: {
        TLSX_TRY_LET(groups, SupportedGroups::parse(ext.data));
        offer.groups = std::move(groups.named_group_list);
        break;
      }
      case ExtensionType::ec_point_formats: {
        TLSX_TRY_LET(formats, EcPointFormats::parse(ext.data));
        offer.uncompressed_points = formats.contains_uncompressed();
        break;
      }
      case ExtensionType::signature_algorithms: {
        TLSX_TRY_LET(schemes, SignatureAlgorithms::parse(ext.data));
        offer.schemes = std::move(schemes.supported_signature_algorithms);
        break;
      }
      case ExtensionType::application_layer_protocol_negotiation: {
        TLSX_TRY_LET(list, ProtocolNameList::parse(ext.data));
        std::vector<std::string> names;
        names.reserve(list.protocol_name_list.size());
        for (const auto& name : list.protocol_name_list)
          names.emplace_back(name.begin(), name.end());
        offer.alpn = std::move(names);
        break;
      }
      case ExtensionType::extended_master_secret:
        TLSX_TRY(ExtendedMasterSecret::parse(ext.data));
        offer.ems = true;
        break;
      case ExtensionType::encrypt_then_mac:
        TLSX_TRY(EncryptThenMac::parse(ext.data));
        offer.etm = true;
        break;
      case ExtensionType::session_ticket: {
        TLSX_TRY_LET(ticket, SessionTicket::parse(ext.data));
        offer.ticket_extension = true;
        offer.ticket = std::move(ticket.ticket);
        break;
      }
      case ExtensionType::renegotiation_info: {
        TLSX_TRY_LET(info, RenegotiationInfo::parse(ext.data));
        if (!info.renegotiated_connection.empty()) {
          // RFC 5746 §3.6: on an initial handshake the client's value must be empty.
          return fail(ErrorCode::handshake_failure, AlertDescription::handshake_failure,
                      "renegotiation_info is not empty on the initial handshake");
        }
        offer.secure_renegotiation = true;
        break;
      }
      default:
        break;  // Unknown extensions (and GREASE) are ignored (RFC 5246 §7.4.1.4).
    }
  }
  if (contains(hello.cipher_suites, CipherSuite::TLS_EMPTY_RENEGOTIATION_INFO_SCSV)) {
    offer.secure_renegotiation = true;  // RFC 5746 §3.6
  }
  return offer;
}

std::vector<const CertifiedKey*> ServerHandshake::candidate_certificates(
    const ClientOffer& offer) const {
  // The selector's pick, else those whose names match the SNI, else all (the first is the
  // default): choose_suite() then takes the first whose key suits a suite the client offers.
  if (selector_) {
    if (const CertifiedKey* chosen = selector_(offer.server_name)) return {chosen};
  }
  std::vector<const CertifiedKey*> out;
  if (!offer.server_name.empty()) {
    if (auto name = crypto::parse_peer_name(offer.server_name)) {
      for (const auto& cert : certificates_) {
        if (crypto::certificate_matches_peer_name(*cert.chain.certificates().front(), *name)) {
          out.push_back(&cert);
        }
      }
    }
  }
  if (out.empty()) {
    for (const auto& cert : certificates_) out.push_back(&cert);
  }
  return out;
}

Result<ServerHandshake::Choice> ServerHandshake::choose(const ClientHello& hello,
                                                        const ClientOffer& offer) const {
  const SuitePreferences prefs{suites_, groups_, schemes_, prefer_server_order_};
  SuiteOffer theirs;
  theirs.cipher_suites = hello.cipher_suites;
  theirs.groups = offer.groups ? &*offer.groups : nullptr;
  theirs.uncompressed_points = offer.uncompressed_points;
  theirs.schemes = offer.schemes ? &*offer.schemes : nullptr;
  const auto candidates = candidate_certificates(offer);
  TLSX_TRY_LET(picked, choose_suite(prefs, theirs, candidates));
  Choice choice;
  choice.suite = picked.suite;
  choice.certificate = picked.certificate;
  choice.group = picked.group;
  choice.scheme = picked.scheme;

  if (offer.alpn && !alpn_.empty()) {
    for (const auto& ours : alpn_) {
      if (contains(*offer.alpn, ours)) {
        choice.alpn = ours;
        break;
      }
    }
    if (choice.alpn.empty()) {
      // RFC 7301 §3.2: no overlap is a fatal no_application_protocol.
      return fail(ErrorCode::handshake_failure, AlertDescription::no_application_protocol,
                  "no ALPN protocol in common with the client");
    }
  }
  choice.ems = offer.ems && ems_mode_ != EmsMode::off;
  if (!offer.ems && ems_mode_ == EmsMode::require) {
    return fail(ErrorCode::handshake_failure, AlertDescription::handshake_failure,
                "client does not support extended_master_secret (RFC 7627), which is required");
  }
  choice.etm = offer.etm && offer_etm_ && !choice.suite->is_aead();
  return choice;
}

Result<void> ServerHandshake::on_client_hello(ByteView body) {
  TLSX_TRY_LET(hello, ClientHello::parse(body));
  // Version (RFC 8446 §4.2.1 for clients that also speak TLS 1.3; RFC 5246 Appendix E.1).
  if (const Extension* ext = hello.find(ExtensionType::supported_versions)) {
    TLSX_TRY_LET(versions, SupportedVersionsClient::parse(ext->data));
    if (!contains(versions.versions, ProtocolVersion::tls12)) {
      return fail(ErrorCode::protocol_version, AlertDescription::protocol_version,
                  "client's supported_versions does not include TLS 1.2");
    }
  } else if (static_cast<std::uint16_t>(hello.client_version) <
             static_cast<std::uint16_t>(ProtocolVersion::tls12)) {
    return fail(
        ErrorCode::protocol_version, AlertDescription::protocol_version,
        fmt::format("client offers {}; tlsx speaks only TLS 1.2", to_string(hello.client_version)));
  }
  if (!contains(hello.compression_methods, std::uint8_t{0})) {
    // RFC 5246 §7.4.1.2: the list MUST contain null compression.
    return fail(ErrorCode::illegal_parameter, AlertDescription::illegal_parameter,
                "ClientHello compression_methods lacks null");
  }
  TLSX_TRY_LET(offer, read_offer(hello));
  TLSX_TRY_LET(choice, choose(hello, offer));
  TLSX_TRY_LET(session, resumable_offer(hello, offer, choice));
  if (session) return send_abbreviated_flight(hello, offer, std::move(choice), std::move(*session));
  return send_first_flight(hello, offer, choice);
}

Result<void> ServerHandshake::add_server_hello_extensions(std::vector<Extension>& exts,
                                                          const ClientOffer& offer,
                                                          const Choice& choice,
                                                          bool point_formats) const {
  if (send_ticket_) TLSX_TRY(add_extension(exts, SessionTicket{}));
  if (offer.secure_renegotiation) TLSX_TRY(add_extension(exts, RenegotiationInfo{}));
  if (choice.ems) TLSX_TRY(add_extension(exts, ExtendedMasterSecret{}));
  if (choice.etm) TLSX_TRY(add_extension(exts, EncryptThenMac{}));
  if (!choice.alpn.empty()) {
    ProtocolNameList list;
    list.protocol_name_list.emplace_back(choice.alpn.begin(), choice.alpn.end());
    TLSX_TRY(add_extension(exts, list));
  }
  if (informational_extensions_) {
    if (!offer.server_name.empty()) TLSX_TRY(add_extension(exts, ServerNameAck{}));
    if (point_formats) TLSX_TRY(add_extension(exts, EcPointFormats{}));  // RFC 8422 §5.2
  }
  return {};
}

void ServerHandshake::record_negotiated(const ClientOffer& offer, const Choice& choice) {
  const CipherSuiteInfo* suite = choice.suite;
  Negotiated& n = core_.negotiated_mut();
  n.version = ProtocolVersion::tls12;
  n.cipher_suite = suite->id;
  n.cipher_suite_name = std::string(suite->iana_name);
  n.key_exchange = std::string(to_string(suite->kx));
  n.extended_master_secret = choice.ems;
  n.encrypt_then_mac = choice.etm;
  n.secure_renegotiation = offer.secure_renegotiation;
  n.alpn = choice.alpn;
  n.server_name = offer.server_name;
}

Result<void> ServerHandshake::send_first_flight(const ClientHello& hello, const ClientOffer& offer,
                                                const Choice& choice) {
  const CipherSuiteInfo* suite = choice.suite;
  const bool ecdhe = suite->kx != KeyExchange::rsa;

  ServerHello sh;
  sh.server_version = ProtocolVersion::tls12;
  // A random from the RNG: a TLS-1.2-only server never writes the RFC 8446 §4.1.3 downgrade
  // marker (nothing was downgraded).
  TLSX_TRY(core_.provider().random(sh.random));
  sh.cipher_suite = suite->id;
  sh.compression_method = 0;
  if (session_cache_) {
    // A fresh session ID from the RNG, only when a cache can find it again.
    session_id_.resize(32);
    TLSX_TRY(core_.provider().random(session_id_));
  }
  sh.session_id = session_id_;
  send_ticket_ = ticket_keys_ && offer.ticket_extension;
  TLSX_TRY(add_server_hello_extensions(sh.extensions, offer, choice, ecdhe));
  sh.extensions_present = !sh.extensions.empty();
  record_negotiated(offer, choice);
  Negotiated& n = core_.negotiated_mut();

  TLSX_TRY(core_.transcript().start_hash(core_.provider(), suite->prf_hash));
  const bool client_auth = client_auth_ != ClientAuth::none;
  TLSX_TRY(core_.set_shape(HandshakeShape{ecdhe, client_auth, false, false, send_ticket_}));

  detail::SessionKeys keys;
  keys.suite = suite;
  keys.client_random = hello.random;
  keys.server_random = sh.random;
  TLSX_TRY(core_.send_message(StepMessage::server_hello, sh));

  Certificate certificate;
  const CertificateChain& chain = choice.certificate->chain;
  certificate.certificate_list.reserve(chain.size());
  for (std::size_t i = 0; i < chain.size(); ++i) {
    const auto der = chain.der(i);
    certificate.certificate_list.emplace_back(der.begin(), der.end());
  }
  TLSX_TRY(core_.send_message(StepMessage::server_certificate, certificate));

  std::optional<EcdheKeyPair> ephemeral;
  if (ecdhe) {
    TLSX_TRY_LET(pair, generate_ecdhe_key(core_.provider(), *choice.group));
    ServerKeyExchange ske;
    ske.named_curve = *choice.group;
    ske.public_point = pair.public_key;
    ske.signed_params.algorithm = *choice.scheme;
    TLSX_TRY_LET(signed_data, ske.signed_data(keys.client_random, keys.server_random));
    TLSX_TRY_LET(signature, choice.certificate->key->sign(*choice.scheme, signed_data));
    ske.signed_params.signature = std::move(signature);
    n.group = choice.group;
    n.signature_scheme = choice.scheme;
    TLSX_TRY(core_.send_message(StepMessage::server_key_exchange, ske));
    ephemeral = std::move(pair);
  }
  if (client_auth) TLSX_TRY(send_certificate_request());
  TLSX_TRY(core_.send_message(StepMessage::server_hello_done, ServerHelloDone{}));
  if (client_auth) {
    move_to(ExpectClientCertificate{std::move(keys), choice.certificate, std::move(ephemeral),
                                    hello.client_version},
            *current_step_);
  } else {
    move_to(ExpectClientKeyExchange{std::move(keys), choice.certificate, std::move(ephemeral),
                                    hello.client_version, std::nullopt},
            *current_step_);
  }
  return {};
}

Result<void> ServerHandshake::send_certificate_request() {
  CertificateRequest request;
  // tlsx verifies RSA and ECDSA signatures (RFC 5246 §7.4.4, RFC 8422 §5.5).
  request.certificate_types = {ClientCertificateType::rsa_sign, ClientCertificateType::ecdsa_sign};
  request.supported_signature_algorithms = schemes_;
  if (send_client_ca_names_) {
    // The vector holds at most 2^16-1 bytes; a store too big for it is not listed at all (an
    // empty list means "any CA", RFC 5246 §7.4.4), rather than listed in part.
    std::size_t total = 0;
    for (const auto& anchor : client_trust_->anchors()) {
      const auto name = anchor->subject.der;
      total += 2 + name.size();
      request.certificate_authorities.emplace_back(name.begin(), name.end());
    }
    if (total > 0xffff) request.certificate_authorities.clear();
  }
  return core_.send_message(StepMessage::certificate_request, request);
}

Result<PeerKey> ServerHandshake::verify_client_chain(const Certificate& message) {
  if (message.certificate_list.size() > core_.limits().max_certificate_chain_length) {
    return fail(
        ErrorCode::limit, AlertDescription::bad_certificate,
        fmt::format("client sent {} certificates; the limit is {}", message.certificate_list.size(),
                    core_.limits().max_certificate_chain_length));
  }
  CertificateChain chain;
  for (const auto& der : message.certificate_list) {
    if (auto ok = chain.append_der(der); !ok) {
      return fail(ErrorCode::certificate, AlertDescription::bad_certificate,
                  fmt::format("client certificate does not parse: {}", ok.error().detail));
    }
  }
  Negotiated& n = core_.negotiated_mut();
  n.peer_chain = chain;
  VerifyPolicy policy = client_verify_;
  if (!policy.time) policy.time = core_.now_unix_seconds();
  // A client certificate names no host: the empty peer name skips the name check. Failures
  // carry unknown_ca, certificate_expired, unsupported_certificate (wrong extendedKeyUsage), ...
  TLSX_TRY_LET(path, verify_certificate_chain(chain, *client_trust_, policy, ""));
  n.verified_chain = std::move(path);

  const auto& leaf = *chain.certificates().front();
  TLSX_TRY_LET(key, peer_key_of(leaf.public_key, "client"));
  if (const auto usage = leaf.extensions.key_usage;
      usage && (*usage & crypto::key_usage::kDigitalSignature) == 0) {
    // RFC 5280 §4.2.1.3: CertificateVerify is a digital signature.
    return fail(ErrorCode::certificate, AlertDescription::unsupported_certificate,
                "client certificate's keyUsage does not allow digital signatures");
  }
  return key;
}

Result<void> ServerHandshake::on_client_certificate(ExpectClientCertificate& state, ByteView body) {
  TLSX_TRY_LET(message, Certificate::parse(body));
  std::optional<PeerKey> client_key;
  if (message.certificate_list.empty()) {
    if (client_auth_ == ClientAuth::require) {
      // RFC 5246 §7.4.6: the server "MAY respond with a fatal handshake_failure alert"; OpenSSL
      // and GnuTLS do so in TLS 1.2 (certificate_required is TLS 1.3's, RFC 8446 §4.4.2.4).
      return fail(ErrorCode::handshake_failure, AlertDescription::handshake_failure,
                  "client sent no certificate, and one is required");
    }
  } else {
    TLSX_TRY_LET(key, verify_client_chain(message));
    client_key = std::move(key);
  }
  HandshakeShape shape = core_.shape();
  shape.client_verify = client_key.has_value();  // no CertificateVerify after an empty list
  TLSX_TRY(core_.set_shape(shape));
  move_to(
      ExpectClientKeyExchange{std::move(state.keys), state.certificate, std::move(state.ephemeral),
                              state.client_version, std::move(client_key)},
      *current_step_);
  return {};
}

Result<void> ServerHandshake::on_certificate_verify(ExpectCertificateVerify& state, ByteView body) {
  TLSX_TRY_LET(verify, CertificateVerify::parse(body));
  const SignatureScheme scheme = verify.signature.algorithm;
  if (!contains(schemes_, scheme)) {
    // RFC 5246 §7.4.8: the scheme must be one the CertificateRequest listed.
    return fail(ErrorCode::illegal_parameter, AlertDescription::illegal_parameter,
                fmt::format("client signed CertificateVerify with {}, which was not requested",
                            to_string(scheme)));
  }
  // The signature covers every handshake message before this one (RFC 5246 §7.4.8).
  TLSX_TRY(verify_peer_signature(core_.provider(), state.client_key, scheme,
                                 core_.transcript().messages_before_last(),
                                 verify.signature.signature));
  core_.negotiated_mut().client_signature_scheme = scheme;
  move_to(ExpectChangeCipherSpec{std::move(state.keys)}, *current_step_);
  return {};
}

Result<void> ServerHandshake::on_client_key_exchange(ExpectClientKeyExchange& state,
                                                     ByteView body) {
  const bool rsa = state.keys.suite->kx == KeyExchange::rsa;
  TLSX_TRY_LET(cke, ClientKeyExchange::parse(
                        body, rsa ? ClientKeyExchangeKind::rsa : ClientKeyExchangeKind::ecdhe));
  SecretBytes pre_master_secret;
  if (rsa) {
    TLSX_TRY_LET(pms, decrypt_rsa_pre_master_secret(core_.provider(), *state.certificate->key,
                                                    cke.exchange_keys, state.client_version));
    pre_master_secret = std::move(pms);
  } else {
    TLSX_TRY_LET(shared,
                 ecdhe_shared_secret(core_.provider(), *state.ephemeral, cke.exchange_keys));
    pre_master_secret = std::move(shared);
  }
  detail::SessionKeys keys = std::move(state.keys);
  const Negotiated* n = core_.negotiated();
  TLSX_TRY(core_.derive_master_secret(keys, pre_master_secret, n->extended_master_secret));
  pre_master_secret.wipe();
  TLSX_TRY(core_.install_pending_keys(keys, n->encrypt_then_mac));
  if (state.client_key) {
    move_to(ExpectCertificateVerify{std::move(keys), std::move(*state.client_key)}, *current_step_);
  } else {
    move_to(ExpectChangeCipherSpec{std::move(keys), false}, *current_step_);
  }
  return {};
}

Result<void> ServerHandshake::on_finished(ExpectFinished& state, ByteView body) {
  TLSX_TRY_LET(finished, Finished::parse(body));
  TLSX_TRY_LET(expected, core_.verify_data(state.keys, /*client_sender=*/true,
                                           /*before_last=*/true));
  core_.report_secret(SecretKind::client_verify_data, expected);
  if (!crypto::ct_equal(expected, finished.verify_data)) {
    return fail(ErrorCode::decrypt_error, AlertDescription::decrypt_error,
                "client Finished does not match the handshake (RFC 5246 §7.4.9)");
  }
  detail::SessionKeys keys = std::move(state.keys);
  if (state.abbreviated) {
    // Our Finished went first (RFC 5246 §7.3, Figure 2): the client's completes the handshake.
    move_to(Connected{}, *current_step_);
    core_.set_resumable_session(std::move(resumed_));
    core_.handshake_complete(std::move(keys));
    return {};
  }
  Session session = make_session(keys);
  if (send_ticket_) TLSX_TRY(send_new_session_ticket(session));
  TLSX_TRY(core_.send_change_cipher_spec());
  TLSX_TRY_LET(verify, core_.verify_data(keys, /*client_sender=*/false, /*before_last=*/false));
  core_.report_secret(SecretKind::server_verify_data, verify);
  TLSX_TRY(core_.send_message(StepMessage::server_finished, Finished{std::move(verify)}));
  move_to(Connected{}, *current_step_);
  if (session_cache_ && !session_id_.empty()) session_cache_->store(session_id_, session);
  if (!session_id_.empty() || send_ticket_) core_.set_resumable_session(std::move(session));
  core_.handshake_complete(std::move(keys));
  return {};
}

}  // namespace tlsx::handshake
