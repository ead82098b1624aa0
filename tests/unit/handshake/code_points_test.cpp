// Code point names against the IANA-derived CSV tables, GREASE detection, to_string fallbacks.
#include <cstdint>
#include <map>
#include <sstream>
#include <string>

#include <catch2/catch.hpp>

#include "handshake/code_points.hpp"
#include "handshake/handshake_type.hpp"
#include "support/test_support.hpp"

using namespace tlsx;
using namespace tlsx::handshake;
using tlsx::test::read_file;
using tlsx::test::vector_path;

namespace {

// value -> name from tests/vectors/tls-names/<file> ("value,name" with a header line).
std::map<std::uint16_t, std::string> load_names(const std::string& file) {
  std::istringstream in(read_file(vector_path("tls-names/" + file)));
  std::map<std::uint16_t, std::string> out;
  std::string line;
  std::getline(in, line);  // header
  while (std::getline(in, line)) {
    const auto comma = line.find(',');
    if (comma == std::string::npos) continue;
    out[static_cast<std::uint16_t>(std::stoul(line.substr(0, comma), nullptr, 0))] =
        line.substr(comma + 1);
  }
  return out;
}

void check_table_against_csv(std::span<const CodePointName> table, const std::string& file) {
  const auto csv = load_names(file);
  REQUIRE(csv.size() > 30);
  tlsx::test::VectorTally tally{"tls-names/" + file + " (tlsx table rows)"};
  for (const auto& row : table) {
    INFO(file << " value 0x" << std::hex << row.value);
    const auto it = csv.find(row.value);
    REQUIRE(it != csv.end());
    CHECK(it->second == row.name);
    (it->second == row.name ? tally.passed : tally.failed)++;
  }
  tally.print();
}

}  // namespace

TEST_CASE("every name tlsx knows equals the CSV's name for that value", "[handshake][names]") {
  check_table_against_csv(cipher_suite_names(), "cipher-suites.csv");
  check_table_against_csv(extension_type_names(), "extension-types.csv");
  check_table_against_csv(named_group_names(), "supported-groups.csv");
  check_table_against_csv(signature_scheme_names(), "signature-schemes.csv");
}

TEST_CASE("every enumerator has a name that matches the CSV", "[handshake][names]") {
  // Spot the enumerators the code uses most; a typo in an enum value would show here.
  CHECK(name(CipherSuite::TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256) ==
        "TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256");
  CHECK(name(CipherSuite::TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305_SHA256) ==
        "TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305_SHA256");
  CHECK(name(CipherSuite::TLS_AES_128_GCM_SHA256) == "TLS_AES_128_GCM_SHA256");
  CHECK(name(CipherSuite::TLS_EMPTY_RENEGOTIATION_INFO_SCSV) ==
        "TLS_EMPTY_RENEGOTIATION_INFO_SCSV");
  CHECK(name(CipherSuite::TLS_FALLBACK_SCSV) == "TLS_FALLBACK_SCSV");
  CHECK(name(ExtensionType::renegotiation_info) == "renegotiation_info");
  CHECK(name(ExtensionType::application_layer_protocol_negotiation) ==
        "application_layer_protocol_negotiation");
  CHECK(name(ExtensionType::key_share) == "key_share");
  CHECK(name(ExtensionType::encrypted_client_hello) == "encrypted_client_hello");
  CHECK(name(NamedGroup::x25519) == "x25519");
  CHECK(name(NamedGroup::X25519MLKEM768) == "X25519MLKEM768");
  CHECK(name(SignatureScheme::rsa_pss_rsae_sha256) == "rsa_pss_rsae_sha256");
  CHECK(name(SignatureScheme::ecdsa_secp521r1_sha512) == "ecdsa_secp521r1_sha512");

  // Each enum's enumerators, by value, must be rows of its table with the enumerator's spelling.
  const auto csv_suites = load_names("cipher-suites.csv");
  for (auto v : {0x002f, 0x0035, 0x003c, 0x003d, 0x009c, 0x009d, 0x00ff, 0x1301, 0x1302,
                 0x1303, 0x1304, 0x1305, 0x5600, 0xc009, 0xc00a, 0xc013, 0xc014, 0xc023,
                 0xc024, 0xc027, 0xc028, 0xc02b, 0xc02c, 0xc02f, 0xc030, 0xcca8, 0xcca9}) {
    INFO("suite 0x" << std::hex << v);
    CHECK(name(static_cast<CipherSuite>(v)) == csv_suites.at(static_cast<std::uint16_t>(v)));
  }
}

