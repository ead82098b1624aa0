// Name tables for TLS code points. Values and names are copied from the IANA-derived CSV tables in
// tests/vectors/tls-names/ (a test checks every row against them); the selection covers every
// suite tlsx implements, the TLS 1.3 suites, and what real ClientHellos commonly carry.
#include <algorithm>

#include <fmt/format.h>

#include "tlsx/code_points.hpp"

namespace tlsx {
namespace {

constexpr CodePointName kCipherSuiteNames[] = {
    {0x0004, "TLS_RSA_WITH_RC4_128_MD5"},
    {0x0005, "TLS_RSA_WITH_RC4_128_SHA"},
    {0x000a, "TLS_RSA_WITH_3DES_EDE_CBC_SHA"},
    {0x0016, "TLS_DHE_RSA_WITH_3DES_EDE_CBC_SHA"},
    {0x002f, "TLS_RSA_WITH_AES_128_CBC_SHA"},
    {0x0033, "TLS_DHE_RSA_WITH_AES_128_CBC_SHA"},
    {0x0035, "TLS_RSA_WITH_AES_256_CBC_SHA"},
    {0x0039, "TLS_DHE_RSA_WITH_AES_256_CBC_SHA"},
    {0x003c, "TLS_RSA_WITH_AES_128_CBC_SHA256"},
    {0x003d, "TLS_RSA_WITH_AES_256_CBC_SHA256"},
    {0x0041, "TLS_RSA_WITH_CAMELLIA_128_CBC_SHA"},
    {0x0045, "TLS_DHE_RSA_WITH_CAMELLIA_128_CBC_SHA"},
    {0x0067, "TLS_DHE_RSA_WITH_AES_128_CBC_SHA256"},
    {0x006b, "TLS_DHE_RSA_WITH_AES_256_CBC_SHA256"},
    {0x0084, "TLS_RSA_WITH_CAMELLIA_256_CBC_SHA"},
    {0x0088, "TLS_DHE_RSA_WITH_CAMELLIA_256_CBC_SHA"},
    {0x009c, "TLS_RSA_WITH_AES_128_GCM_SHA256"},
    {0x009d, "TLS_RSA_WITH_AES_256_GCM_SHA384"},
    {0x009e, "TLS_DHE_RSA_WITH_AES_128_GCM_SHA256"},
    {0x009f, "TLS_DHE_RSA_WITH_AES_256_GCM_SHA384"},
    {0x00ba, "TLS_RSA_WITH_CAMELLIA_128_CBC_SHA256"},
    {0x00be, "TLS_DHE_RSA_WITH_CAMELLIA_128_CBC_SHA256"},
    {0x00c0, "TLS_RSA_WITH_CAMELLIA_256_CBC_SHA256"},
    {0x00c4, "TLS_DHE_RSA_WITH_CAMELLIA_256_CBC_SHA256"},
    {0x00ff, "TLS_EMPTY_RENEGOTIATION_INFO_SCSV"},
    {0x1301, "TLS_AES_128_GCM_SHA256"},
    {0x1302, "TLS_AES_256_GCM_SHA384"},
    {0x1303, "TLS_CHACHA20_POLY1305_SHA256"},
    {0x1304, "TLS_AES_128_CCM_SHA256"},
    {0x1305, "TLS_AES_128_CCM_8_SHA256"},
    {0x5600, "TLS_FALLBACK_SCSV"},
    {0xc007, "TLS_ECDHE_ECDSA_WITH_RC4_128_SHA"},
    {0xc008, "TLS_ECDHE_ECDSA_WITH_3DES_EDE_CBC_SHA"},
    {0xc009, "TLS_ECDHE_ECDSA_WITH_AES_128_CBC_SHA"},
    {0xc00a, "TLS_ECDHE_ECDSA_WITH_AES_256_CBC_SHA"},
    {0xc011, "TLS_ECDHE_RSA_WITH_RC4_128_SHA"},
    {0xc012, "TLS_ECDHE_RSA_WITH_3DES_EDE_CBC_SHA"},
    {0xc013, "TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA"},
    {0xc014, "TLS_ECDHE_RSA_WITH_AES_256_CBC_SHA"},
    {0xc023, "TLS_ECDHE_ECDSA_WITH_AES_128_CBC_SHA256"},
    {0xc024, "TLS_ECDHE_ECDSA_WITH_AES_256_CBC_SHA384"},
    {0xc027, "TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA256"},
    {0xc028, "TLS_ECDHE_RSA_WITH_AES_256_CBC_SHA384"},
    {0xc02b, "TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256"},
    {0xc02c, "TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384"},
    {0xc02f, "TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256"},
    {0xc030, "TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384"},
    {0xcca8, "TLS_ECDHE_RSA_WITH_CHACHA20_POLY1305_SHA256"},
    {0xcca9, "TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305_SHA256"},
    {0xccaa, "TLS_DHE_RSA_WITH_CHACHA20_POLY1305_SHA256"},
};
constexpr CodePointName kExtensionTypeNames[] = {
    {0x0000, "server_name"},
    {0x0001, "max_fragment_length"},
    {0x0002, "client_certificate_url"},
    {0x0003, "trusted_ca_keys"},
    {0x0004, "truncated_hmac"},
    {0x0005, "status_request"},
    {0x0006, "user_mapping"},
    {0x0007, "client_authz"},
    {0x0008, "server_authz"},
    {0x0009, "cert_type"},
    {0x000a, "supported_groups"},
    {0x000b, "ec_point_formats"},
    {0x000c, "srp"},
    {0x000d, "signature_algorithms"},
    {0x000e, "use_srtp"},
    {0x000f, "heartbeat"},
    {0x0010, "application_layer_protocol_negotiation"},
    {0x0011, "status_request_v2"},
    {0x0012, "signed_certificate_timestamp"},
    {0x0013, "client_certificate_type"},
    {0x0014, "server_certificate_type"},
    {0x0015, "padding"},
    {0x0016, "encrypt_then_mac"},
    {0x0017, "extended_master_secret"},
    {0x0018, "token_binding"},
    {0x0019, "cached_info"},
    {0x001b, "compress_certificate"},
    {0x001c, "record_size_limit"},
    {0x0022, "delegated_credentials"},
    {0x0023, "session_ticket"},
    {0x0029, "pre_shared_key"},
    {0x002a, "early_data"},
    {0x002b, "supported_versions"},
    {0x002c, "cookie"},
    {0x002d, "psk_key_exchange_modes"},
    {0x002f, "certificate_authorities"},
    {0x0030, "oid_filters"},
    {0x0031, "post_handshake_auth"},
    {0x0032, "signature_algorithms_cert"},
    {0x0033, "key_share"},
    {0x0034, "transparency_info"},
    {0x0035, "connection_id (deprecated)"},
    {0x0036, "connection_id"},
    {0x0037, "external_id_hash"},
    {0x0038, "external_session_id"},
    {0x0039, "quic_transport_parameters"},
    {0x003a, "ticket_request"},
    {0x003b, "dnssec_chain"},
    {0x3374, "next_protocol_negotiation"},
    {0x4469, "application_settings_old"},
    {0x44cd, "application_settings"},
    {0x754f, "channel_id_old"},
    {0x7550, "channel_id"},
    {0xfe0d, "encrypted_client_hello"},
    {0xff01, "renegotiation_info"},
    {0xffa5, "quic_transport_parameters (drafts version)"},
    {0xffce, "encrypted_server_name"},
};
constexpr CodePointName kNamedGroupNames[] = {
    {0x0017, "secp256r1"},
    {0x0018, "secp384r1"},
    {0x0019, "secp521r1"},
    {0x001a, "brainpoolP256r1"},
    {0x001b, "brainpoolP384r1"},
    {0x001c, "brainpoolP512r1"},
    {0x001d, "x25519"},
    {0x001e, "x448"},
    {0x0100, "ffdhe2048"},
    {0x0101, "ffdhe3072"},
    {0x0102, "ffdhe4096"},
    {0x0103, "ffdhe6144"},
    {0x0104, "ffdhe8192"},
    {0x11eb, "SecP256r1MLKEM768"},
    {0x11ec, "X25519MLKEM768"},
    {0x11ed, "SecP384r1MLKEM1024"},
    {0x6399, "X25519Kyber768Draft00"},
};
constexpr CodePointName kSignatureSchemeNames[] = {
    {0x0201, "rsa_pkcs1_sha1"},
    {0x0203, "ecdsa_sha1"},
    {0x0401, "rsa_pkcs1_sha256"},
    {0x0403, "ecdsa_secp256r1_sha256"},
    {0x0501, "rsa_pkcs1_sha384"},
    {0x0503, "ecdsa_secp384r1_sha384"},
    {0x0601, "rsa_pkcs1_sha512"},
    {0x0603, "ecdsa_secp521r1_sha512"},
    {0x0708, "sm2sig_sm3"},
    {0x0804, "rsa_pss_rsae_sha256"},
    {0x0805, "rsa_pss_rsae_sha384"},
    {0x0806, "rsa_pss_rsae_sha512"},
    {0x0807, "ed25519"},
    {0x0808, "ed448"},
    {0x0809, "rsa_pss_pss_sha256"},
    {0x080a, "rsa_pss_pss_sha384"},
    {0x080b, "rsa_pss_pss_sha512"},
};

constexpr bool is_sorted_unique(std::span<const CodePointName> table) {
  for (std::size_t i = 1; i < table.size(); ++i) {
    if (table[i - 1].value >= table[i].value) return false;
  }
  return true;
}
static_assert(is_sorted_unique(kCipherSuiteNames));
static_assert(is_sorted_unique(kExtensionTypeNames));
static_assert(is_sorted_unique(kNamedGroupNames));
static_assert(is_sorted_unique(kSignatureSchemeNames));

constexpr std::string_view lookup(std::span<const CodePointName> table, std::uint16_t value) {
  const auto it =
      std::lower_bound(table.begin(), table.end(), value,
                       [](const CodePointName& row, std::uint16_t v) { return row.value < v; });
  if (it == table.end() || it->value != value) return {};
  return it->name;
}

std::string name_or_hex(std::string_view known, std::uint16_t value) {
  if (!known.empty()) return std::string(known);
  if (is_grease(value)) return fmt::format("grease(0x{:04x})", value);
  return fmt::format("unknown(0x{:04x})", value);
}

}  // namespace

std::span<const CodePointName> cipher_suite_names() noexcept {
  return kCipherSuiteNames;
}
std::span<const CodePointName> extension_type_names() noexcept {
  return kExtensionTypeNames;
}
std::span<const CodePointName> named_group_names() noexcept {
  return kNamedGroupNames;
}
std::span<const CodePointName> signature_scheme_names() noexcept {
  return kSignatureSchemeNames;
}

std::string_view name(ProtocolVersion value) noexcept {
  switch (value) {
    case ProtocolVersion::ssl3:
      return "SSL 3.0";
    case ProtocolVersion::tls10:
      return "TLS 1.0";
    case ProtocolVersion::tls11:
      return "TLS 1.1";
    case ProtocolVersion::tls12:
      return "TLS 1.2";
    case ProtocolVersion::tls13:
      return "TLS 1.3";
    default:
      return {};
  }
}
std::string_view name(CipherSuite value) noexcept {
  return lookup(kCipherSuiteNames, static_cast<std::uint16_t>(value));
}
std::string_view name(ExtensionType value) noexcept {
  return lookup(kExtensionTypeNames, static_cast<std::uint16_t>(value));
}
std::string_view name(NamedGroup value) noexcept {
  return lookup(kNamedGroupNames, static_cast<std::uint16_t>(value));
}
std::string_view name(SignatureScheme value) noexcept {
  return lookup(kSignatureSchemeNames, static_cast<std::uint16_t>(value));
}

std::string to_string(ProtocolVersion value) {
  return name_or_hex(name(value), static_cast<std::uint16_t>(value));
}
std::string to_string(CipherSuite value) {
  return name_or_hex(name(value), static_cast<std::uint16_t>(value));
}
std::string to_string(ExtensionType value) {
  return name_or_hex(name(value), static_cast<std::uint16_t>(value));
}
std::string to_string(NamedGroup value) {
  return name_or_hex(name(value), static_cast<std::uint16_t>(value));
}
std::string to_string(SignatureScheme value) {
  return name_or_hex(name(value), static_cast<std::uint16_t>(value));
}

}  // namespace tlsx
