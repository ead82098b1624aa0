// The cipher suite table: internal consistency, lookups, and a cross-check of every row against
// OpenSSL's own list (tests/data/cipher-suites/openssl-ciphers-V.txt).
#include <map>
#include <regex>
#include <set>
#include <sstream>
#include <string>

#include <catch2/catch.hpp>

#include "handshake/cipher_suites.hpp"
#include "support/test_support.hpp"

using namespace tlsx::handshake;

namespace {

struct OpensslRow {
  std::string name, kx, au, enc, mac;
};

// "0xC0,0x2F - ECDHE-RSA-AES128-GCM-SHA256 TLSv1.2 Kx=ECDH Au=RSA Enc=AESGCM(128) Mac=AEAD"
std::map<std::uint16_t, OpensslRow> load_openssl_list() {
  const std::regex line_re(
      R"(0x([0-9A-F]{2}),0x([0-9A-F]{2}) - (\S+)\s+\S+\s+Kx=(\S+)\s+Au=(\S+)\s+Enc=(\S+)\s+Mac=(\S+))");
  std::istringstream in(tlsx::test::read_file(std::filesystem::path(TLSX_TEST_DATA_DIR) /
                                              "cipher-suites/openssl-ciphers-V.txt"));
  std::map<std::uint16_t, OpensslRow> out;
  std::string line;
  std::smatch m;
  while (std::getline(in, line)) {
    if (!std::regex_search(line, m, line_re)) continue;
    const auto id = static_cast<std::uint16_t>(std::stoul(m[1].str() + m[2].str(), nullptr, 16));
    out[id] = {m[3], m[4], m[5], m[6], m[7]};
  }
  return out;
}

std::string openssl_kx(KeyExchange kx) {
  return kx == KeyExchange::rsa ? "RSA" : "ECDH";
}
std::string openssl_au(KeyExchange kx) {
  return kx == KeyExchange::ecdhe_ecdsa ? "ECDSA" : "RSA";
}
std::string openssl_enc(BulkCipher c) {
  switch (c) {
    case BulkCipher::aes128_gcm:
      return "AESGCM(128)";
    case BulkCipher::aes256_gcm:
      return "AESGCM(256)";
    case BulkCipher::chacha20_poly1305:
      return "CHACHA20/POLY1305(256)";
    case BulkCipher::aes128_cbc:
      return "AES(128)";
    case BulkCipher::aes256_cbc:
      return "AES(256)";
  }
  return "?";
}
std::string openssl_mac(MacAlgorithm m) {
  switch (m) {
    case MacAlgorithm::aead:
      return "AEAD";
    case MacAlgorithm::sha1:
      return "SHA1";
    case MacAlgorithm::sha256:
      return "SHA256";
    case MacAlgorithm::sha384:
      return "SHA384";
  }
  return "?";
}

}  // namespace

TEST_CASE("suite table rows agree with OpenSSL's cipher list", "[handshake][suites]") {
  const auto openssl = load_openssl_list();
  REQUIRE(openssl.size() > 50);
  tlsx::test::VectorTally tally{"data/cipher-suites/openssl-ciphers-V.txt (tlsx suites)"};
  for (const auto& suite : supported_cipher_suites()) {
    INFO(suite.iana_name);
    const auto it = openssl.find(static_cast<std::uint16_t>(suite.id));
    REQUIRE(it != openssl.end());
    const auto& row = it->second;
    const bool ok = row.name == suite.openssl_name && row.kx == openssl_kx(suite.kx) &&
                    row.au == openssl_au(suite.kx) && row.enc == openssl_enc(suite.cipher) &&
                    row.mac == openssl_mac(suite.mac);
    CHECK(row.name == suite.openssl_name);
    CHECK(row.kx == openssl_kx(suite.kx));
    CHECK(row.au == openssl_au(suite.kx));
    CHECK(row.enc == openssl_enc(suite.cipher));
    CHECK(row.mac == openssl_mac(suite.mac));
    (ok ? tally.passed : tally.failed)++;
  }
  tally.print();
}

