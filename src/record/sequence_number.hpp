// The per-direction record sequence number (RFC 5246 §6.1): starts at 0 when a cipher spec
// becomes current and counts every record sent or received under it.
#pragma once

#include <cstdint>
#include <limits>

#include "tlsx/error.hpp"

namespace tlsx::record {

class SequenceNumber {
 public:
  /// The number for the next record, then counts it. "Sequence numbers are of type uint64 and may
  /// not exceed 2^64-1 ... If a TLS implementation would need to wrap a sequence number, it must
  /// renegotiate instead" (RFC 5246 §6.1): after 2^64-1 has been used, this fails with
  /// ErrorCode::limit rather than wrap to 0 and reuse a nonce.
  [[nodiscard]] Result<std::uint64_t> take() noexcept {
    if (exhausted_) {
      return fail(ErrorCode::limit, AlertDescription::internal_error,
                  "record sequence number would wrap past 2^64-1");
    }
    const std::uint64_t current = next_;
    if (next_ == std::numeric_limits<std::uint64_t>::max()) {
      exhausted_ = true;
    } else {
      ++next_;
    }
    return current;
  }

  /// The number the next record will get (for tests and the observer).
  [[nodiscard]] std::uint64_t peek() const noexcept { return next_; }
  [[nodiscard]] bool exhausted() const noexcept { return exhausted_; }

  /// Back to 0: a new cipher spec became current (ChangeCipherSpec).
  void reset() noexcept {
    next_ = 0;
    exhausted_ = false;
  }
  /// Jumps to n (tests: exercising the wrap limit without sending 2^64 records).
  void set_for_testing(std::uint64_t n) noexcept {
    next_ = n;
    exhausted_ = false;
  }

 private:
  std::uint64_t next_ = 0;
  bool exhausted_ = false;
};

}  // namespace tlsx::record
