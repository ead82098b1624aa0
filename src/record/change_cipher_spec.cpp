#include "record/change_cipher_spec.hpp"

#include <fmt/format.h>

#include "tlsx/byte_reader.hpp"

namespace tlsx::record {

Result<void> parse_change_cipher_spec(std::span<const std::uint8_t> fragment) {
  ByteReader r(fragment);
  std::uint8_t type = 0;
  if (!(r.u8(type) && r.empty())) {
    return fail_decode(
        fmt::format("ChangeCipherSpec of {} bytes, must be exactly 1", fragment.size()));
  }
  if (type != kChangeCipherSpecType) {
    return fail_decode(fmt::format("ChangeCipherSpec type 0x{:02x}, must be 0x01", type));
  }
  return {};
}

}  // namespace tlsx::record
