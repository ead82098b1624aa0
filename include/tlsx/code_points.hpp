// TLS code points that handshake messages carry: protocol versions, cipher suites, extension
// types, named groups and signature schemes, plus their names for logs, capture output and course
// mode.
//
// Every enum is a wire enum: it holds any 16-bit value, including ones tlsx has never heard of
// and GREASE values (RFC 8701), and a parser never drops or rewrites them. The enumerators listed
// are the ones tlsx's code refers to; the name tables (code_point_names.cpp) know more values.
// Names follow the IANA TLS registries (checked against tests/vectors/tls-names/*.csv by a test).
#pragma once

#include <cstdint>
#include <span>
#include <string>
#include <string_view>

#include "tlsx/handshake_type.hpp"

namespace tlsx {

/// ProtocolVersion (RFC 5246 §6.2.1): {major, minor} read as one big-endian uint16.
enum class ProtocolVersion : std::uint16_t {
  ssl3 = 0x0300,
  tls10 = 0x0301,
  tls11 = 0x0302,
  tls12 = 0x0303,
  tls13 = 0x0304,
};

/// CipherSuite (RFC 5246 §7.4.1.2, IANA "TLS Cipher Suites"). Enumerators use the IANA names.
enum class CipherSuite : std::uint16_t {
  TLS_RSA_WITH_AES_128_CBC_SHA = 0x002f,
  TLS_RSA_WITH_AES_256_CBC_SHA = 0x0035,
  TLS_RSA_WITH_AES_128_CBC_SHA256 = 0x003c,
  TLS_RSA_WITH_AES_256_CBC_SHA256 = 0x003d,
  TLS_RSA_WITH_AES_128_GCM_SHA256 = 0x009c,
  TLS_RSA_WITH_AES_256_GCM_SHA384 = 0x009d,
  TLS_EMPTY_RENEGOTIATION_INFO_SCSV = 0x00ff,  // RFC 5746 §3.3
  TLS_AES_128_GCM_SHA256 = 0x1301,             // TLS 1.3 (RFC 8446 §B.4)
  TLS_AES_256_GCM_SHA384 = 0x1302,
  TLS_CHACHA20_POLY1305_SHA256 = 0x1303,
  TLS_AES_128_CCM_SHA256 = 0x1304,
  TLS_AES_128_CCM_8_SHA256 = 0x1305,
  TLS_FALLBACK_SCSV = 0x5600,  // RFC 7507
  TLS_ECDHE_ECDSA_WITH_AES_128_CBC_SHA = 0xc009,
  TLS_ECDHE_ECDSA_WITH_AES_256_CBC_SHA = 0xc00a,
  TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA = 0xc013,
  TLS_ECDHE_RSA_WITH_AES_256_CBC_SHA = 0xc014,
  TLS_ECDHE_ECDSA_WITH_AES_128_CBC_SHA256 = 0xc023,
  TLS_ECDHE_ECDSA_WITH_AES_256_CBC_SHA384 = 0xc024,
  TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA256 = 0xc027,
  TLS_ECDHE_RSA_WITH_AES_256_CBC_SHA384 = 0xc028,
  TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256 = 0xc02b,
  TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384 = 0xc02c,
  TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256 = 0xc02f,
  TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384 = 0xc030,
  TLS_ECDHE_RSA_WITH_CHACHA20_POLY1305_SHA256 = 0xcca8,  // RFC 7905
  TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305_SHA256 = 0xcca9,
};

/// ExtensionType (RFC 5246 §7.4.1.4, IANA "TLS ExtensionType Values").
enum class ExtensionType : std::uint16_t {
  server_name = 0,                              // RFC 6066 §3
  max_fragment_length = 1,                      // RFC 6066 §4
  status_request = 5,                           // RFC 6066 §8
  supported_groups = 10,                        // RFC 8422 §5.1.1, RFC 7919
  ec_point_formats = 11,                        // RFC 8422 §5.1.2
  signature_algorithms = 13,                    // RFC 5246 §7.4.1.4.1
  use_srtp = 14,                                // RFC 5764
  heartbeat = 15,                               // RFC 6520
  application_layer_protocol_negotiation = 16,  // RFC 7301
  signed_certificate_timestamp = 18,            // RFC 6962
  padding = 21,                                 // RFC 7685
  encrypt_then_mac = 22,                        // RFC 7366
  extended_master_secret = 23,                  // RFC 7627
  compress_certificate = 27,                    // RFC 8879
  record_size_limit = 28,                       // RFC 8449
  delegated_credentials = 34,                   // RFC 9345
  session_ticket = 35,                          // RFC 5077
  pre_shared_key = 41,                          // RFC 8446 §4.2.11
  early_data = 42,                              // RFC 8446 §4.2.10
  supported_versions = 43,                      // RFC 8446 §4.2.1
  cookie = 44,                                  // RFC 8446 §4.2.2
  psk_key_exchange_modes = 45,                  // RFC 8446 §4.2.9
  certificate_authorities = 47,                 // RFC 8446 §4.2.4
  post_handshake_auth = 49,                     // RFC 8446 §4.2.6
  signature_algorithms_cert = 50,               // RFC 8446 §4.2.3
  key_share = 51,                               // RFC 8446 §4.2.8
  next_protocol_negotiation = 0x3374,           // draft-agl-tls-nextprotoneg
  application_settings_old = 0x4469,            // draft-vvv-tls-alps (old code point)
  application_settings = 0x44cd,                // draft-vvv-tls-alps
  encrypted_client_hello = 0xfe0d,              // draft-ietf-tls-esni
  renegotiation_info = 0xff01,                  // RFC 5746
};

/// NamedGroup (RFC 8422 §5.1.1, RFC 7919, RFC 8446 §4.2.7; IANA "TLS Supported Groups").
enum class NamedGroup : std::uint16_t {
  secp256r1 = 0x0017,
  secp384r1 = 0x0018,
  secp521r1 = 0x0019,
  x25519 = 0x001d,
  x448 = 0x001e,
  ffdhe2048 = 0x0100,
  ffdhe3072 = 0x0101,
  ffdhe4096 = 0x0102,
  ffdhe6144 = 0x0103,
  ffdhe8192 = 0x0104,
  SecP256r1MLKEM768 = 0x11eb,
  X25519MLKEM768 = 0x11ec,
  SecP384r1MLKEM1024 = 0x11ed,
  X25519Kyber768Draft00 = 0x6399,
};

/// SignatureScheme (RFC 8446 §4.2.3). In TLS 1.2 the same two bytes are the
/// SignatureAndHashAlgorithm pair {hash, signature} of RFC 5246 §7.4.1.4.1, and the schemes below
/// were defined so that the TLS 1.2 pairs keep their meaning (rsa_pkcs1_sha256 = {sha256, rsa}).
enum class SignatureScheme : std::uint16_t {
  rsa_pkcs1_sha1 = 0x0201,
  ecdsa_sha1 = 0x0203,
  rsa_pkcs1_sha256 = 0x0401,
  ecdsa_secp256r1_sha256 = 0x0403,
  rsa_pkcs1_sha384 = 0x0501,
  ecdsa_secp384r1_sha384 = 0x0503,
  rsa_pkcs1_sha512 = 0x0601,
  ecdsa_secp521r1_sha512 = 0x0603,
  rsa_pss_rsae_sha256 = 0x0804,
  rsa_pss_rsae_sha384 = 0x0805,
  rsa_pss_rsae_sha512 = 0x0806,
  ed25519 = 0x0807,
  ed448 = 0x0808,
  rsa_pss_pss_sha256 = 0x0809,
  rsa_pss_pss_sha384 = 0x080a,
  rsa_pss_pss_sha512 = 0x080b,
};

/// True for the sixteen GREASE values of RFC 8701 §2 (0x0a0a, 0x1a1a, ..., 0xfafa): both bytes
/// equal and of the form 0x?a. Clients sprinkle them into cipher suites, extensions, groups,
/// signature algorithms, versions, ALPN and key shares; a peer must treat them as unknown values.
[[nodiscard]] constexpr bool is_grease(std::uint16_t value) noexcept {
  return (value & 0x0f0f) == 0x0a0a && (value >> 8) == (value & 0xff);
}
template <class Enum>
[[nodiscard]] constexpr bool is_grease(Enum value) noexcept {
  return is_grease(static_cast<std::uint16_t>(value));
}

/// One row of a name table.
struct CodePointName {
  std::uint16_t value;
  std::string_view name;
};

/// The name tables, sorted by value (for tests and for tools that list what tlsx knows).
[[nodiscard]] std::span<const CodePointName> cipher_suite_names() noexcept;
[[nodiscard]] std::span<const CodePointName> extension_type_names() noexcept;
[[nodiscard]] std::span<const CodePointName> named_group_names() noexcept;
[[nodiscard]] std::span<const CodePointName> signature_scheme_names() noexcept;

/// The registered name ("TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256", "server_name", "x25519",
/// "rsa_pss_rsae_sha256", "TLS 1.2"), or an empty view when the value is not in tlsx's table.
[[nodiscard]] std::string_view name(ProtocolVersion value) noexcept;
[[nodiscard]] std::string_view name(CipherSuite value) noexcept;
[[nodiscard]] std::string_view name(ExtensionType value) noexcept;
[[nodiscard]] std::string_view name(NamedGroup value) noexcept;
[[nodiscard]] std::string_view name(SignatureScheme value) noexcept;

/// Like name() but never empty: GREASE values print as "grease(0x0a0a)", others without a name as
/// "unknown(0x1234)".
[[nodiscard]] std::string to_string(ProtocolVersion value);
[[nodiscard]] std::string to_string(CipherSuite value);
[[nodiscard]] std::string to_string(ExtensionType value);
[[nodiscard]] std::string to_string(NamedGroup value);
[[nodiscard]] std::string to_string(SignatureScheme value);

}  // namespace tlsx
