// RecordWriter: the outbound half of the record layer, sans I/O.
//
// Data of one content type is cut into records of at most max_fragment plaintext bytes (2^14 by
// default, RFC 5246 §6.2.1; lower for record_size_limit, RFC 8449), each protected under the
// current write state with the next sequence number, and appended to an output buffer the caller
// drains:
//
//   writer.write_application_data(data);
//   send(writer.pending_output());               // however much the transport takes ...
//   writer.consume_output(sent);                 // ... is dropped from the buffer
//
// write_change_cipher_spec() sends the ChangeCipherSpec under the old state and then switches to
// the pending one, with the sequence number back at 0 (RFC 5246 §7.1). After a close_notify or
// a fatal alert nothing more can be written. Errors are sticky.
#pragma once

#include <cstddef>
#include <cstdint>
#include <memory>
#include <optional>
#include <span>
#include <vector>

#include "record/alert_message.hpp"
#include "record/content_type.hpp"
#include "record/direction_state.hpp"
#include "record/record_protection.hpp"
#include "tlsx/error.hpp"
#include "tlsx/observer.hpp"

namespace tlsx::record {

class RecordWriter {
 public:
  RecordWriter() = default;

  /// Largest plaintext per record, 1..2^14.
  [[nodiscard]] Result<void> set_max_fragment(std::size_t max_fragment);
  [[nodiscard]] std::size_t max_fragment() const noexcept { return max_fragment_; }
  /// The record-layer version written in headers (and MACed): 0x0303 unless a client chooses
  /// another {3,xx} for its first ClientHello (RFC 5246 Appendix E.1).
  void set_version(std::uint16_t version) noexcept { version_ = version; }
  /// The write protection the next write_change_cipher_spec() switches to.
  void set_pending(std::unique_ptr<RecordProtection> pending) noexcept {
    state_.set_pending(std::move(pending));
  }

  /// Reports each record as written (protected) and each protection change to observer
  /// (borrowed; nullptr: nothing is reported).
  void set_observer(Observer* observer) noexcept { observer_ = observer; }

  /// One or more complete handshake messages (headers included), fragmented as needed.
  [[nodiscard]] Result<void> write_handshake(std::span<const std::uint8_t> messages);
  /// Application data, fragmented; nothing is written for empty data.
  [[nodiscard]] Result<void> write_application_data(std::span<const std::uint8_t> data);
  /// One alert record. close_notify or any fatal alert closes the writer.
  [[nodiscard]] Result<void> write_alert(const AlertMessage& alert);
  /// The ChangeCipherSpec record, then the pending write state becomes current.
  [[nodiscard]] Result<void> write_change_cipher_spec();

  /// Bytes waiting to be sent.
  [[nodiscard]] std::span<const std::uint8_t> pending_output() const noexcept {
    return std::span(output_).subspan(sent_);
  }
  /// n bytes of pending_output() were sent (clamped to what is pending).
  void consume_output(std::size_t n) noexcept;

  [[nodiscard]] bool closed() const noexcept { return closed_; }
  [[nodiscard]] const DirectionState& state() const noexcept { return state_; }
  [[nodiscard]] DirectionState& state_for_testing() noexcept { return state_; }
  [[nodiscard]] const Error* error() const noexcept { return error_ ? &*error_ : nullptr; }

 private:
  [[nodiscard]] Result<void> write_records(ContentType type, std::span<const std::uint8_t> data);
  [[nodiscard]] Result<void> write_one_record(ContentType type,
                                              std::span<const std::uint8_t> plaintext);
  [[nodiscard]] Result<void> check_writable() const;

  DirectionState state_;
  std::size_t max_fragment_ = kMaxPlaintextSize;
  std::uint16_t version_ = kTls12;
  std::vector<std::uint8_t> output_;
  std::size_t sent_ = 0;
  bool closed_ = false;
  std::optional<Error> error_;
  Observer* observer_ = nullptr;
};

}  // namespace tlsx::record
