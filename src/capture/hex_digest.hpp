// Lowercase hex helpers shared by the fingerprints.
#pragma once

#include <cstdint>
#include <span>
#include <string>
#include <string_view>

#include "tlsx/crypto/provider.hpp"

namespace tlsx::capture {

/// Lowercase hex of bytes.
[[nodiscard]] std::string to_hex(std::span<const std::uint8_t> bytes);
/// A 16-bit value as four lowercase hex digits ("002f").
[[nodiscard]] std::string hex4(std::uint16_t value);
/// The digest of text with tlsx's builtin MD5 or SHA-256, in lowercase hex.
[[nodiscard]] std::string hex_digest(crypto::HashAlgorithm alg, std::string_view text);

}  // namespace tlsx::capture
