// TLS client fingerprints of a ClientHello: JA3 and JA3N (Salesforce, github.com/salesforce/ja3)
// and JA4 with its JA4_r/JA4_o/JA4_ro forms (FoxIO, technical_details/JA4.md). The exact rules,
// and where tlsx follows the JA4 spec rather than FoxIO's reference code, are in
// docs/hello-capture.md ("Fingerprints").
#pragma once

#include <string>

#include "tlsx/client_hello_view.hpp"

namespace tlsx {

struct ClientFingerprints {
  std::string ja3;        ///< "771,4865-4866-...,0-23-...,29-23-24,0" (GREASE removed, wire order)
  std::string ja3_hash;   ///< MD5 of ja3, 32 lowercase hex digits
  std::string ja3n;       ///< JA3 with the extensions sorted (for clients that shuffle them)
  std::string ja3n_hash;  ///< MD5 of ja3n
  std::string ja4;        ///< "t13d1516h2_8daaf6152771_e5627efa2ab1"
  std::string ja4_r;      ///< JA4 with the sorted lists instead of their hashes
  std::string ja4_o;      ///< JA4 over the lists in wire order
  std::string ja4_ro;     ///< JA4_o with the lists instead of their hashes
};

/// The fingerprints of a hello. Never fails: an extension whose body does not decode counts by its
/// type and contributes an empty list.
[[nodiscard]] ClientFingerprints fingerprint_client_hello(const ClientHelloView& hello);

}  // namespace tlsx
