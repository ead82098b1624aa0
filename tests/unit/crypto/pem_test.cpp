// Base64, PEM blocks, and RSA private keys from PEM (PKCS#1 and PKCS#8) as the openssl command
// line writes them, checked against `openssl rsa -text`; encrypted and EC keys are refused with a
// clear message.
#include <map>
#include <random>
#include <string>
#include <vector>

#include <catch2/catch.hpp>

#include "crypto/base64.hpp"
#include "crypto/pem.hpp"
#include "crypto/rsa_key_der.hpp"
#include "openssl_cli.hpp"
#include "support/test_support.hpp"

using tlsx::ErrorCode;
using tlsx::crypto::base64_decode;
using tlsx::crypto::base64_encode;
using tlsx::crypto::pem_decode;
using tlsx::crypto::pem_encode;
using tlsx::test::ByteVec;
using tlsx::test::to_hex;

namespace {

std::string decoded_text(std::string_view b64) {
  auto out = base64_decode(b64);
  REQUIRE(out);
  return std::string(reinterpret_cast<const char*>(out->data()), out->size());
}

std::string decode_error(std::string_view b64) {
  auto out = base64_decode(b64);
  return out ? std::string("(decoded)") : out.error().detail;
}

std::string pem_error(std::string_view text) {
  auto out = pem_decode(text);
  return out ? std::string("(decoded)") : out.error().detail;
}

std::string strip_zeros(std::string hex) {
  while (hex.size() > 2 && hex.starts_with("00")) hex.erase(0, 2);
  return hex;
}

// Parses `openssl rsa -text -noout` into hex per field (modulus, prime1, ...; publicExponent too).
std::map<std::string, std::string> openssl_rsa_text(const std::string& text) {
  std::map<std::string, std::string> fields;
  std::string current;
  std::size_t pos = 0;
  while (pos < text.size()) {
    std::size_t end = text.find('\n', pos);
    if (end == std::string::npos) end = text.size();
    const std::string line = text.substr(pos, end - pos);
    pos = end + 1;
    if (line.starts_with("publicExponent:")) {
      const auto open = line.find("(0x");
      std::string hex = line.substr(open + 3, line.find(')') - open - 3);
      if (hex.size() % 2 != 0) hex = "0" + hex;
      fields["publicExponent"] = hex;
      current.clear();
    } else if (!line.empty() && line[0] != ' ' && line.back() == ':') {
      current = line.substr(0, line.size() - 1);
    } else if (!current.empty() && line.starts_with("    ")) {
      for (const char c : line) {
        if (std::isxdigit(static_cast<unsigned char>(c))) fields[current].push_back(c);
      }
    }
  }
  for (auto& [name, hex] : fields) hex = strip_zeros(hex);
  return fields;
}

void check_components(const tlsx::crypto::RsaPrivateComponents& c,
                      const std::map<std::string, std::string>& expected) {
  CHECK(to_hex(c.n) == expected.at("modulus"));
  CHECK(to_hex(c.e) == expected.at("publicExponent"));
  CHECK(to_hex(c.d) == expected.at("privateExponent"));
  CHECK(to_hex(c.p) == expected.at("prime1"));
  CHECK(to_hex(c.q) == expected.at("prime2"));
  CHECK(to_hex(c.dp) == expected.at("exponent1"));
  CHECK(to_hex(c.dq) == expected.at("exponent2"));
  CHECK(to_hex(c.qinv) == expected.at("coefficient"));
}

}  // namespace

TEST_CASE("base64: RFC 4648 §10 test vectors both ways", "[crypto][pem]") {
  const std::pair<const char*, const char*> vectors[] = {
      {"", ""},
      {"f", "Zg=="},
      {"fo", "Zm8="},
      {"foo", "Zm9v"},
      {"foob", "Zm9vYg=="},
      {"fooba", "Zm9vYmE="},
      {"foobar", "Zm9vYmFy"},
  };
  for (const auto& [plain, encoded] : vectors) {
    CHECK(base64_encode(tlsx::test::bytes_of(plain)) == encoded);
    CHECK(decoded_text(encoded) == plain);
  }
  CHECK(base64_encode(ByteVec{0xfb, 0xff, 0xbf}) == "+/+/");
  CHECK(decoded_text("+/+/") == "\xfb\xff\xbf");
}

