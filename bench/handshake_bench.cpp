// Full TLS 1.2 handshakes per second in memory: a client and a server in one process, bytes moved
// between them with no sockets, through tlsx's Engine pair and through OpenSSL's libssl (SSL
// objects over a BIO pair). One iteration = one complete handshake (both sides' CPU).
//   handshake_rsa/*             TLS_RSA_WITH_AES_128_GCM_SHA256 (RSA key exchange)
//   handshake_ecdhe/*           TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256, x25519
//   handshake_ecdhe_observer/tlsx  the ECDHE handshake with a no-op Observer on both engines
//                                  (bench_main.cpp prints its rate against handshake_ecdhe/tlsx)
//   handshake_resumed_id/*      abbreviated handshake (ECDHE suite) resuming by session ID from
//                               the server's in-memory cache (tickets off)
//   handshake_resumed_ticket/*  abbreviated handshake resuming by RFC 5077 ticket (no cache)
// Same work on both stacks: the RSA-2048 certificate and key of tests/data/pki, EMS on, one
// suite, one group, one signature scheme (rsa_pss_rsae_sha256) offered by both sides, TLS 1.2
// only, and the client verifies the server's chain against ca.pem and its name "localhost" in
// both stacks. The full handshakes use no resumption; the resumed ones offer the session of one
// full handshake made before the timing loop (tlsx: Engine::session(); OpenSSL: SSL_SESSION),
// every iteration resuming it again, with no new ticket issued on resumption on either side.
#include <benchmark/benchmark.h>
#include <openssl/bio.h>
#include <openssl/err.h>
#include <openssl/ssl.h>
#include <openssl/x509_vfy.h>

#include <cstdio>
#include <cstdlib>
#include <memory>
#include <optional>
#include <string>

#include "tlsx/config.hpp"
#include "tlsx/engine.hpp"
#include "tlsx/observer.hpp"
#include "tlsx/session.hpp"

