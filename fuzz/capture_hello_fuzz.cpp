// Fuzzes hello-capture's ClientHello -> JSON / fingerprint / echo page path
// (examples/hello-capture) with arbitrary bytes as a ClientHello body. The harness frames them as
// the engine's Observer delivers a message (type 1, then the exact uint24 length), so every input
// reaches the parser.
//
// Properties checked (abort otherwise):
//   - describe_hello_message() reports a parse error exactly when tlsx::parse_client_hello()
//     fails, and then records only {"raw", "parse_error"} with the raw bytes as hex;
//   - a parsed hello gets fingerprints of the documented shapes (JA3 hash: 32 hex digits; JA4:
//     "[tq]VVd|iNNNNaa_hhhhhhhhhhhh_hhhhhhhhhhhh"), and one "extensions" entry per extension;
//   - the capture serializes to JSON (nlohmann throws on invalid UTF-8: no raw client bytes may
//     reach a string) and parses back equal, and the HTML echo page renders.
//
// Seeds (fuzz/corpus/capture_hello/): the bodies of 10 of the real ClientHellos in
// tests/vectors/fingerprints/client-hellos.json (a copy of ../shared/vectors/fingerprints/;
// FoxIO-LLC/ja4 and jabedude/ja3-rs pcaps), written by fuzz/make_capture_hello_corpus.py.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <span>
#include <string>
#include <vector>

#include "hello_json.hpp"
#include "html_page.hpp"
#include "tlsx/client_hello_view.hpp"

namespace {

void require(bool condition) {
  if (!condition) std::abort();
}

bool is_lower_hex(const std::string& text, std::size_t size) {
  if (text.size() != size) return false;
  for (char c : text) {
    if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) return false;
  }
  return true;
}

// The JA4 shape: "[tq]VV[di]NNNNAA_hhhhhhhhhhhh_hhhhhhhhhhhh".
bool is_ja4_shape(const std::string& text) {
  auto alnum = [](char c) {
    return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
  };
  if (text.size() != 36 || (text[0] != 't' && text[0] != 'q')) return false;
  if (!alnum(text[1]) || !alnum(text[2]) || (text[3] != 'd' && text[3] != 'i')) return false;
  for (std::size_t i = 4; i < 8; ++i) {
    if (text[i] < '0' || text[i] > '9') return false;
  }
  if (!alnum(text[8]) || !alnum(text[9]) || text[10] != '_' || text[23] != '_') return false;
  return is_lower_hex(text.substr(11, 12), 12) && is_lower_hex(text.substr(24), 12);
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size > 0xffff) return 0;  // a ClientHello body fits in 2^16 bytes of records by far
  std::vector<std::uint8_t> message{1, 0, static_cast<std::uint8_t>(size >> 8),
                                    static_cast<std::uint8_t>(size & 0xff)};
  message.insert(message.end(), data, data + size);

  const auto parsed = tlsx::parse_client_hello(message);
  const hello_capture::DescribedHello described = hello_capture::describe_hello_message(message);
  const hello_capture::Json& tls = described.tls;
  require(parsed.has_value() == !described.parse_error.has_value());
  require(tls.contains("raw") && tls.at("raw").is_string() &&
          tls.at("raw").get<std::string>().size() == message.size() * 2);
  if (!parsed) {
    require(tls.size() == 2 && tls.contains("parse_error"));
  } else {
    require(tls.at("extensions").size() == parsed->extensions.size());
    require(tls.at("cipher_suites").size() == parsed->cipher_suites.size());
    require(is_lower_hex(tls.at("ja3_hash").get<std::string>(), 32));
    require(is_lower_hex(tls.at("ja3n_hash").get<std::string>(), 32));
    require(is_ja4_shape(tls.at("ja4").get<std::string>()));
  }

  const hello_capture::Json capture = {{"time", "2026-01-01T00:00:00.000Z"},
                                       {"peer", "127.0.0.1:1"},
                                       {"tls", tls},
                                       {"outcome", {{"result", "fuzz"}}}};
  const std::string line = capture.dump();  // throws (and so fails) on invalid UTF-8
  require(hello_capture::Json::parse(line) == capture);
  require(!hello_capture::render_capture_page(capture).empty());
  return 0;
}