TEST_CASE("base64: round trip of every length and byte value", "[crypto][pem]") {
  std::mt19937 rng(42);
  for (std::size_t n = 0; n < 200; ++n) {
    ByteVec data(n);
    for (auto& b : data) b = static_cast<std::uint8_t>(rng());
    if (n == 199) {
      for (std::size_t i = 0; i < n; ++i) data[i] = static_cast<std::uint8_t>(i + 57);
    }
    const std::string encoded = base64_encode(data);
    CHECK(encoded.size() == (n + 2) / 3 * 4);
    auto decoded = base64_decode(encoded);
    REQUIRE(decoded);
    CHECK(to_hex(decoded->span()) == to_hex(data));
  }
}

TEST_CASE("base64: strict decoding", "[crypto][pem]") {
  CHECK_THAT(decode_error("Zg="), Catch::Contains("multiple of 4"));
  CHECK_THAT(decode_error("Zg"), Catch::Contains("multiple of 4"));
  CHECK_THAT(decode_error("Z==="), Catch::Contains("'=' before the end"));
  CHECK_THAT(decode_error("===="), Catch::Contains("'=' before the end"));
  CHECK_THAT(decode_error("Zg==Zg=="), Catch::Contains("'=' before the end"));
  CHECK_THAT(decode_error("Zm9v\nYmFy"), Catch::Contains("multiple of 4"));
  CHECK_THAT(decode_error("Zm9vYmF\n"), Catch::Contains("invalid character"));
  CHECK_THAT(decode_error("Zm9-"), Catch::Contains("invalid character"));  // base64url
  CHECK_THAT(decode_error("Zm9_"), Catch::Contains("invalid character"));
  CHECK_THAT(decode_error("Zm 9"), Catch::Contains("invalid character"));
  CHECK_THAT(decode_error("Zm9\x80"), Catch::Contains("invalid character"));
  // Canonical encodings only: the spare bits of the last character must be zero.
  CHECK_THAT(decode_error("Zh=="), Catch::Contains("non-zero bits"));
  CHECK_THAT(decode_error("Zm9="), Catch::Contains("non-zero bits"));
  CHECK(decoded_text("Zm8=") == "fo");
}

TEST_CASE("PEM: the Illustrated TLS certificate decodes and re-encodes byte for byte",
          "[crypto][pem]") {
  const std::string text =
      tlsx::test::read_file(tlsx::test::vector_path("illustrated-tls12/server.crt"));
  auto blocks = pem_decode(text);
  REQUIRE(blocks);
  REQUIRE(blocks->size() == 1);
  const auto& block = (*blocks)[0];
  CHECK(block.label == "CERTIFICATE");
  CHECK(block.headers.empty());
  CHECK(block.der.size() == 805);
  CHECK(to_hex(block.der.span()).starts_with("30820321"));
  CHECK(pem_encode("CERTIFICATE", block.der) == text);
}

TEST_CASE("PEM: several blocks, text around them, CRLF and trailing blanks", "[crypto][pem]") {
  const std::string text =
      "subject=CN = example\r\n"
      "Certificate:\n    Data: (openssl x509 -text dump)\n"
      "-----BEGIN CERTIFICATE-----\r\n"
      "Zm9v \r\n"
      "-----END CERTIFICATE-----\r\n"
      "# comment between blocks\n"
      "-----BEGIN RSA PRIVATE KEY-----\n"
      "Zm9vYmFy\n"
      "Zg==\n"
      "-----END RSA PRIVATE KEY-----";  // no final newline
  auto blocks = pem_decode(text);
  REQUIRE(blocks);
  REQUIRE(blocks->size() == 2);
  CHECK((*blocks)[0].label == "CERTIFICATE");
  CHECK(to_hex((*blocks)[0].der.span()) == to_hex(tlsx::test::bytes_of("foo")));
  CHECK((*blocks)[1].label == "RSA PRIVATE KEY");
  CHECK(to_hex((*blocks)[1].der.span()) == to_hex(tlsx::test::bytes_of("foobarf")));
  auto none = pem_decode("just text\n");
  REQUIRE(none);
  CHECK(none->empty());
}

