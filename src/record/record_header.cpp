#include "record/record_header.hpp"

#include <fmt/format.h>

#include "tlsx/byte_reader.hpp"
#include "tlsx/byte_writer.hpp"

namespace tlsx::record {

namespace {

bool version_acceptable(std::uint16_t version, VersionCheck check) {
  switch (check) {
    case VersionCheck::tls12:
      return version == kTls12;
    case VersionCheck::tls_family:
      return (version >> 8) == 0x03;
    case VersionCheck::tls10_to_tls12:
      return version >= 0x0301 && version <= kTls12;
    default:
      return false;
  }
}

}  // namespace

Result<RecordHeader> parse_record_header(std::span<const std::uint8_t> header, VersionCheck check,
                                         std::size_t max_fragment) {
  ByteReader r(header);
  std::uint8_t type = 0;
  RecordHeader h;
  if (!(r.u8(type) && r.u16(h.version) && r.u16(h.length) && r.empty())) {
    return fail_decode(
        fmt::format("record header must be {} bytes, got {}", kRecordHeaderSize, header.size()));
  }
  h.type = static_cast<ContentType>(type);
  if (!is_known(h.type)) {
    return fail(ErrorCode::unexpected_message, AlertDescription::unexpected_message,
                fmt::format("record of unknown content type {}", to_string(h.type)));
  }
  if (!version_acceptable(h.version, check)) {
    return fail(ErrorCode::protocol_version, AlertDescription::protocol_version,
                fmt::format("record version 0x{:04x} is not acceptable here", h.version));
  }
  if (h.length > max_fragment) {
    return fail(ErrorCode::record_overflow, AlertDescription::record_overflow,
                fmt::format("{} record of {} bytes exceeds the limit of {}", to_string(h.type),
                            h.length, max_fragment));
  }
  return h;
}

Result<void> check_fragment_not_empty(ContentType type, std::size_t length) {
  if (length != 0 || type == ContentType::application_data) return {};
  return fail(ErrorCode::unexpected_message, AlertDescription::unexpected_message,
              fmt::format("zero-length {} record (RFC 5246 6.2.1 forbids it)", to_string(type)));
}

void write_record_header(std::vector<std::uint8_t>& out, const RecordHeader& header) {
  ByteWriter w(out);
  w.u8(static_cast<std::uint8_t>(header.type));
  w.u16(header.version);
  w.u16(header.length);
}

}  // namespace tlsx::record
