#include "handshake/cipher_suites.hpp"

#include <array>

namespace tlsx::handshake {
namespace {

using enum KeyExchange;
using enum BulkCipher;
using enum MacAlgorithm;
using crypto::HashAlgorithm;
using CS = CipherSuite;

// IV shapes per cipher. GCM: RFC 5288 §3 (4-byte implicit salt, 8-byte explicit nonce).
// ChaCha20-Poly1305: RFC 7905 §2 (12-byte IV, no explicit nonce). CBC: RFC 5246 §6.2.3.2 (a
// 16-byte explicit IV in every record; the key-block IV is derived but unused).
struct CipherShape {
  std::uint8_t key_len;
  std::uint8_t fixed_iv_len;
  std::uint8_t record_iv_len;
};

constexpr CipherShape shape_of(BulkCipher cipher) {
  switch (cipher) {
    case aes128_gcm:
      return {16, 4, 8};
    case aes256_gcm:
      return {32, 4, 8};
    case chacha20_poly1305:
      return {32, 12, 0};
    case aes128_cbc:
      return {16, 16, 16};
    case aes256_cbc:
      return {32, 16, 16};
  }
  return {0, 0, 0};
}

constexpr std::uint8_t mac_len_of(MacAlgorithm mac) {
  switch (mac) {
    case aead:
      return 0;
    case sha1:
      return 20;
    case sha256:
      return 32;
    case sha384:
      return 48;
  }
  return 0;
}

constexpr CipherSuiteInfo row(CS id, std::string_view iana, std::string_view openssl,
                              KeyExchange kx, BulkCipher cipher, MacAlgorithm mac,
                              HashAlgorithm prf) {
  const CipherShape shape = shape_of(cipher);
  return {id,
          iana,
          openssl,
          kx,
          cipher,
          mac,
          shape.key_len,
          shape.fixed_iv_len,
          shape.record_iv_len,
          mac_len_of(mac),
          prf};
}

constexpr auto S256 = HashAlgorithm::sha256;
constexpr auto S384 = HashAlgorithm::sha384;

// clang-format off
constexpr std::array kSuites = {
  row(CS::TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256, "TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256", "ECDHE-ECDSA-AES128-GCM-SHA256", ecdhe_ecdsa, aes128_gcm, aead, S256),
  row(CS::TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256, "TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256", "ECDHE-RSA-AES128-GCM-SHA256", ecdhe_rsa, aes128_gcm, aead, S256),
  row(CS::TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384, "TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384", "ECDHE-ECDSA-AES256-GCM-SHA384", ecdhe_ecdsa, aes256_gcm, aead, S384),
  row(CS::TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384, "TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384", "ECDHE-RSA-AES256-GCM-SHA384", ecdhe_rsa, aes256_gcm, aead, S384),
  row(CS::TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305_SHA256, "TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305_SHA256", "ECDHE-ECDSA-CHACHA20-POLY1305", ecdhe_ecdsa, chacha20_poly1305, aead, S256),
  row(CS::TLS_ECDHE_RSA_WITH_CHACHA20_POLY1305_SHA256, "TLS_ECDHE_RSA_WITH_CHACHA20_POLY1305_SHA256", "ECDHE-RSA-CHACHA20-POLY1305", ecdhe_rsa, chacha20_poly1305, aead, S256),
  row(CS::TLS_ECDHE_ECDSA_WITH_AES_128_CBC_SHA256, "TLS_ECDHE_ECDSA_WITH_AES_128_CBC_SHA256", "ECDHE-ECDSA-AES128-SHA256", ecdhe_ecdsa, aes128_cbc, sha256, S256),
  row(CS::TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA256, "TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA256", "ECDHE-RSA-AES128-SHA256", ecdhe_rsa, aes128_cbc, sha256, S256),
  row(CS::TLS_ECDHE_ECDSA_WITH_AES_256_CBC_SHA384, "TLS_ECDHE_ECDSA_WITH_AES_256_CBC_SHA384", "ECDHE-ECDSA-AES256-SHA384", ecdhe_ecdsa, aes256_cbc, sha384, S384),
  row(CS::TLS_ECDHE_RSA_WITH_AES_256_CBC_SHA384, "TLS_ECDHE_RSA_WITH_AES_256_CBC_SHA384", "ECDHE-RSA-AES256-SHA384", ecdhe_rsa, aes256_cbc, sha384, S384),
  row(CS::TLS_ECDHE_ECDSA_WITH_AES_128_CBC_SHA, "TLS_ECDHE_ECDSA_WITH_AES_128_CBC_SHA", "ECDHE-ECDSA-AES128-SHA", ecdhe_ecdsa, aes128_cbc, sha1, S256),
  row(CS::TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA, "TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA", "ECDHE-RSA-AES128-SHA", ecdhe_rsa, aes128_cbc, sha1, S256),
  row(CS::TLS_ECDHE_ECDSA_WITH_AES_256_CBC_SHA, "TLS_ECDHE_ECDSA_WITH_AES_256_CBC_SHA", "ECDHE-ECDSA-AES256-SHA", ecdhe_ecdsa, aes256_cbc, sha1, S256),
  row(CS::TLS_ECDHE_RSA_WITH_AES_256_CBC_SHA, "TLS_ECDHE_RSA_WITH_AES_256_CBC_SHA", "ECDHE-RSA-AES256-SHA", ecdhe_rsa, aes256_cbc, sha1, S256),
  row(CS::TLS_RSA_WITH_AES_128_GCM_SHA256, "TLS_RSA_WITH_AES_128_GCM_SHA256", "AES128-GCM-SHA256", rsa, aes128_gcm, aead, S256),
  row(CS::TLS_RSA_WITH_AES_256_GCM_SHA384, "TLS_RSA_WITH_AES_256_GCM_SHA384", "AES256-GCM-SHA384", rsa, aes256_gcm, aead, S384),
  row(CS::TLS_RSA_WITH_AES_128_CBC_SHA256, "TLS_RSA_WITH_AES_128_CBC_SHA256", "AES128-SHA256", rsa, aes128_cbc, sha256, S256),
  row(CS::TLS_RSA_WITH_AES_256_CBC_SHA256, "TLS_RSA_WITH_AES_256_CBC_SHA256", "AES256-SHA256", rsa, aes256_cbc, sha256, S256),
  row(CS::TLS_RSA_WITH_AES_128_CBC_SHA, "TLS_RSA_WITH_AES_128_CBC_SHA", "AES128-SHA", rsa, aes128_cbc, sha1, S256),
  row(CS::TLS_RSA_WITH_AES_256_CBC_SHA, "TLS_RSA_WITH_AES_256_CBC_SHA", "AES256-SHA", rsa, aes256_cbc, sha1, S256),
};
// clang-format on

}  // namespace

std::span<const CipherSuiteInfo> supported_cipher_suites() noexcept {
  return kSuites;
}

const CipherSuiteInfo* find_cipher_suite(CipherSuite id) noexcept {
  for (const auto& suite : kSuites) {
    if (suite.id == id) return &suite;
  }
  return nullptr;
}

const CipherSuiteInfo* find_cipher_suite_by_iana_name(std::string_view name) noexcept {
  for (const auto& suite : kSuites) {
    if (suite.iana_name == name) return &suite;
  }
  return nullptr;
}

const CipherSuiteInfo* find_cipher_suite_by_openssl_name(std::string_view name) noexcept {
  for (const auto& suite : kSuites) {
    if (suite.openssl_name == name) return &suite;
  }
  return nullptr;
}

std::string_view to_string(KeyExchange kx) noexcept {
  switch (kx) {
    case KeyExchange::rsa:
      return "RSA";
    case KeyExchange::ecdhe_rsa:
      return "ECDHE_RSA";
    case KeyExchange::ecdhe_ecdsa:
      return "ECDHE_ECDSA";
  }
  return "unknown";
}

std::string_view to_string(BulkCipher cipher) noexcept {
  switch (cipher) {
    case BulkCipher::aes128_gcm:
      return "AES_128_GCM";
    case BulkCipher::aes256_gcm:
      return "AES_256_GCM";
    case BulkCipher::chacha20_poly1305:
      return "CHACHA20_POLY1305";
    case BulkCipher::aes128_cbc:
      return "AES_128_CBC";
    case BulkCipher::aes256_cbc:
      return "AES_256_CBC";
  }
  return "unknown";
}

std::string_view to_string(MacAlgorithm mac) noexcept {
  switch (mac) {
    case MacAlgorithm::aead:
      return "AEAD";
    case MacAlgorithm::sha1:
      return "HMAC-SHA1";
    case MacAlgorithm::sha256:
      return "HMAC-SHA256";
    case MacAlgorithm::sha384:
      return "HMAC-SHA384";
  }
  return "unknown";
}

}  // namespace tlsx::handshake
