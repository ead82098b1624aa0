// server_name, ClientHello form (RFC 6066 §3):
//
//   struct {
//       NameType name_type;
//       select (name_type) {
//           case host_name: HostName;
//       } name;
//   } ServerName;
//
//   enum {
//       host_name(0), (255)
//   } NameType;
//
//   opaque HostName<1..2^16-1>;
//
//   struct {
//       ServerName server_name_list<1..2^16-1>
//   } ServerNameList;
//
// (The ServerHello's acknowledgement is empty: ServerNameAck in empty_extension.hpp.)
//
// Rules applied, with the alert chosen:
//   - syntax, bounds, an empty HostName, trailing bytes: decode_error;
//   - two names of the same name_type ("The ServerNameList MUST NOT contain more than one name of
//     the same name_type"): illegal_parameter, like duplicate extensions;
//   - a host_name that is not what RFC 6066 says it is ("represented as a byte string using
//     ASCII encoding without a trailing dot"): illegal_parameter. tlsx accepts only printable
//     ASCII without spaces (0x21..0x7e): NUL, control bytes and bytes >= 0x80 are refused because
//     a name that is not ASCII is not a HostName, and because such bytes are how names get
//     truncated or smuggled into logs and certificate matching. A trailing dot is refused
//     because the RFC excludes it (Go refuses it too); an empty label (".a", "a..b") is refused
//     because no DNS host name has one. IP literals, also excluded by the RFC, are left to the server's name matching: the
//     codec cannot tell "1.2.3.4" from a legal all-numeric DNS name without policy.
//   - unknown name types: RFC 6066 requires every future NameType to start with a 16-bit length,
//     so they are kept as (type, bytes) and never interpreted.
#pragma once

#include <cstdint>
#include <optional>
#include <string_view>
#include <vector>

#include "handshake/code_points.hpp"
#include "handshake/wire.hpp"
#include "tlsx/error.hpp"

namespace tlsx::handshake {

/// NameType; a wire enum (unknown values kept).
enum class NameType : std::uint8_t { host_name = 0 };

struct ServerName {
  NameType name_type = NameType::host_name;
  Opaque name;  ///< for host_name: the ASCII host name bytes

  friend bool operator==(const ServerName&, const ServerName&) = default;
};

struct ServerNameList {
  static constexpr ExtensionType kType = ExtensionType::server_name;

  std::vector<ServerName> server_name_list;  ///< wire order, at least one entry

  [[nodiscard]] static Result<ServerNameList> parse(ByteView data);
  /// invalid_argument for an empty list, duplicate name types or an invalid host name.
  [[nodiscard]] Result<void> serialize(std::vector<std::uint8_t>& out) const;

  /// The host_name entry as text, if there is one (always valid printable ASCII after parse()).
  [[nodiscard]] std::optional<std::string_view> host_name() const noexcept;

  friend bool operator==(const ServerNameList&, const ServerNameList&) = default;
};

/// The host_name rules above; an error describes the first violation.
[[nodiscard]] Result<void> check_host_name(ByteView name);

}  // namespace tlsx::handshake
