// hello-capture: a TLS 1.2 server (tlsx) that records every ClientHello it receives, with
// JA3/JA3N/JA4 fingerprints, and echoes each client its own hello. See docs/hello-capture.md.
#include <signal.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <exception>
#include <thread>

#include <fmt/format.h>

#include "capture_store.hpp"
#include "connection.hpp"
#include "log.hpp"
#include "options.hpp"
#include "self_signed.hpp"
#include "server.hpp"
#include "tlsx/config.hpp"
#include "tlsx/engine.hpp"
#include "tlsx/session.hpp"

namespace {

using namespace hello_capture;

std::chrono::milliseconds to_ms(double seconds) {
  return std::chrono::milliseconds(std::llround(seconds * 1000.0));
}

int run(const Options& options) {
  std::string cert = options.cert;
  std::string key = options.key;
  if (cert.empty()) {
    auto files = ensure_self_signed_certificate();
    if (!files) {
      log_line("hello-capture: " + files.error());
      return 1;
    }
    cert = files->cert;
    key = files->key;
    log_line(fmt::format("hello-capture: {} self-signed certificate for localhost: {} (key {})",
                         files->created ? "created a" : "using the", cert, key));
  }
  auto certified = tlsx::CertifiedKey::from_pem_files(cert, key);
  if (!certified) {
    log_line("hello-capture: cannot load " + cert + " / " + key + ": " +
             certified.error().message());
    return 1;
  }
  tlsx::ServerConfig config;
  config.certificates.push_back(std::move(*certified));
  config.alpn = options.alpn;
  config.policy = tlsx::SuitePolicy::compat;  // answer as many clients as possible
  config.client_auth = options.client_auth;
  if (options.client_auth != tlsx::ClientAuth::none) {
    auto trust = options.client_ca.empty() ? tlsx::TrustStore::system()
                                           : tlsx::TrustStore::from_pem_file(options.client_ca);
    if (!trust) {
      log_line("hello-capture: cannot load client CAs: " + trust.error().message());
      return 1;
    }
    config.client_trust = std::make_shared<const tlsx::TrustStore>(std::move(*trust));
    // The system bundle's ~150 names would make a CertificateRequest of about 16 KiB that
    // tells a client nothing useful: list CAs only when they were chosen.
    config.send_client_ca_names = !options.client_ca.empty();
  }
  // Resumption as a production server would offer it, so that captures show what clients send
  // when they reconnect (a session ID or ticket in the hello) and whether it resumed.
  if (options.session_cache > 0) {
    tlsx::MemorySessionCacheLimits limits;
    limits.max_entries = options.session_cache;
    config.session_cache = tlsx::make_memory_session_cache(limits);
  }
  if (options.tickets) {
    auto keys = tlsx::TicketKeys::create(*config.provider);
    if (!keys) {
      log_line("hello-capture: cannot make ticket keys: " + keys.error().message());
      return 1;
    }
    config.ticket_keys = std::move(*keys);
  }
  if (auto probe = tlsx::Engine::server(config); !probe) {
    log_line("hello-capture: unusable server configuration: " + probe.error().message());
    return 1;
  }

  // Signals are taken by sigwait() on this thread; workers inherit the blocked mask.
  sigset_t signals;
  sigemptyset(&signals);
  sigaddset(&signals, SIGINT);
  sigaddset(&signals, SIGTERM);
  pthread_sigmask(SIG_BLOCK, &signals, nullptr);
  (void)::signal(SIGPIPE, SIG_IGN);  // peers that vanish are send() errors, not signals

  try {
    CaptureStore store(options.out, options.db);
    ConnectionSettings settings;
    settings.server_config = &config;
    settings.store = &store;
    settings.handshake_timeout = to_ms(options.handshake_timeout);
    settings.idle_timeout = to_ms(options.idle_timeout);
    ServerLimits limits;
    limits.max_connections = options.max_connections;
    limits.threads = options.threads != 0 ? options.threads
                                          : std::clamp(std::thread::hardware_concurrency(), 1u, 4u);
    Server server(options.listen, settings, limits);
    server.start();
    log_line(
        fmt::format("hello-capture: listening on https://{}/ ({} threads, at most {} "
                    "connections); captures to {}{}",
                    server.address(), limits.threads, limits.max_connections, options.out,
                    options.db.empty() ? "" : " and " + options.db));
    int signal_number = 0;
    sigwait(&signals, &signal_number);
    log_line(fmt::format("hello-capture: {} received, shutting down",
                         signal_number == SIGINT ? "SIGINT" : "SIGTERM"));
    server.stop();
    server.join();
    store.close();
    const Stats stats = store.stats();
    log_line(
        fmt::format("hello-capture: stopped after {} connections; the store holds {} "
                    "captures",
                    server.connections_accepted(), stats.captures));
  } catch (const std::exception& e) {
    log_line(std::string("hello-capture: ") + e.what());
    return 1;
  }
  return 0;
}

}  // namespace

int main(int argc, char** argv) {
  auto options = hello_capture::parse_options(argc, argv);
  if (!options) {
    (void)std::fprintf(stderr, "hello-capture: %s\n\n%s", options.error().c_str(),
                       hello_capture::usage());
    return 2;
  }
  if (options->help) {
    (void)std::fputs(hello_capture::usage(), stdout);
    return 0;
  }
  return run(*options);
}
