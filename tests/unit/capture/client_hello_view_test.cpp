// The public ClientHello API (tlsx/client_hello_view.hpp, hello_extension_content.hpp,
// client_fingerprint.hpp): it agrees with the engine's own parser on the 70 real hellos, gives
// the published JA3/JA4 values, decodes each known extension, and refuses what is not one whole
// ClientHello message.
#include <string>
#include <variant>

#include <catch2/catch.hpp>

#include "hello_vectors.hpp"
#include "support/test_support.hpp"
#include "tlsx/client_fingerprint.hpp"
#include "tlsx/client_hello_view.hpp"
#include "tlsx/hello_extension_content.hpp"

using namespace tlsx::test;
namespace ext = tlsx::hello_ext;

namespace {

const HelloVector& vector_of(const std::string& capture) {
  for (const HelloVector& v : hello_vectors()) {
    if (v.json["capture"] == capture) return v;
  }
  FAIL("no vector " << capture);
  return hello_vectors().front();
}

template <class Content>
Content decoded(const tlsx::ClientHelloView& hello, tlsx::ExtensionType type) {
  const tlsx::HelloExtension* e = hello.find(type);
  REQUIRE(e != nullptr);
  auto content = tlsx::decode_hello_extension(*e);
  REQUIRE(content);
  REQUIRE(content->has_value());
  REQUIRE(std::holds_alternative<Content>(content->value()));
  return std::get<Content>(content->value());
}

}  // namespace

TEST_CASE("parse_client_hello gives the engine parser's fields for 70 real hellos",
          "[capture][view]") {
  int same = 0;
  for (const HelloVector& v : hello_vectors()) {
    INFO(v.id);
    auto view = tlsx::parse_client_hello(v.message);
    REQUIRE(view);
    CHECK(view->legacy_version == v.hello.client_version);
    CHECK(view->random == v.hello.random);
    CHECK(view->session_id == v.hello.session_id);
    CHECK(view->cipher_suites == v.hello.cipher_suites);
    CHECK(view->compression_methods == v.hello.compression_methods);
    CHECK(view->extensions_present == v.hello.extensions_present);
    REQUIRE(view->extensions.size() == v.hello.extensions.size());
    bool all = true;
    for (std::size_t i = 0; i < view->extensions.size(); ++i) {
      all = all && view->extensions[i].type == v.hello.extensions[i].type &&
            view->extensions[i].body == v.hello.extensions[i].data;
    }
    CHECK(all);
    if (all) ++same;
  }
  CHECK(same == 70);
}

TEST_CASE("fingerprint_client_hello gives the published JA3 and JA4 values", "[capture][view]") {
  int ja3_ok = 0;
  int ja4_ok = 0;
  for (const HelloVector& v : hello_vectors()) {
    INFO(v.id);
    auto view = tlsx::parse_client_hello(v.message);
    REQUIRE(view);
    const tlsx::ClientFingerprints fp = tlsx::fingerprint_client_hello(*view);
    CHECK(fp.ja3 == v.json["ja3_full"].get<std::string>());
    CHECK(fp.ja3_hash == v.json["ja3"].get<std::string>());
    if (fp.ja3_hash == v.json["ja3"].get<std::string>()) ++ja3_ok;
    if (v.json.contains("ja4") && !v.json.contains("ja4_reference_code")) {
      CHECK(fp.ja4 == v.json["ja4"].get<std::string>());
      CHECK(fp.ja4_r == v.json["ja4_r"].get<std::string>());
      CHECK(fp.ja4_o == v.json["ja4_o"].get<std::string>());
      CHECK(fp.ja4_ro == v.json["ja4_ro"].get<std::string>());
      if (fp.ja4 == v.json["ja4"].get<std::string>()) ++ja4_ok;
    }
  }
  CHECK(ja3_ok == 70);
  CHECK(ja4_ok >= 60);
  const auto h2 = tlsx::parse_client_hello(vector_of("tls-alpn-h2.pcap").message);
  REQUIRE(h2);
  CHECK(tlsx::fingerprint_client_hello(*h2).ja4 == "t12d4605h2_85626a9a5f7f_aaf95bb78ec9");
  const auto firefox = tlsx::parse_client_hello(vector_of("tls12.pcap").message);
  REQUIRE(firefox);
  CHECK(tlsx::fingerprint_client_hello(*firefox).ja4 == "t13d1715h2_5b57614c22b0_3d5424432f57");
}

