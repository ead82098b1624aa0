// The certificate extensions tlsx acts on (RFC 5280 §4.2):
//
//   Extension ::= SEQUENCE { extnID OBJECT IDENTIFIER, critical BOOLEAN DEFAULT FALSE,
//                            extnValue OCTET STRING }
//
// basicConstraints, keyUsage, extKeyUsage, subjectAltName, nameConstraints and the authority /
// subject key identifiers are decoded; certificatePolicies is recognised and not enforced (tlsx
// accepts any policy, as browsers do); any other extension marked critical is listed in
// unhandled_critical, which makes the certificate unusable for verification (§4.2: "A
// certificate-using system MUST reject the certificate if it encounters a critical extension it
// does not recognize").
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "crypto/der.hpp"
#include "crypto/x509_general_name.hpp"

namespace tlsx::crypto {

/// keyUsage bits (RFC 5280 §4.2.1.3); bit n of the BIT STRING is KeyUsage value 1 << n.
namespace key_usage {
inline constexpr std::uint16_t kDigitalSignature = 1u << 0;
inline constexpr std::uint16_t kNonRepudiation = 1u << 1;
inline constexpr std::uint16_t kKeyEncipherment = 1u << 2;
inline constexpr std::uint16_t kDataEncipherment = 1u << 3;
inline constexpr std::uint16_t kKeyAgreement = 1u << 4;
inline constexpr std::uint16_t kKeyCertSign = 1u << 5;
inline constexpr std::uint16_t kCrlSign = 1u << 6;
inline constexpr std::uint16_t kEncipherOnly = 1u << 7;
inline constexpr std::uint16_t kDecipherOnly = 1u << 8;
}  // namespace key_usage

struct BasicConstraints {
  bool ca = false;
  std::optional<std::uint64_t> path_len;  ///< pathLenConstraint
};

struct ExtendedKeyUsage {
  bool server_auth = false;
  bool client_auth = false;
  bool any = false;  ///< anyExtendedKeyUsage
};

struct NameConstraints {
  std::vector<GeneralName> permitted;  ///< permittedSubtrees' bases
  std::vector<GeneralName> excluded;   ///< excludedSubtrees' bases
};

struct X509Extensions {
  std::optional<BasicConstraints> basic_constraints;
  std::optional<std::uint16_t> key_usage;  ///< key_usage::k* bits
  std::optional<ExtendedKeyUsage> extended_key_usage;
  std::optional<std::vector<GeneralName>> subject_alt_names;
  std::optional<NameConstraints> name_constraints;
  der::Bytes authority_key_id;  ///< keyIdentifier of authorityKeyIdentifier; empty when absent
  der::Bytes subject_key_id;    ///< empty when absent
  std::vector<std::string> unhandled_critical;  ///< dotted OIDs of critical unknown extensions
};

/// Reads `Extensions ::= SEQUENCE SIZE (1..MAX) OF Extension` (the contents of the TBS [3]).
/// Fails on malformed values of the decoded extensions and on a repeated extension (§4.2).
[[nodiscard]] bool parse_x509_extensions(der::Reader& r, X509Extensions& out);

}  // namespace tlsx::crypto
