// DirectionState: the cipher state of one direction (read or write). RFC 5246 §6.1 keeps a
// "current" and a "pending" state per direction; the handshake fills the pending one, and a
// ChangeCipherSpec makes it current and resets the sequence number to 0 (Go's
// halfConn.prepareCipherSpec / changeCipherSpec).
#pragma once

#include <memory>

#include "record/null_protection.hpp"
#include "record/record_protection.hpp"
#include "record/sequence_number.hpp"
#include "tlsx/error.hpp"

namespace tlsx::record {

class DirectionState {
 public:
  DirectionState() : current_(make_null_protection()) {}

  /// Installs the protection a coming ChangeCipherSpec will switch to (replacing any earlier one).
  void set_pending(std::unique_ptr<RecordProtection> pending) noexcept {
    pending_ = std::move(pending);
  }
  [[nodiscard]] bool has_pending() const noexcept { return pending_ != nullptr; }

  /// ChangeCipherSpec: pending becomes current, the sequence number restarts at 0. Without a
  /// pending state the ChangeCipherSpec came too early: unexpected_message (RFC 5246 §7.1 requires
  /// it to come after the key exchange; §7.2.2).
  [[nodiscard]] Result<void> activate_pending() {
    if (!pending_) {
      return fail(ErrorCode::unexpected_message, AlertDescription::unexpected_message,
                  "ChangeCipherSpec before the keys are known");
    }
    current_ = std::move(pending_);
    sequence_.reset();
    return {};
  }

  [[nodiscard]] RecordProtection& current() noexcept { return *current_; }
  [[nodiscard]] const RecordProtection& current() const noexcept { return *current_; }
  [[nodiscard]] SequenceNumber& sequence() noexcept { return sequence_; }
  [[nodiscard]] const SequenceNumber& sequence() const noexcept { return sequence_; }

 private:
  std::unique_ptr<RecordProtection> current_;
  std::unique_ptr<RecordProtection> pending_;
  SequenceNumber sequence_;
};

}  // namespace tlsx::record