TEST_CASE("decode_hello_extension decodes Chrome's extensions", "[capture][view]") {
  using tlsx::ExtensionType;
  auto hello = tlsx::parse_client_hello(vector_of("chrome-grease-single.pcap").message);
  REQUIRE(hello);
  CHECK(decoded<ext::ServerName>(*hello, ExtensionType::server_name).host_name ==
        "googleads.g.doubleclick.net");
  CHECK(
      decoded<ext::Alpn>(*hello, ExtensionType::application_layer_protocol_negotiation).protocols ==
      std::vector<ByteVec>{bytes_of("h2"), bytes_of("http/1.1")});
  const auto groups = decoded<ext::SupportedGroups>(*hello, ExtensionType::supported_groups);
  REQUIRE(groups.groups.size() == 4);
  CHECK(tlsx::is_grease(groups.groups[0]));
  CHECK(groups.groups[1] == tlsx::NamedGroup::x25519);
  const auto shares = decoded<ext::KeyShare>(*hello, ExtensionType::key_share);
  REQUIRE(shares.shares.size() == 2);
  CHECK(shares.shares[1].group == tlsx::NamedGroup::x25519);
  CHECK(shares.shares[1].key_exchange.size() == 32);
  CHECK(decoded<ext::PskKeyExchangeModes>(*hello, ExtensionType::psk_key_exchange_modes).modes ==
        std::vector<std::uint8_t>{1});
  CHECK(decoded<ext::CompressCertificate>(*hello, ExtensionType::compress_certificate).algorithms ==
        std::vector<std::uint16_t>{2});
  CHECK(decoded<ext::Padding>(*hello, ExtensionType::padding).length == 189);
  CHECK(decoded<ext::StatusRequest>(*hello, ExtensionType::status_request).status_type == 1);
  CHECK(decoded<ext::Flag>(*hello, ExtensionType::extended_master_secret).type ==
        ExtensionType::extended_master_secret);
  CHECK(decoded<ext::SessionTicket>(*hello, ExtensionType::session_ticket).ticket.empty());
  CHECK(decoded<ext::SignatureAlgorithms>(*hello, ExtensionType::signature_algorithms)
            .schemes.front() == tlsx::SignatureScheme::ecdsa_secp256r1_sha256);
  // No codec: unknown and GREASE types decode to nothing; an undecodable body is an error.
  const tlsx::HelloExtension* sct = hello->find(ExtensionType::signed_certificate_timestamp);
  REQUIRE(sct != nullptr);
  auto none = tlsx::decode_hello_extension(*sct);
  REQUIRE(none);
  CHECK(!none->has_value());
  auto grease = tlsx::decode_hello_extension({tlsx::ExtensionType{0x0a0a}, {}});
  REQUIRE(grease);
  CHECK(!grease->has_value());
  auto odd = tlsx::decode_hello_extension({ExtensionType::supported_groups, {0, 1, 0x1d}});
  REQUIRE(!odd);
  CHECK(odd.error().alert == tlsx::AlertDescription::decode_error);
}

TEST_CASE("parse_client_hello takes exactly one whole ClientHello message", "[capture][view]") {
  const ByteVec& good = vector_of("curl.pcap").message;
  REQUIRE(tlsx::parse_client_hello(good));
  ByteVec wrong_type = good;
  wrong_type[0] = 2;  // a ServerHello header
  CHECK(!tlsx::parse_client_hello(wrong_type));
  ByteVec trailing = good;
  trailing.push_back(0);  // one byte more than the header says
  CHECK(!tlsx::parse_client_hello(trailing));
  CHECK(!tlsx::parse_client_hello(std::span(good).first(good.size() - 1)));
  CHECK(!tlsx::parse_client_hello(std::span(good).first(3)));
  auto truncated = tlsx::parse_client_hello(from_hex("01000003030300"));
  REQUIRE(!truncated);
  CHECK(truncated.error().alert == tlsx::AlertDescription::decode_error);
}
