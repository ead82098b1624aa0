// Client handshake. Each on_* handler checks one server message against what we offered and
// moves to the next state; every failure carries the alert RFC 5246 (or the extension's RFC)
// prescribes.
#include "handshake/client_handshake.hpp"

#include <algorithm>
#include <utility>

#include <arpa/inet.h>
#include <fmt/format.h>

#include "crypto/x509_certificate.hpp"
#include "handshake/certificate.hpp"
#include "handshake/certificate_verify.hpp"
#include "handshake/client_hello.hpp"
#include "handshake/client_key_exchange.hpp"
#include "handshake/extensions/alpn.hpp"
#include "handshake/extensions/ec_point_formats.hpp"
#include "handshake/extensions/empty_extension.hpp"
#include "handshake/extensions/renegotiation_info.hpp"
#include "handshake/extensions/server_name.hpp"
#include "handshake/extensions/session_ticket.hpp"
#include "handshake/extensions/signature_algorithms.hpp"
#include "handshake/extensions/supported_groups.hpp"
#include "handshake/finished.hpp"
#include "handshake/server_hello_done.hpp"
#include "handshake/state_name.hpp"
#include "handshake/suite_selection.hpp"
#include "handshake/trust_cache.hpp"
#include "handshake/try.hpp"
#include "tlsx/crypto/constant_time.hpp"

