// Certificate (RFC 5246 §7.4.2, and §7.4.6 for the client's):
//
//   opaque ASN.1Cert<1..2^24-1>;
//
//   struct {
//       ASN.1Cert certificate_list<0..2^24-1>;
//   } Certificate;
//
// The sender's certificate comes first, each following one certifies the one before it. The
// certificates stay DER blobs here; X.509 parsing and chain checks happen in src/crypto. An empty
// list is legal syntax: a client without a suitable certificate sends one (§7.4.6); whether a
// server may accept it is the handshake's policy.
#pragma once

#include <cstdint>
#include <vector>

#include "handshake/handshake_type.hpp"
#include "handshake/wire.hpp"
#include "tlsx/error.hpp"

namespace tlsx::handshake {

struct Certificate {
  static constexpr HandshakeType kType = HandshakeType::certificate;

  std::vector<Opaque> certificate_list;  ///< DER certificates, leaf first; each 1..2^24-1 bytes

  /// decode_error for malformed/truncated/trailing bytes or an empty certificate entry.
  [[nodiscard]] static Result<Certificate> parse(ByteView body);
  [[nodiscard]] Result<void> serialize(std::vector<std::uint8_t>& out) const;

  friend bool operator==(const Certificate&, const Certificate&) = default;
};

}  // namespace tlsx::handshake
