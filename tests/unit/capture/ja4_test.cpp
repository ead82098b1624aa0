// JA4, JA4_r, JA4_o, JA4_ro: the FoxIO-published values of the real ClientHellos in
// tests/vectors/fingerprints (every hello that has them), the spec's worked examples, and the
// rules for versions, counts, ALPN characters (spec, not reference code) and empty lists.
#include <regex>
#include <string>
#include <vector>

#include <catch2/catch.hpp>

#include "capture/fingerprint_input.hpp"
#include "capture/hex_digest.hpp"
#include "capture/ja4.hpp"
#include "hello_vectors.hpp"
#include "support/test_support.hpp"

using namespace tlsx::capture;
using namespace tlsx::test;

namespace {

std::optional<std::span<const std::uint8_t>> view(const ByteVec& bytes) {
  return std::span<const std::uint8_t>(bytes);
}

// The spec's example hello (technical_details/JA4.md): Chrome's lists, SNI and ALPN h2.
FingerprintInput spec_example() {
  FingerprintInput in;
  in.client_version = 0x0303;
  in.cipher_suites = {0x1301, 0x1302, 0x1303, 0xc02b, 0xc02f, 0xc02c, 0xc030, 0xcca9,
                      0xcca8, 0xc013, 0xc014, 0x009c, 0x009d, 0x002f, 0x0035};
  in.extensions = {0x001b, 0x0000, 0x0033, 0x0010, 0x4469, 0x0017, 0x002d, 0x000d,
                   0x0005, 0x0023, 0x0012, 0x002b, 0xff01, 0x000b, 0x000a, 0x0015};
  in.signature_algorithms = {0x0403, 0x0804, 0x0401, 0x0503, 0x0805, 0x0501, 0x0806, 0x0601};
  in.supported_versions = {0x0304, 0x0303};
  in.has_server_name = true;
  in.alpn = std::vector<std::vector<std::uint8_t>>{bytes_of("h2"), bytes_of("http/1.1")};
  return in;
}

}  // namespace

TEST_CASE("JA4 of the spec's example", "[capture][ja4]") {
  const Ja4 j = ja4(spec_example());
  CHECK(j.ja4 == "t13d1516h2_8daaf6152771_e5627efa2ab1");
  CHECK(j.ja4_r ==
        "t13d1516h2_002f,0035,009c,009d,1301,1302,1303,c013,c014,c02b,c02c,c02f,c030,cca8,cca9_"
        "0005,000a,000b,000d,0012,0015,0017,001b,0023,002b,002d,0033,4469,ff01_"
        "0403,0804,0401,0503,0805,0501,0806,0601");
  CHECK(j.ja4_ro ==
        "t13d1516h2_1301,1302,1303,c02b,c02f,c02c,c030,cca9,cca8,c013,c014,009c,009d,002f,0035_"
        "001b,0000,0033,0010,4469,0017,002d,000d,0005,0023,0012,002b,ff01,000b,000a,0015_"
        "0403,0804,0401,0503,0805,0501,0806,0601");
  CHECK(j.ja4_o == "t13d1516h2_acb858a92679_18f69afefd3d");
}

TEST_CASE("JA4 part c without signature algorithms has no underscore", "[capture][ja4]") {
  // The spec: "0005,000a,...,ff01 = 6d807ffa2a79".
  CHECK(hex_digest(tlsx::crypto::HashAlgorithm::sha256,
                   "0005,000a,000b,000d,0012,0015,0017,001b,0023,002b,002d,0033,4469,ff01")
            .substr(0, 12) == "6d807ffa2a79");
  FingerprintInput in = spec_example();
  in.signature_algorithms.clear();
  CHECK(ja4(in).ja4 == "t13d1516h2_8daaf6152771_6d807ffa2a79");
  CHECK(ja4(in).ja4_r ==
        "t13d1516h2_002f,0035,009c,009d,1301,1302,1303,c013,c014,c02b,c02c,c02f,c030,cca8,cca9_"
        "0005,000a,000b,000d,0012,0015,0017,001b,0023,002b,002d,0033,4469,ff01");
}

