// CertificateRequest: recorded from OpenSSL, hand-made edge cases, negatives.
#include <catch2/catch.hpp>

#include "codec_checks.hpp"
#include "handshake/certificate_request.hpp"
#include "recorded_messages.hpp"

using namespace tlsx::handshake;
using namespace tlsx::test;
using tlsx::AlertDescription;

namespace {
auto parse_request = [](ByteView body) { return CertificateRequest::parse(body); };
}  // namespace

TEST_CASE("recorded CertificateRequests round-trip and name the test CA",
          "[handshake][certificate_request][data]") {
  const auto messages = recorded_messages_of(HandshakeType::certificate_request);
  REQUIRE(messages.size() == 2);
  for (const auto& m : messages) {
    INFO(m.source);
    const auto req = require_round_trip(m.body(), parse_request);
    check_truncations(m.body(), parse_request);
    check_trailing_byte(m.body(), parse_request);
    check_bit_flips(m.body(), parse_request);
    CHECK(req.certificate_types == std::vector{ClientCertificateType::rsa_sign,
                                               ClientCertificateType::dss_sign,
                                               ClientCertificateType::ecdsa_sign});
    CHECK(req.supported_signature_algorithms.front() == SignatureScheme::ecdsa_secp256r1_sha256);
    CHECK(std::find(
              req.supported_signature_algorithms.begin(), req.supported_signature_algorithms.end(),
              SignatureScheme::rsa_pss_rsae_sha256) != req.supported_signature_algorithms.end());
    REQUIRE(req.certificate_authorities.size() == 1);
    const auto& dn = req.certificate_authorities[0];
    CHECK(dn.at(0) == 0x30);  // a DER Name is a SEQUENCE
    const std::string dn_text(dn.begin(), dn.end());
    CHECK(dn_text.find("tlsx test CA") != std::string::npos);
  }
}

TEST_CASE("CertificateRequest edge cases", "[handshake][certificate_request]") {
  // One type, one algorithm, no authorities: the smallest valid request.
  const ByteVec minimal = from_hex("01 40 0002 0403 0000");
  const auto req = require_round_trip(minimal, parse_request);
  CHECK(req.certificate_types == std::vector{ClientCertificateType::ecdsa_sign});
  CHECK(req.certificate_authorities.empty());
  check_codec(minimal, parse_request);
  // Unknown certificate types and schemes are kept; two authorities.
  const auto odd = require_round_trip(from_hex("02 07ff 0004 0a0a 0401 0008 0002 3000 0002 3001"),
                                      parse_request);
  CHECK(static_cast<unsigned>(odd.certificate_types[1]) == 0xff);
  CHECK(odd.certificate_authorities.size() == 2);
}

TEST_CASE("CertificateRequest negatives", "[handshake][certificate_request][negative]") {
  const auto decode_error = AlertDescription::decode_error;
  check_rejected(from_hex("00 0002 0403 0000"), parse_request, decode_error);       // no types
  check_rejected(from_hex("01 40 0000 0000"), parse_request, decode_error);         // no algorithms
  check_rejected(from_hex("01 40 0003 040304 0000"), parse_request, decode_error);  // odd
  check_rejected(from_hex("01 40 0002 0403 0002 0000"), parse_request, decode_error);  // empty DN
  check_rejected(from_hex("01 40 0002 0403 0003 0002 30"), parse_request, decode_error);
  check_rejected(from_hex("01 40 0002 0403"), parse_request, decode_error);

  CertificateRequest bad;
  std::vector<std::uint8_t> out{5};
  CHECK_FALSE(bad.serialize(out).has_value());  // no types, no algorithms
  bad.certificate_types = {ClientCertificateType::rsa_sign};
  bad.supported_signature_algorithms = {SignatureScheme::rsa_pkcs1_sha256};
  bad.certificate_authorities = {ByteVec{}};
  CHECK_FALSE(bad.serialize(out).has_value());
  bad.certificate_authorities.clear();
  bad.supported_signature_algorithms.assign(0x7fff + 1, SignatureScheme::rsa_pkcs1_sha256);
  CHECK_FALSE(bad.serialize(out).has_value());
  bad.supported_signature_algorithms.assign(1, SignatureScheme::rsa_pkcs1_sha256);
  bad.certificate_types.assign(256, ClientCertificateType::rsa_sign);
  CHECK_FALSE(bad.serialize(out).has_value());
  CHECK(out == std::vector<std::uint8_t>{5});
}
