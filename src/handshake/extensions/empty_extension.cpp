#include "handshake/extensions/empty_extension.hpp"

#include <fmt/format.h>

namespace tlsx::handshake {

Result<void> expect_empty_extension_data(ByteView data, ExtensionType type) {
  if (data.empty()) return {};
  return fail_decode(
      fmt::format("{} extension: data must be empty, got {} bytes", to_string(type), data.size()));
}

}  // namespace tlsx::handshake
