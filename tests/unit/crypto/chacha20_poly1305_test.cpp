// ChaCha20-Poly1305 (RFC 8439) through the Aead interface, against Wycheproof. TLS uses 96-bit
// nonces only, which is all the interface accepts; groups with other nonce sizes are counted as
// skipped (after checking that the interface refuses such a nonce).
#include <catch2/catch.hpp>

#include <algorithm>
#include <string>

#include "support/test_support.hpp"
#include "tlsx/crypto/provider.hpp"

using namespace tlsx;
using namespace tlsx::crypto;
using tlsx::test::ByteVec;
using tlsx::test::from_hex;

namespace {

bool all_zero(const ByteVec& v) {
  return std::all_of(v.begin(), v.end(), [](std::uint8_t b) { return b == 0; });
}

// One Wycheproof case: valid ones must seal to ct||tag and open back (also in place); invalid
// ones must fail to open with bad_record_mac and leave the output zeroed.
bool run_case(Aead& aead, const nlohmann::json& t) {
  const ByteVec iv = from_hex(t["iv"].get<std::string>());
  const ByteVec aad = from_hex(t["aad"].get<std::string>());
  const ByteVec msg = from_hex(t["msg"].get<std::string>());
  const ByteVec sealed = from_hex(t["ct"].get<std::string>() + t["tag"].get<std::string>());
  const bool valid = t["result"].get<std::string>() == "valid";

  ByteVec opened(sealed.size() - kAeadTagSize, 0x5a);
  auto r = aead.open(iv, aad, sealed, opened);
  if (!valid) return !r && r.error().code == ErrorCode::bad_record_mac && all_zero(opened);
  if (!r || opened != msg) return false;

  ByteVec out(msg.size() + kAeadTagSize);
  if (!aead.seal(iv, aad, msg, out) || out != sealed) return false;
  ByteVec buf = sealed;  // in place
  if (!aead.open(iv, aad, buf, MutableBytes(buf).first(msg.size()))) return false;
  return std::equal(msg.begin(), msg.end(), buf.begin());
}

void run_file(const Provider& p) {
  const auto json = tlsx::test::load_json_vector("wycheproof/chacha20_poly1305_test.json");
  tlsx::test::VectorTally tally{"chacha20_poly1305_test.json via " + std::string(p.name())};
  for (const auto& group : json["testGroups"]) {
    const bool usable = group["ivSize"].get<int>() == 96 && group["keySize"].get<int>() == 256 &&
                        group["tagSize"].get<int>() == 128;
    for (const auto& t : group["tests"]) {
      INFO(p.name() << " tcId " << t["tcId"].get<int>() << " " << t["comment"].get<std::string>());
      auto aead = p.aead(AeadAlgorithm::chacha20_poly1305, from_hex(t["key"].get<std::string>()));
      REQUIRE(aead);
      if (!usable) {
        // Not a TLS nonce: our interface must refuse it rather than misuse it.
        ByteVec out(16);
        auto r = (*aead)->seal(from_hex(t["iv"].get<std::string>()), {}, {}, out);
        CHECK_FALSE(r);
        CHECK(r.error().code == ErrorCode::invalid_argument);
        tally.skipped++;
        continue;
      }
      const bool ok = run_case(**aead, t);
      CHECK(ok);
      (ok ? tally.passed : tally.failed)++;
    }
  }
  tally.print();
  CHECK(tally.failed == 0);
  CHECK(tally.passed >= 316);  // the whole 96-bit group
}

}  // namespace

TEST_CASE("Wycheproof ChaCha20-Poly1305 via the sodium provider", "[chacha20_poly1305]") {
  run_file(sodium_provider());
}

TEST_CASE("Wycheproof ChaCha20-Poly1305 via the default provider", "[chacha20_poly1305]") {
  run_file(default_provider());
}

TEST_CASE("RFC 8439 §2.8.2 AEAD example", "[chacha20_poly1305]") {
  const ByteVec key = from_hex("808182838485868788898a8b8c8d8e8f909192939495969798999a9b9c9d9e9f");
  const ByteVec nonce = from_hex("070000004041424344454647");
  const ByteVec aad = from_hex("50515253c0c1c2c3c4c5c6c7");
  const ByteVec msg = tlsx::test::bytes_of(
      "Ladies and Gentlemen of the class of '99: If I could offer you only one tip for the "
      "future, sunscreen would be it.");
  auto aead = default_provider().aead(AeadAlgorithm::chacha20_poly1305, key);
  REQUIRE(aead);
  ByteVec out(msg.size() + kAeadTagSize);
  REQUIRE((*aead)->seal(nonce, aad, msg, out));
  CHECK(tlsx::test::to_hex(ByteVec(out.end() - 16, out.end())) ==
        "1ae10b594f09e26a7e902ecbd0600691");
  CHECK(tlsx::test::to_hex(ByteVec(out.begin(), out.begin() + 16)) ==
        "d31a8d34648e60db7b86afbc53ef7ec2");
}
