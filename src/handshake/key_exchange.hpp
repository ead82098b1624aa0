// Pre-master secrets (RFC 5246 §8.1.1 RSA, RFC 8422 §5.10 ECDHE) and the signatures that
// authenticate ECDHE parameters (RFC 5246 §7.4.3, §4.7).
#pragma once

#include <array>
#include <cstdint>
#include <span>
#include <vector>

#include "crypto/rsa.hpp"
#include "handshake/code_points.hpp"
#include "tlsx/config.hpp"
#include "tlsx/crypto/provider.hpp"
#include "tlsx/secret.hpp"

namespace tlsx::handshake {

inline constexpr std::size_t kPreMasterSecretSize = 48;

/// An ephemeral X25519 key pair; the private half is wiped with the object.
struct X25519KeyPair {
  SecretBytes private_key;
  std::array<std::uint8_t, crypto::kX25519Size> public_key{};
};
[[nodiscard]] Result<X25519KeyPair> generate_x25519(const crypto::Provider& provider);
/// The shared secret with the peer's public value. A public value that is not 32 bytes is
/// decode_error (RFC 8422 §5.11: a malformed ECPoint); a low-order point (all-zero result) is
/// illegal_parameter.
[[nodiscard]] Result<SecretBytes> x25519_shared_secret(const crypto::Provider& provider,
                                                       const X25519KeyPair& own,
                                                       std::span<const std::uint8_t> peer_public);
/// The same, with the private key as bytes (ecdhe.hpp keeps every group's key pair alike).
[[nodiscard]] Result<SecretBytes> x25519_shared_secret(const crypto::Provider& provider,
                                                       std::span<const std::uint8_t> private_key,
                                                       std::span<const std::uint8_t> peer_public);

/// Client side of RSA key exchange: a fresh pre-master secret (client_version || 46 random
/// bytes, RFC 5246 §7.4.7.1) and its encryption to the server's key.
struct RsaPreMasterSecret {
  SecretBytes pre_master_secret;
  std::vector<std::uint8_t> encrypted;
};
[[nodiscard]] Result<RsaPreMasterSecret> make_rsa_pre_master_secret(
    const crypto::Provider& provider, const crypto::RsaPublicKey& server_key,
    ProtocolVersion client_version);

/// Server side, with implicit rejection (RFC 5246 §7.4.7.1): a random pre-master secret is drawn
/// first; the decrypted one replaces it only when the padding was valid, the length 48 and the
/// version equal to the ClientHello's — decided with masks, so that nothing observable depends on
/// which check failed. Only public malformations (ciphertext length ≠ modulus length) fail, with
/// decode_error.
[[nodiscard]] Result<SecretBytes> decrypt_rsa_pre_master_secret(
    const crypto::Provider& provider, const PrivateKeyOperations& key,
    std::span<const std::uint8_t> encrypted, ProtocolVersion client_version);

/// Checks a ServerKeyExchange (or CertificateVerify) signature with the peer's RSA key.
/// decrypt_error when it does not verify (RFC 5246 §7.2.2).
[[nodiscard]] Result<void> verify_rsa_signature(const crypto::Provider& provider,
                                                const crypto::RsaPublicKey& key,
                                                SignatureScheme scheme,
                                                std::span<const std::uint8_t> signed_data,
                                                std::span<const std::uint8_t> signature);

}  // namespace tlsx::handshake
