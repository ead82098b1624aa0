// Vocabulary shared by every handshake message codec: owned byte strings, the 32-byte Random,
// and the two ways a codec ends (a parse error with its position, a serializer overflow).
//
// Codecs copy what they parse into owned vectors (Opaque) instead of keeping views into the input,
// so a parsed message outlives the record buffer it came from; handshake messages are small and
// parsed once, so the copies cost nothing that matters.
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <span>
#include <string_view>
#include <vector>

#include "tlsx/byte_reader.hpp"
#include "tlsx/byte_writer.hpp"
#include "tlsx/error.hpp"

namespace tlsx::handshake {

/// `opaque x<..>` in RFC notation: an owned byte string.
using Opaque = std::vector<std::uint8_t>;
/// A read-only view of input bytes.
using ByteView = std::span<const std::uint8_t>;
/// `Random` (RFC 5246 §7.4.1.2): 32 bytes, the first 4 traditionally gmt_unix_time.
using Random = std::array<std::uint8_t, 32>;
/// `opaque SessionID<0..32>` (RFC 5246 §7.4.1.2).
inline constexpr std::size_t kMaxSessionIdSize = 32;

[[nodiscard]] inline Opaque to_opaque(ByteView bytes) {
  return {bytes.begin(), bytes.end()};
}

/// decode_error for a parser whose reader failed or did not reach the end:
/// "<what>: malformed or truncated at byte N" / "<what>: N trailing bytes".
[[nodiscard]] std::unexpected<Error> malformed(std::string_view what, const ByteReader& r);

/// Ends a serializer that appended to out from offset start. If a length prefix overflowed, the
/// partial output is removed again and the error names the message or extension.
[[nodiscard]] Result<void> finish_write(const ByteWriter& w, std::vector<std::uint8_t>& out,
                                        std::size_t start, std::string_view what);

/// Serializes any codec (anything with `Result<void> serialize(std::vector<uint8_t>&) const`)
/// into a fresh buffer.
template <class Codec>
[[nodiscard]] Result<Opaque> encode(const Codec& value) {
  Opaque out;
  auto written = value.serialize(out);
  if (!written) return std::unexpected(std::move(written.error()));
  return out;
}

}  // namespace tlsx::handshake
