#include "handshake/engine_core.hpp"

#include <algorithm>
#include <chrono>
#include <cstring>

#include <fmt/format.h>

#include "crypto/prf.hpp"
#include "handshake/client_handshake.hpp"
#include "handshake/key_schedule.hpp"
#include "handshake/server_handshake.hpp"
#include "handshake/try.hpp"
#include "record/aead_protection.hpp"
#include "record/cbc_hmac_protection.hpp"

namespace tlsx::detail {
namespace {

constexpr std::uint8_t kHelloRequest = 0;
constexpr std::uint8_t kClientHello = 1;
constexpr std::uint8_t kServerHello = 2;

std::string hex(std::span<const std::uint8_t> bytes) {
  std::string out;
  out.reserve(bytes.size() * 2);
  for (std::uint8_t b : bytes) out += fmt::format("{:02x}", b);
  return out;
}

record::ReaderLimits reader_limits(const Limits& limits) {
  record::ReaderLimits out;
  out.handshake = record::HandshakeSizeLimits::uniform(
      static_cast<std::uint32_t>(limits.max_handshake_message));
  out.handshake.set(11, static_cast<std::uint32_t>(limits.max_certificate_message));
  out.max_empty_records = limits.max_empty_records;
  out.max_warning_alerts = limits.max_warning_alerts;
  return out;
}

Result<std::unique_ptr<record::RecordProtection>> make_protection(
    const crypto::Provider& provider, const handshake::CipherSuiteInfo& suite, bool etm,
    const SecretBytes& mac_key, const SecretBytes& key, const SecretBytes& iv) {
  using handshake::BulkCipher;
  switch (suite.cipher) {
    case BulkCipher::aes128_gcm:
    case BulkCipher::aes256_gcm:
    case BulkCipher::chacha20_poly1305: {
      const auto alg = suite.cipher == BulkCipher::aes128_gcm ? crypto::AeadAlgorithm::aes128_gcm
                       : suite.cipher == BulkCipher::aes256_gcm
                           ? crypto::AeadAlgorithm::aes256_gcm
                           : crypto::AeadAlgorithm::chacha20_poly1305;
      TLSX_TRY_LET(p, record::AeadProtection::create(provider, alg, key, iv));
      return std::unique_ptr<record::RecordProtection>(std::move(p));
    }
    case BulkCipher::aes128_cbc:
    case BulkCipher::aes256_cbc: {
      record::CbcHmacProtection::Params params;
      params.cipher = suite.cipher == BulkCipher::aes128_cbc ? crypto::CipherAlgorithm::aes128
                                                             : crypto::CipherAlgorithm::aes256;
      params.mac = suite.mac == handshake::MacAlgorithm::sha1     ? crypto::HashAlgorithm::sha1
                   : suite.mac == handshake::MacAlgorithm::sha256 ? crypto::HashAlgorithm::sha256
                                                                  : crypto::HashAlgorithm::sha384;
      params.order = etm ? record::MacOrder::encrypt_then_mac : record::MacOrder::mac_then_encrypt;
      TLSX_TRY_LET(p, record::CbcHmacProtection::create(provider, params, key, mac_key));
      return std::unique_ptr<record::RecordProtection>(std::move(p));
    }
  }
  return fail(ErrorCode::internal, AlertDescription::internal_error, "unknown bulk cipher");
}

}  // namespace

EngineCore::EngineCore(Role role, const CommonConfig& common)
    : role_(role),
      provider_(common.provider != nullptr ? common.provider : &crypto::default_provider()),
      observer_(common.observer),
      key_log_(common.key_log),
      clock_(common.clock),
      limits_(common.limits),
      reader_(reader_limits(common.limits)),
      flow_(handshake::flow_for(shape_)) {
  reader_.set_observer(observer_);
  writer_.set_observer(observer_);
  refresh_reader_version_check();
}

EngineCore::~EngineCore() = default;

Result<void> EngineCore::start(std::unique_ptr<handshake::ClientHandshake> client) {
  client_ = std::move(client);
  return client_->start();
}

void EngineCore::start(std::unique_ptr<handshake::ServerHandshake> server) {
  server_ = std::move(server);
}

std::int64_t EngineCore::now_unix_seconds() const {
  const auto now = clock_ ? clock_() : std::chrono::system_clock::now();
  return std::chrono::duration_cast<std::chrono::seconds>(now.time_since_epoch()).count();
}

// ---- input ------------------------------------------------------------------------------------

Result<std::size_t> EngineCore::feed(std::span<const std::uint8_t> from_peer) {
  if (error_) return std::unexpected(*error_);
  if (inbox_pos_ == inbox_.size()) {
    inbox_.clear();
    inbox_pos_ = 0;
  }
  inbox_.insert(inbox_.end(), from_peer.begin(), from_peer.end());
  TLSX_TRY(process_input());
  return from_peer.size();
}

Result<void> EngineCore::process_input() {
  while (!paused_ && !error_) {
    // Backpressure: stop decrypting while the application has not read what we hold.
    if (app_in_.size() - app_in_pos_ >= limits_.max_buffered_application_data) break;
    auto event = reader_.next();
    if (!event) return fail_connection(std::move(event.error()));
    if (event->kind == record::InboundKind::need_more_data) {
      if (inbox_pos_ == inbox_.size()) break;
      auto taken = reader_.feed(std::span(inbox_).subspan(inbox_pos_));
      if (!taken) return fail_connection(std::move(taken.error()));
      inbox_pos_ += *taken;
      if (*taken == 0) break;
      continue;
    }
    if (auto handled = handle_event(*event); !handled)
      return fail_connection(std::move(handled.error()));
  }
  return {};
}

Result<void> EngineCore::handle_event(const record::InboundEvent& event) {
  switch (event.kind) {
    case record::InboundKind::handshake:
      return handshake_done_ ? receive_after_handshake(event.handshake)
                             : receive_message(event.handshake);
    case record::InboundKind::change_cipher_spec:
      return receive_change_cipher_spec();
    case record::InboundKind::application_data:
      if (!handshake_done_) {
        return fail(ErrorCode::unexpected_message, AlertDescription::unexpected_message,
                    "application data before the handshake completed");
      }
      app_in_.insert(app_in_.end(), event.data.begin(), event.data.end());
      return {};
    case record::InboundKind::warning_alert:
      // RFC 5246 §7.2: warnings do not end the connection; the reader bounds how many in a row.
      if (observer_ != nullptr) {
        observer_->on_alert(Direction::inbound, event.alert.level, event.alert.description);
      }
      return {};
    case record::InboundKind::close_notify:
      return on_peer_close_notify();
    case record::InboundKind::need_more_data:
      return {};
  }
  return {};
}

Result<void> EngineCore::on_peer_close_notify() {
  peer_closed_ = true;
  if (observer_ != nullptr) {
    observer_->on_alert(Direction::inbound, AlertLevel::warning, AlertDescription::close_notify);
  }
  // RFC 5246 §7.2.1: answer with our own close_notify.
  if (!close_sent_) {
    close_sent_ = true;
    if (auto ok = writer_.write_alert({AlertLevel::warning, AlertDescription::close_notify}); !ok) {
      return ok;
    }
  }
  if (!handshake_done_) {
    error_ = Error{ErrorCode::closed, AlertDescription::close_notify, Origin::peer,
                   "peer closed the connection during the handshake"};
  }
  return {};
}

Result<const handshake::FlowStepInfo*> EngineCore::expect_step(std::uint8_t handshake_type,
                                                               bool inbound) {
  if (inbound && role_ == Role::client) {
    // The server's one choice: CertificateRequest before ServerHelloDone (RFC 5246 §7.4.4).
    if (auto chosen = handshake::shape_chosen_by_server(shape_, flow_pos_, handshake_type)) {
      TLSX_TRY(set_shape(*chosen));
    }
  }
  const bool peer_sends = [&] {
    if (flow_pos_ >= flow_.size()) return !inbound;
    const bool client_step = flow_[flow_pos_]->sender == handshake::Sender::client;
    return client_step == (role_ == Role::server);
  }();
  const handshake::FlowStepInfo* step = flow_pos_ < flow_.size() ? flow_[flow_pos_] : nullptr;
  const std::string what = handshake_type == handshake::kChangeCipherSpecStep
                               ? std::string("ChangeCipherSpec")
                               : to_string(static_cast<HandshakeType>(handshake_type));
  if (step == nullptr || peer_sends != inbound || step->handshake_type != handshake_type) {
    if (!inbound) {
      return fail(ErrorCode::internal, AlertDescription::internal_error,
                  fmt::format("tlsx tried to send {} out of order", what));
    }
    return fail(ErrorCode::unexpected_message, AlertDescription::unexpected_message,
                step == nullptr ? fmt::format("{} after the handshake flow ended", what)
                                : fmt::format("{} received where {} {} was expected", what,
                                              peer_sends ? "the peer's" : "our own", step->name));
  }
  ++flow_pos_;
  return step;
}

Result<void> EngineCore::receive_message(const record::HandshakeMessage& message) {
  if (message.type == kHelloRequest && role_ == Role::client) {
    // RFC 5246 §7.4.1.1: ignored while negotiating; not part of the transcript.
    if (++renegotiation_attempts_ > limits_.max_warning_alerts) {
      return fail(ErrorCode::limit, AlertDescription::unexpected_message,
                  "too many HelloRequest messages");
    }
    return {};
  }
  TLSX_TRY_LET(step, expect_step(message.type, /*inbound=*/true));
  transcript_.add(message.raw);
  const auto type = static_cast<HandshakeType>(message.type);
  if (observer_ != nullptr) observer_->on_message(Direction::inbound, type, message.raw);
  auto handled =
      client_ ? client_->on_message(message, *step) : server_->on_message(message, *step);
  if (!handled) {
    if (observer_ != nullptr) observer_->on_message_error(type, message.raw, handled.error());
    return handled;
  }
  if (message.type == kClientHello || message.type == kServerHello) refresh_reader_version_check();
  return {};
}

Result<void> EngineCore::receive_change_cipher_spec() {
  TLSX_TRY_LET(step, expect_step(handshake::kChangeCipherSpecStep, /*inbound=*/true));
  return client_ ? client_->on_change_cipher_spec(*step) : server_->on_change_cipher_spec(*step);
}

Result<void> EngineCore::receive_after_handshake(const record::HandshakeMessage& message) {
  const bool renegotiation = (role_ == Role::client && message.type == kHelloRequest) ||
                             (role_ == Role::server && message.type == kClientHello);
  if (!renegotiation) {
    return fail(ErrorCode::unexpected_message, AlertDescription::unexpected_message,
                fmt::format("{} after the handshake completed",
                            to_string(static_cast<HandshakeType>(message.type))));
  }
  // tlsx refuses renegotiation (RFC 5746 §4.2, §4.4: answer with a no_renegotiation warning),
  // and bounds how often a peer may ask.
  if (++renegotiation_attempts_ > limits_.max_warning_alerts) {
    return fail(ErrorCode::limit, AlertDescription::no_renegotiation,
                "too many renegotiation attempts");
  }
  if (observer_ != nullptr) {
    observer_->on_alert(Direction::outbound, AlertLevel::warning,
                        AlertDescription::no_renegotiation);
  }
  return writer_.write_alert({AlertLevel::warning, AlertDescription::no_renegotiation});
}

void EngineCore::refresh_reader_version_check() {
  // Before the hello that fixes the version, any {3,x} record version is acceptable (RFC 5246
  // Appendix E.1); afterwards only TLS 1.2's.
  const bool version_known = flow_pos_ > (role_ == Role::server ? 0u : 1u) || handshake_done_;
  reader_.set_version_check(version_known ? record::VersionCheck::tls12
                                          : record::VersionCheck::tls_family);
}

// ---- output -----------------------------------------------------------------------------------

Result<void> EngineCore::queue_handshake_bytes(handshake::StepMessage step_kind, HandshakeType type,
                                               std::span<const std::uint8_t> raw) {
  TLSX_TRY_LET(step, expect_step(static_cast<std::uint8_t>(type), /*inbound=*/false));
  if (step->message != step_kind) {
    return fail(ErrorCode::internal, AlertDescription::internal_error,
                fmt::format("tlsx tried to send {} as {}", step->name, to_string(type)));
  }
  transcript_.add(raw);
  if (observer_ != nullptr) observer_->on_message(Direction::outbound, type, raw);
  return writer_.write_handshake(raw);
}

Result<void> EngineCore::send_change_cipher_spec() {
  TLSX_TRY(expect_step(handshake::kChangeCipherSpecStep, /*inbound=*/false));
  return writer_.write_change_cipher_spec();
}

std::span<const std::uint8_t> EngineCore::pending_output() const noexcept {
  return writer_.pending_output();
}

void EngineCore::consume_output(std::size_t n) noexcept {
  writer_.consume_output(n);
}

std::unexpected<Error> EngineCore::fail_connection(Error error) {
  if (!error_) {
    error_ = std::move(error);
    if (error_->origin == Origin::local && error_->alert != AlertDescription::close_notify) {
      if (observer_ != nullptr) {
        observer_->on_alert(Direction::outbound, AlertLevel::fatal, error_->alert);
      }
      // Best effort: if even the alert cannot be queued, the error itself is what matters.
      [[maybe_unused]] auto queued = writer_.write_alert({AlertLevel::fatal, error_->alert});
      close_sent_ = true;
    } else if (error_->origin == Origin::peer && observer_ != nullptr &&
               error_->code == ErrorCode::peer_alert) {
      observer_->on_alert(Direction::inbound, AlertLevel::fatal, error_->alert);
    }
  }
  return std::unexpected(*error_);
}

// ---- key schedule services --------------------------------------------------------------------

Result<void> EngineCore::set_shape(const handshake::HandshakeShape& shape) {
  if (!handshake::same_prefix(shape_, shape, flow_pos_)) {
    return fail(ErrorCode::internal, AlertDescription::internal_error,
                "handshake shape changed steps already taken");
  }
  shape_ = shape;
  flow_ = handshake::flow_for(shape);
  return {};
}

void EngineCore::report_secret(SecretKind kind, std::span<const std::uint8_t> value) const {
  if (observer_ != nullptr) observer_->on_secret(kind, value);
}

Result<void> EngineCore::derive_master_secret(SessionKeys& keys,
                                              const SecretBytes& pre_master_secret, bool extended) {
  report_secret(SecretKind::pre_master_secret, pre_master_secret);
  const auto prf_hash = keys.suite->prf_hash;
  Result<SecretBytes> master = [&]() -> Result<SecretBytes> {
    if (extended) {
      // RFC 7627 §3: session_hash covers the transcript up to and including ClientKeyExchange.
      TLSX_TRY_LET(session_hash, transcript_.hash());
      report_secret(SecretKind::session_hash, session_hash);
      return handshake::derive_extended_master_secret(*provider_, prf_hash, pre_master_secret,
                                                      session_hash);
    }
    return handshake::derive_master_secret(*provider_, prf_hash, pre_master_secret,
                                           keys.client_random, keys.server_random);
  }();
  if (!master) return std::unexpected(master.error());
  keys.master_secret = std::move(*master);
  report_secret(SecretKind::master_secret, keys.master_secret);
  if (key_log_) {
    key_log_(fmt::format("CLIENT_RANDOM {} {}", hex(keys.client_random),
                         hex(keys.master_secret.span())));
  }
  return {};
}

void EngineCore::resume_master_secret(SessionKeys& keys, const SecretBytes& master_secret) {
  keys.master_secret = master_secret.clone();
  report_secret(SecretKind::master_secret, keys.master_secret);
  if (key_log_) {
    // Wireshark looks the secret up by this connection's client random: a resumed connection
    // needs its own line even though the secret is the old one.
    key_log_(fmt::format("CLIENT_RANDOM {} {}", hex(keys.client_random),
                         hex(keys.master_secret.span())));
  }
}

std::chrono::system_clock::time_point EngineCore::now() const {
  return clock_ ? clock_() : std::chrono::system_clock::now();
}

Result<void> EngineCore::install_pending_keys(const SessionKeys& keys, bool encrypt_then_mac) {
  const auto& suite = *keys.suite;
  const handshake::KeyBlockLayout layout{suite.mac_len, suite.key_len, suite.fixed_iv_len};
  TLSX_TRY_LET(key_block,
               handshake::derive_key_block(*provider_, suite.prf_hash, keys.master_secret,
                                           keys.client_random, keys.server_random, layout.total()));
  report_secret(SecretKind::key_block, key_block);
  TLSX_TRY_LET(block, handshake::split_key_block(key_block, layout));
  key_block.wipe();
  report_secret(SecretKind::client_write_mac_key, block.client_write_mac_key);
  report_secret(SecretKind::server_write_mac_key, block.server_write_mac_key);
  report_secret(SecretKind::client_write_key, block.client_write_key);
  report_secret(SecretKind::server_write_key, block.server_write_key);
  report_secret(SecretKind::client_write_iv, block.client_write_iv);
  report_secret(SecretKind::server_write_iv, block.server_write_iv);
  TLSX_TRY_LET(client_write,
               make_protection(*provider_, suite, encrypt_then_mac, block.client_write_mac_key,
                               block.client_write_key, block.client_write_iv));
  TLSX_TRY_LET(server_write,
               make_protection(*provider_, suite, encrypt_then_mac, block.server_write_mac_key,
                               block.server_write_key, block.server_write_iv));
  if (role_ == Role::client) {
    writer_.set_pending(std::move(client_write));
    reader_.set_pending(std::move(server_write));
  } else {
    writer_.set_pending(std::move(server_write));
    reader_.set_pending(std::move(client_write));
  }
  return {};
}

Result<handshake::Opaque> EngineCore::verify_data(const SessionKeys& keys, bool client_sender,
                                                  bool before_last) {
  auto hash = before_last ? transcript_.hash_before_last() : transcript_.hash();
  if (!hash) return std::unexpected(hash.error());
  TLSX_TRY_LET(data,
               handshake::compute_verify_data(*provider_, keys.suite->prf_hash, keys.master_secret,
                                              client_sender ? handshake::FinishedSender::client
                                                            : handshake::FinishedSender::server,
                                              *hash));
  return handshake::Opaque(data.begin(), data.end());
}

void EngineCore::handshake_complete(SessionKeys keys) {
  session_ = std::move(keys);
  handshake_done_ = true;
  refresh_reader_version_check();
}

void EngineCore::transitioned(std::string_view from, std::string_view to,
                              const handshake::FlowStepInfo& step) {
  if (observer_ == nullptr) return;
  const bool client_step = step.sender == handshake::Sender::client;
  const FlowStep public_step{
      step.name, client_step == (role_ == Role::client) ? Direction::outbound : Direction::inbound,
      step.rfc_section};
  if (observer_->on_transition(from, to, public_step) == Action::pause) paused_ = true;
}

// ---- application data and lifecycle -----------------------------------------------------------

Result<std::size_t> EngineCore::write(std::span<const std::uint8_t> data) {
  if (error_) return std::unexpected(*error_);
  if (!handshake_done_) return fail_argument("write() before the handshake completed");
  if (close_sent_) {
    return std::unexpected(Error{ErrorCode::closed, AlertDescription::close_notify, Origin::local,
                                 "write() after close()"});
  }
  if (auto ok = writer_.write_application_data(data); !ok)
    return fail_connection(std::move(ok.error()));
  return data.size();
}

Result<std::size_t> EngineCore::read(std::span<std::uint8_t> out) {
  const std::size_t available = app_in_.size() - app_in_pos_;
  if (available == 0) {
    if (error_ && !(error_->code == ErrorCode::closed && handshake_done_)) {
      return std::unexpected(*error_);
    }
    return std::size_t{0};
  }
  const std::size_t n = std::min(available, out.size());
  std::memcpy(out.data(), app_in_.data() + app_in_pos_, n);
  app_in_pos_ += n;
  if (app_in_pos_ == app_in_.size()) {
    app_in_.clear();
    app_in_pos_ = 0;
  }
  // Input held back by backpressure can move again.
  if (!error_ && inbox_pos_ < inbox_.size()) TLSX_TRY(process_input());
  return n;
}

Result<void> EngineCore::close() {
  if (error_) return std::unexpected(*error_);
  if (close_sent_) return {};
  close_sent_ = true;
  if (observer_ != nullptr) {
    observer_->on_alert(Direction::outbound, AlertLevel::warning, AlertDescription::close_notify);
  }
  if (auto ok = writer_.write_alert({AlertLevel::warning, AlertDescription::close_notify}); !ok) {
    return fail_connection(std::move(ok.error()));
  }
  return {};
}

Result<void> EngineCore::end_of_input() {
  if (peer_closed_) return {};
  if (error_) return std::unexpected(*error_);
  // RFC 5246 §7.2.1: without close_notify the data may have been truncated by an attacker.
  error_ = Error{ErrorCode::truncated, AlertDescription::close_notify, Origin::peer,
                 handshake_done_ ? "connection closed without close_notify (possible truncation)"
                                 : "connection closed during the handshake"};
  return std::unexpected(*error_);
}

Result<void> EngineCore::resume() {
  if (error_) return std::unexpected(*error_);
  paused_ = false;
  return process_input();
}

Status EngineCore::status() const noexcept {
  Status s;
  s.handshake_done = handshake_done_;
  s.has_output = !writer_.pending_output().empty();
  s.can_read = app_in_pos_ < app_in_.size();
  s.paused = paused_;
  s.peer_closed = peer_closed_;
  s.closed = close_sent_;
  s.failed = error_.has_value();
  s.wants_input = !s.failed && !paused_ && !peer_closed_ &&
                  app_in_.size() - app_in_pos_ < limits_.max_buffered_application_data;
  return s;
}

std::string_view EngineCore::state_name() const noexcept {
  if (error_) return "Failed";
  if (client_) return client_->state_name();
  if (server_) return server_->state_name();
  return "Start";
}

Result<void> EngineCore::export_keying_material(
    std::span<std::uint8_t> out, std::string_view label,
    std::optional<std::span<const std::uint8_t>> context) const {
  if (!session_) return fail_argument("keying material exists only after the handshake");
  // RFC 5705 §4: labels used by TLS itself must not be used.
  for (std::string_view reserved : {"client finished", "server finished", "master secret",
                                    "extended master secret", "key expansion"}) {
    if (label == reserved)
      return fail_argument(fmt::format("exporter label '{}' is reserved", label));
  }
  std::vector<std::uint8_t> seed(session_->client_random.begin(), session_->client_random.end());
  seed.insert(seed.end(), session_->server_random.begin(), session_->server_random.end());
  if (context) {
    if (context->size() > 0xffff) return fail_argument("exporter context longer than 65535 bytes");
    seed.push_back(static_cast<std::uint8_t>(context->size() >> 8));
    seed.push_back(static_cast<std::uint8_t>(context->size() & 0xff));
    seed.insert(seed.end(), context->begin(), context->end());
  }
  return crypto::prf(*provider_, session_->suite->prf_hash, session_->master_secret, label, seed,
                     out);
}

}  // namespace tlsx::detail
