// RecordDeframer: cuts a byte stream into records, one at a time, sans I/O.
//
// Bytes are copied in only up to the end of the current record, so at most one record
// (5 + 2^14 + 2048 bytes) is ever buffered, whatever the peer sends. The header is checked the
// moment its fifth byte arrives (parse_record_header), before any of the body is accepted.
// "Needs more data" is not an error: feed() takes what it can and has_record() says whether a
// whole record is there. Errors are sticky: once a header was refused, every later feed() fails
// with the same error.
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <span>
#include <vector>

#include "record/record_header.hpp"
#include "tlsx/error.hpp"

namespace tlsx::record {

/// A complete record as received. The fragment may be decrypted in place; it stays valid until
/// RecordDeframer::discard_record().
struct RawRecord {
  RecordHeader header;
  std::span<std::uint8_t> fragment;
};

class RecordDeframer {
 public:
  RecordDeframer();
  /// The buffer held decrypted plaintext: it is wiped.
  ~RecordDeframer();
  RecordDeframer(const RecordDeframer&) = delete;
  RecordDeframer& operator=(const RecordDeframer&) = delete;
  RecordDeframer(RecordDeframer&&) noexcept = default;
  RecordDeframer& operator=(RecordDeframer&&) noexcept = default;

  /// The version rule and the fragment limit apply to headers completed from now on.
  void set_version_check(VersionCheck check) noexcept { version_check_ = check; }
  /// kMaxPlaintextSize while the read direction is unprotected, kMaxCiphertextSize after.
  void set_max_fragment(std::size_t max_fragment) noexcept { max_fragment_ = max_fragment; }

  /// Copies bytes from `in` up to the end of the current record and returns how many it took:
  /// 0 when a complete record is waiting for discard_record().
  [[nodiscard]] Result<std::size_t> feed(std::span<const std::uint8_t> in);

  /// True when a whole record is buffered.
  [[nodiscard]] bool has_record() const noexcept {
    return header_.has_value() && body_.size() == header_->length;
  }
  /// The buffered record (has_record() must be true; otherwise an empty default record).
  [[nodiscard]] RawRecord record() noexcept {
    return {header_.value_or(RecordHeader{}), std::span(body_)};
  }
  /// Drops the buffered record so the next one can come in.
  void discard_record() noexcept;

  /// True when part of a record is buffered: the stream ending now would cut it.
  [[nodiscard]] bool mid_record() const noexcept { return header_fill_ > 0 && !has_record(); }

 private:
  VersionCheck version_check_ = VersionCheck::tls12;
  std::size_t max_fragment_ = kMaxPlaintextSize;
  std::array<std::uint8_t, kRecordHeaderSize> header_bytes_{};
  std::size_t header_fill_ = 0;
  std::optional<RecordHeader> header_;  ///< set once the header was checked
  std::vector<std::uint8_t> body_;
  std::optional<Error> error_;
};

}  // namespace tlsx::record
