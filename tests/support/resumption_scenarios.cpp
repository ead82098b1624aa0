#include "support/resumption_scenarios.hpp"

#include <array>
#include <cstdlib>
#include <memory>
#include <mutex>
#include <optional>
#include <utility>
#include <vector>

#include "tlsx/session.hpp"

namespace tlsx::test {
namespace {

constexpr std::uint64_t kTicketKeySeed = 0x71c4e7;

constexpr std::array kResumptionScenarios = {
    ResumptionScenario{
        {"resume_id_ECDHE_RSA_AES_128_GCM", CipherSuite::TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256},
        false},
    ResumptionScenario{
        {"resume_id_RSA_AES_128_CBC_SHA256", CipherSuite::TLS_RSA_WITH_AES_128_CBC_SHA256}, false},
    ResumptionScenario{
        {"resume_ticket_ECDHE_RSA_AES_128_GCM", CipherSuite::TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256},
        true},
    ResumptionScenario{{"resume_ticket_ECDHE_RSA_AES_128_CBC_SHA",
                        CipherSuite::TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA},
                       true},
};

/// A cache that remembers what the server stored during priming, so that every fuzz input can
/// start from a fresh cache holding exactly those entries.
class RecordingCache final : public SessionCache {
 public:
  void store(std::span<const std::uint8_t> session_id, const Session& session) override {
    const std::lock_guard lock(mutex_);
    entries.emplace_back(Bytes(session_id.begin(), session_id.end()), session);
  }
  std::optional<Session> find(std::span<const std::uint8_t> session_id) override {
    const std::lock_guard lock(mutex_);
    for (const auto& [id, session] : entries) {
      if (std::equal(id.begin(), id.end(), session_id.begin(), session_id.end())) return session;
    }
    return std::nullopt;
  }
  void erase(std::span<const std::uint8_t> /*session_id*/) override {}

  std::vector<std::pair<Bytes, Session>> entries;

 private:
  std::mutex mutex_;
};

struct Primed {
  std::vector<std::pair<Bytes, Session>> cache_entries;
  std::optional<Session> client_session;
};

// The ticket keys: made once from a seeded provider under the fixed clock, never rotated.
const std::shared_ptr<TicketKeys>& ticket_keys() {
  static crypto::SeededProvider provider(kTicketKeySeed);
  static const std::shared_ptr<TicketKeys> keys = [] {
    auto made = TicketKeys::create(provider, std::chrono::hours(12), fixed_time);
    if (!made) std::abort();
    return std::move(*made);
  }();
  return keys;
}

ServerConfig resuming_server_config(const ResumptionScenario& s, crypto::SeededProvider& provider,
                                    std::shared_ptr<SessionCache> cache) {
  ServerConfig config = server_config(s.base, provider);
  config.session_cache = std::move(cache);
  config.ticket_keys = ticket_keys();
  return config;
}

ClientConfig resuming_client_config(const ResumptionScenario& s, crypto::SeededProvider& provider) {
  ClientConfig config = client_config(s.base, provider);
  config.offer_session_tickets = s.ticket;
  return config;
}

// One full handshake per scenario, run once per process; aborts when it fails, as a broken
// checkout is nothing to fuzz around.
Primed prime(const ResumptionScenario& s) {
  crypto::SeededProvider client_random(kClientSeed);
  crypto::SeededProvider server_random(kServerSeed);
  auto cache = std::make_shared<RecordingCache>();
  auto client = Engine::client(resuming_client_config(s, client_random), kServerName);
  auto server = Engine::server(resuming_server_config(s, server_random, cache));
  if (!client || !server) std::abort();
  for (int round = 0; round < 8; ++round) {
    bool moved = false;
    for (Engine* from : {&*client, &*server}) {
      Engine& to = from == &*client ? *server : *client;
      const auto out = from->pending_output();
      if (out.empty()) continue;
      const Bytes bytes(out.begin(), out.end());
      from->consume_output(bytes.size());
      [[maybe_unused]] auto fed = to.feed(bytes);
      moved = true;
    }
    if (!moved) break;
  }
  if (!client->status().handshake_done || !server->status().handshake_done) std::abort();
  Primed primed;
  primed.cache_entries = cache->entries;
  primed.client_session = client->session();
  if (!primed.client_session) std::abort();
  return primed;
}

const Primed& primed(std::size_t scenario) {
  static const std::vector<Primed> all = [] {
    std::vector<Primed> out;
    for (const auto& s : kResumptionScenarios) out.push_back(prime(s));
    return out;
  }();
  return all.at(scenario);
}

}  // namespace

std::span<const ResumptionScenario> resumption_scenarios() {
  return kResumptionScenarios;
}

Result<Engine> make_resuming_server(std::size_t scenario, crypto::SeededProvider& provider) {
  const auto& s = kResumptionScenarios.at(scenario);
  MemorySessionCacheLimits limits;
  limits.max_entries = 16;
  auto cache = make_memory_session_cache(limits, fixed_time);
  for (const auto& [id, session] : primed(scenario).cache_entries) cache->store(id, session);
  return Engine::server(resuming_server_config(s, provider, std::move(cache)));
}

Result<Engine> make_resuming_client(std::size_t scenario, crypto::SeededProvider& provider) {
  const auto& s = kResumptionScenarios.at(scenario);
  ClientConfig config = resuming_client_config(s, provider);
  config.session = primed(scenario).client_session;
  return Engine::client(config, kServerName);
}

Recording record_resumed_handshake(std::size_t scenario) {
  crypto::SeededProvider client_random(kClientSeed);
  crypto::SeededProvider server_random(kServerSeed);
  auto client = make_resuming_client(scenario, client_random);
  auto server = make_resuming_server(scenario, server_random);
  if (!client || !server) return {};
  Recording rec = record_flights(*client, *server);
  const auto* cn = client->negotiated();
  const auto* sn = server->negotiated();
  rec.ok = rec.ok && cn != nullptr && sn != nullptr && cn->resumed && sn->resumed;
  return rec;
}

FuzzRun run_resumption_fuzz_input(std::span<const std::uint8_t> data) {
  return run_engine_fuzz_input(data, kResumptionScenarios.size(), make_resuming_server);
}

}  // namespace tlsx::test
