// JA4 (FoxIO, github.com/FoxIO-LLC/ja4, technical_details/JA4.md): a TLS client fingerprint in
// three parts, a_b_c:
//
//   t13d1516h2_8daaf6152771_e5627efa2ab1
//   a: "t" (TLS over TCP), the version ("13": the highest non-GREASE supported_versions entry,
//      else client_version), "d" with SNI / "i" without, the number of cipher suites and of
//      extensions (GREASE not counted, capped at 99, two digits), and two characters for the
//      first ALPN value ("00" without ALPN);
//   b: the first 12 hex digits of SHA-256 over the sorted cipher suites ("002f,0035,...");
//   c: the same over the sorted extension types without SNI (0000) and ALPN (0010), then "_" and
//      the signature_algorithms in wire order (no "_" when there are none).
// GREASE values are ignored everywhere. JA4_r is the text before hashing; JA4_o and JA4_ro keep
// the wire order (and SNI and ALPN) instead of sorting.
//
// Where FoxIO's reference code differs from the spec, tlsx follows the spec:
//   - an ALPN value whose first or last byte is not ASCII alphanumeric gives the first hex digit
//     of its first byte and the last hex digit of its last byte ("\xba\xad" -> "bd"); the
//     reference code prints "99" (the maintainers confirmed the spec, FoxIO-LLC/ja4 issue 178);
//   - "ignore GREASE anywhere" includes ALPN: GREASE ALPN values (RFC 8701 §2, "\x0a\x0a", ...)
//     are skipped when taking the first value.
#pragma once

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "capture/fingerprint_input.hpp"

namespace tlsx::capture {

struct Ja4 {
  std::string ja4;     ///< t13d1516h2_8daaf6152771_e5627efa2ab1
  std::string ja4_r;   ///< sorted raw lists instead of hashes
  std::string ja4_o;   ///< wire order, hashed
  std::string ja4_ro;  ///< wire order, raw
};

[[nodiscard]] Ja4 ja4(const FingerprintInput& in);

/// The two version characters for a ProtocolVersion value ("13", "12", "s3", "00" if unknown).
[[nodiscard]] std::string ja4_version(std::uint16_t version);
/// The two ALPN characters for a first ALPN value (nullopt: no ALPN -> "00").
[[nodiscard]] std::string ja4_alpn(const std::optional<std::span<const std::uint8_t>>& first);
/// The first non-GREASE value of an ALPN list, if any.
[[nodiscard]] std::optional<std::span<const std::uint8_t>> ja4_first_alpn(
    const std::vector<std::vector<std::uint8_t>>& names);

}  // namespace tlsx::capture
