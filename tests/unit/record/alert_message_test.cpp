#include <catch2/catch.hpp>

#include "record/alert_message.hpp"
#include "support/test_support.hpp"

using namespace tlsx;
using namespace tlsx::record;
using tlsx::test::from_hex;

TEST_CASE("alert: parse and serialize every level/description pair", "[record]") {
  for (int level : {1, 2}) {
    for (int description = 0; description < 256; ++description) {
      const std::uint8_t bytes[] = {static_cast<std::uint8_t>(level),
                                    static_cast<std::uint8_t>(description)};
      auto alert = parse_alert(bytes);
      REQUIRE(alert);
      CHECK(static_cast<int>(alert->level) == level);
      CHECK(static_cast<int>(alert->description) == description);
      CHECK(serialize(*alert) == std::array<std::uint8_t, 2>{bytes[0], bytes[1]});
      CHECK(alert->is_fatal() == (level == 2));
      CHECK(alert->is_close_notify() == (description == 0));
    }
  }
}

TEST_CASE("alert: names", "[record]") {
  CHECK(parse_alert(from_hex("0228"))->to_string() == "fatal handshake_failure");
  CHECK(parse_alert(from_hex("0100"))->to_string() == "warning close_notify");
  CHECK(parse_alert(from_hex("01c8"))->to_string() == "warning unknown(0xc8)");
}

TEST_CASE("alert: any length but 2 is decode_error", "[record]") {
  for (const char* hex : {"", "01", "010000", "02280228", "0228000000"}) {
    auto alert = parse_alert(from_hex(hex));
    INFO(hex);
    REQUIRE_FALSE(alert);
    CHECK(alert.error().code == ErrorCode::decode);
    CHECK(alert.error().alert == AlertDescription::decode_error);
  }
}

TEST_CASE("alert: levels other than warning/fatal are decode_error", "[record]") {
  for (int level : {0, 3, 4, 0x80, 0xff}) {
    const std::uint8_t bytes[] = {static_cast<std::uint8_t>(level), 0x28};
    auto alert = parse_alert(bytes);
    REQUIRE_FALSE(alert);
    CHECK(alert.error().alert == AlertDescription::decode_error);
  }
}
