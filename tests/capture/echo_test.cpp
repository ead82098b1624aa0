// The echo's pieces: request parsing, the HTML page (escaped) and hello decoding of real hellos.
#include <string>

#include <catch2/catch.hpp>

#include "hello_json.hpp"
#include "html_page.hpp"
#include "http_echo.hpp"
#include "http_request.hpp"
#include "iana_names.hpp"
#include "support/test_support.hpp"

using namespace hello_capture;
using tlsx::test::from_hex;

TEST_CASE("parse_request", "[capture][echo]") {
  using Kind = Request::Kind;
  CHECK(parse_request("").kind == Kind::incomplete);
  CHECK(parse_request("GET / HTTP/1.1\r\nHost: x\r\n").kind == Kind::incomplete);
  const Request r = parse_request(
      "GET /json?x=1 HTTP/1.1\r\nHost: x\r\nACCEPT:  application/json \r\n"
      "User-Agent: test/1\r\n\r\n");
  CHECK(r.kind == Kind::http);
  CHECK(r.method == "GET");
  CHECK(r.target == "/json?x=1");
  CHECK(r.path == "/json");
  CHECK(r.accept == "application/json");
  CHECK(r.user_agent == "test/1");
  CHECK(r.wants_json());
  CHECK(parse_request("GET / HTTP/1.0\n\n").kind == Kind::http);  // bare LF
  CHECK(!parse_request("GET / HTTP/1.0\n\n").wants_json());
  CHECK(parse_request("hello\n").kind == Kind::line);
  CHECK(parse_request("hello\n").line == "hello");
  CHECK(parse_request("get / HTTP/1.1\r\n\r\n").kind == Kind::line);
  CHECK(parse_request("GET / HTTP/2\r\n\r\n").kind == Kind::line);
  CHECK(parse_request("GET  / HTTP/1.1\r\n\r\n").kind == Kind::line);
  CHECK(parse_request(std::string(kMaxRequestHead, 'a')).kind == Kind::too_large);
  CHECK(parse_request("GET / HTTP/1.1\r\n" + std::string(kMaxRequestHead, 'a')).kind ==
        Kind::too_large);
}

TEST_CASE("respond", "[capture][echo]") {
  const Json capture = {{"time", "t"},
                        {"peer", "p"},
                        {"tls", Json::object()},
                        {"outcome", {{"result", "completed"}}}};
  auto stats = [] { return Stats{}; };
  auto get = [&](const std::string& head) { return respond(parse_request(head), capture, stats); };
  CHECK(get("GET / HTTP/1.1\r\n\r\n").bytes.find("Content-Type: text/html") != std::string::npos);
  CHECK(get("GET / HTTP/1.1\r\nAccept: application/json\r\n\r\n")
            .bytes.ends_with(capture.dump(2) + "\n"));
  CHECK(get("GET /json HTTP/1.1\r\n\r\n").status == 200);
  CHECK(get("GET /stats HTTP/1.1\r\n\r\n").status == 200);
  CHECK(get("GET /stats.json HTTP/1.1\r\n\r\n").bytes.find("\"captures\": 0") != std::string::npos);
  CHECK(get("GET /x HTTP/1.1\r\n\r\n").status == 404);
  CHECK(get("POST / HTTP/1.1\r\n\r\n").status == 405);
  const Response head = get("HEAD /json HTTP/1.1\r\n\r\n");
  CHECK(head.bytes.ends_with("\r\n\r\n"));
  CHECK(get("hi there\n").bytes == capture.dump() + "\n");
}

TEST_CASE("names come from the IANA tables", "[capture][echo]") {
  CHECK(iana_name(NameTable::cipher_suite, 0x1301) == "TLS_AES_128_GCM_SHA256");
  CHECK(iana_name(NameTable::cipher_suite, 0xc0ad) == "TLS_ECDHE_ECDSA_WITH_AES_256_CCM");
  CHECK(iana_name(NameTable::cipher_suite, 0x2a2a) == "GREASE");
  CHECK(iana_name(NameTable::cipher_suite, 0x0a0b).empty());
  CHECK(iana_name(NameTable::extension_type, 0xfe0d) == "encrypted_client_hello");
  CHECK(iana_name(NameTable::supported_group, 0x11ec) == "X25519MLKEM768");
  CHECK(iana_name(NameTable::signature_scheme, 0x0804) == "rsa_pss_rsae_sha256");
  CHECK(iana_name(NameTable::alert_description, 70) == "protocol_version");
  CHECK(labelled(NameTable::supported_group, 0x001d) == "x25519 (0x001d)");
  CHECK(labelled(NameTable::supported_group, 0x7777) == "unknown (0x7777)");
}

