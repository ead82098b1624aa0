// ClientKeyExchange in its RSA and ECDHE forms.
#include <catch2/catch.hpp>

#include "codec_checks.hpp"
#include "handshake/client_key_exchange.hpp"
#include "recorded_messages.hpp"

using namespace tlsx::handshake;
using namespace tlsx::test;
using tlsx::AlertDescription;

namespace {

auto parser_for(ClientKeyExchangeKind kind) {
  return [kind](ByteView body) { return ClientKeyExchange::parse(body, kind); };
}

}  // namespace

TEST_CASE("recorded ClientKeyExchange messages round-trip in their form",
          "[handshake][client_key_exchange][vectors]") {
  const auto messages = recorded_messages_of(HandshakeType::client_key_exchange);
  REQUIRE(messages.size() == 7);
  int rsa = 0, ecdhe = 0;
  for (const auto& m : messages) {
    INFO(m.source);
    const auto parse = parser_for(m.key_exchange);
    const auto cke = require_round_trip(m.body(), parse);
    check_truncations(m.body(), parse);
    check_trailing_byte(m.body(), parse);
    check_bit_flips(m.body(), parse);
    if (m.key_exchange == ClientKeyExchangeKind::rsa) {
      ++rsa;
      CHECK((cke.exchange_keys.size() == 128 || cke.exchange_keys.size() == 256));
    } else {
      ++ecdhe;
      CHECK(cke.exchange_keys.size() == 32);  // X25519
    }
    // The other form does not fit the same bytes.
    const auto other = m.key_exchange == ClientKeyExchangeKind::rsa ? ClientKeyExchangeKind::ecdhe
                                                                    : ClientKeyExchangeKind::rsa;
    check_rejected(m.body(), parser_for(other), AlertDescription::decode_error);
  }
  CHECK(rsa == 3);
  CHECK(ecdhe == 4);
}

TEST_CASE("ClientKeyExchange values match the transcripts",
          "[handshake][client_key_exchange][vectors]") {
  const auto json = load_json_vector("illustrated-tls12/transcript.json");
  const auto cke =
      ClientKeyExchange::parse(illustrated_messages().at(5).body(), ClientKeyExchangeKind::ecdhe);
  REQUIRE(cke.has_value());
  CHECK(to_hex(cke->exchange_keys) == json.at("client_x25519_public_key").get<std::string>());
  for (const auto& name : go_transcript_names()) {
    INFO(name);
    const auto go = load_json_vector("go-tls12-transcripts/" + name + ".json");
    for (const auto& m : go_messages(name)) {
      if (m.type != HandshakeType::client_key_exchange) continue;
      const auto parsed = ClientKeyExchange::parse(m.body(), m.key_exchange);
      REQUIRE(parsed.has_value());
      CHECK(to_hex(parsed->exchange_keys) == go.at(m.key_exchange == ClientKeyExchangeKind::rsa
                                                       ? "encrypted_pre_master_secret"
                                                       : "client_x25519_public_key")
                                                 .get<std::string>());
    }
  }
}

TEST_CASE("ClientKeyExchange bounds", "[handshake][client_key_exchange][negative]") {
  const auto rsa = parser_for(ClientKeyExchangeKind::rsa);
  const auto ecdhe = parser_for(ClientKeyExchangeKind::ecdhe);
  const auto decode_error = AlertDescription::decode_error;
  require_round_trip(from_hex("0000"), rsa);  // EncryptedPreMasterSecret<0..2^16-1>
  check_rejected(from_hex(""), rsa, decode_error);
  check_rejected(from_hex("00"), ecdhe, decode_error);  // ECPoint<1..2^8-1>
  check_rejected(from_hex(""), ecdhe, decode_error);
  check_codec(from_hex("01 04"), ecdhe);
  check_codec(from_hex("0003 aabbcc"), rsa);

  ClientKeyExchange bad{ClientKeyExchangeKind::ecdhe, {}};
  std::vector<std::uint8_t> out{3};
  CHECK_FALSE(bad.serialize(out).has_value());
  bad.exchange_keys.assign(256, 1);
  CHECK_FALSE(bad.serialize(out).has_value());
  bad = ClientKeyExchange{ClientKeyExchangeKind::rsa, ByteVec(0x10000, 1)};
  CHECK_FALSE(bad.serialize(out).has_value());
  CHECK(out == std::vector<std::uint8_t>{3});
  bad.exchange_keys.clear();
  CHECK(bad.serialize(out).has_value());
  CHECK(out == std::vector<std::uint8_t>{3, 0, 0});
}
