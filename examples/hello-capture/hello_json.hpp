// The "tls" object of a capture: a ClientHello handshake message decoded field by field, with its
// fingerprints and its raw bytes (see docs/hello-capture.md for the schema).
#pragma once

#include <cstdint>
#include <optional>
#include <span>
#include <string>

#include "capture_json.hpp"

#include "tlsx/client_hello_view.hpp"

namespace hello_capture {

struct DescribedHello {
  Json tls;  ///< the "tls" object (without record_version, which the caller knows)
  std::optional<std::string> parse_error;  ///< set when the message is not a valid ClientHello
};

/// Decodes a whole ClientHello handshake message (4-byte header included). A message that does
/// not parse still gives {"raw": hex, "parse_error": ...}: malformed hellos are recorded too.
[[nodiscard]] DescribedHello describe_hello_message(std::span<const std::uint8_t> message);

/// One entry of "extensions": value, name, length, and the decoded content for the extensions
/// tlsx has a codec for (unknown ones, GREASE ones and undecodable ones carry "data" in hex).
[[nodiscard]] Json describe_extension(const tlsx::HelloExtension& ext);

/// Bytes as display text: printable ASCII kept, anything else (and '\') as \xNN.
[[nodiscard]] std::string printable(std::span<const std::uint8_t> bytes);

}  // namespace hello_capture
