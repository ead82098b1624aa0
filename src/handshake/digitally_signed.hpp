// The TLS 1.2 `digitally-signed` element (RFC 5246 §4.7 and §7.4.1.4.1):
//
//   struct {
//       SignatureAndHashAlgorithm algorithm;
//       opaque signature<0..2^16-1>;
//   } DigitallySigned;
//
// SignatureAndHashAlgorithm is the {hash, signature} byte pair, read here as one SignatureScheme
// code point (rsa_pkcs1_sha256 = {sha256(4), rsa(1)}). Used by ServerKeyExchange and
// CertificateVerify; what the signature covers is up to the message.
#pragma once

#include <vector>

#include "handshake/code_points.hpp"
#include "handshake/wire.hpp"

namespace tlsx::handshake {

struct DigitallySigned {
  SignatureScheme algorithm{};
  Opaque signature;

  /// Reads the element from r (no end check: the caller's message decides what may follow).
  [[nodiscard]] bool read(ByteReader& r);
  /// Appends the element; a signature over 2^16-1 bytes marks w failed.
  void write(ByteWriter& w) const;

  friend bool operator==(const DigitallySigned&, const DigitallySigned&) = default;
};

}  // namespace tlsx::handshake
