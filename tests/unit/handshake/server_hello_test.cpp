// ServerHello: recorded messages, extension forms, negatives.
#include <string>
#include <vector>

#include <catch2/catch.hpp>

#include "codec_checks.hpp"
#include "handshake/extensions/known_extension.hpp"
#include "handshake/server_hello.hpp"
#include "recorded_messages.hpp"

using namespace tlsx::handshake;
using namespace tlsx::test;
using tlsx::AlertDescription;

namespace {

auto parse_hello = [](ByteView body) { return ServerHello::parse(body); };

std::size_t length_without_extensions(const ServerHello& hello) {
  return 2 + 32 + 1 + hello.session_id.size() + 2 + 1;
}

ByteVec hello_body(const std::string& tail_hex) {
  return from_hex("0303 707172737475767778797a7b7c7d7e7f808182838485868788898a8b8c8d8e8f" +
                  tail_hex);
}

}  // namespace

TEST_CASE("recorded ServerHellos round-trip, truncations, trailing bytes and bit flips are clean",
          "[handshake][server_hello][vectors]") {
  const auto messages = recorded_messages_of(HandshakeType::server_hello);
  REQUIRE(messages.size() == 7);
  VectorTally tally{"recorded ServerHellos"};
  for (const auto& m : messages) {
    INFO(m.source);
    const ByteVec body = m.body();
    const auto hello = require_round_trip(body, parse_hello);
    CHECK(hello.server_version == ProtocolVersion::tls12);
    CHECK(hello.extensions_present);
    check_truncations(body, parse_hello, {length_without_extensions(hello)});
    check_trailing_byte(body, parse_hello);
    check_bit_flips(body, parse_hello);
    // Every extension a real server sent decodes in its ServerHello form and round-trips.
    bool ok = true;
    for (const auto& ext : hello.extensions) {
      INFO(to_string(ext.type));
      const auto decoded = decode_extension(ext, HandshakeType::server_hello);
      if (!decoded) FAIL(decoded.error().message());
      REQUIRE(decoded->has_value());
      const auto again = encode_extension(**decoded);
      REQUIRE(again.has_value());
      CHECK(*again == ext);
      ok = ok && *again == ext;
    }
    (ok ? tally.passed : tally.failed)++;
  }
  tally.print();
}

TEST_CASE("ServerHello fields match the transcripts", "[handshake][server_hello][vectors]") {
  const auto illustrated = illustrated_messages();
  const auto hello = ServerHello::parse(illustrated.at(1).body());
  REQUIRE(hello.has_value());
  const auto json = load_json_vector("illustrated-tls12/transcript.json");
  CHECK(to_hex(hello->random) == json.at("server_random").get<std::string>());
  CHECK(hello->cipher_suite == CipherSuite::TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA);
  CHECK(hello->compression_method == 0);
  CHECK(hello->session_id.empty());

  for (const auto& name : go_transcript_names()) {
    INFO(name);
    const auto go = load_json_vector("go-tls12-transcripts/" + name + ".json");
    for (const auto& m : go_messages(name)) {
      if (m.type != HandshakeType::server_hello) continue;
      const auto h = ServerHello::parse(m.body());
      REQUIRE(h.has_value());
      CHECK(to_hex(h->random) == go.at("server_random").get<std::string>());
      std::vector<unsigned> types;
      for (const auto& ext : h->extensions) types.push_back(static_cast<unsigned>(ext.type));
      CHECK(types == go.at("server_hello_extension_types").get<std::vector<unsigned>>());
      const auto* reneg = h->find(ExtensionType::renegotiation_info);
      REQUIRE(reneg != nullptr);
      const auto info = RenegotiationInfo::parse(reneg->data);
      REQUIRE(info.has_value());
      CHECK(info->renegotiated_connection.empty());
    }
  }
}

