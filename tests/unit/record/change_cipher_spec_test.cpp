#include <catch2/catch.hpp>

#include "record/change_cipher_spec.hpp"
#include "support/test_support.hpp"

using namespace tlsx;
using namespace tlsx::record;
using tlsx::test::from_hex;

TEST_CASE("ChangeCipherSpec: exactly the byte 0x01", "[record]") {
  CHECK(parse_change_cipher_spec(from_hex("01")));
  CHECK(parse_change_cipher_spec(kChangeCipherSpecPayload));
}

TEST_CASE("ChangeCipherSpec: other values and lengths are decode_error", "[record]") {
  for (int v = 0; v < 256; ++v) {
    if (v == 1) continue;
    const std::uint8_t byte = static_cast<std::uint8_t>(v);
    auto r = parse_change_cipher_spec(std::span(&byte, 1));
    REQUIRE_FALSE(r);
    CHECK(r.error().alert == AlertDescription::decode_error);
  }
  for (const char* hex : {"", "0101", "0100", "010101"}) {
    auto r = parse_change_cipher_spec(from_hex(hex));
    INFO(hex);
    REQUIRE_FALSE(r);
    CHECK(r.error().code == ErrorCode::decode);
    CHECK(r.error().alert == AlertDescription::decode_error);
  }
}
