// The typed extension codecs (server_name has its own test): valid encodings with round trip,
// truncations, a trailing byte and bit flips; bound violations; the alert for each rule; the
// decode_extension dispatch.
#include <string>

#include <catch2/catch.hpp>

#include "codec_checks.hpp"
#include "handshake/extensions/known_extension.hpp"

using namespace tlsx::handshake;
using namespace tlsx::test;
using tlsx::AlertDescription;

namespace {

template <class Codec>
auto parser() {
  return [](ByteView data) { return Codec::parse(data); };
}

const auto kDecodeError = AlertDescription::decode_error;
const auto kIllegal = AlertDescription::illegal_parameter;

template <class Codec>
void check_serialize_fails(const Codec& codec) {
  std::vector<std::uint8_t> out{0x42};
  const auto r = codec.serialize(out);
  REQUIRE_FALSE(r.has_value());
  CHECK(r.error().code == tlsx::ErrorCode::invalid_argument);
  CHECK(out == std::vector<std::uint8_t>{0x42});
}

// A u8-length-prefixed list of n copies of a 2-byte entry (n <= 127).
ByteVec u8_list_of(std::size_t n, const std::string& entry_hex) {
  const ByteVec entry = from_hex(entry_hex);
  ByteVec out{static_cast<std::uint8_t>(2 * n)};
  for (std::size_t i = 0; i < n; ++i) out.insert(out.end(), entry.begin(), entry.end());
  return out;
}

}  // namespace

TEST_CASE("supported_groups", "[handshake][extensions]") {
  const auto p = parser<SupportedGroups>();
  const auto groups = require_round_trip(from_hex("0006 001d 0017 2a2a"), p);
  CHECK(groups.named_group_list ==
        std::vector{NamedGroup::x25519, NamedGroup::secp256r1, static_cast<NamedGroup>(0x2a2a)});
  check_codec(from_hex("0006 001d 0017 2a2a"), p);
  check_rejected(from_hex("0000"), p, kDecodeError);
  check_rejected(from_hex("0003 001d00"), p, kDecodeError);
  check_rejected(from_hex("0001 00"), p, kDecodeError);
  check_rejected(from_hex("0002 001d 0017"), p, kDecodeError);
  check_rejected(from_hex(""), p, kDecodeError);
  check_serialize_fails(SupportedGroups{});
}

TEST_CASE("ec_point_formats", "[handshake][extensions]") {
  const auto p = parser<EcPointFormats>();
  const auto formats = require_round_trip(from_hex("03 000102"), p);
  CHECK(formats.ec_point_format_list.size() == 3);
  CHECK(formats.contains_uncompressed());
  check_codec(from_hex("03 000102"), p);
  // A list without uncompressed is syntax-valid: the negotiation refuses it.
  const auto compressed_only = require_round_trip(from_hex("01 01"), p);
  CHECK_FALSE(compressed_only.contains_uncompressed());
  check_rejected(from_hex("00"), p, kDecodeError);
  check_rejected(from_hex("02 00"), p, kDecodeError);
  check_rejected(from_hex(""), p, kDecodeError);
  EcPointFormats defaults;
  CHECK(to_hex(*encode(defaults)) == "0100");
  check_serialize_fails(EcPointFormats{{}});
}

TEST_CASE("signature_algorithms and signature_algorithms_cert", "[handshake][extensions]") {
  const auto p = parser<SignatureAlgorithms>();
  const auto algs = require_round_trip(from_hex("0006 0403 0804 0201"), p);
  CHECK(algs.supported_signature_algorithms.at(1) == SignatureScheme::rsa_pss_rsae_sha256);
  check_codec(from_hex("0006 0403 0804 0201"), p);
  check_codec(from_hex("0002 0401"), parser<SignatureAlgorithmsCert>());
  check_rejected(from_hex("0000"), p, kDecodeError);         // <2..>
  check_rejected(from_hex("0003 040308"), p, kDecodeError);  // odd
  check_rejected(from_hex("0004 0403"), p, kDecodeError);
  // The <..2^16-2> ceiling: 32767 entries fit, and 0xffff would be odd anyway.
  ByteVec max = {0xff, 0xfe};
  max.resize(2 + 0xfffe, 0x04);
  CHECK(p(max).has_value());
  SignatureAlgorithms too_many;
  too_many.supported_signature_algorithms.assign(0x7fff + 1, SignatureScheme::rsa_pkcs1_sha256);
  check_serialize_fails(too_many);
  check_serialize_fails(SignatureAlgorithms{});
  CHECK(SignatureAlgorithms::kType == ExtensionType::signature_algorithms);
  CHECK(SignatureAlgorithmsCert::kType == ExtensionType::signature_algorithms_cert);
}