TEST_CASE("suite table is consistent with the names table and its own fields",
          "[handshake][suites]") {
  const auto suites = supported_cipher_suites();
  CHECK(suites.size() == 20);
  std::set<std::uint16_t> ids;
  for (const auto& suite : suites) {
    INFO(suite.iana_name);
    CHECK(ids.insert(static_cast<std::uint16_t>(suite.id)).second);
    CHECK(name(suite.id) == suite.iana_name);
    // The IANA name states the MAC/PRF hash last, and the cipher and key size in the middle.
    const std::string iana(suite.iana_name);
    const bool sha384 = iana.ends_with("_SHA384");
    CHECK((suite.prf_hash == tlsx::crypto::HashAlgorithm::sha384) == sha384);
    CHECK(iana.starts_with(suite.kx == KeyExchange::rsa         ? "TLS_RSA_WITH_"
                           : suite.kx == KeyExchange::ecdhe_rsa ? "TLS_ECDHE_RSA_WITH_"
                                                                : "TLS_ECDHE_ECDSA_WITH_"));
    if (suite.is_aead()) {
      CHECK(suite.mac_len == 0);
      CHECK(suite.fixed_iv_len + suite.record_iv_len == 12);  // 96-bit AEAD nonce
    } else {
      CHECK(suite.record_iv_len == 16);
      CHECK(iana.find("_CBC_") != std::string::npos);
    }
    CHECK(suite.key_len == (iana.find("_128_") != std::string::npos ? 16 : 32));
  }
}

TEST_CASE("suite lookups by id, IANA name and OpenSSL name", "[handshake][suites]") {
  const auto* gcm = find_cipher_suite(CipherSuite::TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256);
  REQUIRE(gcm != nullptr);
  CHECK(gcm->openssl_name == "ECDHE-RSA-AES128-GCM-SHA256");
  CHECK(gcm->kx == KeyExchange::ecdhe_rsa);
  CHECK(gcm->cipher == BulkCipher::aes128_gcm);
  CHECK(gcm->key_block_len() == 2 * (16 + 4));
  CHECK(find_cipher_suite_by_openssl_name("ECDHE-RSA-AES128-GCM-SHA256") == gcm);
  CHECK(find_cipher_suite_by_iana_name("TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256") == gcm);

  // The Illustrated TLS 1.2 connection (0xc013) splits a 104-byte key block.
  const auto* cbc = find_cipher_suite_by_openssl_name("ECDHE-RSA-AES128-SHA");
  REQUIRE(cbc != nullptr);
  CHECK(cbc->id == CipherSuite::TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA);
  CHECK(cbc->key_block_len() == 104);
  CHECK(cbc->mac_len == 20);

  const auto* chacha = find_cipher_suite(CipherSuite::TLS_ECDHE_RSA_WITH_CHACHA20_POLY1305_SHA256);
  REQUIRE(chacha != nullptr);
  CHECK(chacha->fixed_iv_len == 12);
  CHECK(chacha->record_iv_len == 0);
  CHECK(chacha->key_block_len() == 88);

  const auto* rsa384 = find_cipher_suite_by_iana_name("TLS_RSA_WITH_AES_256_GCM_SHA384");
  REQUIRE(rsa384 != nullptr);
  CHECK(rsa384->kx == KeyExchange::rsa);
  CHECK(rsa384->prf_hash == tlsx::crypto::HashAlgorithm::sha384);

  CHECK(find_cipher_suite(CipherSuite::TLS_AES_128_GCM_SHA256) == nullptr);  // TLS 1.3
  CHECK(find_cipher_suite(static_cast<CipherSuite>(0x0a0a)) == nullptr);
  CHECK(find_cipher_suite_by_openssl_name("ecdhe-rsa-aes128-gcm-sha256") == nullptr);
  CHECK(find_cipher_suite_by_iana_name("") == nullptr);
  CHECK(to_string(KeyExchange::ecdhe_ecdsa) == "ECDHE_ECDSA");
  CHECK(to_string(BulkCipher::chacha20_poly1305) == "CHACHA20_POLY1305");
  CHECK(to_string(MacAlgorithm::sha384) == "HMAC-SHA384");
}
