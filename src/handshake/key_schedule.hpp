// The TLS 1.2 key schedule: from the pre-master secret to record keys and Finished values.
//
//   master_secret = PRF(pre_master_secret, "master secret",
//                       ClientHello.random + ServerHello.random)[0..47]       RFC 5246 §8.1
//   master_secret = PRF(pre_master_secret, "extended master secret",
//                       session_hash)[0..47]                                   RFC 7627 §4
//   key_block     = PRF(master_secret, "key expansion",
//                       server_random + client_random)                         RFC 5246 §6.3
//   verify_data   = PRF(master_secret, finished_label,
//                       Hash(handshake_messages))[0..11]                       RFC 5246 §7.4.9
//
// Every function takes the suite's PRF hash (SHA-256, or SHA-384 for *_SHA384 suites) and the
// provider whose HMAC computes it. Secrets come back in SecretBytes, which wipe themselves.
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>

#include "tlsx/crypto/provider.hpp"
#include "tlsx/error.hpp"
#include "tlsx/secret.hpp"

namespace tlsx::handshake {

using crypto::Bytes;
using crypto::HashAlgorithm;
using crypto::Provider;

inline constexpr std::size_t kRandomSize = 32;        ///< ClientHello/ServerHello random
inline constexpr std::size_t kMasterSecretSize = 48;  ///< RFC 5246 §8.1
inline constexpr std::size_t kVerifyDataSize = 12;    ///< RFC 5246 §7.4.9 (all TLS 1.2 suites)

/// Which side's Finished message: selects "client finished" or "server finished".
enum class FinishedSender : std::uint8_t { client, server };

/// master_secret per RFC 5246 §8.1. Randoms must be 32 bytes.
[[nodiscard]] Result<SecretBytes> derive_master_secret(const Provider& provider,
                                                       HashAlgorithm prf_hash,
                                                       Bytes pre_master_secret, Bytes client_random,
                                                       Bytes server_random);

/// master_secret per RFC 7627 §4 (extended master secret). session_hash is the PRF hash of the
/// handshake messages up to and including ClientKeyExchange, so it is digest_size(prf_hash) long.
[[nodiscard]] Result<SecretBytes> derive_extended_master_secret(const Provider& provider,
                                                                HashAlgorithm prf_hash,
                                                                Bytes pre_master_secret,
                                                                Bytes session_hash);

/// key_block of `size` bytes per RFC 5246 §6.3. Note the seed order there is server_random +
/// client_random; this function takes them in the usual (client, server) order and swaps.
[[nodiscard]] Result<SecretBytes> derive_key_block(const Provider& provider, HashAlgorithm prf_hash,
                                                   Bytes master_secret, Bytes client_random,
                                                   Bytes server_random, std::size_t size);

/// Sizes of the pieces of a key block for one cipher suite (RFC 5246 §6.3): MAC keys are 0 for
/// AEAD suites; fixed IVs are 16 for CBC (unused by TLS 1.2), 4 for GCM, 12 for ChaCha20.
struct KeyBlockLayout {
  std::size_t mac_key_size = 0;
  std::size_t key_size = 0;
  std::size_t iv_size = 0;
  [[nodiscard]] constexpr std::size_t total() const noexcept {
    return 2 * (mac_key_size + key_size + iv_size);
  }
};

/// The key block cut into its six pieces, in the order RFC 5246 §6.3 takes them.
struct KeyBlock {
  SecretBytes client_write_mac_key;
  SecretBytes server_write_mac_key;
  SecretBytes client_write_key;
  SecretBytes server_write_key;
  SecretBytes client_write_iv;
  SecretBytes server_write_iv;
};

/// Cuts key_block (exactly layout.total() bytes) into its pieces.
[[nodiscard]] Result<KeyBlock> split_key_block(Bytes key_block, const KeyBlockLayout& layout);

/// derive_key_block() of layout.total() bytes, then split_key_block().
[[nodiscard]] Result<KeyBlock> derive_keys(const Provider& provider, HashAlgorithm prf_hash,
                                           Bytes master_secret, Bytes client_random,
                                           Bytes server_random, const KeyBlockLayout& layout);

using VerifyData = std::array<std::uint8_t, kVerifyDataSize>;

/// Finished.verify_data per RFC 5246 §7.4.9. handshake_hash is the PRF hash of all handshake
/// messages before this Finished (digest_size(prf_hash) bytes). Compare received values with
/// crypto::ct_equal.
[[nodiscard]] Result<VerifyData> compute_verify_data(const Provider& provider,
                                                     HashAlgorithm prf_hash, Bytes master_secret,
                                                     FinishedSender sender, Bytes handshake_hash);

}  // namespace tlsx::handshake
