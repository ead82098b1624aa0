#include "support/recorded_handshake.hpp"

#include <algorithm>
#include <array>
#include <cstdlib>
#include <memory>
#include <string>

namespace tlsx::test {
namespace {

constexpr std::uint8_t kChangeCipherSpec = 20;
constexpr std::uint8_t kAlert = 21;
constexpr std::uint8_t kHandshake = 22;
constexpr std::size_t kRecordHeader = 5;

constexpr std::array kScenarios = {
    Scenario{"ECDHE_RSA_AES_128_GCM", CipherSuite::TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256},
    Scenario{"ECDHE_RSA_AES_128_CBC_SHA", CipherSuite::TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA},
    Scenario{"RSA_AES_256_GCM", CipherSuite::TLS_RSA_WITH_AES_256_GCM_SHA384},
    Scenario{"RSA_AES_128_CBC_SHA256_noEMS_noETM", CipherSuite::TLS_RSA_WITH_AES_128_CBC_SHA256,
             false, false},
};

constexpr std::array kClientAuthScenarios = {
    Scenario{"mTLS_ECDHE_RSA_AES_128_GCM", CipherSuite::TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256, true,
             true, true},
    Scenario{"mTLS_RSA_AES_128_CBC_SHA", CipherSuite::TLS_RSA_WITH_AES_128_CBC_SHA, true, true,
             true},
};

std::string pki_path(const char* name) {
  return std::string(TLSX_TEST_DATA_DIR) + "/pki/" + name;
}

// Loaded once; a broken checkout is not something to fuzz around, so abort loudly.
struct Pki {
  CertificateChain chain;
  PrivateKey key;
  std::shared_ptr<const TrustStore> trust;
  CertificateChain client_chain;
  PrivateKey client_key;
};
const Pki& pki() {
  static const Pki loaded = [] {
    auto chain = CertificateChain::from_pem_file(pki_path("server.pem"));
    auto key = PrivateKey::from_pem_file(pki_path("server.key"));
    auto trust = TrustStore::from_pem_file(pki_path("ca.pem"));
    auto client_chain = CertificateChain::from_pem_file(pki_path("client.pem"));
    auto client_key = PrivateKey::from_pem_file(pki_path("client.key"));
    if (!chain || !key || !trust || !client_chain || !client_key) std::abort();
    return Pki{std::move(*chain), std::move(*key),
               std::make_shared<const TrustStore>(std::move(*trust)), std::move(*client_chain),
               std::move(*client_key)};
  }();
  return loaded;
}

void common_settings(CommonConfig& config, const Scenario& scenario,
                     const crypto::Provider& provider) {
  config.provider = &provider;
  config.clock = fixed_time;
  config.ems = scenario.ems ? EmsMode::on : EmsMode::off;
  config.encrypt_then_mac = scenario.etm;
}

}  // namespace

std::span<const Scenario> scenarios() {
  return kScenarios;
}

std::span<const Scenario> client_auth_scenarios() {
  return kClientAuthScenarios;
}

std::chrono::system_clock::time_point fixed_time() {
  return std::chrono::system_clock::time_point(std::chrono::seconds(1798761600));
}

ClientConfig client_config(const Scenario& scenario, crypto::SeededProvider& provider) {
  provider.reseed(kClientSeed);
  ClientConfig config;
  common_settings(config, scenario, provider);
  config.trust = pki().trust;
  config.cipher_suites = {scenario.suite};
  config.alpn = {"h2", "http/1.1"};
  if (scenario.client_auth) {
    // Seeded signing key: the CertificateVerify must be the recorded one.
    config.certificate =
        CertifiedKey{pki().client_chain, make_private_key_operations(pki().client_key, provider)};
  }
  return config;
}

ServerConfig server_config(const Scenario& scenario, crypto::SeededProvider& provider) {
  provider.reseed(kServerSeed);
  ServerConfig config;
  common_settings(config, scenario, provider);
  // The key signs with the seeded provider too: RSA-PSS salts are random, and a different
  // ServerKeyExchange would change the transcript the recorded client Finished covers.
  config.certificates.push_back(
      CertifiedKey{pki().chain, make_private_key_operations(pki().key, provider)});
  config.alpn = {"http/1.1"};
  if (scenario.client_auth) {
    config.client_auth = ClientAuth::require;
    config.client_trust = pki().trust;
  }
  return config;
}

Result<Engine> make_client(const Scenario& scenario, crypto::SeededProvider& provider) {
  return Engine::client(client_config(scenario, provider), kServerName);
}

Result<Engine> make_server(const Scenario& scenario, crypto::SeededProvider& provider) {
  return Engine::server(server_config(scenario, provider));
}

Result<Engine> make_engine(Role role, const Scenario& scenario, crypto::SeededProvider& provider) {
  return role == Role::client ? make_client(scenario, provider) : make_server(scenario, provider);
}

Bytes Flight::joined() const {
  Bytes out;
  for (const auto& r : records) out.insert(out.end(), r.begin(), r.end());
  return out;
}

std::vector<Bytes> split_records(std::span<const std::uint8_t> stream) {
  std::vector<Bytes> out;
  std::size_t pos = 0;
  while (pos < stream.size()) {
    std::size_t end = stream.size();
    if (stream.size() - pos >= kRecordHeader) {
      const std::size_t len = (std::size_t{stream[pos + 3]} << 8) | stream[pos + 4];
      end = std::min(stream.size(), pos + kRecordHeader + len);
    }
    out.emplace_back(stream.begin() + static_cast<std::ptrdiff_t>(pos),
                     stream.begin() + static_cast<std::ptrdiff_t>(end));
    pos = end;
  }
  return out;
}

std::string_view record_label(std::span<const std::uint8_t> record, bool protected_record) {
  if (record.size() < kRecordHeader + 1) return "short";
  if (protected_record) return "encrypted";
  switch (record[0]) {
    case kChangeCipherSpec:
      return "change_cipher_spec";
    case kAlert:
      return "alert";
    case kHandshake:
      return name(static_cast<HandshakeType>(record[kRecordHeader]));
    default:
      return "other";
  }
}

Recording record_handshake(const Scenario& scenario) {
  crypto::SeededProvider client_random(kClientSeed);
  crypto::SeededProvider server_random(kServerSeed);
  auto client = make_client(scenario, client_random);
  auto server = make_server(scenario, server_random);
  if (!client || !server) return {};
  return record_flights(*client, *server);
}

Recording record_flights(Engine& client, Engine& server) {
  Recording rec;
  // Ping-pong whole flights: what one side queued in answer to the other's last flight.
  for (int round = 0; round < 8; ++round) {
    bool moved = false;
    for (Role from : {Role::client, Role::server}) {
      Engine& sender = from == Role::client ? client : server;
      Engine& receiver = from == Role::client ? server : client;
      const auto out = sender.pending_output();
      if (out.empty()) continue;
      const Bytes bytes(out.begin(), out.end());
      sender.consume_output(bytes.size());
      (from == Role::client ? rec.client_flights : rec.server_flights)
          .push_back(Flight{split_records(bytes)});
      [[maybe_unused]] auto fed = receiver.feed(bytes);  // rec.ok tells the outcome
      moved = true;
    }
    if (!moved) break;
  }
  rec.ok = client.status().handshake_done && server.status().handshake_done &&
           !client.status().failed && !server.status().failed;
  return rec;
}

}  // namespace tlsx::test
