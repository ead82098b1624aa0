// ServerKeyExchange (ECDHE): recorded messages, the signed data, negatives.
#include <string>

#include <catch2/catch.hpp>

#include "codec_checks.hpp"
#include "handshake/server_key_exchange.hpp"
#include "recorded_messages.hpp"

using namespace tlsx::handshake;
using namespace tlsx::test;
using tlsx::AlertDescription;

namespace {

auto parse_ske = [](ByteView body) { return ServerKeyExchange::parse(body); };

Random random_of(const std::string& hex) {
  const auto bytes = from_hex(hex);
  Random r{};
  std::copy(bytes.begin(), bytes.end(), r.begin());
  return r;
}

}  // namespace

TEST_CASE("recorded ServerKeyExchange messages round-trip, params bytes are the wire bytes",
          "[handshake][server_key_exchange][vectors]") {
  const auto messages = recorded_messages_of(HandshakeType::server_key_exchange);
  REQUIRE(messages.size() == 4);
  VectorTally tally{"recorded ServerKeyExchange messages"};
  for (const auto& m : messages) {
    INFO(m.source);
    const ByteVec body = m.body();
    const auto ske = require_round_trip(body, parse_ske);
    check_truncations(body, parse_ske);
    check_trailing_byte(body, parse_ske);
    check_bit_flips(body, parse_ske);
    // The params the signature covers are exactly the first 4 + point bytes of the body.
    const auto params = ske.params_bytes();
    REQUIRE(params.has_value());
    const ByteVec wire_params(body.begin(), body.begin() + 4 + ske.public_point.size());
    CHECK(*params == wire_params);
    (*params == wire_params ? tally.passed : tally.failed)++;
  }
  tally.print();
}

TEST_CASE("ServerKeyExchange fields and signed data match the transcripts",
          "[handshake][server_key_exchange][vectors]") {
  struct Case {
    nlohmann::json json;
    ByteVec body;
    SignatureScheme scheme;
  };
  const auto chacha = "Client-TLSv12-ECDHE-RSA-CHACHA20-POLY1305";
  ByteVec go_body;
  for (const auto& m : go_messages(chacha)) {
    if (m.type == HandshakeType::server_key_exchange) go_body = m.body();
  }
  const Case cases[] = {
      {load_json_vector("illustrated-tls12/transcript.json"), illustrated_messages().at(3).body(),
       SignatureScheme::rsa_pkcs1_sha256},
      {load_json_vector(std::string("go-tls12-transcripts/") + chacha + ".json"), go_body,
       SignatureScheme::rsa_pss_rsae_sha256},
  };
  for (const auto& c : cases) {
    INFO(c.json.at("name").get<std::string>());
    const auto ske = ServerKeyExchange::parse(c.body);
    REQUIRE(ske.has_value());
    CHECK(ske->named_curve == NamedGroup::x25519);
    CHECK(to_hex(ske->public_point) == c.json.at("server_x25519_public_key").get<std::string>());
    CHECK(ske->signed_params.algorithm == c.scheme);
    CHECK(to_hex(ske->signed_params.signature) ==
          c.json.at("server_key_exchange_signature").get<std::string>());
    const auto signed_data = ske->signed_data(random_of(c.json.at("client_random")),
                                              random_of(c.json.at("server_random")));
    REQUIRE(signed_data.has_value());
    CHECK(to_hex(*signed_data) == c.json.at("server_key_exchange_signed_data").get<std::string>());
  }
}

TEST_CASE("ServerKeyExchange negatives", "[handshake][server_key_exchange][negative]") {
  // named_curve x25519, 2-byte point, rsa_pkcs1_sha256, 1-byte signature.
  const ByteVec good = from_hex("03 001d 02 aabb 0401 0001 cc");
  check_codec(good, parse_ske);
  // Explicit curves (deprecated) and unknown curve types: illegal_parameter.
  for (const char* type : {"01", "02", "00", "f8", "ff"}) {
    INFO("curve_type " << type);
    check_rejected(from_hex(std::string(type) + "001d 02 aabb 0401 0001 cc"), parse_ske,
                   AlertDescription::illegal_parameter);
  }
  const auto decode_error = AlertDescription::decode_error;
  check_rejected(from_hex("03 001d 00 0401 0001 cc"), parse_ske, decode_error);  // empty point
  check_rejected(from_hex("03 001d 02 aabb"), parse_ske, decode_error);          // no signature
  check_rejected(from_hex("03 001d 02 aabb 0401 0002 cc"), parse_ske, decode_error);
  // An empty signature is syntax-valid (digitally-signed allows <0..>); verification fails later.
  const auto empty_sig = require_round_trip(from_hex("03 001d 02 aabb 0401 0000"), parse_ske);
  CHECK(empty_sig.signed_params.signature.empty());
  // Unknown groups and schemes are kept.
  const auto odd = require_round_trip(from_hex("03 4a4a 01 00 eeee 0000"), parse_ske);
  CHECK(odd.named_curve == static_cast<NamedGroup>(0x4a4a));
  CHECK(odd.signed_params.algorithm == static_cast<SignatureScheme>(0xeeee));
}

TEST_CASE("ServerKeyExchange serialize refuses an empty point and oversized fields",
          "[handshake][server_key_exchange][serialize]") {
  ServerKeyExchange ske;
  ske.named_curve = NamedGroup::x25519;
  std::vector<std::uint8_t> out{7};
  CHECK_FALSE(ske.serialize(out).has_value());
  CHECK_FALSE(ske.params_bytes().has_value());
  ske.public_point.assign(256, 4);
  CHECK_FALSE(ske.serialize(out).has_value());
  CHECK_FALSE(ske.params_bytes().has_value());
  ske.public_point.assign(255, 4);
  ske.signed_params.signature.assign(0x10000, 0);
  CHECK_FALSE(ske.serialize(out).has_value());
  CHECK(out == std::vector<std::uint8_t>{7});
  ske.signed_params.signature.assign(0xffff, 0);
  CHECK(ske.serialize(out).has_value());
  CHECK(out.size() == 1 + 4 + 255 + 4 + 0xffff);
}