TEST_CASE("is_grease accepts exactly the sixteen RFC 8701 values", "[handshake][grease]") {
  int count = 0;
  for (std::uint32_t v = 0; v <= 0xffff; ++v) {
    const auto value = static_cast<std::uint16_t>(v);
    const bool expected = (value >> 8) == (value & 0xff) && (value & 0x0f) == 0x0a;
    CHECK(is_grease(value) == expected);
    count += is_grease(value) ? 1 : 0;
  }
  CHECK(count == 16);
  CHECK(is_grease(std::uint16_t{0x0a0a}));
  CHECK(is_grease(std::uint16_t{0xfafa}));
  CHECK_FALSE(is_grease(std::uint16_t{0x0a1a}));
  CHECK_FALSE(is_grease(std::uint16_t{0x0b0b}));
  CHECK(is_grease(static_cast<CipherSuite>(0x3a3a)));
  // The CSV lists the GREASE extension values as reserved; the pattern must agree with it.
  for (const auto& [value, csv_name] : load_names("extension-types.csv")) {
    if (csv_name == "Reserved (GREASE)") CHECK(is_grease(value));
  }
}

TEST_CASE("to_string falls back to grease(..) and unknown(..)", "[handshake][names]") {
  CHECK(to_string(CipherSuite::TLS_RSA_WITH_AES_128_CBC_SHA) == "TLS_RSA_WITH_AES_128_CBC_SHA");
  CHECK(to_string(static_cast<CipherSuite>(0x2a2a)) == "grease(0x2a2a)");
  CHECK(to_string(static_cast<CipherSuite>(0xff85)) == "unknown(0xff85)");
  CHECK(name(static_cast<CipherSuite>(0xff85)).empty());
  CHECK(to_string(static_cast<ExtensionType>(0xdada)) == "grease(0xdada)");
  CHECK(to_string(static_cast<ExtensionType>(0x1234)) == "unknown(0x1234)");
  CHECK(to_string(static_cast<NamedGroup>(0x9a9a)) == "grease(0x9a9a)");
  CHECK(to_string(static_cast<SignatureScheme>(0x0202)) == "unknown(0x0202)");
  CHECK(to_string(ProtocolVersion::tls12) == "TLS 1.2");
  CHECK(to_string(ProtocolVersion::tls13) == "TLS 1.3");
  CHECK(to_string(static_cast<ProtocolVersion>(0x7f1c)) == "unknown(0x7f1c)");
  CHECK(to_string(static_cast<ProtocolVersion>(0x4a4a)) == "grease(0x4a4a)");
}

TEST_CASE("handshake types have IANA names and keep unknown values", "[handshake][names]") {
  CHECK(to_string(HandshakeType::client_hello) == "client_hello");
  CHECK(to_string(HandshakeType::server_hello_done) == "server_hello_done");
  CHECK(to_string(HandshakeType::finished) == "finished");
  CHECK(to_string(HandshakeType::new_session_ticket) == "new_session_ticket");
  CHECK(to_string(static_cast<HandshakeType>(0x63)) == "unknown(0x63)");
  CHECK(name(static_cast<HandshakeType>(0x63)).empty());
  CHECK(static_cast<std::uint8_t>(static_cast<HandshakeType>(0xfe)) == 0xfe);
  int named = 0;
  for (int v = 0; v < 256; ++v) named += name(static_cast<HandshakeType>(v)).empty() ? 0 : 1;
  CHECK(named == 20);
}
