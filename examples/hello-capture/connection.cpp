#include "connection.hpp"

#include <fmt/format.h>

#include "clock_text.hpp"
#include "hello_json.hpp"
#include "hex_text.hpp"
#include "http_echo.hpp"
#include "http_request.hpp"
#include "iana_names.hpp"
#include "tlsx/alert.hpp"

namespace hello_capture {
namespace {

using json = Json;

std::string alert_text(tlsx::AlertDescription alert) {
  return tlsx::to_string(alert);
}

// Error::message() with one exception: the engine reports a TCP end of file without close_notify
// as a peer error carrying the close_notify code, which message() would print as "peer sent
// close_notify"; the peer sent nothing of the sort.
std::string error_text(const tlsx::Error& error) {
  if (error.code == tlsx::ErrorCode::truncated) return error.detail + " (no close_notify)";
  return error.message();
}

}  // namespace

Connection::Connection(const ConnectionSettings& settings, std::uint64_t id, std::string peer,
                       SteadyClock::time_point now)
    : settings_(settings),
      id_(id),
      peer_(std::move(peer)),
      start_(now),
      deadline_(now + settings.handshake_timeout),
      observer_(std::make_unique<CaptureObserver>()) {
  tlsx::ServerConfig config = *settings.server_config;
  config.observer = observer_.get();
  auto engine = tlsx::Engine::server(config);
  if (!engine) {
    failure_ = "engine: " + engine.error().message();
    phase_ = Phase::done;
    return;
  }
  engine_ = std::make_unique<tlsx::Engine>(std::move(*engine));
}

// ---- input ------------------------------------------------------------------------------------

void Connection::note_received(std::span<const std::uint8_t> bytes) {
  if (bytes_in_ == 0) first_byte_time_ = std::chrono::system_clock::now();
  // The record-layer version is bytes 1-2 of the first record header: keep the first bytes as
  // they came off the socket (and more, while no hello has been assembled, for the capture of a
  // malformed one).
  if (!observer_->hello() && received_prefix_.size() < kReceivedPrefixLimit) {
    const std::size_t n = std::min(bytes.size(), kReceivedPrefixLimit - received_prefix_.size());
    received_prefix_.insert(received_prefix_.end(), bytes.begin(), bytes.begin() + n);
  }
  bytes_in_ += bytes.size();
}

void Connection::on_bytes(std::span<const std::uint8_t> bytes, SteadyClock::time_point now) {
  if (!engine_ || phase_ == Phase::linger || phase_ == Phase::done || phase_ == Phase::closing) {
    bytes_in_ += bytes.size();  // after our response: read and discard
    return;
  }
  note_received(bytes);
  auto fed = engine_->feed(bytes);
  if (!fed) {
    fail(fed.error());
    return;
  }
  after_engine_progress(now);
}

void Connection::after_engine_progress(SteadyClock::time_point now) {
  const tlsx::Status status = engine_->status();
  if (phase_ == Phase::handshake && status.handshake_done) {
    finish_capture(completed_outcome());
    phase_ = Phase::request;
    deadline_ = now + settings_.idle_timeout;
  }
  if (phase_ == Phase::request) handle_request(now);
  if (phase_ == Phase::request && engine_->status().peer_closed) close_with_output();
}

void Connection::handle_request(SteadyClock::time_point now) {
  std::uint8_t buffer[4096];
  while (request_buffer_.size() < kMaxRequestHead) {
    auto n = engine_->read(buffer);
    if (!n) {
      fail(n.error());
      return;
    }
    if (*n == 0) break;
    request_buffer_.append(reinterpret_cast<const char*>(buffer), *n);
  }
  const Request request = parse_request(request_buffer_);
  if (request.kind == Request::Kind::incomplete) return;
  const Response response = respond(request, capture_, [this] { return settings_.store->stats(); });
  request_summary_ = request.kind == Request::Kind::line
                         ? fmt::format("line {:?}", request.line.substr(0, 60))
                         : fmt::format("{:?} {}", request.line.substr(0, 100), response.status);
  if (!request.user_agent.empty()) {
    request_summary_ += fmt::format(" ua={:?}", request.user_agent.substr(0, 100));
  }
  const auto* data = reinterpret_cast<const std::uint8_t*>(response.bytes.data());
  if (auto written = engine_->write(std::span(data, response.bytes.size())); !written) {
    fail(written.error());
    return;
  }
  if (auto closed = engine_->close(); !closed) failure_ = error_text(closed.error());
  deadline_ = now + settings_.idle_timeout;  // to flush a slow reader
  phase_ = Phase::closing;
}

void Connection::on_eof(SteadyClock::time_point /*now*/) {
  peer_eof_ = true;
  if (!engine_) {
    phase_ = Phase::done;
    return;
  }
  switch (phase_) {
    case Phase::handshake:
      // Without close_notify this is a truncation: the capture of a client that gave up.
      if (auto ended = engine_->end_of_input(); !ended) {
        fail(ended.error());
      } else {
        close_with_output();
      }
      return;
    case Phase::request:
      // The capture is stored; a client leaving without a request ends the connection.
      if (auto ended = engine_->end_of_input(); !ended) failure_ = error_text(ended.error());
      close_with_output();
      return;
    case Phase::closing:
      return;  // flush what we have; on_write_side_closed() ends it
    case Phase::linger:
    case Phase::done:
      phase_ = Phase::done;
      return;
  }
}

void Connection::on_deadline(SteadyClock::time_point now) {
  if (phase_ == Phase::handshake && !captured_ && bytes_in_ > 0) {
    json outcome = {
        {"result", "timeout"},
        {"phase", "handshake"},
        {"after_ms", std::chrono::duration_cast<std::chrono::milliseconds>(now - start_).count()}};
    finish_capture(std::move(outcome));
  }
  if (phase_ == Phase::handshake) failure_ = "handshake timeout";
  if (phase_ == Phase::request) failure_ = "idle timeout";
  phase_ = Phase::done;
}

void Connection::on_shutdown() {
  if (phase_ == Phase::handshake && !captured_ && bytes_in_ > 0) {
    finish_capture({{"result", "shutdown"}});
  }
  phase_ = Phase::done;
}

void Connection::on_write_side_closed(SteadyClock::time_point now) {
  if (phase_ != Phase::closing) return;
  phase_ = peer_eof_ ? Phase::done : Phase::linger;
  deadline_ = now + settings_.linger;
}

void Connection::on_write_error() {
  if (phase_ == Phase::handshake && !captured_ && bytes_in_ > 0) {
    finish_capture({{"result", "peer_closed"}, {"error", "connection reset by the client"}});
  }
  if (failure_.empty()) failure_ = "send failed (connection reset)";
  phase_ = Phase::done;
}

// ---- output -----------------------------------------------------------------------------------

std::span<const std::uint8_t> Connection::output() const {
  if (!engine_ || phase_ == Phase::done) return {};
  return engine_->pending_output();
}

void Connection::consume_output(std::size_t n) {
  if (!engine_) return;
  engine_->consume_output(n);
  bytes_out_ += n;
}

void Connection::close_with_output() {
  if (phase_ != Phase::done) phase_ = Phase::closing;
}

// ---- the capture ------------------------------------------------------------------------------

void Connection::fail(const tlsx::Error& error) {
  failure_ = error_text(error);
  if (!captured_ && (phase_ == Phase::handshake) && bytes_in_ > 0) {
    finish_capture(failure_outcome(error));
  }
  close_with_output();
}

namespace {

/// The client's certificate (mutual TLS), when it sent one; recorded even when it failed
/// verification, since who tried is what a capture is for.
void record_client_certificate(json& outcome, const tlsx::Negotiated* n) {
  if (n == nullptr || n->peer_chain.empty()) return;
  outcome["client_certificate"] = {{"subject", n->peer_chain.subject(0)},
                                   {"issuer", n->peer_chain.issuer(0)},
                                   {"verified", !n->verified_chain.empty()}};
}

}  // namespace

json Connection::completed_outcome() const {
  json outcome = {{"result", "completed"}};
  if (const tlsx::Negotiated* n = engine_->negotiated()) {
    outcome["version"] = tlsx::name(n->version);
    outcome["cipher_suite"] = n->cipher_suite_name;
    outcome["key_exchange"] = n->key_exchange;
    outcome["group"] = n->group ? json(std::string(tlsx::name(*n->group))) : json(nullptr);
    outcome["alpn"] = n->alpn.empty() ? json(nullptr) : json(n->alpn);
    outcome["server_name"] = n->server_name.empty() ? json(nullptr) : json(n->server_name);
    outcome["extended_master_secret"] = n->extended_master_secret;
    outcome["encrypt_then_mac"] = n->encrypt_then_mac;
    outcome["secure_renegotiation"] = n->secure_renegotiation;
    outcome["resumed"] = n->resumed;
  }
  record_client_certificate(outcome, engine_->negotiated());
  return outcome;
}

const DescribedHello* Connection::described_hello() {
  const auto& hello = observer_->hello();
  if (!described_.has_value() && hello.has_value())
    described_ = describe_hello_message(hello.value());
  return described_.has_value() ? &described_.value() : nullptr;
}

json Connection::failure_outcome(const tlsx::Error& error) {
  json outcome;
  const DescribedHello* hello = described_hello();
  const std::optional<std::string> parse_error = hello ? hello->parse_error : std::nullopt;
  if (hello == nullptr || parse_error.has_value()) {
    // Nothing usable arrived: a hello that does not parse, or bytes that never made one.
    outcome["result"] = "malformed";
    if (parse_error.has_value()) {
      outcome["error"] = parse_error.value();
    } else if (error.code == tlsx::ErrorCode::truncated || error.code == tlsx::ErrorCode::closed) {
      outcome["error"] =
          fmt::format("connection closed after {} bytes, before a complete ClientHello ({})",
                      bytes_in_, error_text(error));
    } else {
      outcome["error"] = error_text(error);
    }
    if (auto sent = observer_->alert_sent()) outcome["alert"] = alert_text(*sent);
    return outcome;
  }
  if (error.origin == tlsx::Origin::peer && error.code == tlsx::ErrorCode::peer_alert) {
    outcome["result"] = "alert_received";
    outcome["alert"] = alert_text(observer_->alert_received().value_or(error.alert));
  } else if (error.code == tlsx::ErrorCode::truncated || error.code == tlsx::ErrorCode::closed) {
    outcome["result"] = "peer_closed";
    outcome["error"] = error_text(error);
  } else {
    outcome["result"] = "alert_sent";
    outcome["alert"] = alert_text(observer_->alert_sent().value_or(error.alert));
    outcome["error"] = error_text(error);
  }
  record_client_certificate(outcome, engine_ ? engine_->negotiated() : nullptr);
  return outcome;
}

void Connection::finish_capture(json outcome) {
  captured_ = true;
  json tls = json::object();
  if (received_prefix_.size() >= 3) {
    tls["record_version"] =
        hex_value(static_cast<std::uint16_t>((received_prefix_[1] << 8) | received_prefix_[2]));
  }
  std::chrono::system_clock::time_point when = first_byte_time_;
  if (const DescribedHello* hello = described_hello()) {
    when = observer_->hello_time();
    tls.update(hello->tls);
  } else {
    tls["raw"] = nullptr;
    tls["received"] = to_hex(received_prefix_);
    tls["received_length"] = bytes_in_;
  }
  capture_ = {{"time", iso8601(when)},
              {"peer", peer_},
              {"tls", std::move(tls)},
              {"outcome", std::move(outcome)}};
  if (!settings_.store->append(capture_)) failure_ += " (capture not written completely)";
}

std::string Connection::log_line(SteadyClock::time_point now) const {
  const auto ms = std::chrono::duration_cast<std::chrono::milliseconds>(now - start_).count();
  std::string line =
      fmt::format("{} #{} {} ", iso8601(std::chrono::system_clock::now()), id_, peer_);
  if (captured_) {
    const json& outcome = capture_["outcome"];
    const json& tls = capture_["tls"];
    line += outcome.value("result", "?");
    if (outcome.contains("alert")) line += " alert=" + outcome.value("alert", "");
    if (outcome.contains("cipher_suite")) line += " " + outcome.value("cipher_suite", "");
    if (outcome.contains("server_name") && outcome["server_name"].is_string()) {
      line += " sni=" + outcome["server_name"].get<std::string>();
    }
    if (tls.contains("ja4")) line += " ja4=" + tls.value("ja4", "");
    if (tls.contains("ja3_hash")) line += " ja3=" + tls.value("ja3_hash", "");
  } else {
    line += bytes_in_ == 0 ? "no-data" : "no-capture";
  }
  if (!request_summary_.empty()) line += " request=" + request_summary_;
  if (!failure_.empty()) line += fmt::format(" error={:?}", failure_.substr(0, 200));
  line += fmt::format(" in={} out={} {}ms", bytes_in_, bytes_out_, ms);
  return line;
}

}  // namespace hello_capture
