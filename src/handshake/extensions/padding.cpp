#include "handshake/extensions/padding.hpp"

#include <fmt/format.h>

namespace tlsx::handshake {

Result<Padding> Padding::parse(ByteView data) {
  if (data.size() > 0xffff) return fail_decode("padding extension: longer than 2^16-1");
  for (std::size_t i = 0; i < data.size(); ++i) {
    if (data[i] != 0) {
      return fail(ErrorCode::illegal_parameter, AlertDescription::illegal_parameter,
                  fmt::format("padding extension: non-zero byte at {}", i));
    }
  }
  return Padding{data.size()};
}

Result<void> Padding::serialize(std::vector<std::uint8_t>& out) const {
  if (length > 0xffff) return fail_argument("padding extension: longer than 2^16-1");
  out.insert(out.end(), length, 0);
  return {};
}

}  // namespace tlsx::handshake
