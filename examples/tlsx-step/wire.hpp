// The byte stream between the two sides, cut into records: the stepper feeds engines one record
// at a time (so that each step shows the records it consumed) and can re-cut plaintext handshake
// records into smaller ones (--fragment), which the receiving engine must reassemble.
#pragma once

#include <cstddef>
#include <cstdint>
#include <span>
#include <vector>

#include "run_model.hpp"

namespace tlsx::step {

/// Cuts one direction of the stream into records (5-byte header + length bytes) and remembers
/// whether the sender has switched to encryption (after its ChangeCipherSpec record).
class RecordSplitter {
 public:
  explicit RecordSplitter(Side from) : from_(from) {}
  /// Appends bytes; returns the records completed by them.
  std::vector<WireRecord> push(std::span<const std::uint8_t> bytes);
  /// Bytes of an incomplete record still held.
  [[nodiscard]] std::size_t held() const noexcept { return buffer_.size(); }

 private:
  Side from_;
  std::vector<std::uint8_t> buffer_;
  bool encrypting_ = false;
};

/// Re-cuts a plaintext handshake record into records of at most max_fragment bytes of fragment
/// each (same type and version); other records, and max_fragment 0, pass unchanged.
[[nodiscard]] std::vector<WireRecord> refragment(WireRecord record, std::size_t max_fragment);

}  // namespace tlsx::step
