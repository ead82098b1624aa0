#include "handshake/extension.hpp"

#include <bitset>
#include <memory>

#include <fmt/format.h>

namespace tlsx::handshake {

Result<std::vector<Extension>> parse_extension_list(ByteView list, std::string_view what) {
  ByteReader r(list);
  std::vector<Extension> out;
  // One bit per possible type: duplicate detection stays linear even for the ~16k empty
  // extensions a 64 KiB list can hold. Heap-allocated to keep 8 KiB off the stack.
  auto seen = std::make_unique<std::bitset<0x10000>>();
  while (r.remaining() > 0) {
    std::uint16_t type = 0;
    ByteView data;
    if (!(r.u16(type) && r.vec16(data, 0, 0xffff))) {
      return malformed(fmt::format("{} extensions", what), r);
    }
    if (seen->test(type)) {
      return fail(ErrorCode::illegal_parameter, AlertDescription::illegal_parameter,
                  fmt::format("{}: more than one {} extension", what,
                              to_string(static_cast<ExtensionType>(type))));
    }
    seen->set(type);
    out.push_back(Extension{static_cast<ExtensionType>(type), to_opaque(data)});
  }
  return out;
}

void write_extension_list(ByteWriter& w, std::span<const Extension> extensions) {
  auto list = w.prefix16();
  for (const auto& ext : extensions) {
    w.u16(static_cast<std::uint16_t>(ext.type));
    auto data = w.prefix16();
    w.bytes(ext.data);
  }
}

bool has_duplicate_types(std::span<const Extension> extensions) {
  auto seen = std::make_unique<std::bitset<0x10000>>();
  for (const auto& ext : extensions) {
    const auto type = static_cast<std::uint16_t>(ext.type);
    if (seen->test(type)) return true;
    seen->set(type);
  }
  return false;
}

const Extension* find_extension(std::span<const Extension> extensions,
                                ExtensionType type) noexcept {
  for (const auto& ext : extensions) {
    if (ext.type == type) return &ext;
  }
  return nullptr;
}

}  // namespace tlsx::handshake