TEST_CASE("PEM: RFC 1421 headers are kept (legacy encrypted keys)", "[crypto][pem]") {
  const std::string text =
      "-----BEGIN RSA PRIVATE KEY-----\n"
      "Proc-Type: 4,ENCRYPTED\n"
      "DEK-Info: AES-256-CBC,00112233445566778899AABBCCDDEEFF\n"
      "\n"
      "Zm9v\n"
      "-----END RSA PRIVATE KEY-----\n";
  auto blocks = pem_decode(text);
  REQUIRE(blocks);
  REQUIRE(blocks->size() == 1);
  CHECK((*blocks)[0].headers ==
        "Proc-Type: 4,ENCRYPTED\nDEK-Info: AES-256-CBC,00112233445566778899AABBCCDDEEFF");
  auto key = tlsx::crypto::rsa_private_key_from_pem(text);
  REQUIRE_FALSE(key);
  CHECK(key.error().code == ErrorCode::unsupported);
  CHECK_THAT(key.error().detail, Catch::Contains("encrypted keys are not supported"));
}

TEST_CASE("PEM: malformed blocks are refused with the reason", "[crypto][pem]") {
  CHECK_THAT(pem_error("-----BEGIN CERTIFICATE-----\nZm9v\n"), Catch::Contains("no END line"));
  CHECK_THAT(pem_error("-----BEGIN CERTIFICATE-----\nZm9v\n-----END X509 CRL-----\n"),
             Catch::Contains("ends with"));
  CHECK_THAT(pem_error("-----END CERTIFICATE-----\n"), Catch::Contains("END line without BEGIN"));
  CHECK_THAT(pem_error("-----BEGIN CERTIFICATE-----\n-----BEGIN CERTIFICATE-----\n"),
             Catch::Contains("no END line"));
  CHECK_THAT(pem_error("-----BEGIN CERTIFICATE-----\nZm9v\n\nZm9v\n-----END CERTIFICATE-----\n"),
             Catch::Contains("blank line"));
  CHECK_THAT(pem_error("-----BEGIN CERTIFICATE-----\nZm 9v\n-----END CERTIFICATE-----\n"),
             Catch::Contains("space inside"));
  CHECK_THAT(pem_error("-----BEGIN CERTIFICATE-----\nZm9v!\n-----END CERTIFICATE-----\n"),
             Catch::Contains("multiple of 4"));
  CHECK_THAT(pem_error("-----BEGIN CERTIFICATE-----\nZm9!\n-----END CERTIFICATE-----\n"),
             Catch::Contains("invalid character"));
  CHECK_THAT(pem_error("-----BEGIN CERTIFICATE-----\nZg==Zg==\n-----END CERTIFICATE-----\n"),
             Catch::Contains("'=' before the end"));
  CHECK_THAT(pem_error("-----BEGIN CERTIFICATE-----\nAAAA-----END CERTIFICATE-----\n"),
             Catch::Contains("malformed CERTIFICATE body"));
  CHECK_THAT(pem_error("-----BEGIN  CERTIFICATE-----\nZm9v\n-----END  CERTIFICATE-----\n"),
             Catch::Contains("invalid label"));
}

