// HelloRequest and ServerHelloDone: bodies that must be empty.
#include <catch2/catch.hpp>

#include "codec_checks.hpp"
#include "handshake/hello_request.hpp"
#include "handshake/message.hpp"
#include "handshake/server_hello_done.hpp"
#include "recorded_messages.hpp"

using namespace tlsx::handshake;
using namespace tlsx::test;
using tlsx::AlertDescription;

TEST_CASE("empty messages accept only an empty body", "[handshake][empty_messages]") {
  CHECK(HelloRequest::parse({}).has_value());
  CHECK(ServerHelloDone::parse({}).has_value());
  for (const auto& body : {from_hex("00"), from_hex("0e000000")}) {
    check_rejected(
        body, [](ByteView b) { return HelloRequest::parse(b); }, AlertDescription::decode_error);
    check_rejected(
        body, [](ByteView b) { return ServerHelloDone::parse(b); }, AlertDescription::decode_error);
  }
  std::vector<std::uint8_t> out;
  REQUIRE(write_handshake_message(HelloRequest{}, out).has_value());
  REQUIRE(write_handshake_message(ServerHelloDone{}, out).has_value());
  CHECK(to_hex(out) == "000000000e000000");
}

TEST_CASE("recorded ServerHelloDone messages round-trip", "[handshake][empty_messages][vectors]") {
  const auto messages = recorded_messages_of(HandshakeType::server_hello_done);
  REQUIRE(messages.size() == 7);
  for (const auto& m : messages) {
    INFO(m.source);
    CHECK(to_hex(m.bytes) == "0e000000");
    const auto parsed = parse_whole_message(m.bytes);
    REQUIRE(parsed.has_value());
    CHECK(std::holds_alternative<ServerHelloDone>(*parsed));
  }
}
