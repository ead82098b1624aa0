// X.501 distinguished names as used in certificates (RFC 5280 §4.1.2.4):
//
//   Name ::= SEQUENCE OF RelativeDistinguishedName
//   RelativeDistinguishedName ::= SET SIZE (1..MAX) OF AttributeTypeAndValue
//   AttributeTypeAndValue ::= SEQUENCE { type OBJECT IDENTIFIER, value ANY }
#pragma once

#include <string>
#include <vector>

#include "crypto/der.hpp"

namespace tlsx::crypto {

struct X509Attribute {
  der::Bytes type;      ///< OID contents
  der::Tag value_tag;   ///< the value's tag (usually a string type)
  der::Bytes value;     ///< the value's contents octets
  der::Bytes encoding;  ///< the value's whole encoding (printed as #hex when not a string)
};

/// A parsed Name; every span points into the certificate's DER.
struct X509Name {
  der::Bytes der;  ///< the whole Name encoding: chain building compares these bytes
  std::vector<std::vector<X509Attribute>> rdns;

  [[nodiscard]] bool empty() const noexcept { return rdns.empty(); }
  /// Byte-exact equality of the encodings (how issuer and subject are matched; see
  /// x509_verify.cpp for why no RFC 5280 §7.1 case folding is done).
  [[nodiscard]] bool same_as(const X509Name& other) const noexcept;
  /// RFC 4514 string: last RDN first, "CN=example.com,O=Example\, Inc.,C=US". Types without an
  /// RFC 4514 short name appear as dotted OIDs, non-string values as #hex of their encoding,
  /// control characters as \hh.
  [[nodiscard]] std::string to_string() const;
  /// The first commonName value as UTF-8 (empty when there is none); for display only.
  [[nodiscard]] std::string common_name() const;
};

/// Reads a Name from r. String values are validated for their type (an invalid PrintableString
/// is a malformed certificate).
[[nodiscard]] bool parse_x509_name(der::Reader& r, X509Name& out);

}  // namespace tlsx::crypto
