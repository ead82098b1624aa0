// JA3 (Salesforce, github.com/salesforce/ja3): a TLS client fingerprint made of five ClientHello
// fields, in decimal, values joined by '-', fields by ',':
//
//   SSLVersion,Ciphers,Extensions,EllipticCurves,EllipticCurvePointFormats
//   769,47-53-5-10-49161-49162-49171-49172-50-56-19-4,0-10-11,23-24-25,0
//
// SSLVersion is client_version; the lists are in wire order; GREASE values (RFC 8701) are removed
// from the ciphers, extensions and curves; an absent list is an empty field. The fingerprint is
// the MD5 of that text, in lowercase hex.
//
// JA3N ("normalized" JA3) is the same with the extension list sorted numerically. Chrome (since
// 110) and Firefox shuffle their extension order per connection, which gives one browser many
// JA3s; sorting gives it one again.
#pragma once

#include <string>
#include <string_view>

#include "capture/fingerprint_input.hpp"

namespace tlsx::capture {

struct Ja3 {
  std::string text;  ///< "771,4865-4866-...,0-23-...,29-23-24,0"
  std::string hash;  ///< MD5 of text, 32 lowercase hex digits
};

/// JA3, extensions in wire order.
[[nodiscard]] Ja3 ja3(const FingerprintInput& in);
/// JA3N, extensions sorted.
[[nodiscard]] Ja3 ja3n(const FingerprintInput& in);
/// The MD5 of a JA3 string in lowercase hex (for strings built elsewhere).
[[nodiscard]] std::string ja3_digest(std::string_view text);

}  // namespace tlsx::capture
