// record_size_limit (RFC 8449 §4):
//
//   uint16 RecordSizeLimit;
//
// "Endpoints MUST NOT send a "record_size_limit" extension with a value smaller than 64. An
// endpoint MUST treat receipt of a smaller value as a fatal error and generate an
// "illegal_parameter" alert." A wrong data length is decode_error. The upper bound depends on the
// protocol version (2^14 for TLS 1.2, §4) and is the negotiation's to enforce or clamp.
#pragma once

#include <cstdint>
#include <vector>

#include "handshake/code_points.hpp"
#include "handshake/wire.hpp"
#include "tlsx/error.hpp"

namespace tlsx::handshake {

inline constexpr std::uint16_t kMinRecordSizeLimit = 64;

struct RecordSizeLimit {
  static constexpr ExtensionType kType = ExtensionType::record_size_limit;

  std::uint16_t limit = 1 << 14;

  [[nodiscard]] static Result<RecordSizeLimit> parse(ByteView data);
  [[nodiscard]] Result<void> serialize(std::vector<std::uint8_t>& out) const;

  friend bool operator==(const RecordSizeLimit&, const RecordSizeLimit&) = default;
};

}  // namespace tlsx::handshake