namespace tlsx::handshake {
namespace {

bool is_ip_literal(std::string_view host) {
  const std::string h(host);
  in6_addr v6{};
  in_addr v4{};
  return inet_pton(AF_INET, h.c_str(), &v4) == 1 || inet_pton(AF_INET6, h.c_str(), &v6) == 1;
}

std::unexpected<Error> unexpected_extension(ExtensionType type) {
  // RFC 5246 §7.4.1.4: a server must not send an extension the client did not offer.
  return fail(
      ErrorCode::handshake_failure, AlertDescription::unsupported_extension,
      fmt::format("ServerHello carries {} which the client did not offer", to_string(type)));
}

template <class Codec>
Result<void> add_extension(std::vector<Extension>& out, const Codec& codec) {
  TLSX_TRY_LET(ext, make_extension(codec));
  out.push_back(std::move(ext));
  return {};
}

}  // namespace

ClientHandshake::ClientHandshake(detail::EngineCore& core, const ClientConfig& config)
    : core_(core),
      state_(ExpectServerHello{}),
      alpn_(config.alpn),
      ems_mode_(config.ems),
      offer_etm_(config.encrypt_then_mac),
      verify_peer_(config.verify_peer),
      trust_(config.trust),
      verify_policy_(config.verify),
      client_certificate_(config.certificate),
      client_certificate_selector_(config.certificate_selector),
      offer_tickets_(config.offer_session_tickets) {}

Result<std::unique_ptr<ClientHandshake>> ClientHandshake::create(detail::EngineCore& core,
                                                                 const ClientConfig& config,
                                                                 std::string_view server_name) {
  std::unique_ptr<ClientHandshake> hs(new ClientHandshake(core, config));
  TLSX_TRY_LET(suites, enabled_suites(config));
  TLSX_TRY_LET(groups, enabled_groups(config));
  TLSX_TRY_LET(schemes, enabled_signature_schemes(config));
  hs->suites_ = std::move(suites);
  hs->groups_ = std::move(groups);
  hs->schemes_ = std::move(schemes);
  hs->server_name_ = std::string(server_name);
  if (config.certificate && (config.certificate->chain.empty() || !config.certificate->key)) {
    return fail_argument("a client certificate needs a chain and a private key");
  }
  for (const auto& name : config.alpn) {
    if (name.empty() || name.size() > 255) {
      return fail_argument("ALPN protocol names must be 1..255 bytes");
    }
  }
  if (config.send_sni && !server_name.empty() && !is_ip_literal(server_name)) {
    // RFC 6066 §3: literal IPv4 and IPv6 addresses are not permitted in "HostName".
    const std::span<const std::uint8_t> bytes(
        reinterpret_cast<const std::uint8_t*>(server_name.data()), server_name.size());
    if (auto ok = check_host_name(bytes); !ok) {
      return fail_argument(fmt::format("server name '{}' is not a valid host name", server_name));
    }
    hs->sni_sent_ = true;
  }
  TLSX_TRY(hs->prepare_offer(config));
  if (hs->verify_peer_) {
    if (server_name.empty()) {
      return fail_argument("certificate verification needs the server's name (or turn it off)");
    }
    if (!hs->trust_) {
      TLSX_TRY_LET(system, system_trust_store());
      hs->trust_ = std::move(system);
    }
  }
  return hs;
}

std::string_view ClientHandshake::state_name() const noexcept {
  return state_name_of(state_);
}

template <class Next>
void ClientHandshake::move_to(Next next, const FlowStepInfo& step) {
  const std::string_view from = state_name();
  state_ = std::move(next);
  core_.transitioned(from, state_name(), step);
}

Result<void> ClientHandshake::start() {
  TLSX_TRY(core_.provider().random(client_random_));
  ClientHello hello;
  hello.client_version = ProtocolVersion::tls12;
  hello.random = client_random_;
  hello.session_id = offered_session_id_;
  bool any_ecdhe = false;
  bool any_cbc = false;
  for (const auto* suite : suites_) {
    hello.cipher_suites.push_back(suite->id);
    any_ecdhe |= suite->kx != KeyExchange::rsa;
    any_cbc |= !suite->is_aead();
  }
  hello.compression_methods = {0};
  hello.extensions_present = true;
  auto& exts = hello.extensions;
  if (sni_sent_) {
    ServerNameList sni;
    sni.server_name_list.push_back(
        ServerName{NameType::host_name, Opaque(server_name_.begin(), server_name_.end())});
    TLSX_TRY(add_extension(exts, sni));
  }
  if (any_ecdhe) {
    TLSX_TRY(add_extension(exts, EcPointFormats{}));
    TLSX_TRY(add_extension(exts, SupportedGroups{groups_}));
  }
  TLSX_TRY(add_extension(exts, SignatureAlgorithms{schemes_}));
  if (!alpn_.empty()) {
    ProtocolNameList list;
    for (const auto& name : alpn_) list.protocol_name_list.emplace_back(name.begin(), name.end());
    TLSX_TRY(add_extension(exts, list));
  }
  if (ems_mode_ != EmsMode::off) TLSX_TRY(add_extension(exts, ExtendedMasterSecret{}));
  if (offer_etm_ && any_cbc) TLSX_TRY(add_extension(exts, EncryptThenMac{}));
  if (offer_tickets_) {
    // RFC 5077 §3.2: the ticket to resume, or empty to ask for one.
    SessionTicket ticket;
    if (offered_) ticket.ticket.assign(offered_->ticket().begin(), offered_->ticket().end());
    TLSX_TRY(add_extension(exts, ticket));
  }
  // RFC 5746 §3.4: signal secure renegotiation support with the empty extension (not the SCSV
  // as well: sending both is NOT RECOMMENDED).
  TLSX_TRY(add_extension(exts, RenegotiationInfo{}));
  TLSX_TRY(core_.send_message(StepMessage::client_hello, hello));
  return {};
}

Result<void> ClientHandshake::on_message(const record::HandshakeMessage& message,
                                         const FlowStepInfo& step) {
  current_step_ = &step;
  const ByteView body = message.body;
  return std::visit(
      [&](auto& state) -> Result<void> {
        using S = std::decay_t<decltype(state)>;
        if constexpr (std::is_same_v<S, ExpectServerHello>) {
          return on_server_hello(state, body);
        } else if constexpr (std::is_same_v<S, ExpectCertificate>) {
          return on_certificate(state, body);
        } else if constexpr (std::is_same_v<S, ExpectServerKeyExchange>) {
          return on_server_key_exchange(state, body);
        } else if constexpr (std::is_same_v<S, ExpectServerHelloDone>) {
          // The flow admits CertificateRequest here only once (it fixes the shape).
          if (step.message == StepMessage::certificate_request) {
            return on_certificate_request(state, body);
          }
          return on_server_hello_done(state, body);
        } else if constexpr (std::is_same_v<S, ExpectFinished>) {
          return on_finished(state, body);
        } else if constexpr (std::is_same_v<S, ExpectChangeCipherSpec>) {
          // The flow admits NewSessionTicket here only when the ServerHello announced it.
          if (step.message == StepMessage::new_session_ticket) return on_new_session_ticket(body);
          return fail(ErrorCode::unexpected_message, AlertDescription::unexpected_message,
                      fmt::format("{} in state {}", step.name, S::kName));
        } else {
          return fail(ErrorCode::unexpected_message, AlertDescription::unexpected_message,
                      fmt::format("{} in state {}", step.name, S::kName));
        }
      },
      state_);
}

Result<void> ClientHandshake::on_change_cipher_spec(const FlowStepInfo& step) {
  auto* state = std::get_if<ExpectChangeCipherSpec>(&state_);
  if (state == nullptr) {
    return fail(ErrorCode::unexpected_message, AlertDescription::unexpected_message,
                "ChangeCipherSpec out of order");
  }
  move_to(ExpectFinished{std::move(state->keys), state->abbreviated}, step);
  return {};
}

Result<void> ClientHandshake::check_server_extensions(const ServerHello& hello) {
  const CipherSuiteInfo* suite = find_cipher_suite(hello.cipher_suite);
  Negotiated& n = core_.negotiated_mut();
  bool ems_seen = false;
  for (const Extension& ext : hello.extensions) {
    switch (ext.type) {
      case ExtensionType::server_name:
        if (!sni_sent_) return unexpected_extension(ext.type);
        TLSX_TRY(ServerNameAck::parse(ext.data));
        break;
      case ExtensionType::ec_point_formats: {
        TLSX_TRY_LET(formats, EcPointFormats::parse(ext.data));
        if (suite->kx != KeyExchange::rsa && !formats.contains_uncompressed()) {
          // RFC 8422 §5.2: the server's list must let us use uncompressed points.
          return fail(ErrorCode::illegal_parameter, AlertDescription::illegal_parameter,
                      "server's ec_point_formats lacks uncompressed");
        }
        break;
      }
      case ExtensionType::application_layer_protocol_negotiation: {
        if (alpn_.empty()) return unexpected_extension(ext.type);
        TLSX_TRY_LET(list, ProtocolNameList::parse_server(ext.data));
        const auto& chosen = list.protocol_name_list.front();
        const std::string name(chosen.begin(), chosen.end());
        if (std::find(alpn_.begin(), alpn_.end(), name) == alpn_.end()) {
          // RFC 7301 §3.2: the server must pick one of the client's protocols.
          return fail(ErrorCode::illegal_parameter, AlertDescription::illegal_parameter,
                      fmt::format("server selected ALPN protocol '{}' that was not offered", name));
        }
        n.alpn = name;
        break;
      }
      case ExtensionType::extended_master_secret:
        if (ems_mode_ == EmsMode::off) return unexpected_extension(ext.type);
        TLSX_TRY(ExtendedMasterSecret::parse(ext.data));
        ems_seen = true;
        break;
      case ExtensionType::encrypt_then_mac:
        if (!offer_etm_) return unexpected_extension(ext.type);
        TLSX_TRY(EncryptThenMac::parse(ext.data));
        if (suite->is_aead()) {
          // RFC 7366 §3: a server that picks an AEAD suite must not acknowledge ETM.
          return fail(ErrorCode::illegal_parameter, AlertDescription::illegal_parameter,
                      "encrypt_then_mac acknowledged for an AEAD suite");
        }
        etm_ = true;
        break;
      case ExtensionType::session_ticket: {
        if (!offer_tickets_) return unexpected_extension(ext.type);
        TLSX_TRY_LET(ack, SessionTicket::parse(ext.data));
        if (!ack.ticket.empty()) {
          return fail(ErrorCode::decode, AlertDescription::decode_error,
                      "server's session_ticket extension is not empty (RFC 5077 §3.2)");
        }
        ticket_acked_ = true;
        break;
      }
      case ExtensionType::renegotiation_info: {
        TLSX_TRY_LET(info, RenegotiationInfo::parse(ext.data));
        if (!info.renegotiated_connection.empty()) {
          // RFC 5746 §3.4: on an initial handshake it must be empty.
          return fail(ErrorCode::handshake_failure, AlertDescription::handshake_failure,
                      "renegotiation_info is not empty on the initial handshake");
        }
        n.secure_renegotiation = true;
        break;
      }
      default:
        return unexpected_extension(ext.type);
    }
  }
  ems_ = ems_seen;
  if (!ems_ && ems_mode_ == EmsMode::require) {
    return fail(ErrorCode::handshake_failure, AlertDescription::handshake_failure,
                "server does not support extended_master_secret (RFC 7627), which is required");
  }
  return {};
}

Result<void> ClientHandshake::on_server_hello(ExpectServerHello& /*state*/, ByteView body) {
  TLSX_TRY_LET(hello, ServerHello::parse(body));
  if (hello.server_version != ProtocolVersion::tls12) {
    return fail(
        ErrorCode::protocol_version, AlertDescription::protocol_version,
        fmt::format("server chose {}; tlsx speaks only TLS 1.2", to_string(hello.server_version)));
  }
  const CipherSuiteInfo* suite = nullptr;
  for (const auto* offered : suites_) {
    if (offered->id == hello.cipher_suite) suite = offered;
  }
  if (suite == nullptr) {
    // RFC 5246 §7.4.1.3: the suite must be one the client offered.
    return fail(ErrorCode::illegal_parameter, AlertDescription::illegal_parameter,
                fmt::format("server chose cipher suite {} which was not offered",
                            to_string(hello.cipher_suite)));
  }
  if (hello.compression_method != 0) {
    return fail(ErrorCode::illegal_parameter, AlertDescription::illegal_parameter,
                "server chose a compression method that was not offered");
  }
  if (has_duplicate_types(hello.extensions)) {
    return fail(ErrorCode::decode, AlertDescription::illegal_parameter,
                "ServerHello repeats an extension");
  }
  TLSX_TRY(check_server_extensions(hello));
  server_session_id_ = hello.session_id;
  if (offered_ && !offered_session_id_.empty() && hello.session_id == offered_session_id_) {
    return resume(hello, *suite);
  }

  Negotiated& n = core_.negotiated_mut();
  n.version = ProtocolVersion::tls12;
  n.cipher_suite = suite->id;
  n.cipher_suite_name = std::string(suite->iana_name);
  n.key_exchange = suite->kx == KeyExchange::rsa ? "RSA" : "ECDHE_RSA";
  n.extended_master_secret = ems_;
  n.encrypt_then_mac = etm_;
  n.server_name = sni_sent_ ? server_name_ : std::string();

  TLSX_TRY(core_.transcript().start_hash(core_.provider(), suite->prf_hash));
  TLSX_TRY(core_.set_shape(
      HandshakeShape{suite->kx != KeyExchange::rsa, false, false, false, ticket_acked_}));

  detail::SessionKeys keys;
  keys.suite = suite;
  keys.client_random = client_random_;
  keys.server_random = hello.random;
  move_to(ExpectCertificate{std::move(keys)}, *current_step_);
  return {};
}

Result<void> ClientHandshake::verify_server_chain(const CertificateChain& chain) {
  Negotiated& n = core_.negotiated_mut();
  n.peer_chain = chain;
  if (!verify_peer_) return {};
  VerifyPolicy policy = verify_policy_;
  policy.purpose = CertificatePurpose::server_auth;
  if (!policy.time) policy.time = core_.now_unix_seconds();
  TLSX_TRY_LET(path, verify_certificate_chain(chain, *trust_, policy, server_name_));
  n.verified_chain = std::move(path);
  return {};
}

Result<void> ClientHandshake::on_certificate(ExpectCertificate& state, ByteView body) {
  TLSX_TRY_LET(message, Certificate::parse(body));
  if (message.certificate_list.empty()) {
    return fail(ErrorCode::certificate, AlertDescription::bad_certificate,
                "server sent an empty certificate list");
  }
  if (message.certificate_list.size() > core_.limits().max_certificate_chain_length) {
    return fail(
        ErrorCode::limit, AlertDescription::bad_certificate,
        fmt::format("server sent {} certificates; the limit is {}", message.certificate_list.size(),
                    core_.limits().max_certificate_chain_length));
  }
  CertificateChain chain;
  for (const auto& der : message.certificate_list) {
    if (auto ok = chain.append_der(der); !ok) {
      return fail(ErrorCode::certificate, AlertDescription::bad_certificate,
                  fmt::format("server certificate does not parse: {}", ok.error().detail));
    }
  }
  TLSX_TRY(verify_server_chain(chain));

  const auto& leaf = *chain.certificates().front();
  if (leaf.public_key.type != crypto::PublicKeyType::rsa) {
    return fail(
        ErrorCode::certificate, AlertDescription::unsupported_certificate,
        fmt::format("server key is {}; tlsx supports RSA keys only", leaf.public_key.description));
  }
  const bool rsa_kx = state.keys.suite->kx == KeyExchange::rsa;
  if (const auto usage = leaf.extensions.key_usage) {
    // RFC 5246 §7.4.2 / RFC 5280 §4.2.1.3: RSA key exchange encrypts to the key
    // (keyEncipherment); ECDHE_RSA signs with it (digitalSignature).
    const std::uint16_t needed =
        rsa_kx ? crypto::key_usage::kKeyEncipherment : crypto::key_usage::kDigitalSignature;
    if ((*usage & needed) == 0) {
      return fail(ErrorCode::certificate, AlertDescription::unsupported_certificate,
                  fmt::format("server certificate's keyUsage does not allow {}",
                              rsa_kx ? "key encipherment (RSA key exchange)"
                                     : "digital signatures (ECDHE_RSA)"));
    }
  }
  auto key = crypto::RsaPublicKey::make(leaf.public_key.rsa_modulus, leaf.public_key.rsa_exponent);
  if (!key) {
    return fail(ErrorCode::certificate, AlertDescription::unsupported_certificate,
                fmt::format("server RSA key is unusable: {}", key.error().detail));
  }
  if (rsa_kx) {
    move_to(ExpectServerHelloDone{std::move(state.keys), std::move(*key), std::nullopt},
            *current_step_);
  } else {
    move_to(ExpectServerKeyExchange{std::move(state.keys), std::move(*key)}, *current_step_);
  }
  return {};
}

Result<void> ClientHandshake::on_server_key_exchange(ExpectServerKeyExchange& state,
                                                     ByteView body) {
  TLSX_TRY_LET(ske, ServerKeyExchange::parse(body));
  if (std::find(groups_.begin(), groups_.end(), ske.named_curve) == groups_.end()) {
    // RFC 8422 §5.4: the server must pick a curve the client offered.
    return fail(
        ErrorCode::illegal_parameter, AlertDescription::illegal_parameter,
        fmt::format("server chose group {} which was not offered", to_string(ske.named_curve)));
  }
  const SignatureScheme scheme = ske.signed_params.algorithm;
  if (std::find(schemes_.begin(), schemes_.end(), scheme) == schemes_.end()) {
    // RFC 5246 §7.4.3: the signature must use a pair from the client's signature_algorithms.
    return fail(ErrorCode::illegal_parameter, AlertDescription::illegal_parameter,
                fmt::format("server signed with {} which was not offered", to_string(scheme)));
  }
  TLSX_TRY_LET(signed_data, ske.signed_data(state.keys.client_random, state.keys.server_random));
  TLSX_TRY(verify_rsa_signature(core_.provider(), state.server_key, scheme, signed_data,
                                ske.signed_params.signature));
  Negotiated& n = core_.negotiated_mut();
  n.group = ske.named_curve;
  n.signature_scheme = scheme;
  move_to(ExpectServerHelloDone{std::move(state.keys), std::move(state.server_key),
                                std::move(ske.public_point)},
          *current_step_);
  return {};
}

Result<void> ClientHandshake::on_certificate_request(ExpectServerHelloDone& state, ByteView body) {
  TLSX_TRY_LET(request, CertificateRequest::parse(body));
  certificate_request_ = std::move(request);
  move_to(ExpectServerHelloDone{std::move(state.keys), std::move(state.server_key),
                                std::move(state.server_point)},
          *current_step_);
  return {};
}

std::optional<ClientHandshake::ClientCredential> ClientHandshake::choose_client_credential() const {
  const CertificateRequest& request = *certificate_request_;
  std::optional<CertifiedKey> chosen;
  if (client_certificate_selector_) {
    CertificateRequestInfo info;
    for (auto type : request.certificate_types) {
      info.certificate_types.push_back(static_cast<std::uint8_t>(type));
    }
    info.signature_schemes = request.supported_signature_algorithms;
    info.certificate_authorities = request.certificate_authorities;
    chosen = client_certificate_selector_(info);
  } else {
    chosen = client_certificate_;
  }
  if (!chosen || chosen->chain.empty() || !chosen->key) return std::nullopt;
  // tlsx keys are RSA: the server must accept rsa_sign certificates and one of our schemes.
  const auto& types = request.certificate_types;
  if (std::find(types.begin(), types.end(), ClientCertificateType::rsa_sign) == types.end()) {
    return std::nullopt;
  }
  const auto& theirs = request.supported_signature_algorithms;
  for (SignatureScheme scheme : schemes_) {
    if (std::find(theirs.begin(), theirs.end(), scheme) != theirs.end()) {
      return ClientCredential{std::move(*chosen), scheme};
    }
  }
  return std::nullopt;  // no common scheme: an empty Certificate lets the server decide
}

Result<void> ClientHandshake::on_server_hello_done(ExpectServerHelloDone& state, ByteView body) {
  TLSX_TRY(ServerHelloDone::parse(body));
  detail::SessionKeys keys = std::move(state.keys);
  std::optional<ClientCredential> credential;
  if (certificate_request_) {
    // RFC 5246 §7.4.6: answer a CertificateRequest with our chain, or an empty list.
    credential = choose_client_credential();
    Certificate certificate;
    if (credential) {
      const CertificateChain& chain = credential->certified.chain;
      for (std::size_t i = 0; i < chain.size(); ++i) {
        const auto der = chain.der(i);
        certificate.certificate_list.emplace_back(der.begin(), der.end());
      }
    }
    TLSX_TRY(core_.send_message(StepMessage::client_certificate, certificate));
    HandshakeShape shape = core_.shape();
    shape.client_verify = credential.has_value();
    TLSX_TRY(core_.set_shape(shape));
  }
  SecretBytes pre_master_secret;
  ClientKeyExchange cke;
  if (keys.suite->kx == KeyExchange::rsa) {
    TLSX_TRY_LET(rsa, make_rsa_pre_master_secret(core_.provider(), state.server_key,
                                                 ProtocolVersion::tls12));
    pre_master_secret = std::move(rsa.pre_master_secret);
    cke.kind = ClientKeyExchangeKind::rsa;
    cke.exchange_keys = std::move(rsa.encrypted);
  } else {
    TLSX_TRY_LET(own, generate_x25519(core_.provider()));
    TLSX_TRY_LET(shared, x25519_shared_secret(core_.provider(), own, *state.server_point));
    pre_master_secret = std::move(shared);
    cke.kind = ClientKeyExchangeKind::ecdhe;
    cke.exchange_keys.assign(own.public_key.begin(), own.public_key.end());
  }
  // Our flight: [Certificate], ClientKeyExchange, [CertificateVerify], ChangeCipherSpec,
  // Finished (RFC 5246 §7.3).
  TLSX_TRY(core_.send_message(StepMessage::client_key_exchange, cke));
  TLSX_TRY(core_.derive_master_secret(keys, pre_master_secret, ems_));
  pre_master_secret.wipe();
  if (credential) {
    // Signed over every handshake message so far (RFC 5246 §7.4.8). It follows the master
    // secret's derivation: the RFC 7627 session hash ends at ClientKeyExchange.
    CertificateVerify verify;
    verify.signature.algorithm = credential->scheme;
    TLSX_TRY_LET(signature, credential->certified.key->sign(credential->scheme,
                                                            core_.transcript().messages()));
    verify.signature.signature = std::move(signature);
    TLSX_TRY(core_.send_message(StepMessage::certificate_verify, verify));
    core_.negotiated_mut().client_signature_scheme = credential->scheme;
  }
  TLSX_TRY(core_.install_pending_keys(keys, etm_));
  TLSX_TRY(core_.send_change_cipher_spec());
  TLSX_TRY_LET(verify, core_.verify_data(keys, /*client_sender=*/true, /*before_last=*/false));
  core_.report_secret(SecretKind::client_verify_data, verify);
  TLSX_TRY(core_.send_message(StepMessage::client_finished, Finished{std::move(verify)}));
  move_to(ExpectChangeCipherSpec{std::move(keys), false}, *current_step_);
  return {};
}

Result<void> ClientHandshake::on_finished(ExpectFinished& state, ByteView body) {
  TLSX_TRY_LET(finished, Finished::parse(body));
  TLSX_TRY_LET(expected, core_.verify_data(state.keys, /*client_sender=*/false,
                                           /*before_last=*/true));
  core_.report_secret(SecretKind::server_verify_data, expected);
  if (!crypto::ct_equal(expected, finished.verify_data)) {
    return fail(ErrorCode::decrypt_error, AlertDescription::decrypt_error,
                "server Finished does not match the handshake (RFC 5246 §7.4.9)");
  }
  detail::SessionKeys keys = std::move(state.keys);
  if (state.abbreviated) TLSX_TRY(finish_abbreviated(keys));
  move_to(Connected{}, *current_step_);
  core_.set_resumable_session(make_session(keys));
  core_.handshake_complete(std::move(keys));
  return {};
}

}  // namespace tlsx::handshake
