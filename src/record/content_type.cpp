#include "record/content_type.hpp"

#include <fmt/format.h>

namespace tlsx::record {

std::string to_string(ContentType type) {
  switch (type) {
    case ContentType::change_cipher_spec:
      return "change_cipher_spec";
    case ContentType::alert:
      return "alert";
    case ContentType::handshake:
      return "handshake";
    case ContentType::application_data:
      return "application_data";
    default:
      return fmt::format("unknown(0x{:02x})", static_cast<unsigned>(type));
  }
}

}  // namespace tlsx::record
