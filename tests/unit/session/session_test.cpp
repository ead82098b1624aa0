// Session::serialize/deserialize: round trip, and rejection of truncated, trailing and
// garbage input (every prefix, every single-byte flip of the format byte and lengths).
#include <chrono>
#include <cstdint>
#include <vector>

#include <catch2/catch.hpp>

#include "support/engine_pair.hpp"
#include "tlsx/session.hpp"

using namespace tlsx;

namespace {

Session sample(bool with_chain) {
  Session::Fields f;
  f.cipher_suite = CipherSuite::TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256;
  std::vector<std::uint8_t> secret(48);
  for (std::size_t i = 0; i < secret.size(); ++i) secret[i] = static_cast<std::uint8_t>(i * 7);
  f.master_secret = SecretBytes(secret);
  f.extended_master_secret = true;
  f.server_name = "example.com";
  f.alpn = "h2";
  if (with_chain) f.peer_chain = test::test_pki().server.chain;
  f.created = std::chrono::system_clock::time_point(std::chrono::seconds(1'800'000'000));
  f.lifetime_hint = std::chrono::seconds(7200);
  f.session_id.assign(32, 0xab);
  f.ticket = {1, 2, 3, 4, 5};
  return Session(std::move(f));
}

void check_equal(const Session& a, const Session& b) {
  CHECK(a.cipher_suite() == b.cipher_suite());
  CHECK(a.extended_master_secret() == b.extended_master_secret());
  CHECK(a.server_name() == b.server_name());
  CHECK(a.alpn() == b.alpn());
  CHECK(a.created() == b.created());
  CHECK(a.lifetime_hint() == b.lifetime_hint());
  CHECK(std::vector(a.session_id().begin(), a.session_id().end()) ==
        std::vector(b.session_id().begin(), b.session_id().end()));
  CHECK(std::vector(a.ticket().begin(), a.ticket().end()) ==
        std::vector(b.ticket().begin(), b.ticket().end()));
  CHECK(std::vector(a.master_secret().span().begin(), a.master_secret().span().end()) ==
        std::vector(b.master_secret().span().begin(), b.master_secret().span().end()));
  REQUIRE(a.peer_chain().size() == b.peer_chain().size());
  for (std::size_t i = 0; i < a.peer_chain().size(); ++i) {
    CHECK(std::vector(a.peer_chain().der(i).begin(), a.peer_chain().der(i).end()) ==
          std::vector(b.peer_chain().der(i).begin(), b.peer_chain().der(i).end()));
  }
}

}  // namespace

TEST_CASE("Session serialization round-trips", "[session]") {
  for (const bool chain : {false, true}) {
    const Session s = sample(chain);
    auto bytes = s.serialize();
    REQUIRE(bytes.has_value());
    CHECK((*bytes)[0] == 1);  // format version
    auto back = Session::deserialize(*bytes);
    REQUIRE(back.has_value());
    check_equal(s, *back);
    // Copies own their own secret.
    const Session copy = s;
    check_equal(s, copy);
    CHECK(copy.master_secret().data() != s.master_secret().data());
  }
}

TEST_CASE("Session deserialization rejects truncation, trailing bytes and garbage", "[session]") {
  auto bytes = sample(true).serialize();
  REQUIRE(bytes.has_value());
  for (std::size_t n = 0; n < bytes->size(); ++n) {
    INFO("prefix of " << n << " bytes");
    CHECK_FALSE(Session::deserialize(std::span(*bytes).first(n)).has_value());
  }
  auto longer = *bytes;
  longer.push_back(0);
  CHECK_FALSE(Session::deserialize(longer).has_value());

  auto bad_version = *bytes;
  bad_version[0] = 2;
  CHECK_FALSE(Session::deserialize(bad_version).has_value());
  auto bad_flags = *bytes;
  bad_flags[5] = 0x02;
  CHECK_FALSE(Session::deserialize(bad_flags).has_value());
  auto short_secret = *bytes;
  short_secret[6] = 47;  // master secret length must be 48
  CHECK_FALSE(Session::deserialize(short_secret).has_value());

  // Deterministic garbage never parses and never crashes.
  std::uint32_t x = 12345;
  for (int round = 0; round < 200; ++round) {
    std::vector<std::uint8_t> junk(static_cast<std::size_t>(round));
    for (auto& b : junk) {
      x = x * 1103515245U + 12345U;
      b = static_cast<std::uint8_t>(x >> 16);
    }
    if (!junk.empty()) junk[0] = 1;
    CHECK_FALSE(Session::deserialize(junk).has_value());
  }
}

TEST_CASE("a session without a master secret does not serialize", "[session]") {
  CHECK_FALSE(Session{}.serialize().has_value());
}
