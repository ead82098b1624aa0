#include "tlsx/handshake_type.hpp"

#include <fmt/format.h>

namespace tlsx {

std::string_view name(HandshakeType type) noexcept {
  using enum HandshakeType;
  switch (type) {
    case hello_request:
      return "hello_request";
    case client_hello:
      return "client_hello";
    case server_hello:
      return "server_hello";
    case hello_verify_request:
      return "hello_verify_request";
    case new_session_ticket:
      return "new_session_ticket";
    case end_of_early_data:
      return "end_of_early_data";
    case encrypted_extensions:
      return "encrypted_extensions";
    case certificate:
      return "certificate";
    case server_key_exchange:
      return "server_key_exchange";
    case certificate_request:
      return "certificate_request";
    case server_hello_done:
      return "server_hello_done";
    case certificate_verify:
      return "certificate_verify";
    case client_key_exchange:
      return "client_key_exchange";
    case finished:
      return "finished";
    case certificate_url:
      return "certificate_url";
    case certificate_status:
      return "certificate_status";
    case supplemental_data:
      return "supplemental_data";
    case key_update:
      return "key_update";
    case compressed_certificate:
      return "compressed_certificate";
    case message_hash:
      return "message_hash";
    default:
      return {};
  }
}

std::string to_string(HandshakeType type) {
  const auto known = name(type);
  if (!known.empty()) return std::string(known);
  return fmt::format("unknown(0x{:02x})", static_cast<unsigned>(type));
}

}  // namespace tlsx
