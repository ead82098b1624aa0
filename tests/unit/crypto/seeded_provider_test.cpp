#include <catch2/catch.hpp>

#include <array>
#include <vector>

#include "support/test_support.hpp"
#include "tlsx/crypto/seeded_provider.hpp"

using tlsx::crypto::HashAlgorithm;
using tlsx::crypto::SeededProvider;

namespace {

std::vector<std::uint8_t> draw(const SeededProvider& p, std::size_t n) {
  std::vector<std::uint8_t> out(n);
  REQUIRE(p.random(out));
  return out;
}

}  // namespace

TEST_CASE("SeededProvider stream is SHA-256 of seed and counter", "[seeded]") {
  const SeededProvider p(1);
  // SHA-256(00..01 || 00..00) and SHA-256(00..01 || 00..01), computed independently.
  std::array<std::uint8_t, 16> in{};
  in[7] = 1;
  std::array<std::uint8_t, 32> b0{};
  std::array<std::uint8_t, 32> b1{};
  REQUIRE(tlsx::crypto::hash_once(tlsx::crypto::builtin_provider(), HashAlgorithm::sha256, in, b0));
  in[15] = 1;
  REQUIRE(tlsx::crypto::hash_once(tlsx::crypto::builtin_provider(), HashAlgorithm::sha256, in, b1));
  // Draw in odd sizes so block boundaries fall inside a request.
  auto a = draw(p, 5);
  auto b = draw(p, 40);
  a.insert(a.end(), b.begin(), b.end());
  std::vector<std::uint8_t> expected(b0.begin(), b0.end());
  expected.insert(expected.end(), b1.begin(), b1.begin() + 13);
  CHECK(tlsx::test::to_hex(a) == tlsx::test::to_hex(expected));
}

TEST_CASE("SeededProvider same seed same bytes, other seed other bytes", "[seeded]") {
  SeededProvider p(42);
  const SeededProvider q(42);
  const SeededProvider r(43);
  const auto first = draw(p, 100);
  CHECK(first == draw(q, 100));
  CHECK(first != draw(r, 100));
  p.reseed(42);
  CHECK(first == draw(p, 100));
}

TEST_CASE("SeededProvider delegates primitives to the inner provider", "[seeded]") {
  const SeededProvider p(7);
  CHECK(p.name() == "seeded");
  std::array<std::uint8_t, 32> d1{};
  std::array<std::uint8_t, 32> d2{};
  const std::array<std::uint8_t, 3> abc{'a', 'b', 'c'};
  REQUIRE(tlsx::crypto::hash_once(p, HashAlgorithm::sha256, abc, d1));
  REQUIRE(
      tlsx::crypto::hash_once(tlsx::crypto::default_provider(), HashAlgorithm::sha256, abc, d2));
  CHECK(d1 == d2);
  CHECK(tlsx::test::to_hex(d1) ==
        "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
}
