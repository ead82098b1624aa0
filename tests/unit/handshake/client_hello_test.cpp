// ClientHello: 70 real hellos (tests/vectors/fingerprints), synthetic edge cases, negatives.
#include <iostream>
#include <sstream>
#include <string>
#include <vector>

#include <catch2/catch.hpp>

#include "codec_checks.hpp"
#include "handshake/client_hello.hpp"
#include "handshake/extensions/known_extension.hpp"
#include "handshake/handshake_header.hpp"

using namespace tlsx::handshake;
using namespace tlsx::test;
using tlsx::AlertDescription;

namespace {

auto parse_hello = [](ByteView body) { return ClientHello::parse(body); };

// Body length up to the end of compression_methods: the one proper prefix that is a valid hello.
std::size_t length_without_extensions(const ClientHello& hello) {
  return 2 + 32 + 1 + hello.session_id.size() + 2 + 2 * hello.cipher_suites.size() + 1 +
         hello.compression_methods.size();
}

std::vector<unsigned> split_numbers(const std::string& field) {
  std::vector<unsigned> out;
  std::istringstream in(field);
  std::string item;
  while (std::getline(in, item, '-')) {
    if (!item.empty()) out.push_back(static_cast<unsigned>(std::stoul(item)));
  }
  return out;
}

std::vector<std::string> split_commas(const std::string& s) {
  std::vector<std::string> out;
  std::string item;
  std::istringstream in(s);
  while (std::getline(in, item, ',')) out.push_back(item);
  if (!s.empty() && s.back() == ',') out.emplace_back();
  return out;
}

template <class Enum>
std::vector<unsigned> without_grease(const std::vector<Enum>& values) {
  std::vector<unsigned> out;
  for (auto v : values) {
    if (!is_grease(v)) out.push_back(static_cast<unsigned>(v));
  }
  return out;
}

// A hand-made body: version 0303, random 00..1f, then the given tail.
ByteVec hello_body(const std::string& tail_hex) {
  return from_hex("0303 000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f" +
                  tail_hex);
}

}  // namespace

TEST_CASE("70 real ClientHellos parse, round-trip and match their JA3 fields",
          "[handshake][client_hello][vectors]") {
  const auto hellos = load_json_vector("fingerprints/client-hellos.json");
  REQUIRE(hellos.size() == 70);
  VectorTally tally{"fingerprints/client-hellos.json"};
  int typed_extensions = 0;
  for (const auto& item : hellos) {
    const std::string capture = item.at("capture");
    INFO(capture << " stream " << item.at("tcp_stream"));
    const ByteVec whole = from_hex(item.at("client_hello_hex").get<std::string>());
    const auto split = split_handshake_message(whole);
    REQUIRE(split.has_value());
    REQUIRE(split->type == HandshakeType::client_hello);
    const ByteVec body(split->body.begin(), split->body.end());

    const ClientHello hello = require_round_trip(body, parse_hello);
    std::vector<std::uint8_t> rewritten;
    REQUIRE(write_handshake_message(hello, rewritten).has_value());
    CHECK(rewritten == whole);

    // JA3 = version,ciphers,extensions,groups,point_formats without GREASE values.
    const auto ja3 = split_commas(item.at("ja3_full").get<std::string>());
    REQUIRE(ja3.size() == 5);
    CHECK(static_cast<unsigned>(hello.client_version) == std::stoul(ja3[0]));
    CHECK(without_grease(hello.cipher_suites) == split_numbers(ja3[1]));
    std::vector<ExtensionType> types;
    for (const auto& ext : hello.extensions) types.push_back(ext.type);
    CHECK(without_grease(types) == split_numbers(ja3[2]));

    std::vector<unsigned> groups, formats;
    bool extensions_ok = true;
    for (const auto& ext : hello.extensions) {
      INFO("extension " << to_string(ext.type));
      auto decoded = decode_extension(ext, HandshakeType::client_hello);
      if (!decoded) FAIL(decoded.error().message());
      if (!decoded->has_value()) continue;
      ++typed_extensions;
      auto reencoded = encode_extension(**decoded);
      REQUIRE(reencoded.has_value());
      CHECK(*reencoded == ext);
      extensions_ok = extensions_ok && *reencoded == ext;
      if (const auto* g = std::get_if<SupportedGroups>(&**decoded)) {
        groups = without_grease(g->named_group_list);
      }
      if (const auto* f = std::get_if<EcPointFormats>(&**decoded)) {
        for (auto v : f->ec_point_format_list) formats.push_back(static_cast<unsigned>(v));
      }
    }
    CHECK(groups == split_numbers(ja3[3]));
    CHECK(formats == split_numbers(ja3[4]));
    (extensions_ok && rewritten == whole ? tally.passed : tally.failed)++;
  }
  tally.print();
  CHECK(typed_extensions > 700);
}

