// NewSessionTicket (RFC 5077).
#include <catch2/catch.hpp>

#include "codec_checks.hpp"
#include "handshake/new_session_ticket.hpp"
#include "recorded_messages.hpp"

using namespace tlsx::handshake;
using namespace tlsx::test;
using tlsx::AlertDescription;

namespace {
auto parse_ticket = [](ByteView body) { return NewSessionTicket::parse(body); };
}  // namespace

TEST_CASE("recorded NewSessionTickets round-trip", "[handshake][new_session_ticket][data]") {
  const auto messages = recorded_messages_of(HandshakeType::new_session_ticket);
  REQUIRE(messages.size() == 3);
  for (const auto& m : messages) {
    INFO(m.source);
    const auto t = require_round_trip(m.body(), parse_ticket);
    CHECK(t.ticket_lifetime_hint == 7200);  // OpenSSL's default, two hours
    CHECK_FALSE(t.ticket.empty());
    check_truncations(m.body(), parse_ticket);
    check_trailing_byte(m.body(), parse_ticket);
    check_bit_flips(m.body(), parse_ticket);
  }
}

TEST_CASE("NewSessionTicket edge cases and negatives", "[handshake][new_session_ticket]") {
  const auto empty = require_round_trip(from_hex("00000000 0000"), parse_ticket);
  CHECK(empty.ticket.empty());
  check_codec(from_hex("ffffffff 0003 010203"), parse_ticket);
  check_rejected(from_hex("000000 0000"), parse_ticket, AlertDescription::decode_error);
  check_rejected(from_hex("00000000 0004 010203"), parse_ticket, AlertDescription::decode_error);

  NewSessionTicket big{1, ByteVec(0x10000, 0)};
  std::vector<std::uint8_t> out;
  CHECK_FALSE(big.serialize(out).has_value());
  CHECK(out.empty());
}
