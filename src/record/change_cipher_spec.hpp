// The ChangeCipherSpec message (RFC 5246 §7.1):
//
//   struct {
//       enum { change_cipher_spec(1), (255) } type;
//   } ChangeCipherSpec;
#pragma once

#include <array>
#include <cstdint>
#include <span>

#include "tlsx/error.hpp"

namespace tlsx::record {

/// The one valid ChangeCipherSpec payload: type change_cipher_spec(1).
inline constexpr std::uint8_t kChangeCipherSpecType = 0x01;
inline constexpr std::array<std::uint8_t, 1> kChangeCipherSpecPayload{kChangeCipherSpecType};

/// Accepts exactly the single byte 0x01. Anything else is decode_error: a different length is "the
/// length of the message was incorrect", a different value is "some field was out of the specified
/// range" (RFC 5246 §7.2.2 decode_error), since the enum above defines only the value 1.
[[nodiscard]] Result<void> parse_change_cipher_spec(std::span<const std::uint8_t> fragment);

}  // namespace tlsx::record