TEST_CASE("real ClientHellos: every truncation and bit flip is handled cleanly",
          "[handshake][client_hello][negative]") {
  const auto hellos = load_json_vector("fingerprints/client-hellos.json");
  int flips = 0, flips_rejected = 0;
  for (const auto& item : hellos) {
    INFO(item.at("capture").get<std::string>() << " stream " << item.at("tcp_stream"));
    const ByteVec whole = from_hex(item.at("client_hello_hex").get<std::string>());
    const ByteVec body(whole.begin() + 4, whole.end());
    const auto hello = ClientHello::parse(body);
    REQUIRE(hello.has_value());
    check_truncations(body, parse_hello, {length_without_extensions(*hello)});
    check_trailing_byte(body, parse_hello);
    const auto s = check_bit_flips(body, parse_hello);
    flips += s.inputs;
    flips_rejected += s.rejected;
  }
  std::cout << "[client_hello] bit flips: " << flips << " inputs, " << flips_rejected
            << " rejected, the rest parsed and round-tripped\n";
}

TEST_CASE("GREASE values survive anywhere in a ClientHello", "[handshake][client_hello][grease]") {
  const auto hellos = load_json_vector("fingerprints/client-hellos.json");
  const auto& chrome = hellos.at(0);
  REQUIRE(chrome.at("capture") == "chrome-grease-single.pcap");
  const ByteVec whole = from_hex(chrome.at("client_hello_hex").get<std::string>());
  const auto hello = ClientHello::parse(ByteView(whole).subspan(4));
  REQUIRE(hello.has_value());
  CHECK(is_grease(hello->cipher_suites.front()));
  CHECK(is_grease(hello->extensions.front().type));
  CHECK(is_grease(hello->extensions.back().type) == false);
  int grease_extensions = 0;
  for (const auto& ext : hello->extensions) grease_extensions += is_grease(ext.type) ? 1 : 0;
  CHECK(grease_extensions == 2);
  const auto* versions_ext = hello->find(ExtensionType::supported_versions);
  REQUIRE(versions_ext != nullptr);
  const auto versions = SupportedVersionsClient::parse(versions_ext->data);
  REQUIRE(versions.has_value());
  CHECK(is_grease(versions->versions.front()));
  CHECK(versions->versions.at(1) == ProtocolVersion::tls13);
  const auto* share_ext = hello->find(ExtensionType::key_share);
  REQUIRE(share_ext != nullptr);
  const auto shares = KeyShareClientHello::parse(share_ext->data);
  REQUIRE(shares.has_value());
  REQUIRE(shares->client_shares.size() == 2);
  CHECK(is_grease(shares->client_shares[0].group));
  CHECK(shares->client_shares[0].key_exchange == ByteVec{0x00});
  CHECK(shares->client_shares[1].group == NamedGroup::x25519);
  const auto* sni = hello->find(ExtensionType::server_name);
  REQUIRE(sni != nullptr);
  const auto names = ServerNameList::parse(sni->data);
  REQUIRE(names.has_value());
  CHECK(names->host_name() == "googleads.g.doubleclick.net");
}

TEST_CASE("ClientHello without extensions and with an empty extensions block",
          "[handshake][client_hello]") {
  // session_id empty, one suite, null compression.
  const ByteVec bare = hello_body("00 0002 c02f 0100");
  const auto no_block = require_round_trip(bare, parse_hello);
  CHECK_FALSE(no_block.extensions_present);
  CHECK(no_block.extensions.empty());
  CHECK(no_block.cipher_suites == std::vector{CipherSuite::TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256});
  CHECK(no_block.random[31] == 0x1f);
  check_truncations(bare, parse_hello);

  const ByteVec empty_block = hello_body("00 0002 c02f 0100 0000");
  const auto with_block = require_round_trip(empty_block, parse_hello);
  CHECK(with_block.extensions_present);
  CHECK(with_block.extensions.empty());
  CHECK_FALSE(with_block == no_block);
  check_truncations(empty_block, parse_hello, {bare.size()});
  check_trailing_byte(empty_block, parse_hello);
}

TEST_CASE("ClientHello keeps unknown extensions, duplicate suites and every compression method",
          "[handshake][client_hello]") {
  // 32-byte session id, suites {0x1234, 0x1234, GREASE}, compression {1, 0}, unknown extension
  // 0xabcd with 3 data bytes, then an empty one of type 0x0000.
  const ByteVec body = hello_body("20 " + std::string(64, '7') +
                                  " 0006 1234 1234 8a8a 02 0100 000b abcd0003616263 00000000");
  const auto hello = require_round_trip(body, parse_hello);
  CHECK(hello.session_id.size() == 32);
  CHECK(hello.cipher_suites.size() == 3);
  CHECK(hello.compression_methods == ByteVec{1, 0});
  REQUIRE(hello.extensions.size() == 2);
  CHECK(hello.extensions[0].type == static_cast<ExtensionType>(0xabcd));
  CHECK(hello.extensions[0].data == bytes_of("abc"));
  CHECK(hello.extensions[1].type == ExtensionType::server_name);
  CHECK(hello.extensions[1].data.empty());
  CHECK(hello.find(static_cast<ExtensionType>(0xabcd)) == &hello.extensions[0]);
  CHECK(hello.find(ExtensionType::padding) == nullptr);
}