TEST_CASE("describe_hello_message decodes a real Chrome hello", "[capture][echo]") {
  const auto vectors = tlsx::test::load_json_vector("fingerprints/client-hellos.json");
  const auto& chrome = vectors[0];
  REQUIRE(chrome["capture"] == "chrome-grease-single.pcap");
  const auto message = from_hex(chrome["client_hello_hex"].get<std::string>());
  const DescribedHello d = describe_hello_message(message);
  REQUIRE(!d.parse_error);
  const Json& tls = d.tls;
  CHECK(tls["ja3_hash"] == chrome["ja3"]);
  CHECK(tls["ja3"] == chrome["ja3_full"]);
  CHECK(tls["cipher_suites"][0] ==
        Json({{"value", "0x1a1a"}, {"name", "GREASE"}, {"grease", true}}));
  CHECK(tls["cipher_suites"][1] == Json({{"value", "0x1301"}, {"name", "TLS_AES_128_GCM_SHA256"}}));
  CHECK(tls["compression_methods"] == Json::array({"0x00"}));
  auto find = [&](const std::string& name) {
    for (const auto& e : tls["extensions"]) {
      if (e["name"] == name) return e;
    }
    return Json();
  };
  CHECK(find("server_name")["server_name"] == "googleads.g.doubleclick.net");
  CHECK(find("application_layer_protocol_negotiation")["protocols"] ==
        Json::array({"h2", "http/1.1"}));
  CHECK(find("supported_groups")["supported_groups"] ==
        Json::array(
            {"GREASE (0x9a9a)", "x25519 (0x001d)", "secp256r1 (0x0017)", "secp384r1 (0x0018)"}));
  CHECK(find("key_share")["key_shares"][1] == Json({{"group", "x25519 (0x001d)"}, {"length", 32}}));
  CHECK(find("supported_versions")["versions"][0] == "GREASE (0xfafa)");
  CHECK(find("psk_key_exchange_modes")["modes"] == Json::array({"psk_dhe_ke (1)"}));
  CHECK(find("compress_certificate")["algorithms"] == Json::array({"brotli (2)"}));
  CHECK(find("padding")["padding_length"] == 189);
  CHECK(find("ec_point_formats")["ec_point_formats"] == Json::array({"uncompressed (0)"}));
  CHECK(find("status_request")["status_type"] == "ocsp (1)");
  CHECK(find("renegotiation_info")["renegotiated_connection"] == "");
  CHECK(find("session_ticket")["ticket_length"] == 0);
  CHECK(find("signed_certificate_timestamp")["data"] == "");  // no codec: hex
  CHECK(tls["extensions"][0]["grease"] == true);
  CHECK(tls["raw"] == chrome["client_hello_hex"]);
}

TEST_CASE("describe_hello_message keeps malformed hellos and undecodable extensions",
          "[capture][echo]") {
  const DescribedHello bad = describe_hello_message(from_hex("01000003030300"));
  REQUIRE(bad.parse_error);
  CHECK(bad.tls["raw"] == "01000003030300");
  CHECK(bad.tls.size() == 2);
  // A valid hello whose supported_groups has an odd length and whose ALPN name is not text.
  const auto msg = from_hex(
      "01 000043 0303 000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f 00"
      "0002 1301 01 00 0018 000a 0003 0001 1d 0010 0007 0005 04 3c2f3e5c 0000 0002 0000");
  const DescribedHello d = describe_hello_message(msg);
  REQUIRE(!d.parse_error);
  CHECK(d.tls["extensions"][0].contains("decode_error"));
  CHECK(d.tls["extensions"][0]["data"] == "00011d");
  CHECK(d.tls["extensions"][1]["protocols"] == Json::array({"</>\\x5c"}));
  CHECK(d.tls["extensions"][2].contains("decode_error"));  // server_name with an empty list
}

TEST_CASE("the HTML page escapes everything from the hello", "[capture][echo]") {
  Json capture = {{"time", "<t>"},
                  {"peer", "\"p\""},
                  {"tls",
                   {{"ja4", "<b>"},
                    {"cipher_suites",
                     Json::array({{{"value", "0x1a1a"}, {"name", "GREASE"}, {"grease", true}}})},
                    {"extensions", Json::array({{{"value", "0x0010"},
                                                 {"name", "alpn"},
                                                 {"length", 9},
                                                 {"protocols", Json::array({"<script>"})}}})},
                    {"raw", "00"}}},
                  {"outcome", {{"result", "x&y"}}}};
  const std::string page = render_capture_page(capture);
  CHECK(page.find("<script>") == std::string::npos);
  CHECK(page.find("&lt;script&gt;") != std::string::npos);
  CHECK(page.find("&lt;t&gt;") != std::string::npos);
  CHECK(page.find("&quot;p&quot;") != std::string::npos);
  CHECK(page.find("x&amp;y") != std::string::npos);
  CHECK(page.find("GREASE</span>") != std::string::npos);
  CHECK(html_escape("a'b") == "a&#39;b");
}
