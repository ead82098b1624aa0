#include <catch2/catch.hpp>

#include "tlsx/error.hpp"

using namespace tlsx;

TEST_CASE("alert names follow the IANA registry", "[error]") {
  CHECK(alert_name(AlertDescription::bad_record_mac) == "bad_record_mac");
  CHECK(alert_name(AlertDescription::no_application_protocol) == "no_application_protocol");
  CHECK(alert_name(AlertDescription::decryption_failed_RESERVED) == "decryption_failed");
  CHECK(alert_name(static_cast<AlertDescription>(200)).empty());
  CHECK(to_string(static_cast<AlertDescription>(200)) == "unknown(0xc8)");
  CHECK(to_string(AlertLevel::fatal) == "fatal");
  CHECK(to_string(static_cast<AlertLevel>(7)) == "unknown(0x07)");
}

TEST_CASE("every registered TLS 1.2 alert has a name", "[error]") {
  const int registered[] = {0,   10,  20,  21,  22,  30,  40,  41,  42,  43, 44, 45,
                            46,  47,  48,  49,  50,  51,  60,  70,  71,  80, 86, 90,
                            100, 109, 110, 111, 112, 113, 114, 115, 116, 120};
  for (int v : registered) {
    INFO("alert " << v);
    CHECK_FALSE(alert_name(static_cast<AlertDescription>(v)).empty());
  }
}

TEST_CASE("Error carries its alert, origin and detail", "[error]") {
  Result<int> r = fail_decode("ClientHello: trailing bytes");
  REQUIRE_FALSE(r.has_value());
  CHECK(r.error().code == ErrorCode::decode);
  CHECK(r.error().alert == AlertDescription::decode_error);
  CHECK(r.error().origin == Origin::local);
  CHECK(r.error().message() == "decode_error: ClientHello: trailing bytes");
  Error peer{ErrorCode::peer_alert, AlertDescription::handshake_failure, Origin::peer, ""};
  CHECK(peer.message() == "peer sent handshake_failure");
  CHECK(to_string(ErrorCode::bad_record_mac) == "bad_record_mac");
}

TEST_CASE("a truncation does not claim the peer sent close_notify", "[error]") {
  // What Engine::end_of_input() raises when the transport ends without close_notify.
  const Error cut{ErrorCode::truncated, AlertDescription::close_notify, Origin::peer,
                  "connection closed without close_notify (possible truncation)"};
  CHECK(cut.message() == "connection closed without close_notify (possible truncation)");
  const Error bare{ErrorCode::truncated, AlertDescription::close_notify, Origin::peer, ""};
  CHECK(bare.message() == "connection closed without close_notify (truncation)");
  // A real close_notify from the peer still says so.
  const Error closed{ErrorCode::closed, AlertDescription::close_notify, Origin::peer, ""};
  CHECK(closed.message() == "peer sent close_notify");
}
