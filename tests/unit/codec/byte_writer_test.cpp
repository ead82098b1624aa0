#include <cstdint>
#include <vector>

#include <catch2/catch.hpp>

#include "tlsx/byte_reader.hpp"
#include "tlsx/byte_writer.hpp"

using tlsx::ByteWriter;

TEST_CASE("ByteWriter writes big-endian integers", "[codec]") {
  std::vector<std::uint8_t> out;
  ByteWriter w(out);
  w.u8(0x01);
  w.u16(0x0203);
  w.u24(0x040506);
  w.u32(0x0708090a);
  w.u64(0x0b0c0d0e0f101112ULL);
  CHECK(w.ok());
  CHECK(out ==
        std::vector<std::uint8_t>{1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18});
}

TEST_CASE("ByteWriter length prefixes back-patch, nested", "[codec]") {
  std::vector<std::uint8_t> out;
  ByteWriter w(out);
  {
    auto outer = w.prefix24();
    {
      auto inner = w.prefix8();
      w.u16(0xbeef);
    }
    w.u8(0x7f);
  }
  REQUIRE(w.ok());
  CHECK(out == std::vector<std::uint8_t>{0x00, 0x00, 0x04, 0x02, 0xbe, 0xef, 0x7f});
  // And the reader agrees with what the writer wrote.
  tlsx::ByteReader r(out);
  tlsx::ByteReader outer, inner;
  std::uint16_t v16 = 0;
  std::uint8_t v8 = 0;
  REQUIRE((r.vec24(outer, 0, 0xffffff) && outer.vec8(inner, 2, 2) && inner.u16(v16) &&
           outer.u8(v8) && r.empty()));
  CHECK(v16 == 0xbeef);
  CHECK(v8 == 0x7f);
}

TEST_CASE("ByteWriter marks overflowing prefixes and u24 values as failures", "[codec]") {
  SECTION("vec8 body of 256 bytes") {
    std::vector<std::uint8_t> out;
    ByteWriter w(out);
    {
      auto p = w.prefix8();
      for (int i = 0; i < 256; ++i) w.u8(0);
    }
    CHECK_FALSE(w.ok());
  }
  SECTION("RFC bound tighter than the width") {
    std::vector<std::uint8_t> out;
    ByteWriter w(out);
    {
      auto p = w.prefix16(0xfffe);
      for (int i = 0; i < 0xffff; ++i) w.u8(0);
    }
    CHECK_FALSE(w.ok());
  }
  SECTION("u24 over 2^24-1") {
    std::vector<std::uint8_t> out;
    ByteWriter w(out);
    w.u24(0x1000000);
    CHECK_FALSE(w.ok());
  }
  SECTION("exactly at the bound is fine") {
    std::vector<std::uint8_t> out;
    ByteWriter w(out);
    {
      auto p = w.prefix8();
      for (int i = 0; i < 255; ++i) w.u8(1);
    }
    CHECK(w.ok());
    CHECK(out.size() == 256);
    CHECK(out[0] == 0xff);
  }
}

TEST_CASE("ByteWriter close() patches early and is idempotent", "[codec]") {
  std::vector<std::uint8_t> out;
  ByteWriter w(out);
  auto p = w.prefix16();
  w.u8(9);
  p.close();
  w.u8(10);  // after close: not counted
  p.close();
  CHECK(out == std::vector<std::uint8_t>{0x00, 0x01, 0x09, 0x0a});
}
