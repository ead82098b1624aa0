// The DER form of an ECDSA signature (RFC 3279 §2.2.3, SEC 1 C.5):
//   Ecdsa-Sig-Value ::= SEQUENCE { r INTEGER, s INTEGER }
#pragma once

#include <cstdint>
#include <span>
#include <vector>

#include "tlsx/error.hpp"

namespace tlsx::crypto::ec::detail {

/// DER of (r, s) given as big-endian magnitudes of equal length (leading zeros are dropped).
std::vector<std::uint8_t> encode_ecdsa_signature(std::span<const std::uint8_t> r,
                                                 std::span<const std::uint8_t> s);

/// Strict parse: exactly one SEQUENCE of two minimal, non-negative INTEGERs and nothing after.
/// r_out and s_out (same size) receive the values left-padded with zeros. ErrorCode::decode for
/// malformed DER, ErrorCode::decrypt_error when a value does not fit in r_out.size() bytes.
Result<void> parse_ecdsa_signature(std::span<const std::uint8_t> der, std::span<std::uint8_t> r_out,
                                   std::span<std::uint8_t> s_out);

}  // namespace tlsx::crypto::ec::detail
