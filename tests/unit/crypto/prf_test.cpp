// TLS 1.2 PRF (RFC 5246 §5): the classic P_hash known answers, with every provider whose HMAC
// covers the hash, plus the properties the key schedule relies on.
// (Master secret / key block / Finished vectors live in
// tests/unit/handshake/key_schedule_test.cpp.)
#include <catch2/catch.hpp>

#include <array>
#include <optional>
#include <string>

#include "crypto/prf.hpp"
#include "support/test_support.hpp"
#include "tlsx/crypto/provider.hpp"

using namespace tlsx;
using namespace tlsx::crypto;
using tlsx::test::bytes_of;
using tlsx::test::ByteVec;
using tlsx::test::from_hex;
using tlsx::test::to_hex;

namespace {

std::optional<HashAlgorithm> hash_named(const std::string& name) {
  if (name == "SHA-1") return HashAlgorithm::sha1;
  if (name == "SHA-256") return HashAlgorithm::sha256;
  if (name == "SHA-384") return HashAlgorithm::sha384;
  if (name == "SHA-512") return HashAlgorithm::sha512;
  return std::nullopt;  // SHA-224 has no HashAlgorithm: TLS 1.2 never uses it
}

bool has_hmac(const Provider& p, HashAlgorithm alg) {
  return p.hmac(alg, {}).has_value();
}

}  // namespace

TEST_CASE("tls12-prf.json known answers", "[prf]") {
  const auto json = tlsx::test::load_json_vector("tls12-prf.json");
  for (const Provider* p : {&sodium_provider(), &builtin_provider(), &default_provider()}) {
    tlsx::test::VectorTally tally{"tls12-prf.json via " + std::string(p->name())};
    for (const auto& t : json["tests"]) {
      const auto alg = hash_named(t["hash"].get<std::string>());
      if (!alg || !has_hmac(*p, *alg)) {
        tally.skipped++;
        continue;
      }
      INFO(p->name() << " " << t["id"].get<std::string>());
      const ByteVec secret = from_hex(t["secret"].get<std::string>());
      const ByteVec seed = from_hex(t["seed"].get<std::string>());
      const std::string label = t["label"].get<std::string>();
      REQUIRE(to_hex(bytes_of(label)) == t["label_hex"].get<std::string>());
      ByteVec out(t["output_length"].get<std::size_t>());
      REQUIRE(prf(*p, *alg, secret, label, seed, out));
      const bool ok = to_hex(out) == t["output"].get<std::string>();
      CHECK(ok);
      (ok ? tally.passed : tally.failed)++;

      // P_hash over label || seed is the same thing.
      ByteVec label_seed = bytes_of(label);
      label_seed.insert(label_seed.end(), seed.begin(), seed.end());
      ByteVec via_p_hash(out.size());
      REQUIRE(p_hash(*p, *alg, secret, label_seed, via_p_hash));
      CHECK(via_p_hash == out);
    }
    // The TLS 1.0/1.1 MD5+SHA-1 PRF is not TLS 1.2: counted, not run.
    if (json.contains("legacy_tls10_prf")) tally.skipped++;
    tally.print();
    CHECK(tally.failed == 0);
    // SHA-256 and SHA-512 run everywhere; SHA-384 wherever HMAC-SHA-384 exists (not sodium).
    CHECK(tally.passed >= (p->name() == "sodium" ? 2 : 3));
  }
}

TEST_CASE("PRF output is a prefix-stable stream of any length", "[prf]") {
  const ByteVec secret = from_hex("9bbe436ba940f017b17652849a71db35");
  const ByteVec seed = from_hex("a0ba9f936cda311827a6f796ffd5198c");
  const Provider& p = default_provider();
  for (HashAlgorithm alg : {HashAlgorithm::sha256, HashAlgorithm::sha384}) {
    INFO(to_string(alg));
    ByteVec longest(3 * digest_size(alg) + 7);
    REQUIRE(prf(p, alg, secret, "test label", seed, longest));
    for (std::size_t n : {std::size_t{0}, std::size_t{1}, digest_size(alg) - 1, digest_size(alg),
                          digest_size(alg) + 1, 2 * digest_size(alg), longest.size()}) {
      INFO("length " << n);
      ByteVec out(n);
      REQUIRE(prf(p, alg, secret, "test label", seed, out));
      CHECK(out == ByteVec(longest.begin(), longest.begin() + static_cast<long>(n)));
    }
  }
}

TEST_CASE("PRF with the seed in pieces equals the concatenated seed", "[prf]") {
  const ByteVec secret(48, 0x0b);
  const ByteVec client_random(32, 0x01);
  const ByteVec server_random(32, 0x02);
  ByteVec joined = client_random;
  joined.insert(joined.end(), server_random.begin(), server_random.end());
  ByteVec a(104), b(104);
  REQUIRE(prf(default_provider(), HashAlgorithm::sha256, secret, "master secret", joined, a));
  const std::array<Bytes, 2> parts{client_random, server_random};
  REQUIRE(prf(default_provider(), HashAlgorithm::sha256, secret, "master secret", parts, b));
  CHECK(a == b);
  // Different label, different output.
  REQUIRE(prf(default_provider(), HashAlgorithm::sha256, secret, "key expansion", parts, b));
  CHECK(a != b);
  // An empty secret is allowed by HMAC (RFC 2104 pads it); the output is still defined.
  REQUIRE(prf(default_provider(), HashAlgorithm::sha256, {}, "master secret", parts, b));
}

TEST_CASE("PRF over a hash the provider lacks reports unsupported", "[prf]") {
  ByteVec out(48);
  auto r = prf(sodium_provider(), HashAlgorithm::sha384, ByteVec(48, 1), "master secret",
               ByteVec(64, 2), out);
  REQUIRE_FALSE(r);
  CHECK(r.error().code == ErrorCode::unsupported);
  const std::array<Bytes, 9> too_many{};
  CHECK(prf(default_provider(), HashAlgorithm::sha256, ByteVec(48, 1), "x", too_many, out)
            .error()
            .code == ErrorCode::invalid_argument);
}
