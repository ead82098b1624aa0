// Certificate: recorded chains against their PEM files, empty lists, negatives.
#include <string>

#include <catch2/catch.hpp>

#include "codec_checks.hpp"
#include "handshake/certificate.hpp"
#include "recorded_messages.hpp"

using namespace tlsx::handshake;
using namespace tlsx::test;
using tlsx::AlertDescription;

namespace {
auto parse_cert = [](ByteView body) { return Certificate::parse(body); };
}  // namespace

TEST_CASE("recorded Certificate messages round-trip and hold the expected DER",
          "[handshake][certificate][vectors]") {
  const auto messages = recorded_messages_of(HandshakeType::certificate);
  REQUIRE(messages.size() == 9);  // 1 illustrated + 3 Go + 3 OpenSSL servers + 2 OpenSSL clients
  VectorTally tally{"recorded Certificate messages"};
  for (const auto& m : messages) {
    INFO(m.source);
    const auto cert = require_round_trip(m.body(), parse_cert);
    if (m.from_client && m.source.find("empty-client-cert") != std::string::npos) {
      CHECK(cert.certificate_list.empty());
    } else {
      REQUIRE_FALSE(cert.certificate_list.empty());
      for (const auto& der : cert.certificate_list) CHECK(der.at(0) == 0x30);  // SEQUENCE
    }
    check_truncations(m.body(), parse_cert);
    check_trailing_byte(m.body(), parse_cert);
    tally.passed++;
  }
  tally.print();

  const auto illustrated = Certificate::parse(illustrated_messages().at(2).body());
  REQUIRE(illustrated.has_value());
  REQUIRE(illustrated->certificate_list.size() == 1);
  CHECK(illustrated->certificate_list[0] ==
        pem_first_block(read_file(vector_path("illustrated-tls12/server.crt"))));
  const auto go_pem =
      pem_first_block(read_file(vector_path("go-tls12-transcripts/go-test-rsa1024-cert.pem")));
  for (const auto& name : go_transcript_names()) {
    for (const auto& m : go_messages(name)) {
      if (m.type != HandshakeType::certificate) continue;
      INFO(m.source);
      const auto go = Certificate::parse(m.body());
      REQUIRE(go.has_value());
      REQUIRE(go->certificate_list.size() == 1);
      CHECK(go->certificate_list[0] == go_pem);
    }
  }
}

TEST_CASE("Certificate bit flips are handled cleanly", "[handshake][certificate][negative]") {
  const auto m = illustrated_messages().at(2);
  const auto s = check_bit_flips(m.body(), parse_cert);
  // Flips inside the DER are opaque to this codec and must round-trip; flips in the two length
  // prefixes must be rejected.
  CHECK(s.rejected >= 6 * 8 - 12);
  CHECK(s.accepted > 0);
}

TEST_CASE("Certificate edge cases and negatives", "[handshake][certificate][negative]") {
  const auto empty = require_round_trip(from_hex("000000"), parse_cert);
  CHECK(empty.certificate_list.empty());
  const auto two = require_round_trip(from_hex("00000a 000002 3000 000002 3001"), parse_cert);
  REQUIRE(two.certificate_list.size() == 2);
  CHECK(two.certificate_list[1] == from_hex("3001"));
  check_codec(from_hex("00000a 000002 3000 000002 3001"), parse_cert);

  const auto decode_error = AlertDescription::decode_error;
  check_rejected(from_hex("000003 000000"), parse_cert, decode_error);          // empty ASN.1Cert
  check_rejected(from_hex("000006 000002 3000 00"), parse_cert, decode_error);  // list too long
  check_rejected(from_hex("000005 000003 3000"), parse_cert, decode_error);     // cert past list
  check_rejected(from_hex("0000"), parse_cert, decode_error);
  check_rejected(from_hex(""), parse_cert, decode_error);

  Certificate bad;
  bad.certificate_list = {ByteVec{0x30, 0x00}, ByteVec{}};
  std::vector<std::uint8_t> out{9};
  const auto r = bad.serialize(out);
  REQUIRE_FALSE(r.has_value());
  CHECK(r.error().code == tlsx::ErrorCode::invalid_argument);
  CHECK(out == std::vector<std::uint8_t>{9});
}
