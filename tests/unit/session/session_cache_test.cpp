// make_memory_session_cache() and ClientSessionStore: bounds (entries, bytes), lifetime, LRU
// order, erase, and a few threads at once.
#include <atomic>
#include <chrono>
#include <memory>
#include <thread>
#include <vector>

#include <catch2/catch.hpp>

#include "tlsx/session.hpp"

using namespace tlsx;

namespace {

using Time = std::chrono::system_clock::time_point;

Session make_session(Time created, std::uint8_t tag, std::size_t ticket_bytes = 0) {
  Session::Fields f;
  f.cipher_suite = CipherSuite::TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256;
  f.master_secret = SecretBytes(std::vector<std::uint8_t>(48, tag));
  f.created = created;
  f.ticket.assign(ticket_bytes, tag);
  return Session(std::move(f));
}

std::vector<std::uint8_t> id(std::uint8_t n) {
  return std::vector<std::uint8_t>(32, n);
}

}  // namespace

TEST_CASE("the memory cache finds, erases and bounds entries", "[session]") {
  auto now = std::make_shared<Time>(std::chrono::sys_days{std::chrono::year{2026} / 1 / 1});
  Clock clock = [now] { return *now; };
  auto cache = make_memory_session_cache({3, 1 << 20, std::chrono::seconds(100)}, clock);
  for (std::uint8_t i = 1; i <= 3; ++i) cache->store(id(i), make_session(*now, i));
  auto found = cache->find(id(2));
  REQUIRE(found.has_value());
  CHECK(found->master_secret().span()[0] == 2);
  CHECK_FALSE(cache->find(id(9)).has_value());

  cache->store(id(4), make_session(*now, 4));  // entry bound: the oldest (1) goes
  CHECK_FALSE(cache->find(id(1)).has_value());
  CHECK(cache->find(id(4)).has_value());

  cache->erase(id(4));
  CHECK_FALSE(cache->find(id(4)).has_value());

  *now += std::chrono::seconds(100);  // lifetime counts from the session's creation
  CHECK_FALSE(cache->find(id(2)).has_value());
  CHECK_FALSE(cache->find(id(3)).has_value());
}

TEST_CASE("the memory cache bounds its bytes", "[session]") {
  const Time t0 = std::chrono::sys_days{std::chrono::year{2026} / 1 / 1};
  Clock clock = [t0] { return t0; };
  // Each entry serializes to a little over 1000 bytes: 2500 bytes hold two.
  auto cache = make_memory_session_cache({100, 2500, std::chrono::seconds(100)}, clock);
  for (std::uint8_t i = 1; i <= 3; ++i) cache->store(id(i), make_session(t0, i, 1000));
  CHECK_FALSE(cache->find(id(1)).has_value());
  CHECK(cache->find(id(2)).has_value());
  CHECK(cache->find(id(3)).has_value());
  // One entry bigger than the whole budget is not stored at all.
  cache->store(id(5), make_session(t0, 5, 3000));
  CHECK_FALSE(cache->find(id(5)).has_value());
  CHECK(cache->find(id(3)).has_value());
}

TEST_CASE("the memory cache and the client store survive a few threads", "[session]") {
  auto cache = make_memory_session_cache({64, 1 << 20, std::chrono::seconds(3600)});
  ClientSessionStore store(16);
  const Time t0 = std::chrono::system_clock::now();
  std::atomic<int> found{0};
  std::vector<std::thread> threads;
  for (int t = 0; t < 4; ++t) {
    threads.emplace_back([&, t] {
      for (int i = 0; i < 200; ++i) {
        const auto n = static_cast<std::uint8_t>((t * 50 + i) % 100);
        cache->store(id(n), make_session(t0, n));
        if (auto s = cache->find(id(n)); s && s->master_secret().span()[0] == n) ++found;
        if (i % 7 == 0) cache->erase(id(n));
        store.store("host", static_cast<std::uint16_t>(n), make_session(t0, n));
        (void)store.find("host", static_cast<std::uint16_t>(n));
      }
    });
  }
  for (auto& th : threads) th.join();
  CHECK(found.load() > 0);
  CHECK(store.size() <= 16);
}

TEST_CASE("the client store keys by host and port and evicts the oldest", "[session]") {
  const Time t0 = std::chrono::system_clock::now();
  ClientSessionStore store(2);
  store.store("a.example", 443, make_session(t0, 1));
  store.store("a.example", 8443, make_session(t0, 2));
  REQUIRE(store.find("a.example", 443).has_value());
  CHECK(store.find("a.example", 443)->master_secret().span()[0] == 1);
  CHECK(store.find("a.example", 8443)->master_secret().span()[0] == 2);
  CHECK_FALSE(store.find("b.example", 443).has_value());
  store.store("b.example", 443, make_session(t0, 3));
  CHECK(store.size() == 2);
  CHECK_FALSE(store.find("a.example", 443).has_value());
  store.erase("b.example", 443);
  CHECK_FALSE(store.find("b.example", 443).has_value());
  CHECK(store.size() == 1);
}