TEST_CASE("ServerHello extension forms differ from the ClientHello's",
          "[handshake][server_hello]") {
  // server_name ack (empty), ALPN with exactly one name, supported_versions single version,
  // status_request ack (empty), EMS, ETM, session_ticket ack.
  const ByteVec body = hello_body(
      "00 c02f 00 0023"
      "0000 0000"
      "0010 0005 0003 026832"
      "002b 0002 0304"
      "0005 0000"
      "0017 0000"
      "0016 0000"
      "0023 0000");
  const auto hello = require_round_trip(body, parse_hello);
  REQUIRE(hello.extensions.size() == 7);
  for (const auto& ext : hello.extensions) {
    INFO(to_string(ext.type));
    const auto decoded = decode_extension(ext, HandshakeType::server_hello);
    REQUIRE(decoded.has_value());
    REQUIRE(decoded->has_value());
  }
  const auto version = decode_extension(hello.extensions[2], HandshakeType::server_hello);
  REQUIRE(version.has_value());
  CHECK(std::get<SupportedVersionsServer>(**version).selected_version == ProtocolVersion::tls13);
  const auto alpn = decode_extension(hello.extensions[1], HandshakeType::server_hello);
  CHECK(std::get<ProtocolNameList>(**alpn).protocol_name_list.at(0) == bytes_of("h2"));

  // A ServerHello ALPN with two names, or a non-empty server_name, is decode_error.
  const auto two = decode_extension(Extension{ExtensionType::application_layer_protocol_negotiation,
                                              from_hex("0006 026832 026833")},
                                    HandshakeType::server_hello);
  REQUIRE_FALSE(two.has_value());
  CHECK(two.error().alert == AlertDescription::decode_error);
  const auto sni = decode_extension(Extension{ExtensionType::server_name, from_hex("00")},
                                    HandshakeType::server_hello);
  REQUIRE_FALSE(sni.has_value());
  CHECK(sni.error().alert == AlertDescription::decode_error);
  // No codec for a TLS 1.3 ServerHello key_share: nullopt, not an error.
  const auto share = decode_extension(Extension{ExtensionType::key_share, from_hex("001d0001aa")},
                                      HandshakeType::server_hello);
  REQUIRE(share.has_value());
  CHECK_FALSE(share->has_value());
}

TEST_CASE("ServerHello negatives", "[handshake][server_hello][negative]") {
  const auto decode_error = AlertDescription::decode_error;
  check_rejected(hello_body("21" + std::string(66, '0') + "c02f00"), parse_hello, decode_error);
  check_rejected(hello_body("00 c0"), parse_hello, decode_error);
  check_rejected(hello_body("00 c02f 00 00"), parse_hello, decode_error);
  check_rejected(hello_body("00 c02f 00 0004 ff01"), parse_hello, decode_error);
  check_rejected(hello_body("00 c02f 00 0008 00170000 00170000"), parse_hello,
                 AlertDescription::illegal_parameter);
  // No extensions, and an empty block, are both fine.
  const auto bare = require_round_trip(hello_body("00 c02f 00"), parse_hello);
  CHECK_FALSE(bare.extensions_present);
  const auto empty = require_round_trip(hello_body("00 c02f 00 0000"), parse_hello);
  CHECK(empty.extensions_present);
  // Unknown versions, suites and compression methods are syntax-valid: negotiation decides.
  const auto odd =
      require_round_trip(from_hex("7f1c" + std::string(64, '0') + "00 1301 01"), parse_hello);
  CHECK(odd.server_version == static_cast<ProtocolVersion>(0x7f1c));
  CHECK(odd.compression_method == 1);
}

TEST_CASE("ServerHello serialize refuses duplicates and long session ids",
          "[handshake][server_hello][serialize]") {
  ServerHello hello;
  hello.cipher_suite = CipherSuite::TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256;
  hello.extensions = {Extension{ExtensionType::extended_master_secret, {}}};
  auto bytes = encode(hello);
  REQUIRE(bytes.has_value());
  CHECK(to_hex(*bytes) == "0303" + std::string(64, '0') + "00c02f00" + "000400170000");
  auto bad = hello;
  bad.extensions.push_back(bad.extensions.front());
  std::vector<std::uint8_t> out{1};
  CHECK_FALSE(bad.serialize(out).has_value());
  CHECK(out == std::vector<std::uint8_t>{1});
  bad = hello;
  bad.session_id.assign(33, 1);
  CHECK_FALSE(bad.serialize(out).has_value());
  CHECK(out == std::vector<std::uint8_t>{1});
}
