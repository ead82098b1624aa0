// Handshake message framing: the 4-byte header, splitting a whole message, writing one.
#include <catch2/catch.hpp>

#include "codec_checks.hpp"
#include "handshake/finished.hpp"
#include "handshake/handshake_header.hpp"

using namespace tlsx::handshake;
using namespace tlsx::test;
using tlsx::AlertDescription;

namespace {
// A codec that writes a little and then fails without cleaning up after itself.
struct FailingBody {
  static constexpr HandshakeType kType = HandshakeType::certificate;
  tlsx::Result<void> serialize(std::vector<std::uint8_t>& o) const {
    o.push_back(1);
    return tlsx::fail_argument("test");
  }
};
}  // namespace

TEST_CASE("handshake header parses type and 24-bit length", "[handshake][header]") {
  auto h = parse_handshake_header(from_hex("01 0001fc"));
  REQUIRE(h.has_value());
  CHECK(h->type == HandshakeType::client_hello);
  CHECK(h->length == 0x1fc);
  h = parse_handshake_header(from_hex("fe ffffff"));
  REQUIRE(h.has_value());
  CHECK(static_cast<unsigned>(h->type) == 0xfe);  // unknown types are kept
  CHECK(h->length == kMaxHandshakeBodySize);
  for (const char* bad : {"", "01", "0100", "010000", "0100000000"}) {
    INFO(bad);
    const auto r = parse_handshake_header(from_hex(bad));
    REQUIRE_FALSE(r.has_value());
    CHECK(r.error().alert == AlertDescription::decode_error);
  }
}

TEST_CASE("split_handshake_message needs exactly one whole message", "[handshake][header]") {
  const ByteVec message = from_hex("14 00000c 000102030405060708090a0b");
  const auto split = split_handshake_message(message);
  REQUIRE(split.has_value());
  CHECK(split->type == HandshakeType::finished);
  CHECK(split->body.size() == 12);
  CHECK(split->body.data() == message.data() + 4);  // a view, not a copy
  for (std::size_t n = 0; n < message.size(); ++n) {
    INFO("prefix of " << n);
    const auto r = split_handshake_message(ByteView(message.data(), n));
    REQUIRE_FALSE(r.has_value());
    CHECK(r.error().alert == AlertDescription::decode_error);
  }
  ByteVec longer = message;
  longer.push_back(0x14);
  CHECK_FALSE(split_handshake_message(longer).has_value());
  CHECK(split_handshake_message(from_hex("0e000000")).has_value());
}

TEST_CASE("write_handshake_message frames bodies and fails cleanly", "[handshake][header]") {
  std::vector<std::uint8_t> out{0xaa};
  REQUIRE(write_handshake_message(HandshakeType::server_hello_done, {}, out).has_value());
  CHECK(to_hex(out) == "aa0e000000");
  const ByteVec body(300, 7);
  REQUIRE(write_handshake_message(HandshakeType::certificate, body, out).has_value());
  CHECK(to_hex(ByteVec(out.begin() + 5, out.begin() + 9)) == "0b00012c");
  CHECK(out.size() == 5 + 4 + 300);

  const ByteVec too_big(kMaxHandshakeBodySize + 1, 0);
  const auto before = out;
  const auto r = write_handshake_message(HandshakeType::certificate, too_big, out);
  REQUIRE_FALSE(r.has_value());
  CHECK(r.error().code == tlsx::ErrorCode::invalid_argument);
  CHECK(out == before);

  // The codec form writes Message::kType and drops everything when the body fails.
  Finished finished{ByteVec(12, 1)};
  REQUIRE(write_handshake_message(finished, out).has_value());
  CHECK(out.size() == before.size() + 16);
  const auto with_finished = out;
  CHECK_FALSE(write_handshake_message(FailingBody{}, out).has_value());
  CHECK(out == with_finished);
}
