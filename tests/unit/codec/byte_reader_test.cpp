#include <array>
#include <cstdint>
#include <vector>

#include <catch2/catch.hpp>

#include "tlsx/byte_reader.hpp"

using tlsx::ByteReader;
using Bytes = std::span<const std::uint8_t>;

namespace {
const std::vector<std::uint8_t> kInts = {0x01, 0x02, 0x03, 0x04, 0x05, 0x06, 0x07, 0x08, 0x09,
                                         0x0a, 0x0b, 0x0c, 0x0d, 0x0e, 0x0f, 0x10, 0x11, 0x12};
}

TEST_CASE("ByteReader reads big-endian integers in order", "[codec]") {
  ByteReader r(kInts);
  std::uint8_t a = 0;
  std::uint16_t b = 0;
  std::uint32_t c = 0, d = 0;
  std::uint64_t e = 0;
  REQUIRE((r.u8(a) && r.u16(b) && r.u24(c) && r.u32(d) && r.u64(e)));
  CHECK(a == 0x01);
  CHECK(b == 0x0203);
  CHECK(c == 0x040506);
  CHECK(d == 0x0708090a);
  CHECK(e == 0x0b0c0d0e0f101112ULL);
  CHECK(r.empty());
  CHECK(r.position() == kInts.size());
}

TEST_CASE("ByteReader fails on every truncation of every integer width", "[codec]") {
  for (std::size_t width : {1u, 2u, 3u, 4u, 8u}) {
    for (std::size_t have = 0; have < width; ++have) {
      ByteReader r(Bytes(kInts.data(), have));
      bool ok = false;
      std::uint8_t v8;
      std::uint16_t v16;
      std::uint32_t v32;
      std::uint64_t v64;
      switch (width) {
        case 1:
          ok = r.u8(v8);
          break;
        case 2:
          ok = r.u16(v16);
          break;
        case 3:
          ok = r.u24(v32);
          break;
        case 4:
          ok = r.u32(v32);
          break;
        default:
          ok = r.u64(v64);
          break;
      }
      INFO("width " << width << " have " << have);
      CHECK_FALSE(ok);
      CHECK(r.failed());
      CHECK_FALSE(r.empty());
      CHECK(r.position() == 0);  // nothing consumed by a failed read
    }
  }
}

TEST_CASE("ByteReader failure is sticky", "[codec]") {
  ByteReader r(kInts);
  std::span<const std::uint8_t> big;
  REQUIRE_FALSE(r.bytes(big, kInts.size() + 1));
  std::uint8_t v = 0;
  CHECK_FALSE(r.u8(v));  // would fit, but the reader already failed
  CHECK_FALSE(r.skip(0));
  CHECK_FALSE(r.empty());
}

TEST_CASE("ByteReader fixed-length bytes, copy and skip", "[codec]") {
  ByteReader r(kInts);
  Bytes first;
  std::array<std::uint8_t, 4> copied{};
  REQUIRE(r.bytes(first, 2));
  REQUIRE(r.copy(copied));
  REQUIRE(r.skip(kInts.size() - 6));
  CHECK(first.data() == kInts.data());
  CHECK(first.size() == 2);
  CHECK(copied == std::array<std::uint8_t, 4>{3, 4, 5, 6});
  CHECK(r.empty());
  CHECK(r.rest().empty());
}

TEST_CASE("ByteReader vectors enforce RFC min/max bounds and element size", "[codec]") {
  // vec16 with a 4-byte body.
  const std::vector<std::uint8_t> msg = {0x00, 0x04, 0xaa, 0xbb, 0xcc, 0xdd};
  SECTION("in bounds") {
    ByteReader r(msg);
    Bytes body;
    REQUIRE(r.vec16(body, 2, 4, 2));
    CHECK(body.size() == 4);
    CHECK(body[0] == 0xaa);
    CHECK(r.empty());
  }
  SECTION("every bound violated fails without consuming") {
    struct Case {
      std::size_t min, max, unit;
    };
    for (auto c : {Case{5, 10, 1}, Case{0, 3, 1}, Case{0, 10, 3}}) {
      ByteReader r(msg);
      Bytes body;
      INFO("min " << c.min << " max " << c.max << " unit " << c.unit);
      CHECK_FALSE(r.vec16(body, c.min, c.max, c.unit));
      CHECK(r.failed());
      CHECK(r.position() == 0);
    }
  }
  SECTION("every truncation fails") {
    for (std::size_t n = 0; n < msg.size(); ++n) {
      ByteReader r(Bytes(msg.data(), n));
      Bytes body;
      INFO("truncated to " << n);
      CHECK_FALSE(r.vec16(body, 0, 0xffff));
    }
  }
}

TEST_CASE("ByteReader vec8/vec24 and nested sub-readers", "[codec]") {
  // vec24 { vec8 {01 02}, u16 0x0304 }
  const std::vector<std::uint8_t> msg = {0x00, 0x00, 0x05, 0x02, 0x01, 0x02, 0x03, 0x04};
  ByteReader r(msg);
  ByteReader outer;
  REQUIRE(r.vec24(outer, 1, 0xffffff));
  ByteReader inner;
  std::uint16_t tail = 0;
  REQUIRE(outer.vec8(inner, 1, 255));
  REQUIRE(outer.u16(tail));
  CHECK(tail == 0x0304);
  CHECK(inner.remaining() == 2);
  CHECK(outer.empty());
  CHECK(r.empty());
  // Every truncation of the whole thing fails at the outer vector.
  for (std::size_t n = 0; n < msg.size(); ++n) {
    ByteReader t(Bytes(msg.data(), n));
    ByteReader sub;
    INFO("truncated to " << n);
    CHECK_FALSE(t.vec24(sub, 0, 0xffffff));
  }
  // A sub-reader cannot read past its own body even when the parent has more bytes.
  ByteReader again(msg);
  ByteReader body;
  REQUIRE(again.vec24(body, 0, 0xffffff));
  Bytes too_much;
  CHECK_FALSE(body.bytes(too_much, 6));
}

TEST_CASE("ByteReader empty() reports trailing bytes", "[codec]") {
  const std::vector<std::uint8_t> msg = {0x01, 0x00};
  ByteReader r(msg);
  std::uint8_t v = 0;
  REQUIRE(r.u8(v));
  CHECK_FALSE(r.empty());
  CHECK(r.remaining() == 1);
}
