// CertificateVerify (RFC 5246 §7.4.8):
//
//   struct {
//        digitally-signed struct {
//            opaque handshake_messages[handshake_messages_length];
//        }
//   } CertificateVerify;
//
// handshake_messages are all handshake messages sent or received so far, starting at the
// ClientHello, up to but not including this one; the transcript supplies them.
#pragma once

#include <cstdint>
#include <vector>

#include "handshake/digitally_signed.hpp"
#include "handshake/handshake_type.hpp"
#include "handshake/wire.hpp"
#include "tlsx/error.hpp"

namespace tlsx::handshake {

struct CertificateVerify {
  static constexpr HandshakeType kType = HandshakeType::certificate_verify;

  DigitallySigned signature;

  /// decode_error for malformed/truncated/trailing bytes.
  [[nodiscard]] static Result<CertificateVerify> parse(ByteView body);
  [[nodiscard]] Result<void> serialize(std::vector<std::uint8_t>& out) const;

  friend bool operator==(const CertificateVerify&, const CertificateVerify&) = default;
};

}  // namespace tlsx::handshake
