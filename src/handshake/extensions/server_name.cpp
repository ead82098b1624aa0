#include "handshake/extensions/server_name.hpp"

#include <bitset>

#include <fmt/format.h>

namespace tlsx::handshake {
namespace {

[[nodiscard]] std::unexpected<Error> illegal(std::string detail) {
  return fail(ErrorCode::illegal_parameter, AlertDescription::illegal_parameter,
              "server_name extension: " + std::move(detail));
}

// The checks shared by parse (peer input: illegal_parameter) and serialize (caller input).
Result<void> check_list(const std::vector<ServerName>& list) {
  std::bitset<256> seen;
  for (const auto& entry : list) {
    const auto type = static_cast<std::uint8_t>(entry.name_type);
    if (seen.test(type)) return illegal(fmt::format("more than one name of type {}", type));
    seen.set(type);
    if (entry.name_type == NameType::host_name) {
      auto ok = check_host_name(entry.name);
      if (!ok) return ok;
    }
  }
  return {};
}

}  // namespace

Result<void> check_host_name(ByteView name) {
  if (name.empty()) return illegal("empty host_name");
  bool label_empty = true;
  for (std::size_t i = 0; i < name.size(); ++i) {
    const std::uint8_t c = name[i];
    if (c < 0x21 || c > 0x7e) {
      return illegal(fmt::format("host_name byte 0x{:02x} at {} is not printable ASCII", c, i));
    }
    if (c == '.') {
      if (label_empty) return illegal("host_name has an empty label");
      label_empty = true;
    } else {
      label_empty = false;
    }
  }
  if (name.back() == '.') return illegal("host_name has a trailing dot");
  return {};
}

Result<ServerNameList> ServerNameList::parse(ByteView data) {
  ByteReader r(data);
  ByteReader list;
  if (!(r.vec16(list, 1, 0xffff) && r.empty())) return malformed("server_name extension", r);
  ServerNameList out;
  while (list.remaining() > 0) {
    std::uint8_t type = 0;
    ByteView name;
    if (!list.u8(type)) return malformed("server_name extension", list);
    const std::size_t min = type == static_cast<std::uint8_t>(NameType::host_name) ? 1 : 0;
    if (!list.vec16(name, min, 0xffff)) return malformed("server_name extension", list);
    out.server_name_list.push_back(ServerName{static_cast<NameType>(type), to_opaque(name)});
  }
  auto checked = check_list(out.server_name_list);
  if (!checked) return std::unexpected(std::move(checked.error()));
  return out;
}

Result<void> ServerNameList::serialize(std::vector<std::uint8_t>& out) const {
  if (server_name_list.empty()) return fail_argument("server_name extension: empty list");
  auto checked = check_list(server_name_list);
  if (!checked) return fail_argument(checked.error().detail);
  const std::size_t start = out.size();
  ByteWriter w(out);
  {
    auto list = w.prefix16();
    for (const auto& entry : server_name_list) {
      w.u8(static_cast<std::uint8_t>(entry.name_type));
      auto name = w.prefix16();
      w.bytes(entry.name);
    }
  }
  return finish_write(w, out, start, "server_name extension");
}

std::optional<std::string_view> ServerNameList::host_name() const noexcept {
  for (const auto& entry : server_name_list) {
    if (entry.name_type == NameType::host_name) {
      return std::string_view(reinterpret_cast<const char*>(entry.name.data()), entry.name.size());
    }
  }
  return std::nullopt;
}

}  // namespace tlsx::handshake
