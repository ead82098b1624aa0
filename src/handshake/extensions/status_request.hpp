// status_request, ClientHello form (RFC 6066 §8):
//
//   struct {
//       CertificateStatusType status_type;
//       select (status_type) {
//           case ocsp: OCSPStatusRequest;
//       } request;
//   } CertificateStatusRequest;
//
//   enum { ocsp(1), (255) } CertificateStatusType;
//
//   struct {
//       ResponderID responder_id_list<0..2^16-1>;
//       Extensions  request_extensions;
//   } OCSPStatusRequest;
//
//   opaque ResponderID<1..2^16-1>;
//   opaque Extensions<0..2^16-1>;
//
// ResponderIDs and request_extensions are DER (RFC 6960) and kept as bytes. A status_type other
// than ocsp has no defined syntax: its request is kept as undecoded bytes, so that a server can
// ignore an extension it does not understand instead of failing the handshake. The ServerHello's
// acknowledgement is empty (StatusRequestAck in empty_extension.hpp).
#pragma once

#include <cstdint>
#include <vector>

#include "handshake/code_points.hpp"
#include "handshake/wire.hpp"
#include "tlsx/error.hpp"

namespace tlsx::handshake {

/// CertificateStatusType; a wire enum (unknown values kept).
enum class CertificateStatusType : std::uint8_t { ocsp = 1 };

struct CertificateStatusRequest {
  static constexpr ExtensionType kType = ExtensionType::status_request;

  CertificateStatusType status_type = CertificateStatusType::ocsp;
  // status_type == ocsp:
  std::vector<Opaque> responder_id_list;  ///< DER ResponderIDs, each 1..65535 bytes
  Opaque request_extensions;              ///< DER Extensions, may be empty
  // any other status_type:
  Opaque unknown_request;  ///< the request bytes, undecoded

  /// decode_error for a malformed OCSPStatusRequest or trailing bytes.
  [[nodiscard]] static Result<CertificateStatusRequest> parse(ByteView data);
  [[nodiscard]] Result<void> serialize(std::vector<std::uint8_t>& out) const;

  friend bool operator==(const CertificateStatusRequest&,
                         const CertificateStatusRequest&) = default;
};

}  // namespace tlsx::handshake
