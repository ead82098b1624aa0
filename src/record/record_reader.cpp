#include "record/record_reader.hpp"

#include <string>

#include <fmt/format.h>

#include "record/change_cipher_spec.hpp"
#include "record/record_header.hpp"

namespace tlsx::record {

namespace {

Error interleaved(ContentType type) {
  return Error{ErrorCode::unexpected_message, AlertDescription::unexpected_message, Origin::local,
               fmt::format("{} record inside a fragmented handshake message", to_string(type))};
}

InboundEvent handshake_event(const HandshakeMessage& message) {
  InboundEvent event;
  event.kind = InboundKind::handshake;
  event.handshake = message;
  return event;
}

InboundEvent alert_event(InboundKind kind, const AlertMessage& alert) {
  InboundEvent event;
  event.kind = kind;
  event.alert = alert;
  return event;
}

InboundEvent data_event(std::span<const std::uint8_t> data) {
  InboundEvent event;
  event.kind = InboundKind::application_data;
  event.data = data;
  return event;
}

InboundEvent change_cipher_spec_event() {
  InboundEvent event;
  event.kind = InboundKind::change_cipher_spec;
  return event;
}

}  // namespace

RecordReader::RecordReader(const ReaderLimits& limits)
    : limits_(limits), reassembler_(limits.handshake) {
  if (limits_.max_plaintext > kMaxPlaintextSize) limits_.max_plaintext = kMaxPlaintextSize;
  deframer_.set_max_fragment(limits_.max_plaintext);
}

Result<void> RecordReader::set_max_plaintext(std::size_t max_plaintext) {
  if (max_plaintext == 0 || max_plaintext > kMaxPlaintextSize) {
    return fail_argument(fmt::format("max plaintext {} not in 1..2^14", max_plaintext));
  }
  limits_.max_plaintext = max_plaintext;
  if (state_.current().is_null()) deframer_.set_max_fragment(max_plaintext);
  return {};
}

std::unexpected<Error> RecordReader::stick(Error error) {
  error_ = error;
  return std::unexpected(std::move(error));
}

void RecordReader::release_handed_out_record() noexcept {
  if (record_handed_out_) {
    deframer_.discard_record();
    record_handed_out_ = false;
  }
}

Result<std::size_t> RecordReader::feed(std::span<const std::uint8_t> from_peer) {
  if (error_) return std::unexpected(*error_);
  // Data after close_notify is ignored (RFC 5246 §7.2.1).
  if (closed_) return from_peer.size();
  release_handed_out_record();
  auto taken = deframer_.feed(from_peer);
  if (!taken) return stick(taken.error());
  return taken;
}

Result<InboundEvent> RecordReader::next() {
  if (error_) return std::unexpected(*error_);
  release_handed_out_record();
  // Messages already reassembled come first: one record may carry several.
  if (auto message = reassembler_.next()) {
    return handshake_event(*message);
  }
  if (closed_ || !deframer_.has_record()) return InboundEvent{};
  return process_record();
}

void RecordReader::report_record(const RawRecord& record) {
  // The deframer keeps header and fragment apart; the observer gets them as on the wire.
  observed_record_.clear();
  write_record_header(observed_record_, record.header);
  observed_record_.insert(observed_record_.end(), record.fragment.begin(), record.fragment.end());
  observer_->on_record(Direction::inbound, observed_record_);
}

Result<InboundEvent> RecordReader::process_record() {
  RawRecord record = deframer_.record();
  if (observer_ != nullptr) report_record(record);
  auto sequence = state_.sequence().take();
  if (!sequence) return stick(sequence.error());
  const RecordContext context{*sequence, record.header.type, record.header.version};
  auto opened = state_.current().open(context, record.fragment);
  if (!opened) return stick(opened.error());
  const std::span<const std::uint8_t> plaintext = *opened;

  if (plaintext.size() > limits_.max_plaintext) {
    return stick(Error{ErrorCode::record_overflow, AlertDescription::record_overflow, Origin::local,
                       fmt::format("record plaintext of {} bytes exceeds the limit of {}",
                                   plaintext.size(), limits_.max_plaintext)});
  }
  if (auto nonempty = check_fragment_not_empty(record.header.type, plaintext.size()); !nonempty) {
    return stick(nonempty.error());
  }
  if (record.header.type != ContentType::handshake && reassembler_.has_partial_message()) {
    return stick(interleaved(record.header.type));
  }

  switch (record.header.type) {
    case ContentType::handshake:
      return on_handshake(plaintext);
    case ContentType::alert:
      return on_alert(plaintext);
    case ContentType::change_cipher_spec:
      return on_change_cipher_spec(plaintext);
    case ContentType::application_data:
      return on_application_data(plaintext);
    default:  // the deframer refuses unknown types; kept for the switch rule
      return stick(Error{ErrorCode::unexpected_message, AlertDescription::unexpected_message,
                         Origin::local, "unknown content type"});
  }
}

Result<InboundEvent> RecordReader::on_handshake(std::span<const std::uint8_t> plaintext) {
  note_progress();
  auto added = reassembler_.add_fragment(plaintext);
  deframer_.discard_record();  // the reassembler has its own copy
  if (!added) return stick(added.error());
  if (auto message = reassembler_.next()) {
    return handshake_event(*message);
  }
  return InboundEvent{};
}

Result<InboundEvent> RecordReader::on_alert(std::span<const std::uint8_t> plaintext) {
  auto alert = parse_alert(plaintext);
  deframer_.discard_record();
  if (!alert) return stick(alert.error());
  if (alert->is_close_notify()) {
    closed_ = true;
    return alert_event(InboundKind::close_notify, *alert);
  }
  if (alert->is_fatal()) {
    return stick(Error{ErrorCode::peer_alert, alert->description, Origin::peer, ""});
  }
  if (++warnings_in_row_ > limits_.max_warning_alerts) {
    return stick(
        Error{ErrorCode::limit, AlertDescription::unexpected_message, Origin::local,
              fmt::format("more than {} warning alerts in a row", limits_.max_warning_alerts)});
  }
  return alert_event(InboundKind::warning_alert, *alert);
}

Result<InboundEvent> RecordReader::on_change_cipher_spec(std::span<const std::uint8_t> plaintext) {
  auto parsed = parse_change_cipher_spec(plaintext);
  deframer_.discard_record();
  if (!parsed) return stick(parsed.error());
  if (!reassembler_.empty()) return stick(interleaved(ContentType::change_cipher_spec));
  const std::string from = observer_ != nullptr ? state_.current().name() : std::string();
  if (auto activated = state_.activate_pending(); !activated) return stick(activated.error());
  if (observer_ != nullptr) {
    observer_->on_protection_change(Direction::inbound, from, state_.current().name());
  }
  note_progress();
  // Protected records may be longer than their plaintext by up to 2048 bytes (RFC 5246 §6.2.3).
  deframer_.set_max_fragment(state_.current().is_null() ? limits_.max_plaintext
                                                        : kMaxCiphertextSize);
  return change_cipher_spec_event();
}

Result<InboundEvent> RecordReader::on_application_data(std::span<const std::uint8_t> plaintext) {
  if (plaintext.empty()) {
    deframer_.discard_record();
    if (++empty_records_in_row_ > limits_.max_empty_records) {
      return stick(Error{ErrorCode::limit, AlertDescription::unexpected_message, Origin::local,
                         fmt::format("more than {} empty application_data records in a row",
                                     limits_.max_empty_records)});
    }
    return InboundEvent{};
  }
  note_progress();
  record_handed_out_ = true;  // the event points into the deframer's buffer
  return data_event(plaintext);
}

Result<void> RecordReader::end_of_stream() {
  if (closed_) return {};
  if (error_) return std::unexpected(*error_);
  return stick(Error{ErrorCode::truncated, AlertDescription::unexpected_message, Origin::local,
                     deframer_.mid_record()
                         ? "the stream ended inside a record, without close_notify"
                         : "the stream ended without close_notify"});
}

}  // namespace tlsx::record