TEST_CASE("supported_versions, client and server forms", "[handshake][extensions]") {
  const auto client = parser<SupportedVersionsClient>();
  const auto offer = require_round_trip(from_hex("06 5a5a 0304 0303"), client);
  CHECK(offer.versions == std::vector{static_cast<ProtocolVersion>(0x5a5a), ProtocolVersion::tls13,
                                      ProtocolVersion::tls12});
  check_codec(from_hex("06 5a5a 0304 0303"), client);
  CHECK(client(u8_list_of(127, "0303")).has_value());  // 254 bytes: the ceiling
  check_rejected(from_hex("00"), client, kDecodeError);
  check_rejected(from_hex("01 03"), client, kDecodeError);
  check_rejected(from_hex("03 030403"), client, kDecodeError);
  SupportedVersionsClient too_many;
  too_many.versions.assign(128, ProtocolVersion::tls12);
  check_serialize_fails(too_many);
  check_serialize_fails(SupportedVersionsClient{});

  const auto server = parser<SupportedVersionsServer>();
  const auto chosen = require_round_trip(from_hex("0304"), server);
  CHECK(chosen.selected_version == ProtocolVersion::tls13);
  check_codec(from_hex("0304"), server);
  check_rejected(from_hex("02 0304"), server, kDecodeError);
}

TEST_CASE("application_layer_protocol_negotiation", "[handshake][extensions]") {
  const auto p = parser<ProtocolNameList>();
  const ByteVec h2_http11 = from_hex("000c 02 6832 08 687474702f312e31");
  const auto alpn = require_round_trip(h2_http11, p);
  CHECK(alpn == ProtocolNameList::from_names({"h2", "http/1.1"}));
  check_codec(h2_http11, p);
  // Names are octets, not necessarily text.
  require_round_trip(from_hex("0003 02 0aff"), p);
  check_rejected(from_hex("0000"), p, kDecodeError);             // <2..>
  check_rejected(from_hex("0003 00 0161"), p, kDecodeError);     // empty name
  check_rejected(from_hex("0004 02 6832 00"), p, kDecodeError);  // empty name last
  check_rejected(from_hex("0004 03 6832"), p, kDecodeError);     // name past list
  check_rejected(from_hex("0001 02"), p, kDecodeError);
  // Server form: exactly one name.
  const auto server = [](ByteView d) { return ProtocolNameList::parse_server(d); };
  CHECK(server(from_hex("0003 026832")).has_value());
  check_rejected(h2_http11, server, kDecodeError);
  check_serialize_fails(ProtocolNameList{});
  check_serialize_fails(ProtocolNameList{{ByteVec{}}});
  check_serialize_fails(ProtocolNameList{{ByteVec(256, 'a')}});
}

TEST_CASE("empty extensions reject any data", "[handshake][extensions]") {
  CHECK(ExtendedMasterSecret::parse({}).has_value());
  CHECK(EncryptThenMac::parse({}).has_value());
  CHECK(ServerNameAck::parse({}).has_value());
  CHECK(StatusRequestAck::parse({}).has_value());
  CHECK(PostHandshakeAuth::parse({}).has_value());
  check_rejected(from_hex("00"), parser<ExtendedMasterSecret>(), kDecodeError);
  check_rejected(from_hex("0000"), parser<EncryptThenMac>(), kDecodeError);
  check_rejected(from_hex("ff"), parser<ServerNameAck>(), kDecodeError);
  check_rejected(from_hex("01"), parser<PostHandshakeAuth>(), kDecodeError);
  const auto ems = make_extension(ExtendedMasterSecret{});
  REQUIRE(ems.has_value());
  CHECK(ems->type == ExtensionType::extended_master_secret);
  CHECK(ems->data.empty());
  const auto r = ExtendedMasterSecret::parse(from_hex("00"));
  CHECK(r.error().detail.find("extended_master_secret") != std::string::npos);
}

