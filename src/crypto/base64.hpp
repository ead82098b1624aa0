// Base64 (RFC 4648 §4, standard alphabet, '=' padding) for PEM.
#pragma once

#include <cstdint>
#include <span>
#include <string>
#include <string_view>

#include "tlsx/error.hpp"
#include "tlsx/secret.hpp"

namespace tlsx::crypto {

/// Strict decoding of text without line breaks: length a multiple of 4, only alphabet
/// characters, '=' only as the last one or two characters, and the bits that padding leaves
/// over are zero (so every byte string has exactly one accepted encoding).
///
/// PEM carries private keys, so the characters are mapped to values with arithmetic, not a
/// table lookup indexed by the (secret) character; the result goes into SecretBytes. Which
/// check failed is reported, but only after the whole input was processed.
Result<SecretBytes> base64_decode(std::string_view text);

/// Encoding without line breaks.
std::string base64_encode(std::span<const std::uint8_t> data);

}  // namespace tlsx::crypto
