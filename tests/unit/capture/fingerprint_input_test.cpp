// fingerprint_input(): which fields are taken from a hello, what a malformed extension content
// contributes, and that any hello the parser accepts (bit flips and truncations of real hellos)
// yields well-formed fingerprints.
#include <regex>
#include <string>

#include <catch2/catch.hpp>

#include "capture/fingerprint_input.hpp"
#include "capture/ja3.hpp"
#include "capture/ja4.hpp"
#include "hello_vectors.hpp"
#include "support/test_support.hpp"

using namespace tlsx::capture;
using namespace tlsx::test;
using tlsx::handshake::ClientHello;

namespace {

// A hello body: version 0303, random 00..1f, empty session id, suites 1301 c02f and 0a0a,
// null compression, then the extensions block given as hex (with its length).
ByteVec body_with_extensions(const std::string& extensions_hex) {
  return from_hex(
      "0303 000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f 00"
      "0006 1301 c02f 0a0a 01 00" +
      extensions_hex);
}

}  // namespace

TEST_CASE("fingerprint_input takes each field from its extension", "[capture][input]") {
  const ByteVec body = body_with_extensions(
      "004b"
      "0000 000e 000c 0000 09 6c6f63616c686f7374"   // server_name localhost
      "000a 0006 0004 1a1a 001d"                    // supported_groups GREASE, x25519
      "000b 0002 01 00"                             // ec_point_formats uncompressed
      "000d 0006 0004 0804 0401"                    // signature_algorithms
      "002b 0005 04 0304 0303"                      // supported_versions 1.3, 1.2
      "0010 000e 000c 02 6832 08 687474702f312e31"  // ALPN h2, http/1.1
      "0017 0000");                                 // extended_master_secret
  auto hello = ClientHello::parse(body);
  REQUIRE(hello);
  const FingerprintInput in = fingerprint_input(*hello);
  CHECK(in.client_version == 0x0303);
  CHECK(in.cipher_suites == std::vector<std::uint16_t>{0x1301, 0xc02f, 0x0a0a});
  CHECK(in.extensions ==
        std::vector<std::uint16_t>{0x0000, 0x000a, 0x000b, 0x000d, 0x002b, 0x0010, 0x0017});
  CHECK(in.has_server_name);
  CHECK(in.supported_groups == std::vector<std::uint16_t>{0x1a1a, 0x001d});
  CHECK(in.ec_point_formats == std::vector<std::uint8_t>{0});
  CHECK(in.signature_algorithms == std::vector<std::uint16_t>{0x0804, 0x0401});
  CHECK(in.supported_versions == std::vector<std::uint16_t>{0x0304, 0x0303});
  REQUIRE(in.alpn);
  REQUIRE(in.alpn->size() == 2);
  CHECK((*in.alpn)[0] == bytes_of("h2"));
  CHECK(ja3(in).text == "771,4865-49199,0-10-11-13-43-16-23,29,0");
  CHECK(ja4(in).ja4.substr(0, 10) == "t13d0207h2");
}

TEST_CASE("fingerprint_input: undecodable contents count by type with empty lists",
          "[capture][input]") {
  const ByteVec body = body_with_extensions(
      "001b"
      "000a 0003 0001 1d"  // supported_groups: odd length
      "000b 0000"          // ec_point_formats: empty list (below its bound)
      "000d 0001 00"       // signature_algorithms: truncated
      "0010 0002 0000"     // ALPN: empty list
      "002b 0001 02");     // supported_versions: odd
  auto hello = ClientHello::parse(body);
  REQUIRE(hello);
  const FingerprintInput in = fingerprint_input(*hello);
  CHECK(in.extensions == std::vector<std::uint16_t>{0x000a, 0x000b, 0x000d, 0x0010, 0x002b});
  CHECK(in.supported_groups.empty());
  CHECK(in.ec_point_formats.empty());
  CHECK(in.signature_algorithms.empty());
  CHECK(in.supported_versions.empty());
  REQUIRE(in.alpn);
  CHECK(in.alpn->empty());
  CHECK(ja3(in).text == "771,4865-49199,10-11-13-16-43,,");
  CHECK(ja4(in).ja4.substr(0, 10) == "t12i020500");
}

TEST_CASE("fingerprint_input: a hello without extensions block", "[capture][input]") {
  auto hello = ClientHello::parse(from_hex(
      "0301 000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f 00 0002 002f 01 00"));
  REQUIRE(hello);
  const FingerprintInput in = fingerprint_input(*hello);
  CHECK(ja3(in).text == "769,47,,,");
  CHECK(!in.alpn);
  CHECK(ja4(in).ja4 == "t10i010000_ba72b8082249_000000000000");  // sha256("002f")
  CHECK(ja4(in).ja4_r == "t10i010000_002f_");
}

TEST_CASE("fingerprints of mutated real hellos are well-formed", "[capture][input]") {
  // Every bit flip and every truncation of one real hello: whatever the parser accepts must give
  // fingerprints of the right shape (the capture server fingerprints untrusted hellos).
  const HelloVector& v = hello_vectors().front();
  const ByteVec body(v.message.begin() + 4, v.message.end());
  const std::regex ja3_shape("[0-9]+,[0-9-]*,[0-9-]*,[0-9-]*,[0-9-]*");
  const std::regex ja4_shape("t[0-9s]{2}[di][0-9]{4}[0-9a-zA-Z]{2}_[0-9a-f]{12}_[0-9a-f]{12}");
  int accepted = 0;
  int rejected = 0;
  auto check = [&](const ByteVec& mutated) {
    auto hello = ClientHello::parse(mutated);
    if (!hello) {
      ++rejected;
      return;
    }
    ++accepted;
    const FingerprintInput in = fingerprint_input(*hello);
    const Ja3 j = ja3(in);
    REQUIRE(std::regex_match(j.text, ja3_shape));
    REQUIRE(j.hash.size() == 32);
    REQUIRE(std::regex_match(ja4(in).ja4, ja4_shape));
  };
  for (std::size_t bit = 0; bit < body.size() * 8; ++bit) {
    ByteVec mutated = body;
    mutated[bit / 8] ^= static_cast<std::uint8_t>(1u << (bit % 8));
    check(mutated);
  }
  for (std::size_t n = 0; n < body.size(); ++n) check(ByteVec(body.begin(), body.begin() + n));
  INFO("accepted " << accepted << ", rejected " << rejected);
  CHECK(accepted > 1000);  // most flips land in random, session id, suites or key shares
  CHECK(rejected > 100);
}
