// ServerKeyExchange for ECDHE suites (RFC 8422 §5.4, signed as in RFC 5246 §7.4.3):
//
//   enum { deprecated (1..2), named_curve (3), reserved(248..255) } ECCurveType;
//
//   struct {
//       ECCurveType    curve_type;
//       select (curve_type) {
//           case named_curve:
//               NamedCurve namedcurve;
//       };
//   } ECParameters;
//
//   struct {
//       opaque point <1..2^8-1>;
//   } ECPoint;
//
//   struct {
//       ECParameters    curve_params;
//       ECPoint         public;
//   } ServerECDHParams;
//
//   struct {
//       ServerECDHParams    params;
//       digitally-signed struct {
//           opaque client_random[32];
//           opaque server_random[32];
//           ServerECDHParams params;
//       } signed_params;
//   } ServerKeyExchange;
//
// ECDHE is the only key exchange tlsx speaks that has this message (static RSA sends none).
// The signature covers client_random + server_random + the ServerECDHParams bytes. Those bytes
// are not stored separately: their encoding is canonical (curve type, group, point length,
// point), so params_bytes() rebuilds exactly the bytes that were received (a test checks this on
// real messages), and the fields stay the one source of truth.
#pragma once

#include <cstdint>
#include <vector>

#include "handshake/code_points.hpp"
#include "handshake/digitally_signed.hpp"
#include "handshake/handshake_type.hpp"
#include "handshake/wire.hpp"
#include "tlsx/error.hpp"

namespace tlsx::handshake {

/// ECCurveType (RFC 8422 §5.4); explicit_prime(1) and explicit_char2(2) are deprecated.
inline constexpr std::uint8_t kEcCurveTypeNamedCurve = 3;

struct ServerKeyExchange {
  static constexpr HandshakeType kType = HandshakeType::server_key_exchange;

  NamedGroup named_curve{};
  Opaque public_point;  ///< ECPoint.point, 1..255 bytes (X25519: 32 bytes; P-256: 65)
  DigitallySigned signed_params;

  /// decode_error for malformed/truncated/trailing bytes; illegal_parameter for a curve_type
  /// other than named_curve (RFC 8422 §5.4 deprecates explicit curves, so such a message is
  /// well-formed but carries a value the protocol no longer allows).
  [[nodiscard]] static Result<ServerKeyExchange> parse(ByteView body);
  [[nodiscard]] Result<void> serialize(std::vector<std::uint8_t>& out) const;

  /// The ServerECDHParams bytes (curve_params + public), as they appear on the wire.
  [[nodiscard]] Result<Opaque> params_bytes() const;
  /// client_random + server_random + ServerECDHParams: exactly what signed_params signs.
  [[nodiscard]] Result<Opaque> signed_data(const Random& client_random,
                                           const Random& server_random) const;

  friend bool operator==(const ServerKeyExchange&, const ServerKeyExchange&) = default;
};

}  // namespace tlsx::handshake
