// Names of TLS code points from the IANA registries (tests/vectors/tls-names/*.csv, compiled in at
// build time), with tlsx's own name tables as a fallback: a capture names what it can and keeps
// the number for everything else.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

namespace hello_capture {

enum class NameTable : std::uint8_t {
  cipher_suite,
  extension_type,
  supported_group,
  signature_scheme,
  alert_description,
};

struct IanaEntry {
  std::uint16_t value;
  std::string_view name;
};

/// The registered name, or "" when the value is unknown. GREASE values (RFC 8701) are named
/// "GREASE" in every table.
[[nodiscard]] std::string_view iana_name(NameTable table, std::uint16_t value);

/// "0x1301" (four hex digits) or, for the one-byte tables, "0x00".
[[nodiscard]] std::string hex_value(std::uint16_t value, int digits = 4);

/// "x25519 (0x001d)", "GREASE (0x0a0a)", "unknown (0x1234)": one list entry for display and JSON.
[[nodiscard]] std::string labelled(NameTable table, std::uint16_t value);

namespace generated {
extern const IanaEntry kCipherSuites[];
extern const std::size_t kCipherSuitesSize;
extern const IanaEntry kExtensionTypes[];
extern const std::size_t kExtensionTypesSize;
extern const IanaEntry kSupportedGroups[];
extern const std::size_t kSupportedGroupsSize;
extern const IanaEntry kSignatureSchemes[];
extern const std::size_t kSignatureSchemesSize;
extern const IanaEntry kAlertDescriptions[];
extern const std::size_t kAlertDescriptionsSize;
}  // namespace generated

}  // namespace hello_capture