TEST_CASE("ClientHello bound violations are decode_error", "[handshake][client_hello][negative]") {
  const auto decode_error = AlertDescription::decode_error;
  // session_id of 33 bytes
  check_rejected(hello_body("21" + std::string(66, '0') + "0002c02f0100"), parse_hello,
                 decode_error);
  // cipher_suites empty, odd, longer than the body
  check_rejected(hello_body("00 0000 0100"), parse_hello, decode_error);
  check_rejected(hello_body("00 0003 c02f00 0100"), parse_hello, decode_error);
  check_rejected(hello_body("00 0004 c02f 0100"), parse_hello, decode_error);
  // compression_methods empty
  check_rejected(hello_body("00 0002 c02f 00"), parse_hello, decode_error);
  // one stray byte where the extensions block would start
  check_rejected(hello_body("00 0002 c02f 0100 00"), parse_hello, decode_error);
  // extensions block longer / shorter than its content
  check_rejected(hello_body("00 0002 c02f 0100 0005 00170000"), parse_hello, decode_error);
  check_rejected(hello_body("00 0002 c02f 0100 0003 00170000"), parse_hello, decode_error);
  // an extension's data running past the block
  check_rejected(hello_body("00 0002 c02f 0100 0004 00170001"), parse_hello, decode_error);
  // bytes after the extensions block
  check_rejected(hello_body("00 0002 c02f 0100 0004 00170000 00"), parse_hello, decode_error);
}

TEST_CASE("duplicate extension types are illegal_parameter",
          "[handshake][client_hello][negative]") {
  check_rejected(hello_body("00 0002 c02f 0100 0008 00170000 00170000"), parse_hello,
                 AlertDescription::illegal_parameter);
  // Also when other extensions sit between them, and for GREASE and unknown types.
  check_rejected(hello_body("00 0002 c02f 0100 000c 0a0a0000 00170000 0a0a0000"), parse_hello,
                 AlertDescription::illegal_parameter);
  // Two different GREASE values are two different types: fine.
  require_round_trip(hello_body("00 0002 c02f 0100 0008 0a0a0000 1a1a0000"), parse_hello);
}

TEST_CASE("ClientHello serialize refuses what would not parse back, appending nothing",
          "[handshake][client_hello][serialize]") {
  ClientHello hello;
  hello.cipher_suites = {CipherSuite::TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256};
  std::vector<std::uint8_t> out = {0xee};
  REQUIRE(hello.serialize(out).has_value());
  CHECK(out.size() == 1 + 2 + 32 + 1 + 2 + 2 + 2);

  auto expect_failure = [](const ClientHello& h) {
    std::vector<std::uint8_t> buf = {0xee, 0xff};
    const auto r = h.serialize(buf);
    REQUIRE_FALSE(r.has_value());
    CHECK(r.error().code == tlsx::ErrorCode::invalid_argument);
    CHECK(buf == std::vector<std::uint8_t>{0xee, 0xff});
  };
  auto bad = hello;
  bad.session_id.assign(33, 0);
  expect_failure(bad);
  bad = hello;
  bad.cipher_suites.assign(0x7fff + 1, CipherSuite::TLS_RSA_WITH_AES_128_CBC_SHA);  // 65536 bytes
  expect_failure(bad);
  bad.cipher_suites.assign(0x7fff, CipherSuite::TLS_RSA_WITH_AES_128_CBC_SHA);  // 65534: fits
  std::vector<std::uint8_t> fits;
  CHECK(bad.serialize(fits).has_value());
  bad = hello;
  bad.cipher_suites.clear();
  expect_failure(bad);
  bad = hello;
  bad.compression_methods.clear();
  expect_failure(bad);
  bad = hello;
  bad.extensions = {Extension{ExtensionType::padding, {}}, Extension{ExtensionType::padding, {}}};
  expect_failure(bad);
  bad = hello;
  bad.extensions = {Extension{ExtensionType::padding, ByteVec(0x10000, 0)}};
  expect_failure(bad);
  bad.extensions = {Extension{ExtensionType::padding, ByteVec(0xfffb, 0)}};  // block = 0xffff
  std::vector<std::uint8_t> max_block;
  CHECK(bad.serialize(max_block).has_value());
  bad.extensions = {Extension{ExtensionType::padding, ByteVec(0xfffc, 0)}};  // block = 0x10000
  expect_failure(bad);
}
