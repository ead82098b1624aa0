// RecordReader: the inbound half of the record layer, sans I/O.
//
//   bytes from the peer --feed()--> RecordDeframer --> DirectionState (decrypt, seq)
//       --> content dispatch --next()--> InboundEvent (handshake message, ChangeCipherSpec,
//           application data, warning alert, close_notify) or "need more data"
//
// Usage:
//   while (!input.empty()) {
//     auto taken = reader.feed(input);            // copies up to the end of one record
//     if (!taken) return taken.error();
//     input = input.subspan(*taken);
//     for (;;) {
//       auto event = reader.next();               // decrypts and dispatches that record
//       if (!event) return event.error();         // send event.error().alert, then stop
//       if (event->kind == InboundKind::need_more_data) break;
//       handle(*event);
//     }
//   }
//
// What is enforced here, with the alert RFC 5246 gives:
//   - header checks (type, version, length) before the body arrives (record_header.hpp);
//   - decryption under the current read state; failure is bad_record_mac;
//   - decrypted plaintext over the limit (2^14 by default): record_overflow (§6.2.1, §7.2.2);
//   - zero-length handshake / alert / change_cipher_spec: unexpected_message (§6.2.1);
//   - zero-length application data is allowed (§6.2.1) but at most max_empty_records in a row;
//   - no other content type between the fragments of one handshake message: unexpected_message.
//     RFC 5246 §6.2.1 lets content types interleave in general, but a record of another type in
//     the middle of a message has no legitimate use: a ChangeCipherSpec there would split one
//     message across two cipher states (Go refuses that for TLS 1.2 too), and an alert or
//     application data there only serves to confuse the state machine. TLS 1.3 made the rule
//     explicit (RFC 8446 §5.1: "Handshake messages MUST NOT be interleaved with other record
//     types"); tlsx applies it to TLS 1.2 as a deliberate strictness;
//   - alerts: exactly 2 bytes (decode_error); a fatal alert ends the connection
//     (ErrorCode::peer_alert, Origin::peer); close_notify is a clean end of the stream
//     (§7.2.1); other warnings are handed up and may be ignored (§7.2: "the receiving party may
//     continue"), at most max_warning_alerts in a row;
//   - ChangeCipherSpec: exactly the byte 0x01 (decode_error), only when a pending read state
//     exists (unexpected_message); it makes that state current with sequence number 0;
//   - the stream ending without close_notify: ErrorCode::truncated (end_of_stream()).
// Every error is sticky: the reader stays failed.
#pragma once

#include <cstddef>
#include <cstdint>
#include <memory>
#include <optional>
#include <span>
#include <vector>

#include "record/alert_message.hpp"
#include "record/deframer.hpp"
#include "record/direction_state.hpp"
#include "record/handshake_reassembler.hpp"
#include "record/record_protection.hpp"
#include "tlsx/error.hpp"
#include "tlsx/observer.hpp"

namespace tlsx::record {

struct ReaderLimits {
  HandshakeSizeLimits handshake;
  /// Largest plaintext accepted in one record (2^14; lower when record_size_limit was announced).
  std::size_t max_plaintext = kMaxPlaintextSize;
  /// Zero-length application_data records accepted in a row without any data in between.
  std::size_t max_empty_records = 32;
  /// Warning alerts (other than close_notify) accepted in a row without any data in between.
  std::size_t max_warning_alerts = 16;
};

enum class InboundKind : std::uint8_t {
  need_more_data,      ///< feed more bytes (not an error)
  handshake,           ///< one complete handshake message
  change_cipher_spec,  ///< the read direction switched to the pending protection
  application_data,    ///< a non-empty piece of application data
  warning_alert,       ///< a warning alert other than close_notify
  close_notify,        ///< the peer closed its side cleanly; nothing more will be read
};

/// One thing the reader found. The spans stay valid until the next feed() or next() call.
struct InboundEvent {
  InboundKind kind = InboundKind::need_more_data;
  HandshakeMessage handshake;          ///< kind == handshake
  AlertMessage alert;                  ///< kind == warning_alert or close_notify
  std::span<const std::uint8_t> data;  ///< kind == application_data
};

class RecordReader {
 public:
  explicit RecordReader(const ReaderLimits& limits = {});

  /// VersionCheck::tls_family until the version is negotiated, then VersionCheck::tls12.
  void set_version_check(VersionCheck check) noexcept { deframer_.set_version_check(check); }
  /// The read protection the next ChangeCipherSpec switches to.
  void set_pending(std::unique_ptr<RecordProtection> pending) noexcept {
    state_.set_pending(std::move(pending));
  }
  /// Reports each record as deframed (still protected) and each protection change to observer
  /// (borrowed; nullptr: nothing is reported and nothing is copied).
  void set_observer(Observer* observer) noexcept { observer_ = observer; }
  /// Lowers the accepted plaintext size (record_size_limit, RFC 8449); at most 2^14.
  [[nodiscard]] Result<void> set_max_plaintext(std::size_t max_plaintext);

  /// Takes bytes from the peer, up to the end of one record; returns how many it took. Returns 0
  /// while a complete record waits for next(). After close_notify everything is discarded
  /// (and reported as taken).
  [[nodiscard]] Result<std::size_t> feed(std::span<const std::uint8_t> from_peer);

  /// The next event from the bytes fed so far, or InboundKind::need_more_data.
  [[nodiscard]] Result<InboundEvent> next();

  /// The transport reached end of stream. Fine after close_notify; otherwise the data may have been
  /// cut short by an attacker: ErrorCode::truncated.
  [[nodiscard]] Result<void> end_of_stream();

  [[nodiscard]] bool close_notify_received() const noexcept { return closed_; }
  [[nodiscard]] const DirectionState& state() const noexcept { return state_; }
  /// For tests (sequence-number limits).
  [[nodiscard]] DirectionState& state_for_testing() noexcept { return state_; }
  /// The sticky error, if the reader failed.
  [[nodiscard]] const Error* error() const noexcept { return error_ ? &*error_ : nullptr; }

 private:
  [[nodiscard]] Result<InboundEvent> process_record();
  void report_record(const RawRecord& record);
  [[nodiscard]] Result<InboundEvent> on_handshake(std::span<const std::uint8_t> plaintext);
  [[nodiscard]] Result<InboundEvent> on_alert(std::span<const std::uint8_t> plaintext);
  [[nodiscard]] Result<InboundEvent> on_change_cipher_spec(std::span<const std::uint8_t> plaintext);
  [[nodiscard]] Result<InboundEvent> on_application_data(std::span<const std::uint8_t> plaintext);
  /// Records the error as sticky and returns it.
  [[nodiscard]] std::unexpected<Error> stick(Error error);
  void release_handed_out_record() noexcept;
  void note_progress() noexcept {
    empty_records_in_row_ = 0;
    warnings_in_row_ = 0;
  }

  ReaderLimits limits_;
  RecordDeframer deframer_;
  DirectionState state_;
  HandshakeReassembler reassembler_;
  bool record_handed_out_ = false;  ///< an event still points into the deframer's record
  bool closed_ = false;
  std::size_t empty_records_in_row_ = 0;
  std::size_t warnings_in_row_ = 0;
  std::optional<Error> error_;
  Observer* observer_ = nullptr;
  std::vector<std::uint8_t> observed_record_;  ///< header + fragment, only with an observer
};

}  // namespace tlsx::record