TEST_CASE("PEM: truncation at every byte and every bit flip of a real file fail cleanly",
          "[crypto][pem]") {
  const std::string text =
      tlsx::test::read_file(tlsx::test::vector_path("illustrated-tls12/server.crt"));
  auto full = pem_decode(text);
  REQUIRE(full);
  int decoded = 0, refused = 0;
  for (std::size_t n = 0; n < text.size(); ++n) {
    auto out = pem_decode(std::string_view(text).substr(0, n));
    if (out) {
      // A cut before the BEGIN line is complete leaves no block; only dropping the final newline
      // leaves the whole block (the last line needs no terminator).
      CHECK(out->size() == (n + 1 == text.size() ? 1u : 0u));
      ++decoded;
    } else {
      CHECK_FALSE(out.error().detail.empty());
      ++refused;
    }
  }
  CHECK(decoded > 0);
  CHECK(refused > 700);
  int flips_ok = 0;
  for (std::size_t i = 0; i < text.size(); i += 7) {
    for (int bit = 0; bit < 8; ++bit) {
      std::string flipped = text;
      flipped[i] = static_cast<char>(flipped[i] ^ (1 << bit));
      auto out = pem_decode(flipped);
      if (out && out->size() == 1) ++flips_ok;  // e.g. a flip to another base64 letter
    }
  }
  CHECK(flips_ok > 0);
}

TEST_CASE("Keys: the Illustrated TLS PKCS#1 key matches its published components",
          "[crypto][pem][key]") {
  const std::string text =
      tlsx::test::read_file(tlsx::test::vector_path("illustrated-tls12/server.key"));
  auto key = tlsx::crypto::rsa_private_key_from_pem(text);
  REQUIRE(key);
  const auto& c = key->components;
  CHECK(c.n.size() == 256);
  CHECK(to_hex(c.n).starts_with("c4803606bae7476b0894"));  // `openssl rsa -text` modulus
  CHECK(to_hex(c.e) == "010001");
  CHECK(c.p.size() == 128);
  CHECK(c.q.size() == 128);
}

TEST_CASE("Keys: X25519 PKCS#8 keys are refused as unsupported", "[crypto][pem][key]") {
  const std::string text = tlsx::test::read_file(
      tlsx::test::vector_path("illustrated-tls12/client-ephemeral-private.key"));
  auto key = tlsx::crypto::rsa_private_key_from_pem(text);
  REQUIRE_FALSE(key);
  CHECK(key.error().code == ErrorCode::unsupported);
  CHECK_THAT(key.error().detail, Catch::Contains("1.3.101.110"));
}

TEST_CASE("Keys: openssl genrsa (PKCS#1 and PKCS#8) parse to the components openssl prints",
          "[crypto][pem][key]") {
  tlsx::test::TempDir dir;
  for (const int bits : {1024, 2048, 3072}) {
    INFO("bits " << bits);
    const std::string name = "rsa" + std::to_string(bits);
    tlsx::test::run_in(
        dir, "openssl genrsa -traditional -out " + name + ".pkcs1.pem " + std::to_string(bits));
    tlsx::test::run_in(dir, "openssl pkcs8 -topk8 -nocrypt -in " + name + ".pkcs1.pem -out " +
                                name + ".pkcs8.pem");
    const auto expected = openssl_rsa_text(
        tlsx::test::output_of(dir, "openssl rsa -in " + name + ".pkcs1.pem -text -noout"));
    REQUIRE(expected.size() == 8);
    for (const char* form : {".pkcs1.pem", ".pkcs8.pem"}) {
      INFO(form);
      const std::string text = tlsx::test::read_file(dir.file(name + form));
      CHECK(text.starts_with(std::string(form) == ".pkcs1.pem" ? "-----BEGIN RSA PRIVATE KEY-----"
                                                               : "-----BEGIN PRIVATE KEY-----"));
      auto key = tlsx::crypto::rsa_private_key_from_pem(text);
      REQUIRE(key);
      check_components(key->components, expected);
      // Every truncation of the DER is refused.
      const auto der = key->der.span();
      for (std::size_t n = 0; n < der.size(); n += (n < 64 ? 1 : 37)) {
        auto cut = std::string(form) == ".pkcs1.pem"
                       ? tlsx::crypto::parse_rsa_private_key_pkcs1(der.first(n))
                       : tlsx::crypto::parse_private_key_pkcs8(der.first(n));
        CHECK_FALSE(cut);
      }
    }
  }
}