TEST_CASE("JA4 GREASE is ignored in every list and count", "[capture][ja4]") {
  FingerprintInput in = spec_example();
  const Ja4 clean = ja4(in);
  in.cipher_suites.insert(in.cipher_suites.begin(), 0x2a2a);
  in.extensions.insert(in.extensions.begin(), 0x0a0a);
  in.extensions.push_back(0xfafa);
  in.signature_algorithms.insert(in.signature_algorithms.begin() + 2, 0x7a7a);
  in.supported_versions.insert(in.supported_versions.begin(), 0x9a9a);  // > 0x0304 numerically
  in.alpn->insert(in.alpn->begin(), ByteVec{0x3a, 0x3a});
  const Ja4 greased = ja4(in);
  CHECK(greased.ja4 == clean.ja4);
  CHECK(greased.ja4_r == clean.ja4_r);
  CHECK(greased.ja4_o == clean.ja4_o);
  CHECK(greased.ja4_ro == clean.ja4_ro);
}

TEST_CASE("JA4 version: highest supported_versions entry, else client_version", "[capture][ja4]") {
  FingerprintInput in = spec_example();
  in.supported_versions = {0x0303, 0x0304};
  CHECK(ja4(in).ja4.substr(0, 3) == "t13");
  in.supported_versions.clear();
  CHECK(ja4(in).ja4.substr(0, 3) == "t12");
  in.client_version = 0x0301;
  CHECK(ja4(in).ja4.substr(0, 3) == "t10");
  in.supported_versions = {0x0a0a};  // only GREASE: fall back to client_version
  CHECK(ja4(in).ja4.substr(0, 3) == "t10");
  CHECK(ja4_version(0x0300) == "s3");
  CHECK(ja4_version(0x0200) == "s2");
  CHECK(ja4_version(0x0100) == "s1");
  CHECK(ja4_version(0x0302) == "11");
  CHECK(ja4_version(0x7f1c) == "00");
  CHECK(ja4_version(0xfefd) == "00");  // DTLS versions are not TLS over TCP
}

TEST_CASE("JA4 SNI flag, counts capped at 99, empty lists", "[capture][ja4]") {
  FingerprintInput in;
  in.client_version = 0x0303;
  const Ja4 empty = ja4(in);
  CHECK(empty.ja4 == "t12i000000_000000000000_000000000000");
  CHECK(empty.ja4_r == "t12i000000__");
  for (std::uint16_t s = 1; s <= 120; ++s) in.cipher_suites.push_back(s);
  for (std::uint16_t e = 0x100; e < 0x100 + 105; ++e) in.extensions.push_back(e);
  in.extensions.push_back(0x0000);
  in.has_server_name = true;
  CHECK(ja4(in).ja4.substr(0, 10) == "t12d999900");
  // Only SNI and ALPN: part c of the sorted form is empty, the original form keeps them.
  FingerprintInput sni_alpn;
  sni_alpn.client_version = 0x0303;
  sni_alpn.cipher_suites = {0x002f};
  sni_alpn.extensions = {0x0000, 0x0010};
  sni_alpn.has_server_name = true;
  sni_alpn.alpn = std::vector<ByteVec>{bytes_of("http/1.1")};
  const Ja4 j = ja4(sni_alpn);
  CHECK(j.ja4.substr(0, 10) == "t12d0102h1");
  CHECK(j.ja4.ends_with("_000000000000"));
  CHECK(j.ja4_ro == "t12d0102h1_002f_0000,0010");
}

