#include "recorder.hpp"

#include <algorithm>

#include <fmt/format.h>

namespace tlsx::step {

std::string_view side_name(Side side) noexcept {
  return side == Side::client ? "client" : "server";
}

void Recorder::add_message(Side side, Direction dir, HandshakeType type,
                           std::span<const std::uint8_t> raw) {
  MessageEvent event{side, dir, type, {raw.begin(), raw.end()}};
  (dir == Direction::inbound ? pending_.received : pending_.sent).push_back(std::move(event));
}

void Recorder::add_secret(Side side, SecretKind kind, std::span<const std::uint8_t> value) {
  SecretEvent event{side, kind, {value.begin(), value.end()}, std::nullopt};
  // Both sides derive the same secrets independently: point at where the peer did.
  for (const auto& step : steps_) {
    for (const auto& earlier : step.secrets) {
      if (earlier.side != side && earlier.kind == kind && earlier.value == event.value) {
        event.same_as_step = step.number;
      }
    }
  }
  pending_.secrets.push_back(std::move(event));
  // An engine that reports only the key block's six parts: show the whole block before them
  // (engines that report key_block themselves do so before the parts).
  if (kind == SecretKind::server_write_iv) {
    auto& secrets = pending_.secrets;
    const bool reported = std::any_of(secrets.begin(), secrets.end(), [&](const SecretEvent& s) {
      return s.side == side && s.kind == SecretKind::key_block;
    });
    if (reported) return;
    const auto first = std::find_if(secrets.begin(), secrets.end(), [&](const SecretEvent& s) {
      return s.side == side && s.kind == SecretKind::client_write_mac_key;
    });
    if (first == secrets.end()) return;
    SecretEvent block{side, SecretKind::key_block, {}, std::nullopt};
    for (auto it = first; it != secrets.end(); ++it) {
      block.value.insert(block.value.end(), it->value.begin(), it->value.end());
    }
    block.same_as_step = first->same_as_step;
    secrets.insert(first, std::move(block));
  }
}

void Recorder::add_record(WireRecord record, bool outbound) {
  (outbound ? pending_.records_out : pending_.records_in).push_back(std::move(record));
}

void Recorder::note_sent_records(const std::vector<WireRecord>& records) {
  constexpr std::uint8_t kChangeCipherSpec = 20;
  for (const auto& r : records) {
    if (r.bytes[0] == kChangeCipherSpec && !steps_.empty()) {
      steps_.back().sent_change_cipher_spec = true;
    }
  }
}

void Recorder::add_sent_records(std::vector<WireRecord> records, bool to_pending) {
  if (records.empty()) return;
  if (!to_pending) note_sent_records(records);
  auto& target = steps_.empty() || to_pending ? pending_.records_out : steps_.back().records_out;
  for (auto& r : records) target.push_back(std::move(r));
}

std::string Recorder::state_of(Side side) const {
  const Engine* engine = engines_[index(side)];
  if (engine == nullptr) return remote_peer_ ? "(remote peer)" : "(not started)";
  return std::string(engine->state());
}

DissectContext Recorder::context() const {
  DissectContext context;
  for (const Engine* engine : engines_) {
    if (engine == nullptr || engine->negotiated() == nullptr) continue;
    const auto* n = engine->negotiated();
    if (n->cipher_suite_name.empty()) continue;
    context.suite = handshake::find_cipher_suite(n->cipher_suite);
    context.encrypt_then_mac = n->encrypt_then_mac;
  }
  return context;
}

void Recorder::close_pending(Step step) {
  step.number = static_cast<int>(steps_.size());
  step.client_state = state_of(Side::client);
  step.server_state = state_of(Side::server);
  step.dissect_sent = remote_peer_;
  if (remote_peer_) {
    step.remote = engines_[index(Side::client)] == nullptr ? Side::client : Side::server;
  }
  step.context = context();
  steps_.push_back(std::move(step));
  pending_ = Step{};
}

void Recorder::transition(Side actor, std::string_view from, std::string_view to,
                          const FlowStep& flow) {
  Step step = std::move(pending_);
  step.actor = actor;
  step.message = std::string(flow.message);
  step.sender = flow.direction == Direction::inbound ? other(actor) : actor;
  step.rfc_section = std::string(flow.rfc_section);
  step.from_state = std::string(from);
  step.to_state = std::string(to);
  step.title = fmt::format("{} handles {} from the {}", side_name(actor), flow.message,
                           side_name(step.sender));
  if (actor == Side::client && flow.message == "Certificate") note_verification(step);
  close_pending(std::move(step));
}

void Recorder::note_verification(Step& step) const {
  const Engine* client = engines_[index(Side::client)];
  const Negotiated* n = client != nullptr ? client->negotiated() : nullptr;
  if (n == nullptr) return;
  const auto& chain = n->verified_chain;
  if (chain.empty()) {
    step.notes.push_back("certificate chain NOT verified (--insecure)");
    return;
  }
  std::string path;
  for (std::size_t i = 0; i < chain.size(); ++i) {
    path += (i == 0 ? "" : " <- signed by ") + chain.subject(i);
  }
  step.notes.push_back(
      fmt::format("certificate chain verified: {} (trust anchor); the leaf is "
                  "valid for \"{}\" and, at the engine's clock, in date",
                  path, n->server_name));
}

void Recorder::manual_step(std::string title, std::string plaintext) {
  Step step = std::move(pending_);
  step.title = std::move(title);
  step.plaintext = std::move(plaintext);
  close_pending(std::move(step));
}

void Recorder::label_last(std::string message, Side sender, std::string rfc_section) {
  if (steps_.empty()) return;
  steps_.back().message = std::move(message);
  steps_.back().sender = sender;
  steps_.back().rfc_section = std::move(rfc_section);
}

void StepObserver::on_alert(Direction dir, AlertLevel level, AlertDescription description) {
  recorder_.add_note(fmt::format("{} {} alert {}: {}", side_name(side_),
                                 dir == Direction::inbound ? "received" : "sent", to_string(level),
                                 to_string(description)));
}

}  // namespace tlsx::step