TEST_CASE("Keys: encrypted keys, and EC keys as RSA keys, are refused with a clear message",
          "[crypto][pem][key]") {
  tlsx::test::TempDir dir;
  tlsx::test::run_in(dir, "openssl genrsa -aes256 -passout pass:secret -out enc8.pem 2048");
  tlsx::test::run_in(dir,
                     "openssl rsa -in enc8.pem -passin pass:secret -traditional -aes256 -passout "
                     "pass:secret -out enc1.pem");
  tlsx::test::run_in(dir, "openssl ecparam -name prime256v1 -genkey -out ec1.pem");
  tlsx::test::run_in(dir, "openssl pkcs8 -topk8 -nocrypt -in ec1.pem -out ec8.pem");
  const struct {
    const char* file;
    const char* label;
    const char* message;
  } cases[] = {
      {"enc8.pem", "-----BEGIN ENCRYPTED PRIVATE KEY-----", "encrypted keys are not supported"},
      {"enc1.pem", "Proc-Type: 4,ENCRYPTED", "encrypted keys are not supported"},
      {"ec1.pem", "-----BEGIN EC PRIVATE KEY-----", "an EC key, not an RSA key"},
      {"ec8.pem", "-----BEGIN PRIVATE KEY-----", "an EC key, not an RSA key"},
  };
  for (const auto& c : cases) {
    INFO(c.file);
    const std::string text = tlsx::test::read_file(dir.file(c.file));
    CHECK_THAT(text, Catch::Contains(c.label));
    auto key = tlsx::crypto::rsa_private_key_from_pem(text);
    REQUIRE_FALSE(key);
    CHECK(key.error().code == ErrorCode::unsupported);
    CHECK_THAT(key.error().detail, Catch::Contains(c.message));
  }
  auto none = tlsx::crypto::rsa_private_key_from_pem(
      tlsx::test::read_file(tlsx::test::vector_path("illustrated-tls12/server.crt")));
  REQUIRE_FALSE(none);
  CHECK_THAT(none.error().detail, Catch::Contains("no private key block"));
}

TEST_CASE("Keys: malformed PKCS#1 and PKCS#8 structures", "[crypto][pem][key]") {
  using tlsx::test::from_hex;
  // version 1 (multi-prime) is refused as unsupported.
  auto multi = tlsx::crypto::parse_rsa_private_key_pkcs1(from_hex("3003 020101"));
  REQUIRE_FALSE(multi);
  CHECK(multi.error().code == ErrorCode::unsupported);
  // Nine small integers: well-formed.
  const std::string nine = "301b 020100" + std::string("020105") + "020103" + "020107" + "020102" +
                           "020103" + "020101" + "020101" + "020101";
  auto ok = tlsx::crypto::parse_rsa_private_key_pkcs1(from_hex(nine));
  CHECK(ok);
  // A negative component is malformed.
  auto negative = tlsx::crypto::parse_rsa_private_key_pkcs1(
      from_hex("301b 020100 0201ff 020103 020107 020102 020103 020101 020101 020101"));
  REQUIRE_FALSE(negative);
  CHECK(negative.error().code == ErrorCode::decode);
  CHECK_THAT(negative.error().detail, Catch::Contains("negative"));
  // PKCS#8 with rsaEncryption but non-NULL parameters.
  auto params = tlsx::crypto::parse_private_key_pkcs8(
      from_hex("3014 020100 300d06092a864886f70d0101010400 0400"));
  REQUIRE_FALSE(params);
  CHECK(params.error().code == ErrorCode::decode);
}
