#include <catch2/catch.hpp>

#include "record/handshake_reassembler.hpp"
#include "record_test_util.hpp"

using namespace tlsx;
using namespace tlsx::record;
using namespace tlsx::record::test;
using tlsx::test::from_hex;
using tlsx::test::to_hex;

namespace {

std::vector<ByteVec> drain(HandshakeReassembler& r) {
  std::vector<ByteVec> out;
  while (auto m = r.next()) out.emplace_back(m->raw.begin(), m->raw.end());
  return out;
}

}  // namespace

TEST_CASE("reassembler: several messages in one fragment", "[record]") {
  const auto hello_done = make_handshake(14, {});
  const auto finished = make_handshake(20, ByteVec(12, 0x42));
  HandshakeReassembler r;
  REQUIRE(r.add_fragment(concat({finished, hello_done, finished})));
  auto m = r.next();
  REQUIRE(m);
  CHECK(m->type == 20);
  CHECK(m->body.size() == 12);
  CHECK(to_hex(m->raw) == to_hex(finished));
  m = r.next();
  REQUIRE(m);
  CHECK(m->type == 14);
  CHECK(m->body.empty());
  CHECK(m->raw.size() == 4);
  m = r.next();
  REQUIRE(m);
  CHECK(m->type == 20);
  CHECK_FALSE(r.next());
  CHECK(r.empty());
  CHECK_FALSE(r.has_partial_message());
}

TEST_CASE("reassembler: one message split at every possible point and byte by byte", "[record]") {
  ByteVec body(1000);
  for (std::size_t i = 0; i < body.size(); ++i) body[i] = static_cast<std::uint8_t>(i * 7);
  const auto message = make_handshake(11, body);
  for (std::size_t cut = 0; cut <= message.size(); ++cut) {
    HandshakeReassembler r;
    REQUIRE(r.add_fragment(std::span(message).first(cut)));
    if (cut < message.size()) {
      CHECK_FALSE(r.next());
      CHECK(r.has_partial_message() == (cut > 0));
    }
    REQUIRE(r.add_fragment(std::span(message).subspan(cut)));
    const auto out = drain(r);
    REQUIRE(out.size() == 1);
    CHECK(out[0] == message);
  }
  HandshakeReassembler r;
  std::vector<ByteVec> out;
  for (auto byte : message) {
    REQUIRE(r.add_fragment(std::span(&byte, 1)));
    for (auto& m : drain(r)) out.push_back(m);
  }
  REQUIRE(out.size() == 1);
  CHECK(out[0] == message);
}

TEST_CASE("reassembler: messages straddling fragments in a stream", "[record]") {
  const auto a = make_handshake(2, ByteVec(70, 1));
  const auto b = make_handshake(11, ByteVec(5000, 2));
  const auto c = make_handshake(14, {});
  const auto stream = concat({a, b, c});
  for (std::size_t size : {1u, 3u, 4u, 5u, 64u, 1000u, 4096u}) {
    HandshakeReassembler r;
    std::vector<ByteVec> out;
    for (std::size_t at = 0; at < stream.size(); at += size) {
      REQUIRE(r.add_fragment(std::span(stream).subspan(at, std::min(size, stream.size() - at))));
      for (auto& m : drain(r)) out.push_back(m);
    }
    REQUIRE(out.size() == 3);
    CHECK(out[0] == a);
    CHECK(out[1] == b);
    CHECK(out[2] == c);
  }
}

TEST_CASE("reassembler: size limits are enforced from the header alone", "[record]") {
  SECTION("defaults: 16 KiB, Certificate 64 KiB") {
    HandshakeReassembler r;
    CHECK(r.add_fragment(from_hex("01004000")));  // ClientHello of exactly 16384 bytes: fine
    HandshakeReassembler r2;
    auto over = r2.add_fragment(from_hex("01004001"));
    REQUIRE_FALSE(over);
    CHECK(over.error().code == ErrorCode::limit);
    CHECK(over.error().alert == AlertDescription::decode_error);
    HandshakeReassembler r3;
    CHECK(r3.add_fragment(from_hex("0b010000")));  // Certificate of 65536
    HandshakeReassembler r4;
    CHECK_FALSE(r4.add_fragment(from_hex("0b010001")));
    HandshakeReassembler r5;
    CHECK_FALSE(r5.add_fragment(from_hex("0bffffff")));
  }
  SECTION("configurable, and a later message in the same fragment is checked too") {
    auto limits = HandshakeSizeLimits::uniform(100);
    limits.set(11, 200);
    HandshakeReassembler r(limits);
    const auto ok = make_handshake(1, ByteVec(100, 0));
    const auto cert = make_handshake(11, ByteVec(200, 0));
    ByteVec too_big_header = from_hex("02000065");  // 101 bytes announced
    auto result = r.add_fragment(concat({ok, cert, too_big_header}));
    REQUIRE_FALSE(result);
    CHECK(result.error().alert == AlertDescription::decode_error);
    // Sticky.
    CHECK_FALSE(r.add_fragment(ok));
    CHECK_FALSE(r.next());
  }
  SECTION("the header split across fragments is checked once complete") {
    auto limits = HandshakeSizeLimits::uniform(10);
    HandshakeReassembler r(limits);
    REQUIRE(r.add_fragment(from_hex("0100")));
    REQUIRE(r.add_fragment(from_hex("00")));
    CHECK_FALSE(r.add_fragment(from_hex("0b")));
  }
}

TEST_CASE("reassembler: partial-message tracking", "[record]") {
  HandshakeReassembler r;
  CHECK(r.empty());
  CHECK_FALSE(r.has_partial_message());
  const auto a = make_handshake(14, {});
  REQUIRE(r.add_fragment(concat({a, from_hex("1400")})));
  CHECK(r.has_partial_message());  // a is complete, 2 bytes of the next are not
  REQUIRE(r.next());
  CHECK(r.has_partial_message());
  REQUIRE(r.add_fragment(from_hex("0001ff")));
  CHECK_FALSE(r.has_partial_message());
  auto m = r.next();
  REQUIRE(m);
  CHECK(to_hex(m->raw) == "14000001ff");
  CHECK(r.empty());
}
