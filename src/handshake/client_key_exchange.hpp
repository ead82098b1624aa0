// ClientKeyExchange (RFC 5246 §7.4.7) for the two key exchanges tlsx speaks:
//
//   struct {
//       select (KeyExchangeAlgorithm) {
//           case rsa:
//               EncryptedPreMasterSecret;
//           case ec_diffie_hellman:                  /* RFC 8422 §5.7 */
//               ClientECDiffieHellmanPublic;
//       } exchange_keys;
//   } ClientKeyExchange;
//
//   struct {
//       public-key-encrypted PreMasterSecret pre_master_secret;
//   } EncryptedPreMasterSecret;       /* on the wire: opaque <0..2^16-1> (RFC 5246 §4.7) */
//
//   struct {
//       ECPoint ecdh_Yc;              /* opaque point <1..2^8-1>; the "implicit" encoding
//   } ClientECDiffieHellmanPublic;       for fixed-ECDH client certificates is not supported */
//
// The body does not say which form it is: the negotiated suite does, so the parser is told.
#pragma once

#include <cstdint>
#include <vector>

#include "handshake/handshake_type.hpp"
#include "handshake/wire.hpp"
#include "tlsx/error.hpp"

namespace tlsx::handshake {

/// Which ClientKeyExchange form the negotiated suite implies.
enum class ClientKeyExchangeKind : std::uint8_t {
  rsa,    ///< TLS_RSA_*: the RSA-encrypted pre-master secret
  ecdhe,  ///< TLS_ECDHE_*: the client's ephemeral public point
};

struct ClientKeyExchange {
  static constexpr HandshakeType kType = HandshakeType::client_key_exchange;

  ClientKeyExchangeKind kind = ClientKeyExchangeKind::ecdhe;
  /// rsa: the encrypted pre-master secret (0..65535 bytes; a ciphertext, not a secret);
  /// ecdhe: the public point (1..255 bytes).
  Opaque exchange_keys;

  /// decode_error for malformed/truncated/trailing bytes or a vector outside its bounds.
  [[nodiscard]] static Result<ClientKeyExchange> parse(ByteView body, ClientKeyExchangeKind kind);
  [[nodiscard]] Result<void> serialize(std::vector<std::uint8_t>& out) const;

  friend bool operator==(const ClientKeyExchange&, const ClientKeyExchange&) = default;
};

}  // namespace tlsx::handshake
