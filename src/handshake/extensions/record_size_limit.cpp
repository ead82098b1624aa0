#include "handshake/extensions/record_size_limit.hpp"

#include <fmt/format.h>

namespace tlsx::handshake {

Result<RecordSizeLimit> RecordSizeLimit::parse(ByteView data) {
  ByteReader r(data);
  RecordSizeLimit out;
  if (!(r.u16(out.limit) && r.empty())) return malformed("record_size_limit extension", r);
  if (out.limit < kMinRecordSizeLimit) {
    return fail(ErrorCode::illegal_parameter, AlertDescription::illegal_parameter,
                fmt::format("record_size_limit extension: {} is below 64", out.limit));
  }
  return out;
}

Result<void> RecordSizeLimit::serialize(std::vector<std::uint8_t>& out) const {
  if (limit < kMinRecordSizeLimit) return fail_argument("record_size_limit extension: below 64");
  ByteWriter w(out);
  w.u16(limit);
  return {};
}

}  // namespace tlsx::handshake