namespace {

const std::string kPkiDir = TLSX_BENCH_PKI_DIR;
constexpr const char* kServerName = "localhost";

[[noreturn]] void die(const char* what) {
  (void)std::fprintf(stderr, "handshake_bench: %s\n", what);
  ERR_print_errors_fp(stderr);
  std::abort();
}

// ---- tlsx ---------------------------------------------------------------------------------------

struct TlsxConfigs {
  tlsx::ClientConfig client;
  tlsx::ServerConfig server;
};

TlsxConfigs tlsx_configs(tlsx::CipherSuite suite, tlsx::Observer* observer) {
  auto certified =
      tlsx::CertifiedKey::from_pem_files(kPkiDir + "/server.pem", kPkiDir + "/server.key");
  auto trust = tlsx::TrustStore::from_pem_file(kPkiDir + "/ca.pem");
  if (!certified || !trust) die("cannot load tests/data/pki");
  TlsxConfigs c;
  for (tlsx::CommonConfig* common :
       {static_cast<tlsx::CommonConfig*>(&c.client), static_cast<tlsx::CommonConfig*>(&c.server)}) {
    common->cipher_suites = {suite};
    common->groups = {tlsx::NamedGroup::x25519};
    common->signature_schemes = {tlsx::SignatureScheme::rsa_pss_rsae_sha256};
    common->ems = tlsx::EmsMode::on;
    common->observer = observer;
  }
  c.client.verify_peer = true;
  c.client.trust = std::make_shared<const tlsx::TrustStore>(std::move(*trust));
  c.server.certificates.push_back(std::move(*certified));
  return c;
}

/// Moves everything `from` has queued into `to`; returns whether anything moved.
bool move_tlsx(tlsx::Engine& from, tlsx::Engine& to) {
  const auto out = from.pending_output();
  if (out.empty()) return false;
  if (!to.feed(out)) die("tlsx: feed failed");
  from.consume_output(out.size());
  return true;
}

/// One full handshake; returns the client engine so the caller can check what was negotiated.
tlsx::Engine tlsx_handshake(const TlsxConfigs& c) {
  auto client = tlsx::Engine::client(c.client, kServerName);
  auto server = tlsx::Engine::server(c.server);
  if (!client || !server) die("tlsx: cannot make engines");
  while (move_tlsx(*client, *server) || move_tlsx(*server, *client)) {
  }
  if (!client->status().handshake_done || !server->status().handshake_done) {
    die("tlsx: handshake did not complete");
  }
  return std::move(*client);
}

class NoopObserver final : public tlsx::Observer {};

void handshake_tlsx(benchmark::State& state, tlsx::CipherSuite suite, bool with_observer) {
  NoopObserver noop;
  const TlsxConfigs c = tlsx_configs(suite, with_observer ? &noop : nullptr);
  {
    const tlsx::Engine check = tlsx_handshake(c);
    const tlsx::Negotiated* n = check.negotiated();
    if (n == nullptr || n->cipher_suite != suite || !n->extended_master_secret ||
        n->verified_chain.size() != 2) {  // leaf + ca.pem: the chain was verified
      die("tlsx: unexpected negotiation (suite, EMS or verification)");
    }
  }
  for (auto _ : state) {
    tlsx::Engine client = tlsx_handshake(c);
    benchmark::DoNotOptimize(&client);
  }
}

/// How the resumed benchmarks resume.
enum class Resumption : std::uint8_t { session_id, ticket };

void handshake_resumed_tlsx(benchmark::State& state, Resumption how) {
  TlsxConfigs c = tlsx_configs(tlsx::CipherSuite::TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256, nullptr);
  if (how == Resumption::session_id) {
    c.server.session_cache = tlsx::make_memory_session_cache();
    c.client.offer_session_tickets = false;
  } else {
    auto keys = tlsx::TicketKeys::create(tlsx::crypto::default_provider());
    if (!keys) die("tlsx: TicketKeys::create");
    c.server.ticket_keys = std::move(*keys);
    c.client.offer_session_tickets = true;
  }
  {
    const tlsx::Engine full = tlsx_handshake(c);
    c.client.session = full.session();
    if (!c.client.session) die("tlsx: the full handshake left no resumable session");
    if (how == Resumption::ticket && c.client.session->ticket().empty()) die("tlsx: no ticket");
  }
  {
    const tlsx::Engine check = tlsx_handshake(c);
    const tlsx::Negotiated* n = check.negotiated();
    if (n == nullptr || !n->resumed || !n->extended_master_secret) {
      die("tlsx: the second handshake did not resume (with EMS)");
    }
  }
  for (auto _ : state) {
    tlsx::Engine client = tlsx_handshake(c);
    benchmark::DoNotOptimize(&client);
  }
}

// ---- OpenSSL ------------------------------------------------------------------------------------

struct OpensslContexts {
  SSL_CTX* client = nullptr;
  SSL_CTX* server = nullptr;
  ~OpensslContexts() {
    SSL_CTX_free(client);
    SSL_CTX_free(server);
  }
};

void common_ctx_settings(SSL_CTX* ctx, const char* cipher, std::optional<Resumption> resumption) {
  if (SSL_CTX_set_min_proto_version(ctx, TLS1_2_VERSION) != 1 ||
      SSL_CTX_set_max_proto_version(ctx, TLS1_2_VERSION) != 1 ||
      SSL_CTX_set_cipher_list(ctx, cipher) != 1 || SSL_CTX_set1_groups_list(ctx, "X25519") != 1 ||
      SSL_CTX_set1_sigalgs_list(ctx, "rsa_pss_rsae_sha256") != 1) {
    die("openssl: context settings");
  }
  // Full handshakes: no session cache, no tickets. Resumed ones: the server's internal cache
  // (session IDs, tickets off) or tickets alone; the client resumes with SSL_set_session.
  const bool cache = resumption == Resumption::session_id;
  const bool tickets = resumption == Resumption::ticket;
  SSL_CTX_set_session_cache_mode(ctx, cache ? SSL_SESS_CACHE_SERVER : SSL_SESS_CACHE_OFF);
  if (!tickets) SSL_CTX_set_options(ctx, SSL_OP_NO_TICKET);
}

void make_contexts(OpensslContexts& c, const char* cipher,
                   std::optional<Resumption> resumption = std::nullopt) {
  c.client = SSL_CTX_new(TLS_client_method());
  c.server = SSL_CTX_new(TLS_server_method());
  if (c.client == nullptr || c.server == nullptr) die("openssl: SSL_CTX_new");
  common_ctx_settings(c.client, cipher, resumption);
  common_ctx_settings(c.server, cipher, resumption);
  if (SSL_CTX_use_certificate_chain_file(c.server, (kPkiDir + "/server.pem").c_str()) != 1 ||
      SSL_CTX_use_PrivateKey_file(c.server, (kPkiDir + "/server.key").c_str(), SSL_FILETYPE_PEM) !=
          1 ||
      SSL_CTX_check_private_key(c.server) != 1) {
    die("openssl: server certificate/key");
  }
  if (SSL_CTX_load_verify_locations(c.client, (kPkiDir + "/ca.pem").c_str(), nullptr) != 1) {
    die("openssl: ca.pem");
  }
  SSL_CTX_set_verify(c.client, SSL_VERIFY_PEER, nullptr);
}

/// Drives SSL_do_handshake; returns true once done, false when it wants more input.
bool step(SSL* ssl) {
  const int r = SSL_do_handshake(ssl);
  if (r == 1) return true;
  const int e = SSL_get_error(ssl, r);
  if (e != SSL_ERROR_WANT_READ && e != SSL_ERROR_WANT_WRITE) die("openssl: handshake failed");
  return false;
}

struct SslPair {
  SSL* client = nullptr;
  SSL* server = nullptr;
  ~SslPair() {
    // As after a clean close_notify exchange: OpenSSL drops a session from its cache when the
    // connection is freed without one, and the resumed benchmarks reuse it.
    if (client != nullptr) SSL_set_shutdown(client, SSL_SENT_SHUTDOWN | SSL_RECEIVED_SHUTDOWN);
    if (server != nullptr) SSL_set_shutdown(server, SSL_SENT_SHUTDOWN | SSL_RECEIVED_SHUTDOWN);
    SSL_free(client);  // each SSL owns its end of the BIO pair
    SSL_free(server);
  }
};

void openssl_handshake(const OpensslContexts& c, SslPair& p, SSL_SESSION* session = nullptr) {
  p.client = SSL_new(c.client);
  p.server = SSL_new(c.server);
  if (p.client == nullptr || p.server == nullptr) die("openssl: SSL_new");
  if (session != nullptr && SSL_set_session(p.client, session) != 1) die("openssl: set_session");
  BIO* client_bio = nullptr;
  BIO* server_bio = nullptr;
  if (BIO_new_bio_pair(&client_bio, 0, &server_bio, 0) != 1) die("openssl: BIO pair");
  SSL_set_bio(p.client, client_bio, client_bio);
  SSL_set_bio(p.server, server_bio, server_bio);
  // As tlsx's client: SNI for the DNS name, and the certificate checked against it.
  if (SSL_set_tlsext_host_name(p.client, kServerName) != 1 ||
      SSL_set1_host(p.client, kServerName) != 1) {
    die("openssl: host name");
  }
  SSL_set_connect_state(p.client);
  SSL_set_accept_state(p.server);
  bool client_done = false;
  bool server_done = false;
  for (int round = 0; round < 100 && !(client_done && server_done); ++round) {
    if (!client_done) client_done = step(p.client);
    if (!server_done) server_done = step(p.server);
  }
  if (!client_done || !server_done) die("openssl: handshake did not complete");
}

void handshake_openssl(benchmark::State& state, const char* cipher) {
  OpensslContexts c;
  make_contexts(c, cipher);
  {
    SslPair check;
    openssl_handshake(c, check);
    if (SSL_get_extms_support(check.client) != 1 ||
        SSL_get_verify_result(check.client) != X509_V_OK) {
      die("openssl: unexpected negotiation (EMS or verification)");
    }
  }
  for (auto _ : state) {
    SslPair p;
    openssl_handshake(c, p);
    benchmark::DoNotOptimize(p.client);
  }
}

void handshake_resumed_openssl(benchmark::State& state, Resumption how) {
  OpensslContexts c;
  make_contexts(c, "ECDHE-RSA-AES128-GCM-SHA256", how);
  SSL_SESSION* session = nullptr;
  {
    SslPair full;
    openssl_handshake(c, full);
    session = SSL_get1_session(full.client);
    if (session == nullptr) die("openssl: no session");
    if (how == Resumption::ticket && SSL_SESSION_has_ticket(session) != 1)
      die("openssl: no ticket");
  }
  {
    SslPair check;
    openssl_handshake(c, check, session);
    if (SSL_session_reused(check.client) != 1 || SSL_get_extms_support(check.client) != 1) {
      die("openssl: the second handshake did not resume (with EMS)");
    }
  }
  for (auto _ : state) {
    SslPair p;
    openssl_handshake(c, p, session);
    benchmark::DoNotOptimize(p.client);
  }
  SSL_SESSION_free(session);
}

void register_handshake_benchmarks() {
  using tlsx::CipherSuite;
  // Names are "<operation>/<implementation>": bench_main.cpp pairs them into ratios.
  benchmark::RegisterBenchmark("handshake_rsa/tlsx", handshake_tlsx,
                               CipherSuite::TLS_RSA_WITH_AES_128_GCM_SHA256, false)
      ->Unit(benchmark::kMicrosecond);
  benchmark::RegisterBenchmark("handshake_rsa/openssl", handshake_openssl, "AES128-GCM-SHA256")
      ->Unit(benchmark::kMicrosecond);
  benchmark::RegisterBenchmark("handshake_ecdhe/tlsx", handshake_tlsx,
                               CipherSuite::TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256, false)
      ->Unit(benchmark::kMicrosecond);
  benchmark::RegisterBenchmark("handshake_ecdhe/openssl", handshake_openssl,
                               "ECDHE-RSA-AES128-GCM-SHA256")
      ->Unit(benchmark::kMicrosecond);
  benchmark::RegisterBenchmark("handshake_ecdhe_observer/tlsx", handshake_tlsx,
                               CipherSuite::TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256, true)
      ->Unit(benchmark::kMicrosecond);
  benchmark::RegisterBenchmark("handshake_resumed_id/tlsx", handshake_resumed_tlsx,
                               Resumption::session_id)
      ->Unit(benchmark::kMicrosecond);
  benchmark::RegisterBenchmark("handshake_resumed_id/openssl", handshake_resumed_openssl,
                               Resumption::session_id)
      ->Unit(benchmark::kMicrosecond);
  benchmark::RegisterBenchmark("handshake_resumed_ticket/tlsx", handshake_resumed_tlsx,
                               Resumption::ticket)
      ->Unit(benchmark::kMicrosecond);
  benchmark::RegisterBenchmark("handshake_resumed_ticket/openssl", handshake_resumed_openssl,
                               Resumption::ticket)
      ->Unit(benchmark::kMicrosecond);
}

const bool kRegistered = (register_handshake_benchmarks(), true);

}  // namespace
