// TicketKeys: seal/open, key name layout, tamper and truncation rejection, rotation (current +
// previous only), automatic rotation by clock, and the ChaCha20-Poly1305 fallback.
#include <chrono>
#include <memory>
#include <vector>

#include <catch2/catch.hpp>

#include "tlsx/crypto/provider.hpp"
#include "tlsx/session.hpp"

using namespace tlsx;

namespace {

/// The default provider without AES-GCM: TicketKeys must fall back to ChaCha20-Poly1305.
class NoAesGcm final : public crypto::Provider {
 public:
  std::string_view name() const noexcept override { return "no-aes-gcm"; }
  Result<std::unique_ptr<crypto::Aead>> aead(crypto::AeadAlgorithm alg,
                                             crypto::Bytes key) const override {
    if (alg != crypto::AeadAlgorithm::chacha20_poly1305) {
      return fail_unsupported("no AES-GCM here");
    }
    return crypto::default_provider().aead(alg, key);
  }
  Result<void> random(crypto::MutableBytes out) const override {
    return crypto::default_provider().random(out);
  }
};

const std::vector<std::uint8_t> kState = {'s', 't', 'a', 't', 'e'};

std::vector<std::uint8_t> opened(TicketKeys& keys, const std::vector<std::uint8_t>& ticket) {
  auto plain = keys.open(ticket);
  if (!plain) return {};
  return std::vector<std::uint8_t>(plain->span().begin(), plain->span().end());
}

}  // namespace

TEST_CASE("tickets open under the key that sealed them and nothing else", "[session]") {
  auto keys = TicketKeys::create(crypto::default_provider());
  REQUIRE(keys.has_value());
  auto ticket = (*keys)->seal(kState);
  REQUIRE(ticket.has_value());
  CHECK(ticket->size() == 16 + 12 + kState.size() + 16);
  CHECK(opened(**keys, *ticket) == kState);
  auto again = (*keys)->seal(kState);
  REQUIRE(again.has_value());
  CHECK(std::equal(ticket->begin(), ticket->begin() + 16, again->begin()));  // same key name
  CHECK(*again != *ticket);                                                  // fresh nonce

  for (std::size_t i = 0; i < ticket->size(); ++i) {
    auto tampered = *ticket;
    tampered[i] ^= 0x80;
    CHECK_FALSE((*keys)->open(tampered).has_value());
  }
  for (std::size_t n = 0; n < ticket->size(); ++n) {
    CHECK_FALSE((*keys)->open(std::span(*ticket).first(n)).has_value());
  }
  auto other = TicketKeys::create(crypto::default_provider());
  REQUIRE(other.has_value());
  CHECK_FALSE((*other)->open(*ticket).has_value());
}

TEST_CASE("ticket keys keep the previous key only", "[session]") {
  auto keys = TicketKeys::create(crypto::default_provider());
  REQUIRE(keys.has_value());
  auto ticket = (*keys)->seal(kState);
  REQUIRE(ticket.has_value());
  (*keys)->rotate();
  CHECK(opened(**keys, *ticket) == kState);
  auto newer = (*keys)->seal(kState);
  REQUIRE(newer.has_value());
  CHECK_FALSE(std::equal(ticket->begin(), ticket->begin() + 16, newer->begin()));
  (*keys)->rotate();
  CHECK_FALSE((*keys)->open(*ticket).has_value());
  CHECK(opened(**keys, *newer) == kState);
}

TEST_CASE("ticket keys rotate by the clock", "[session]") {
  auto now = std::make_shared<std::chrono::system_clock::time_point>(
      std::chrono::sys_days{std::chrono::year{2026} / 1 / 1});
  auto keys =
      TicketKeys::create(crypto::default_provider(), std::chrono::hours(1), [now] { return *now; });
  REQUIRE(keys.has_value());
  CHECK_FALSE(TicketKeys::create(crypto::default_provider(), std::chrono::seconds(0)).has_value());
  auto ticket = (*keys)->seal(kState);
  REQUIRE(ticket.has_value());
  *now += std::chrono::minutes(61);
  CHECK(opened(**keys, *ticket) == kState);  // rotated once: previous key
  *now += std::chrono::minutes(61);
  CHECK_FALSE((*keys)->open(*ticket).has_value());  // rotated twice: gone
}

TEST_CASE("ticket keys fall back to ChaCha20-Poly1305", "[session]") {
  const NoAesGcm provider;
  auto keys = TicketKeys::create(provider);
  REQUIRE(keys.has_value());
  auto ticket = (*keys)->seal(kState);
  REQUIRE(ticket.has_value());
  CHECK(opened(**keys, *ticket) == kState);
}