TEST_CASE("JA4 ALPN characters follow the spec", "[capture][ja4]") {
  CHECK(ja4_alpn(std::nullopt) == "00");
  CHECK(ja4_alpn(view(ByteVec{})) == "00");
  CHECK(ja4_alpn(view(bytes_of("h2"))) == "h2");
  CHECK(ja4_alpn(view(bytes_of("http/1.1"))) == "h1");
  CHECK(ja4_alpn(view(bytes_of("h"))) == "hh");  // one character is both first and last
  CHECK(ja4_alpn(view(bytes_of("spdy/3"))) == "s3");
  // The spec's examples for non-alphanumeric bytes.
  CHECK(ja4_alpn(view(ByteVec{0xab})) == "ab");
  CHECK(ja4_alpn(view(ByteVec{0xab, 0xcd})) == "ad");
  CHECK(ja4_alpn(view(ByteVec{0x30, 0xab})) == "3b");
  CHECK(ja4_alpn(view(ByteVec{0x30, 0x31, 0xab, 0xcd})) == "3d");
  CHECK(ja4_alpn(view(ByteVec{0x30, 0xab, 0xcd, 0x31})) == "01");
  CHECK(ja4_alpn(view(bytes_of("/x"))) == "28");  // '/' is not alphanumeric: 0x2f .. 0x78
  // The first non-GREASE value counts; an extension with only GREASE values is "00".
  const std::vector<ByteVec> greased{{0x0a, 0x0a}, bytes_of("h2")};
  CHECK(ja4_alpn(ja4_first_alpn(greased)) == "h2");
  CHECK(ja4_alpn(ja4_first_alpn({{0x1a, 0x1a}})) == "00");
  CHECK(ja4_alpn(ja4_first_alpn({{0x1a, 0x1b}})) == "1b");  // not GREASE
}

TEST_CASE("JA4 of the real ClientHellos matches FoxIO's published values", "[capture][ja4]") {
  VectorTally tally{"fingerprints/client-hellos.json (JA4)"};
  const std::regex shape(
      "t(13|12|11|10|s3|00)[di][0-9]{4}[0-9a-zA-Z]{2}_[0-9a-f]{12}_[0-9a-f]{12}");
  for (const HelloVector& v : hello_vectors()) {
    INFO(v.id);
    const Ja4 j = ja4(fingerprint_input(v.hello));
    CHECK(std::regex_match(j.ja4, shape));
    if (!v.json.contains("ja4_r")) {
      ++tally.skipped;  // jabedude/ja3-rs captures: JA3 only
      continue;
    }
    std::string want = v.json.contains("ja4") ? v.json["ja4"].get<std::string>()
                                              : v.json["ja4_by_spec"].get<std::string>();
    std::string want_r = v.json["ja4_r"].get<std::string>();
    std::string want_o = v.json["ja4_o"].get<std::string>();
    std::string want_ro = v.json["ja4_ro"].get<std::string>();
    if (v.json.contains("ja4_reference_code")) {
      // FoxIO's reference code printed "99" for the non-alphanumeric ALPN; the spec gives "bd".
      // Everything after part a's ALPN characters is unaffected.
      CHECK(v.json["ja4_reference_code"].get<std::string>().substr(11) == want.substr(11));
      for (std::string* s : {&want_r, &want_o, &want_ro}) {
        REQUIRE(s->substr(8, 2) == "99");
        s->replace(8, 2, "bd");
      }
    }
    CHECK(j.ja4 == want);
    CHECK(j.ja4_r == want_r);
    CHECK(j.ja4_o == want_o);
    CHECK(j.ja4_ro == want_ro);
    (j.ja4 == want && j.ja4_r == want_r && j.ja4_o == want_o && j.ja4_ro == want_ro)
        ? ++tally.passed
        : ++tally.failed;
  }
  tally.print();
  CHECK(tally.passed == 67);
  CHECK(tally.skipped == 3);
}

TEST_CASE("JA4 of the FoxIO pcaps named in the vectors README", "[capture][ja4]") {
  int found = 0;
  for (const HelloVector& v : hello_vectors()) {
    const std::string capture = v.json["capture"].get<std::string>();
    if (capture == "tls-alpn-h2.pcap") {
      CHECK(ja4(fingerprint_input(v.hello)).ja4 == "t12d4605h2_85626a9a5f7f_aaf95bb78ec9");
      ++found;
    } else if (capture == "tls12.pcap") {
      CHECK(ja4(fingerprint_input(v.hello)).ja4 == "t13d1715h2_5b57614c22b0_3d5424432f57");
      ++found;
    } else if (capture == "tls-non-ascii-alpn.pcapng") {
      CHECK(ja4(fingerprint_input(v.hello)).ja4 == "t13d1516bd_8daaf6152771_e5627efa2ab1");
      ++found;
    }
  }
  CHECK(found == 3);
}
