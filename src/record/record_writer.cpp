#include "record/record_writer.hpp"

#include <algorithm>
#include <string>

#include <fmt/format.h>

#include "record/change_cipher_spec.hpp"
#include "record/record_header.hpp"

namespace tlsx::record {

Result<void> RecordWriter::set_max_fragment(std::size_t max_fragment) {
  if (max_fragment == 0 || max_fragment > kMaxPlaintextSize) {
    return fail_argument(fmt::format("record fragment size {} not in 1..2^14", max_fragment));
  }
  max_fragment_ = max_fragment;
  return {};
}

Result<void> RecordWriter::check_writable() const {
  if (error_) return std::unexpected(*error_);
  if (closed_) {
    return fail(ErrorCode::closed, AlertDescription::close_notify,
                "the write side was closed by an alert");
  }
  return {};
}

Result<void> RecordWriter::write_handshake(std::span<const std::uint8_t> messages) {
  if (messages.empty()) return fail_argument("empty handshake data");
  return write_records(ContentType::handshake, messages);
}

Result<void> RecordWriter::write_application_data(std::span<const std::uint8_t> data) {
  return write_records(ContentType::application_data, data);
}

Result<void> RecordWriter::write_alert(const AlertMessage& alert) {
  const auto bytes = serialize(alert);
  if (auto written = write_records(ContentType::alert, bytes); !written) return written;
  if (alert.is_close_notify() || alert.is_fatal()) closed_ = true;
  return {};
}

Result<void> RecordWriter::write_change_cipher_spec() {
  if (auto ok = check_writable(); !ok) return ok;
  if (!state_.has_pending()) {
    return fail_argument("ChangeCipherSpec without a pending write state");
  }
  if (auto written = write_records(ContentType::change_cipher_spec, kChangeCipherSpecPayload);
      !written) {
    return written;
  }
  const std::string from = observer_ != nullptr ? state_.current().name() : std::string();
  if (auto activated = state_.activate_pending(); !activated) return activated;
  if (observer_ != nullptr) {
    observer_->on_protection_change(Direction::outbound, from, state_.current().name());
  }
  return {};
}

Result<void> RecordWriter::write_records(ContentType type, std::span<const std::uint8_t> data) {
  if (auto ok = check_writable(); !ok) return ok;
  while (!data.empty()) {
    const std::size_t n = std::min(data.size(), max_fragment_);
    if (auto written = write_one_record(type, data.first(n)); !written) {
      error_ = written.error();
      return written;
    }
    data = data.subspan(n);
  }
  return {};
}

Result<void> RecordWriter::write_one_record(ContentType type,
                                            std::span<const std::uint8_t> plaintext) {
  auto sequence = state_.sequence().take();
  if (!sequence) return std::unexpected(sequence.error());
  RecordProtection& protection = state_.current();
  const std::size_t fragment_size = protection.sealed_size(plaintext.size());
  if (fragment_size > kMaxCiphertextSize) return fail_argument("record would be too large");

  const std::size_t start = output_.size();
  write_record_header(output_,
                      RecordHeader{type, version_, static_cast<std::uint16_t>(fragment_size)});
  output_.resize(output_.size() + fragment_size);
  const auto fragment = std::span(output_).subspan(start + kRecordHeaderSize);
  auto sealed = protection.seal(RecordContext{*sequence, type, version_}, plaintext, fragment);
  if (!sealed) {
    output_.resize(start);  // no half-built record goes out
    return sealed;
  }
  if (observer_ != nullptr) {
    observer_->on_record(Direction::outbound, std::span(output_).subspan(start));
  }
  return {};
}

void RecordWriter::consume_output(std::size_t n) noexcept {
  sent_ += std::min(n, output_.size() - sent_);
  if (sent_ == output_.size()) {
    output_.clear();
    sent_ = 0;
  } else if (sent_ > output_.size() / 2) {
    output_.erase(output_.begin(), output_.begin() + static_cast<std::ptrdiff_t>(sent_));
    sent_ = 0;
  }
}

}  // namespace tlsx::record
