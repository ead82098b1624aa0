// server_name (RFC 6066 §3): syntax, the duplicate rule, and what a HostName may contain.
#include <string>

#include <catch2/catch.hpp>

#include "codec_checks.hpp"
#include "handshake/client_hello.hpp"
#include "handshake/extensions/server_name.hpp"
#include "recorded_messages.hpp"

using namespace tlsx::handshake;
using namespace tlsx::test;
using tlsx::AlertDescription;

namespace {

auto parse_sni = [](ByteView data) { return ServerNameList::parse(data); };

// extension_data for one host_name entry.
ByteVec sni_data(const std::string& host) {
  ByteVec out;
  tlsx::ByteWriter w(out);
  {
    auto list = w.prefix16();
    w.u8(0);  // host_name
    auto name = w.prefix16();
    for (char c : host) w.u8(static_cast<std::uint8_t>(c));
  }
  return out;
}

}  // namespace

TEST_CASE("server_name parses a host name", "[handshake][server_name]") {
  const ByteVec data = from_hex("000e 00 000b 6578616d706c652e636f6d");
  CHECK(data == sni_data("example.com"));
  const auto list = require_round_trip(data, parse_sni);
  REQUIRE(list.server_name_list.size() == 1);
  CHECK(list.server_name_list[0].name_type == NameType::host_name);
  CHECK(list.host_name() == "example.com");
  check_codec(data, parse_sni);

  // The Illustrated TLS 1.2 client asks for example.ulfheim.net.
  const auto hello = ClientHello::parse(illustrated_messages().at(0).body());
  REQUIRE(hello.has_value());
  const auto* ext = hello->find(ExtensionType::server_name);
  REQUIRE(ext != nullptr);
  const auto sni = ServerNameList::parse(ext->data);
  REQUIRE(sni.has_value());
  CHECK(sni->host_name() ==
        load_json_vector("illustrated-tls12/transcript.json").at("server_name").get<std::string>());
}

TEST_CASE("server_name keeps unknown name types and accepts usual host names",
          "[handshake][server_name]") {
  // host_name, then type 0x05 with 2 bytes and type 0x06 with none: both kept as sent.
  const auto list = require_round_trip(
      from_hex("0016 00 000b 6578616d706c652e636f6d 05 0002 abcd 06 0000"), parse_sni);
  REQUIRE(list.server_name_list.size() == 3);
  CHECK(static_cast<unsigned>(list.server_name_list[1].name_type) == 5);
  CHECK(list.server_name_list[1].name == from_hex("abcd"));
  CHECK(list.host_name() == "example.com");
  // Without a host_name entry there is no host name.
  const auto other = require_round_trip(from_hex("0005 07 0002 abcd"), parse_sni);
  CHECK_FALSE(other.host_name().has_value());

  for (const char* host : {"a", "localhost", "xn--bcher-kva.example", "under_score.example.com",
                           "UPPER.Example.COM", "1.2.3.4", "a-b.c-d.e", "*.example.com"}) {
    INFO(host);
    const auto parsed = require_round_trip(sni_data(host), parse_sni);
    CHECK(parsed.host_name() == host);
  }
}

TEST_CASE("server_name syntax errors are decode_error", "[handshake][server_name][negative]") {
  const auto decode_error = AlertDescription::decode_error;
  check_rejected(from_hex(""), parse_sni, decode_error);
  check_rejected(from_hex("0000"), parse_sni, decode_error);             // empty list
  check_rejected(from_hex("0003 00 0000"), parse_sni, decode_error);     // empty HostName
  check_rejected(from_hex("0004 00 0002 61"), parse_sni, decode_error);  // name past the list
  check_rejected(from_hex("0004 00 0001 61 00"), parse_sni, decode_error);
  check_rejected(from_hex("0002 00 00"), parse_sni, decode_error);
}

TEST_CASE("server_name value errors are illegal_parameter", "[handshake][server_name][negative]") {
  const auto illegal = AlertDescription::illegal_parameter;
  check_rejected(from_hex("0008 00 0001 61 00 0001 62"), parse_sni, illegal);  // two host_names
  check_rejected(from_hex("0006 05 0000 05 0000"), parse_sni, illegal);        // two of type 5
  for (const std::string& host :
       {std::string("exa\0mple.com", 12), std::string("example.com\0", 12), std::string("\0", 1),
        std::string("exa mple.com"), std::string("tab\there"), std::string("caf\xc3\xa9.fr"),
        std::string("x\x7f"), std::string("example.com."), std::string("."),
        std::string(".example.com"), std::string("a..b"), std::string("line\nbreak")}) {
    INFO(to_hex(bytes_of(host)));
    check_rejected(sni_data(host), parse_sni, illegal);
    CHECK_FALSE(check_host_name(bytes_of(host)).has_value());
  }
}

TEST_CASE("server_name serialize refuses invalid lists", "[handshake][server_name][serialize]") {
  ServerNameList list;
  std::vector<std::uint8_t> out{1};
  auto r = list.serialize(out);
  REQUIRE_FALSE(r.has_value());
  CHECK(r.error().code == tlsx::ErrorCode::invalid_argument);
  list.server_name_list = {ServerName{NameType::host_name, bytes_of("example.com.")}};
  r = list.serialize(out);
  REQUIRE_FALSE(r.has_value());
  CHECK(r.error().code == tlsx::ErrorCode::invalid_argument);
  list.server_name_list = {ServerName{NameType::host_name, bytes_of("a")},
                           ServerName{NameType::host_name, bytes_of("b")}};
  CHECK_FALSE(list.serialize(out).has_value());
  list.server_name_list = {ServerName{NameType::host_name, ByteVec(0x10000, 'a')}};
  CHECK_FALSE(list.serialize(out).has_value());
  CHECK(out == std::vector<std::uint8_t>{1});
  list.server_name_list = {ServerName{NameType::host_name, bytes_of("example.com")}};
  REQUIRE(list.serialize(out).has_value());
  CHECK(ByteVec(out.begin() + 1, out.end()) == sni_data("example.com"));
}