TEST_CASE("renegotiation_info", "[handshake][extensions]") {
  const auto p = parser<RenegotiationInfo>();
  CHECK(require_round_trip(from_hex("00"), p).renegotiated_connection.empty());
  const ByteVec renegotiating = from_hex("0c 000102030405060708090a0b");
  CHECK(require_round_trip(renegotiating, p).renegotiated_connection.size() == 12);
  check_codec(renegotiating, p);
  check_rejected(from_hex(""), p, kDecodeError);
  check_rejected(from_hex("0000"), p, kDecodeError);
  check_serialize_fails(RenegotiationInfo{ByteVec(256, 0)});
}

TEST_CASE("session_ticket is opaque", "[handshake][extensions]") {
  const auto p = parser<SessionTicket>();
  CHECK(require_round_trip(from_hex(""), p).ticket.empty());
  const ByteVec ticket = from_hex("0102030405");
  CHECK(require_round_trip(ticket, p).ticket == ticket);
  const auto s = check_bit_flips(ticket, p);
  CHECK(s.accepted == s.inputs);
  check_serialize_fails(SessionTicket{ByteVec(0x10000, 0)});
}

TEST_CASE("key_share (ClientHello form)", "[handshake][extensions]") {
  const auto p = parser<KeyShareClientHello>();
  const ByteVec chrome_like = from_hex(
      "0029 2a2a 0001 00 001d 0020 "
      "000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f");
  const auto shares = require_round_trip(chrome_like, p);
  CHECK(shares.groups() == std::vector{static_cast<NamedGroup>(0x2a2a), NamedGroup::x25519});
  check_codec(chrome_like, p);
  CHECK(require_round_trip(from_hex("0000"), p).client_shares.empty());
  // Two shares for one group are kept (see key_share.hpp).
  CHECK(require_round_trip(from_hex("000a 001d 0001 aa 001d 0001 bb"), p).client_shares.size() ==
        2);
  check_rejected(from_hex("0004 001d 0000"), p, kDecodeError);  // key_exchange<1..>
  check_rejected(from_hex("0005 001d 0002 aa"), p, kDecodeError);
  check_rejected(from_hex(""), p, kDecodeError);
  check_serialize_fails(KeyShareClientHello{{KeyShareEntry{NamedGroup::x25519, {}}}});
}

TEST_CASE("psk_key_exchange_modes", "[handshake][extensions]") {
  const auto p = parser<PskKeyExchangeModes>();
  CHECK(require_round_trip(from_hex("01 01"), p).ke_modes ==
        std::vector{PskKeyExchangeMode::psk_dhe_ke});
  check_codec(from_hex("02 0100"), p);
  check_rejected(from_hex("00"), p, kDecodeError);
  check_serialize_fails(PskKeyExchangeModes{});
}

TEST_CASE("status_request (ClientHello form)", "[handshake][extensions]") {
  const auto p = parser<CertificateStatusRequest>();
  const auto plain = require_round_trip(from_hex("01 0000 0000"), p);
  CHECK(plain.status_type == CertificateStatusType::ocsp);
  CHECK(plain.responder_id_list.empty());
  check_codec(from_hex("01 0000 0000"), p);
  const ByteVec full = from_hex("01 0008 0002 3000 0002 3001 0002 3000");
  const auto parsed = require_round_trip(full, p);
  CHECK(parsed.responder_id_list.size() == 2);
  CHECK(parsed.request_extensions == from_hex("3000"));
  check_codec(full, p);
  // An unknown status type is kept undecoded (a server ignores what it does not understand).
  const auto unknown = require_round_trip(from_hex("02 aabbcc"), p);
  CHECK(static_cast<unsigned>(unknown.status_type) == 2);
  CHECK(unknown.unknown_request == from_hex("aabbcc"));
  check_rejected(from_hex(""), p, kDecodeError);
  check_rejected(from_hex("01 0000"), p, kDecodeError);
  check_rejected(from_hex("01 0002 0000 0000"), p, kDecodeError);  // empty ResponderID
  check_rejected(from_hex("01 0000 0000 00"), p, kDecodeError);
  CertificateStatusRequest bad;
  bad.unknown_request = {1};
  check_serialize_fails(bad);
  bad = CertificateStatusRequest{};
  bad.status_type = static_cast<CertificateStatusType>(2);
  bad.request_extensions = {1};
  check_serialize_fails(bad);
  bad = CertificateStatusRequest{};
  bad.responder_id_list = {ByteVec{}};
  check_serialize_fails(bad);
}

