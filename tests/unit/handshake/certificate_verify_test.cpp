// CertificateVerify (the digitally-signed element).
#include <catch2/catch.hpp>

#include "codec_checks.hpp"
#include "handshake/certificate_verify.hpp"
#include "recorded_messages.hpp"

using namespace tlsx::handshake;
using namespace tlsx::test;
using tlsx::AlertDescription;

namespace {
auto parse_verify = [](ByteView body) { return CertificateVerify::parse(body); };
}  // namespace

TEST_CASE("recorded CertificateVerify round-trips", "[handshake][certificate_verify][data]") {
  const auto messages = recorded_messages_of(HandshakeType::certificate_verify);
  REQUIRE(messages.size() == 1);
  const auto cv = require_round_trip(messages[0].body(), parse_verify);
  CHECK(cv.signature.algorithm == SignatureScheme::rsa_pss_rsae_sha256);
  CHECK(cv.signature.signature.size() == 256);  // RSA-2048 client key
  check_truncations(messages[0].body(), parse_verify);
  check_trailing_byte(messages[0].body(), parse_verify);
  check_bit_flips(messages[0].body(), parse_verify);
}

TEST_CASE("CertificateVerify edge cases and negatives", "[handshake][certificate_verify]") {
  check_codec(from_hex("0403 0002 3000"), parse_verify);
  require_round_trip(from_hex("0804 0000"), parse_verify);
  const auto decode_error = AlertDescription::decode_error;
  check_rejected(from_hex("0804"), parse_verify, decode_error);
  check_rejected(from_hex("0804 0003 3000"), parse_verify, decode_error);
  check_rejected(from_hex(""), parse_verify, decode_error);

  CertificateVerify big;
  big.signature.signature.assign(0x10000, 0);
  std::vector<std::uint8_t> out;
  CHECK_FALSE(big.serialize(out).has_value());
  CHECK(out.empty());
}
