// Finished: the verify_data length comes from the suite.
#include <catch2/catch.hpp>

#include "codec_checks.hpp"
#include "handshake/finished.hpp"
#include "recorded_messages.hpp"

using namespace tlsx::handshake;
using namespace tlsx::test;
using tlsx::AlertDescription;

TEST_CASE("recorded Finished messages round-trip", "[handshake][finished][vectors]") {
  const auto messages = recorded_messages_of(HandshakeType::finished);
  REQUIRE(messages.size() == 14);
  const auto parse = [](ByteView body) { return Finished::parse(body); };
  for (const auto& m : messages) {
    INFO(m.source);
    const auto f = require_round_trip(m.body(), parse);
    CHECK(f.verify_data.size() == 12);
    check_truncations(m.body(), parse);
    check_trailing_byte(m.body(), parse);
    const auto s = check_bit_flips(m.body(), parse);
    CHECK(s.accepted == s.inputs);  // verify_data is opaque: any value parses
  }
}

TEST_CASE("Finished enforces the expected length", "[handshake][finished][negative]") {
  const ByteVec twelve(12, 0xab);
  CHECK(Finished::parse(twelve).has_value());
  for (std::size_t length : {0u, 11u, 13u, 32u}) {
    INFO("expected length " << length);
    const auto r = Finished::parse(twelve, length);
    REQUIRE_FALSE(r.has_value());
    CHECK(r.error().alert == AlertDescription::decode_error);
  }
  const ByteVec longer(32, 1);
  const auto custom = Finished::parse(longer, 32);
  REQUIRE(custom.has_value());
  CHECK(custom->verify_data == longer);
  std::vector<std::uint8_t> out;
  REQUIRE(write_handshake_message(*custom, out).has_value());
  CHECK(to_hex(out).substr(0, 8) == "14000020");
}
