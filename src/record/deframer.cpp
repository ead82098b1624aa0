#include "record/deframer.hpp"

#include <algorithm>

#include "tlsx/crypto/constant_time.hpp"

namespace tlsx::record {

RecordDeframer::RecordDeframer() {
  body_.reserve(kMaxCiphertextSize);
}

RecordDeframer::~RecordDeframer() {
  body_.resize(body_.capacity());  // so that stale bytes past size() are wiped too
  crypto::secure_wipe(body_);
}

Result<std::size_t> RecordDeframer::feed(std::span<const std::uint8_t> in) {
  if (error_) return std::unexpected(*error_);
  std::size_t taken = 0;
  if (!header_) {
    const std::size_t n = std::min(kRecordHeaderSize - header_fill_, in.size());
    std::copy_n(in.begin(), n, header_bytes_.begin() + static_cast<std::ptrdiff_t>(header_fill_));
    header_fill_ += n;
    taken += n;
    if (header_fill_ < kRecordHeaderSize) return taken;
    auto header = parse_record_header(header_bytes_, version_check_, max_fragment_);
    if (!header) {
      error_ = header.error();
      return std::unexpected(*error_);
    }
    header_ = *header;
    body_.clear();
  }
  const std::size_t want = header_->length - body_.size();
  const std::size_t n = std::min(want, in.size() - taken);
  const auto from = in.subspan(taken, n);
  body_.insert(body_.end(), from.begin(), from.end());
  return taken + n;
}

void RecordDeframer::discard_record() noexcept {
  header_.reset();
  header_fill_ = 0;
  body_.clear();
}

}  // namespace tlsx::record
