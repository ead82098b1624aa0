// CertificateRequest (RFC 5246 §7.4.4, with RFC 8422 §5.5's ECDSA certificate types):
//
//   enum {
//       rsa_sign(1), dss_sign(2), rsa_fixed_dh(3), dss_fixed_dh(4),
//       rsa_ephemeral_dh_RESERVED(5), dss_ephemeral_dh_RESERVED(6),
//       fortezza_dms_RESERVED(20), ecdsa_sign(64), rsa_fixed_ecdh(65),
//       ecdsa_fixed_ecdh(66), (255)
//   } ClientCertificateType;
//
//   opaque DistinguishedName<1..2^16-1>;
//
//   struct {
//       ClientCertificateType certificate_types<1..2^8-1>;
//       SignatureAndHashAlgorithm
//         supported_signature_algorithms<2^16-1>;
//       DistinguishedName certificate_authorities<0..2^16-1>;
//   } CertificateRequest;
//
// `supported_signature_algorithms<2^16-1>` is a known slip in RFC 5246's text (a vector needs a
// floor); tlsx reads it with the bounds of the signature_algorithms extension it copies,
// <2..2^16-2> (RFC 5246 §7.4.1.4.1), as TLS 1.3 later wrote down. Each DistinguishedName is a
// DER-encoded X.501 Name kept as bytes; X.509 code interprets them.
#pragma once

#include <cstdint>
#include <vector>

#include "handshake/code_points.hpp"
#include "handshake/handshake_type.hpp"
#include "handshake/wire.hpp"
#include "tlsx/error.hpp"

namespace tlsx::handshake {

/// ClientCertificateType byte; a wire enum (unknown values kept).
enum class ClientCertificateType : std::uint8_t {
  rsa_sign = 1,
  dss_sign = 2,
  rsa_fixed_dh = 3,
  dss_fixed_dh = 4,
  ecdsa_sign = 64,
  rsa_fixed_ecdh = 65,
  ecdsa_fixed_ecdh = 66,
};

struct CertificateRequest {
  static constexpr HandshakeType kType = HandshakeType::certificate_request;

  std::vector<ClientCertificateType> certificate_types;         ///< 1..255 entries
  std::vector<SignatureScheme> supported_signature_algorithms;  ///< 1..32767 entries
  std::vector<Opaque> certificate_authorities;                  ///< DER Names, may be empty

  /// decode_error for malformed/truncated/trailing bytes, vectors outside their bounds or an
  /// empty DistinguishedName.
  [[nodiscard]] static Result<CertificateRequest> parse(ByteView body);
  [[nodiscard]] Result<void> serialize(std::vector<std::uint8_t>& out) const;

  friend bool operator==(const CertificateRequest&, const CertificateRequest&) = default;
};

}  // namespace tlsx::handshake
