// GeneralName (RFC 5280 §4.2.1.6), shared by subjectAltName and nameConstraints:
//
//   GeneralName ::= CHOICE {
//     otherName [0] AnotherName, rfc822Name [1] IA5String, dNSName [2] IA5String,
//     x400Address [3] ORAddress, directoryName [4] Name, ediPartyName [5] EDIPartyName,
//     uniformResourceIdentifier [6] IA5String, iPAddress [7] OCTET STRING,
//     registeredID [8] OBJECT IDENTIFIER }
#pragma once

#include <string>

#include "crypto/der.hpp"

namespace tlsx::crypto {

struct GeneralName {
  /// The CHOICE's context tag number.
  enum class Type : std::uint8_t {
    other_name = 0,
    rfc822_name = 1,
    dns_name = 2,
    x400_address = 3,
    directory_name = 4,
    edi_party_name = 5,
    uri = 6,
    ip_address = 7,
    registered_id = 8,
  };
  Type type = Type::other_name;
  /// Contents octets: the ASCII text for rfc822Name/dNSName/URI; the address (4 or 16 octets) or,
  /// in name constraints, address + mask (8 or 32) for iPAddress; the Name's encoding for
  /// directoryName; the raw contents for the rest.
  der::Bytes value;

  [[nodiscard]] std::string_view text() const noexcept {
    return {reinterpret_cast<const char*>(value.data()), value.size()};
  }
};

/// "dNSName", "iPAddress", ...
std::string_view to_string(GeneralName::Type type) noexcept;

/// Reads one GeneralName. The IA5String forms must be ASCII; iPAddress must have 4 or 16 octets
/// (8 or 32 with a contiguous mask when for_constraints).
[[nodiscard]] bool parse_general_name(der::Reader& r, GeneralName& out, bool for_constraints);

}  // namespace tlsx::crypto
