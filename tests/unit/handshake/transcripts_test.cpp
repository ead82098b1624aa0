// Whole recorded connections: every handshake message of the Illustrated TLS 1.2 connection, the
// three Go transcripts and the OpenSSL recordings parses with the codec for its type and
// re-serializes, header included, to the recorded bytes.
#include <map>
#include <string>
#include <vector>

#include <catch2/catch.hpp>

#include "codec_checks.hpp"
#include "handshake/message.hpp"
#include "recorded_messages.hpp"

using namespace tlsx::handshake;
using namespace tlsx::test;

namespace {

std::vector<HandshakeType> types_of(const std::vector<RecordedMessage>& messages) {
  std::vector<HandshakeType> out;
  for (const auto& m : messages) out.push_back(m.type);
  return out;
}

void check_all_round_trip(const std::vector<RecordedMessage>& messages, const std::string& name) {
  VectorTally tally{name};
  for (const auto& m : messages) {
    INFO(m.source << " " << to_string(m.type));
    const auto parsed = parse_whole_message(m.bytes, MessageContext{m.key_exchange});
    if (!parsed) FAIL(parsed.error().message());
    CHECK(type_of(*parsed) == m.type);
    std::vector<std::uint8_t> out;
    REQUIRE(write_message(*parsed, out).has_value());
    CHECK(to_hex(out) == to_hex(m.bytes));
    (out == m.bytes ? tally.passed : tally.failed)++;
  }
  tally.print();
}

// The JSON transcripts list the hashed handshake messages: the loader must have found exactly
// those (the two encrypted Finished messages are not in that list).
void check_against_transcript_list(const std::vector<RecordedMessage>& messages,
                                   const nlohmann::json& json) {
  std::vector<std::string> expected, found;
  for (const auto& m : json.at("handshake_messages_for_transcript_hash")) {
    expected.push_back(m.at("hex"));
  }
  for (const auto& m : messages) {
    if (m.type != HandshakeType::finished) found.push_back(to_hex(m.bytes));
  }
  std::sort(expected.begin(), expected.end());
  std::sort(found.begin(), found.end());
  CHECK(found == expected);
}

}  // namespace

TEST_CASE("Illustrated TLS 1.2: every handshake message round-trips",
          "[handshake][transcripts][vectors]") {
  const auto messages = illustrated_messages();
  using enum HandshakeType;
  CHECK(types_of(messages) == std::vector{client_hello, server_hello, certificate,
                                          server_key_exchange, server_hello_done,
                                          client_key_exchange, finished, finished});
  check_against_transcript_list(messages, load_json_vector("illustrated-tls12/transcript.json"));
  check_all_round_trip(messages, "illustrated-tls12 messages");

  // The two Finished messages carry the verify_data the transcript derives.
  const auto json = load_json_vector("illustrated-tls12/transcript.json");
  const auto client_finished = Finished::parse(messages[6].body());
  const auto server_finished = Finished::parse(messages[7].body());
  REQUIRE(client_finished.has_value());
  REQUIRE(server_finished.has_value());
  CHECK(to_hex(client_finished->verify_data) == json.at("client_verify_data").get<std::string>());
  CHECK(to_hex(server_finished->verify_data) == json.at("server_verify_data").get<std::string>());
}

TEST_CASE("Go transcripts: every handshake message round-trips",
          "[handshake][transcripts][vectors]") {
  using enum HandshakeType;
  const std::map<std::string, std::vector<HandshakeType>> expected_types = {
      {"Server-TLSv12-RSA-AES",
       {client_hello, client_key_exchange, server_hello, certificate, server_hello_done, finished,
        finished}},
      {"Client-TLSv12-AES128-GCM-SHA256",
       {client_hello, client_key_exchange, server_hello, certificate, server_hello_done, finished,
        finished}},
      {"Client-TLSv12-ECDHE-RSA-CHACHA20-POLY1305",
       {client_hello, client_key_exchange, server_hello, certificate, server_key_exchange,
        server_hello_done, finished, finished}},
  };
  for (const auto& name : go_transcript_names()) {
    INFO(name);
    const auto messages = go_messages(name);
    CHECK(types_of(messages) == expected_types.at(name));
    const auto json = load_json_vector("go-tls12-transcripts/" + name + ".json");
    check_against_transcript_list(messages, json);
    check_all_round_trip(messages, "go-tls12-transcripts/" + name + " messages");
    for (const auto& m : messages) {
      if (m.type != finished) continue;
      const auto f = Finished::parse(m.body());
      REQUIRE(f.has_value());
      CHECK(
          to_hex(f->verify_data) ==
          json.at(m.from_client ? "client_verify_data" : "server_verify_data").get<std::string>());
    }
  }
}

TEST_CASE("OpenSSL recordings: every handshake message round-trips",
          "[handshake][transcripts][data]") {
  const auto messages = openssl_messages();
  CHECK(messages.size() == 31);
  check_all_round_trip(messages, "data/handshake-messages");
  std::map<HandshakeType, int> counts;
  for (const auto& m : messages) counts[m.type]++;
  CHECK(counts[HandshakeType::certificate_request] == 2);
  CHECK(counts[HandshakeType::certificate_verify] == 1);
  CHECK(counts[HandshakeType::new_session_ticket] == 3);
  CHECK(counts[HandshakeType::finished] == 6);
}

TEST_CASE("a whole message with a wrong length or an unknown type is rejected",
          "[handshake][transcripts][negative]") {
  const auto messages = illustrated_messages();
  ByteVec longer = messages[0].bytes;
  longer.push_back(0);
  auto r = parse_whole_message(longer);
  REQUIRE_FALSE(r.has_value());
  CHECK(r.error().alert == tlsx::AlertDescription::decode_error);
  const ByteVec unknown = from_hex("63000000");
  r = parse_whole_message(unknown);
  REQUIRE_FALSE(r.has_value());
  CHECK(r.error().alert == tlsx::AlertDescription::unexpected_message);
  r = parse_message(HandshakeType::encrypted_extensions, {});
  REQUIRE_FALSE(r.has_value());
  CHECK(r.error().alert == tlsx::AlertDescription::unexpected_message);
}