TEST_CASE("padding holds zeros only", "[handshake][extensions]") {
  const auto p = parser<Padding>();
  CHECK(require_round_trip(from_hex(""), p).length == 0);
  CHECK(require_round_trip(ByteVec(200, 0), p).length == 200);
  check_rejected(from_hex("0001"), p, kIllegal);
  check_rejected(from_hex("80"), p, kIllegal);
  const auto s = check_bit_flips(ByteVec(4, 0), p);
  CHECK(s.rejected == s.inputs);
  check_serialize_fails(Padding{0x10000});
}

TEST_CASE("record_size_limit", "[handshake][extensions]") {
  const auto p = parser<RecordSizeLimit>();
  CHECK(require_round_trip(from_hex("4000"), p).limit == 16384);
  CHECK(require_round_trip(from_hex("0040"), p).limit == 64);
  check_codec(from_hex("4001"), p);
  check_rejected(from_hex("003f"), p, kIllegal);
  check_rejected(from_hex("0000"), p, kIllegal);
  check_rejected(from_hex("40"), p, kDecodeError);
  check_rejected(from_hex("400000"), p, kDecodeError);
  check_serialize_fails(RecordSizeLimit{63});
}

TEST_CASE("compress_certificate", "[handshake][extensions]") {
  const auto p = parser<CompressCertificate>();
  CHECK(require_round_trip(from_hex("02 0002"), p).algorithms ==
        std::vector{CertificateCompressionAlgorithm::brotli});
  check_codec(from_hex("06 0001 0002 0003"), p);
  CHECK(p(u8_list_of(127, "0001")).has_value());
  check_rejected(from_hex("00"), p, kDecodeError);
  check_rejected(from_hex("01 00"), p, kDecodeError);
  check_rejected(from_hex("03 000100"), p, kDecodeError);
  CompressCertificate too_many;
  too_many.algorithms.assign(128, CertificateCompressionAlgorithm::zlib);
  check_serialize_fails(too_many);
  check_serialize_fails(CompressCertificate{});
}

TEST_CASE("decode_extension picks the codec by type and hello", "[handshake][extensions]") {
  const auto ch = HandshakeType::client_hello;
  const auto sh = HandshakeType::server_hello;
  auto holds = [](const Extension& ext, HandshakeType in, auto tag) {
    const auto decoded = decode_extension(ext, in);
    REQUIRE(decoded.has_value());
    REQUIRE(decoded->has_value());
    CHECK(std::holds_alternative<decltype(tag)>(**decoded));
    const auto again = encode_extension(**decoded);
    REQUIRE(again.has_value());
    CHECK(*again == ext);
  };
  holds(Extension{ExtensionType::server_name, from_hex("0004 00 0001 61")}, ch, ServerNameList{});
  holds(Extension{ExtensionType::server_name, {}}, sh, ServerNameAck{});
  holds(Extension{ExtensionType::status_request, from_hex("01 0000 0000")}, ch,
        CertificateStatusRequest{});
  holds(Extension{ExtensionType::status_request, {}}, sh, StatusRequestAck{});
  holds(Extension{ExtensionType::supported_versions, from_hex("02 0303")}, ch,
        SupportedVersionsClient{});
  holds(Extension{ExtensionType::supported_versions, from_hex("0303")}, sh,
        SupportedVersionsServer{});
  holds(Extension{ExtensionType::key_share, from_hex("0000")}, ch, KeyShareClientHello{});
  holds(Extension{ExtensionType::signature_algorithms_cert, from_hex("0002 0401")}, ch,
        SignatureAlgorithmsCert{});
  holds(Extension{ExtensionType::post_handshake_auth, {}}, ch, PostHandshakeAuth{});
  holds(Extension{ExtensionType::record_size_limit, from_hex("4000")}, sh, RecordSizeLimit{});
  for (auto type : {static_cast<ExtensionType>(0x0a0a), static_cast<ExtensionType>(0x1234),
                    ExtensionType::signed_certificate_timestamp, ExtensionType::pre_shared_key}) {
    const auto decoded = decode_extension(Extension{type, from_hex("ff")}, ch);
    REQUIRE(decoded.has_value());
    CHECK_FALSE(decoded->has_value());
  }
  const auto bad = decode_extension(Extension{ExtensionType::supported_groups, from_hex("00")}, ch);
  REQUIRE_FALSE(bad.has_value());
  CHECK(bad.error().alert == kDecodeError);
}
