// HandshakeType (RFC 5246 §7.4 and later registrations, IANA "TLS HandshakeType").
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

namespace tlsx {

/// The msg_type byte of a handshake message. A wire enum: unknown values are kept as they are.
enum class HandshakeType : std::uint8_t {
  hello_request = 0,
  client_hello = 1,
  server_hello = 2,
  hello_verify_request = 3,  // DTLS (RFC 6347)
  new_session_ticket = 4,    // RFC 5077
  end_of_early_data = 5,     // TLS 1.3
  encrypted_extensions = 8,  // TLS 1.3
  certificate = 11,
  server_key_exchange = 12,
  certificate_request = 13,
  server_hello_done = 14,
  certificate_verify = 15,
  client_key_exchange = 16,
  finished = 20,
  certificate_url = 21,         // RFC 6066
  certificate_status = 22,      // RFC 6066
  supplemental_data = 23,       // RFC 4680
  key_update = 24,              // TLS 1.3
  compressed_certificate = 25,  // RFC 8879
  message_hash = 254,           // TLS 1.3 transcript construct
};

/// "client_hello", "finished", ..., or an empty view for unregistered values.
[[nodiscard]] std::string_view name(HandshakeType type) noexcept;

/// Like name() but never empty: unregistered values print as "unknown(0x..)".
[[nodiscard]] std::string to_string(HandshakeType type);

}  // namespace tlsx
