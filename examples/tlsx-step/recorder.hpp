// Recorder: the Observer side of tlsx-step. One StepObserver per engine feeds a shared Recorder,
// which gathers events and closes a Step at every transition; on_transition pauses the engine so
// that the driver can show the step before anything else happens.
#pragma once

#include <functional>
#include <string>
#include <vector>

#include "run_model.hpp"
#include "tlsx/engine.hpp"
#include "tlsx/observer.hpp"

namespace tlsx::step {

class Recorder {
 public:
  /// The engines, for their states and negotiated parameters (nullptr: remote peer).
  void attach(Side side, const Engine* engine) { engines_[index(side)] = engine; }
  void set_remote_peer(bool remote) { remote_peer_ = remote; }

  void add_message(Side side, Direction dir, HandshakeType type, std::span<const std::uint8_t> raw);
  void add_secret(Side side, SecretKind kind, std::span<const std::uint8_t> value);
  void add_record(WireRecord record, bool outbound);
  void add_note(std::string note) { pending_.notes.push_back(std::move(note)); }
  /// Closes the pending step as the actor's transition.
  void transition(Side actor, std::string_view from, std::string_view to, const FlowStep& step);
  /// Closes the pending step without a transition (start, application data, close).
  void manual_step(std::string title, std::string plaintext = {});
  /// Names the flow message of the last step (the ClientHello, which has no transition).
  void label_last(std::string message, Side sender, std::string rfc_section);

  [[nodiscard]] std::vector<Step>& steps() noexcept { return steps_; }
  [[nodiscard]] std::string state_of(Side side) const;
  [[nodiscard]] DissectContext context() const;
  /// Attaches records the actor sent to the step that produced them: the last one, or the
  /// pending one (a failure's alert, sent before its step closes).
  void add_sent_records(std::vector<WireRecord> records, bool to_pending = false);
  /// In-process, records go to the peer's step; the sender's step only learns that a
  /// ChangeCipherSpec (no handshake message, so no on_message) went out.
  void note_sent_records(const std::vector<WireRecord>& records);

 private:
  static std::size_t index(Side side) { return side == Side::client ? 0 : 1; }
  void close_pending(Step step);
  /// The client verified the server's chain while handling Certificate: say against what.
  void note_verification(Step& step) const;

  const Engine* engines_[2] = {nullptr, nullptr};
  bool remote_peer_ = false;
  Step pending_;
  std::vector<Step> steps_;
};

class StepObserver final : public Observer {
 public:
  StepObserver(Side side, Recorder& recorder, bool pause)
      : side_(side), recorder_(recorder), pause_(pause) {}

  void on_message(Direction dir, HandshakeType type, std::span<const std::uint8_t> raw) override {
    recorder_.add_message(side_, dir, type, raw);
  }
  void on_secret(SecretKind kind, std::span<const std::uint8_t> value) override {
    recorder_.add_secret(side_, kind, value);
  }
  Action on_transition(std::string_view from, std::string_view to, const FlowStep& step) override {
    recorder_.transition(side_, from, to, step);
    return pause_ ? Action::pause : Action::proceed;
  }
  void on_alert(Direction dir, AlertLevel level, AlertDescription description) override;

 private:
  Side side_;
  Recorder& recorder_;
  bool pause_;
};

}  // namespace tlsx::step
