// The TLS 1.2 cipher suites tlsx implements, as one table (in the spirit of Go's
// cipher_suites.go): everything the handshake, key schedule and record layer need to know about a
// suite is a row here, not a switch scattered through the code.
//
// Key block (RFC 5246 §6.3) per direction: mac_key_len + key_len + fixed_iv_len bytes, client
// first. fixed_iv_len follows RFC 5246 Appendix C's "IV Size": 4 for AES-GCM (the implicit salt
// of RFC 5288 §3), 12 for ChaCha20-Poly1305 (XORed with the sequence number, RFC 7905 §2), and 16
// for CBC, where TLS 1.2 derives the IV but never uses it because every record carries its own
// (record_iv_len); deriving it keeps the key block identical to other implementations'.
#pragma once

#include <cstdint>
#include <span>
#include <string_view>

#include "handshake/code_points.hpp"
#include "tlsx/crypto/provider.hpp"

namespace tlsx::handshake {

/// How the pre-master secret is agreed and the server authenticated.
enum class KeyExchange : std::uint8_t {
  rsa,          ///< client encrypts the pre-master secret to the server's RSA key (no PFS)
  ecdhe_rsa,    ///< ephemeral ECDH, ServerKeyExchange signed with RSA
  ecdhe_ecdsa,  ///< ephemeral ECDH, ServerKeyExchange signed with ECDSA
};

/// The record cipher.
enum class BulkCipher : std::uint8_t {
  aes128_gcm,
  aes256_gcm,
  chacha20_poly1305,
  aes128_cbc,
  aes256_cbc,
};

/// The record MAC: none for AEAD suites, else HMAC with this hash.
enum class MacAlgorithm : std::uint8_t { aead, sha1, sha256, sha384 };

struct CipherSuiteInfo {
  CipherSuite id;
  std::string_view iana_name;     ///< "TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256"
  std::string_view openssl_name;  ///< "ECDHE-RSA-AES128-GCM-SHA256"
  KeyExchange kx;
  BulkCipher cipher;
  MacAlgorithm mac;
  std::uint8_t key_len;        ///< bulk cipher key bytes
  std::uint8_t fixed_iv_len;   ///< IV bytes per direction taken from the key block
  std::uint8_t record_iv_len;  ///< explicit IV/nonce bytes sent in each record
  std::uint8_t mac_len;        ///< HMAC output and MAC key bytes (0 for AEAD)
  crypto::HashAlgorithm prf_hash;

  [[nodiscard]] constexpr bool is_aead() const noexcept { return mac == MacAlgorithm::aead; }
  /// Bytes of key block the suite consumes (both directions).
  [[nodiscard]] constexpr std::size_t key_block_len() const noexcept {
    return 2 * (static_cast<std::size_t>(mac_len) + key_len + fixed_iv_len);
  }
};

/// Every suite tlsx implements, in tlsx's default preference order (forward secrecy first, then
/// AEAD before CBC, then stronger before faster-to-break).
[[nodiscard]] std::span<const CipherSuiteInfo> supported_cipher_suites() noexcept;

/// Lookups; nullptr when tlsx does not implement the suite (or the name is unknown). Name
/// lookups are exact and case-sensitive, as IANA and OpenSSL spell them.
[[nodiscard]] const CipherSuiteInfo* find_cipher_suite(CipherSuite id) noexcept;
[[nodiscard]] const CipherSuiteInfo* find_cipher_suite_by_iana_name(std::string_view name) noexcept;
[[nodiscard]] const CipherSuiteInfo* find_cipher_suite_by_openssl_name(
    std::string_view name) noexcept;

[[nodiscard]] std::string_view to_string(KeyExchange kx) noexcept;
[[nodiscard]] std::string_view to_string(BulkCipher cipher) noexcept;
[[nodiscard]] std::string_view to_string(MacAlgorithm mac) noexcept;

}  // namespace tlsx::handshake
