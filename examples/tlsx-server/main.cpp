// tlsx-server: a small TLS 1.2 server on tlsx, for trying the library with real clients (curl,
// browsers, openssl s_client, gnutls-cli) and for the interop tests.
//
// Each connection gets a thread (up to --max-connections at once). After the handshake, a first
// line that looks like an HTTP request gets a short HTTP/1.1 response describing the connection;
// anything else is echoed back line by line. One line per connection goes to stderr.
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <mutex>
#include <optional>
#include <semaphore>
#include <string>
#include <string_view>
#include <thread>
#include <vector>

#include <fmt/format.h>

#include "cli_parsing.hpp"
#include "http_or_echo.hpp"
#include "key_log_file.hpp"
#include "report.hpp"
#include "tlsx/config.hpp"
#include "tlsx/engine.hpp"
#include "tlsx/io/blocking.hpp"
#include "tlsx/session.hpp"
#include "tlsx/x509.hpp"

namespace {

using namespace tlsx;
using namespace tlsx::examples;

constexpr std::string_view kUsage =
    R"(usage: tlsx-server --cert CHAIN.pem --key KEY.pem [--cert ... --key ...] [options]

A TLS 1.2 server. After the handshake it answers an HTTP request with a short page describing
the connection, and echoes anything else back line by line.

options:
  --listen ADDR:PORT       where to listen (default 127.0.0.1:4433; port 0 picks a free one,
                           printed on stderr as "listening on ADDR:PORT")
  --cert FILE              certificate chain, PEM, leaf first
  --key FILE               the leaf's private key, PEM, unencrypted: RSA (PKCS#1 or PKCS#8) or
                           EC P-256/P-384 (SEC 1 or PKCS#8)
                           Repeat --cert/--key (paired in order) to serve several chains, e.g.
                           RSA and ECDSA: each client gets the first whose name matches its SNI
                           and whose key suits a suite and signature scheme it offers
  --groups LIST            ECDHE groups in preference order, comma-separated: x25519,
                           secp256r1 (P-256), secp384r1 (P-384) (default: all three, that order)
  --ciphers LIST           cipher suites in preference order, IANA or OpenSSL names separated
                           by commas or colons (default: tlsx's list for --policy)
  --alpn LIST              ALPN protocols to accept, comma-separated (default: no ALPN)
  --policy modern|compat   default suites: modern = ECDHE with AEAD only; compat (default) adds
                           ECDHE with CBC and RSA key exchange
  --ems on|off|require     extended master secret (default on)
  --client-auth MODE       mutual TLS: none (default), request (ask for a client certificate)
                           or require (refuse clients without one, alert handshake_failure)
  --client-ca FILE         CAs (PEM) that client certificates must chain to (EKU clientAuth);
                           needed with --client-auth request|require
  --no-client-ca-names     leave certificate_authorities in the CertificateRequest empty
  --session-cache N        resumption by session ID: keep up to N sessions in memory for 2 hours
                           (default 20000; 0 disables the cache and session IDs)
  --tickets on|off         resumption by session ticket (RFC 5077): issue tickets to clients
                           that ask, under ticket keys made at start and rotated every 12 hours
                           (default on)
  --max-connections N      connections served at once (default 64)
  --timeout SECONDS        per-operation I/O timeout after the handshake, also the idle
                           limit (default 30)
  --handshake-timeout SECONDS
                           from accept to a finished handshake, however the client trickles its
                           bytes in (default 10): a client sending a byte a second is dropped
  --help                   this text

environment:
  SSLKEYLOGFILE            append NSS key log lines (for Wireshark) to this file
)";

struct Options {
  HostPort listen{"127.0.0.1", 4433};
  std::vector<std::string> certs;
  std::vector<std::string> keys;
  std::optional<std::vector<CipherSuite>> ciphers;
  std::vector<NamedGroup> groups;
  std::vector<std::string> alpn;
  SuitePolicy policy = SuitePolicy::compat;
  EmsMode ems = EmsMode::on;
  ClientAuth client_auth = ClientAuth::none;
  std::string client_ca;
  bool client_ca_names = true;
  unsigned session_cache = 20000;  ///< entries; 0: no session-ID cache
  bool tickets = true;
  unsigned max_connections = 64;
  double timeout_seconds = 30;
  double handshake_timeout_seconds = 10;
};

[[noreturn]] void die(std::string_view message, int status = 1) {
  fmt::print(stderr, "tlsx-server: {}\n", message);
  // NOLINTNEXTLINE(concurrency-mt-unsafe): only called while starting, before any thread exists
  std::exit(status);
}

template <class T>
T or_usage_error(Parsed<T> parsed) {
  if (!parsed) die(fmt::format("{} (try --help)", parsed.error()), 2);
  return std::move(*parsed);
}

Options parse_options(int argc, char** argv) {
  Options options;
  ArgCursor args(std::span(argv + 1, static_cast<std::size_t>(argc - 1)));
  while (!args.done()) {
    const std::string_view arg = args.next();
    auto value = [&] { return std::string(or_usage_error(args.value(arg))); };
    if (arg == "--help" || arg == "-h") {
      fmt::print("{}\n{}", kUsage, cipher_suites_help());
      std::exit(0);  // NOLINT(concurrency-mt-unsafe): option parsing, before any thread exists
    } else if (arg == "--listen") {
      options.listen = or_usage_error(parse_host_port(value(), /*allow_port_zero=*/true));
    } else if (arg == "--cert") {
      options.certs.push_back(value());
    } else if (arg == "--key") {
      options.keys.push_back(value());
    } else if (arg == "--groups") {
      options.groups = or_usage_error(parse_groups(value()));
    } else if (arg == "--ciphers") {
      options.ciphers = or_usage_error(parse_cipher_suites(value()));
    } else if (arg == "--alpn") {
      options.alpn = or_usage_error(parse_alpn(value()));
    } else if (arg == "--policy") {
      options.policy = or_usage_error(parse_policy(value()));
    } else if (arg == "--ems") {
      options.ems = or_usage_error(parse_ems(value()));
    } else if (arg == "--client-auth") {
      options.client_auth = or_usage_error(parse_client_auth(value()));
    } else if (arg == "--client-ca") {
      options.client_ca = value();
    } else if (arg == "--no-client-ca-names") {
      options.client_ca_names = false;
    } else if (arg == "--session-cache") {
      options.session_cache = or_usage_error(parse_count(value(), 0, 10000000));
    } else if (arg == "--tickets") {
      options.tickets = or_usage_error(parse_on_off(value()));
    } else if (arg == "--max-connections") {
      options.max_connections = or_usage_error(parse_count(value(), 1, 10000));
    } else if (arg == "--timeout") {
      options.timeout_seconds = or_usage_error(parse_seconds(value()));
    } else if (arg == "--handshake-timeout") {
      options.handshake_timeout_seconds = or_usage_error(parse_seconds(value()));
    } else {
      die(fmt::format("unknown argument '{}' (try --help)", arg), 2);
    }
  }
  if (options.certs.empty() || options.keys.empty()) {
    die("--cert and --key are required (try --help)", 2);
  }
  if (options.certs.size() != options.keys.size()) {
    die("every --cert needs its --key (try --help)", 2);
  }
  if (options.client_auth != ClientAuth::none && options.client_ca.empty()) {
    die("--client-auth request|require needs --client-ca (try --help)", 2);
  }
  return options;
}

ServerConfig make_config(const Options& options, const std::shared_ptr<KeyLogFile>& key_log) {
  ServerConfig config;
  for (std::size_t i = 0; i < options.certs.size(); ++i) {
    auto certified = CertifiedKey::from_pem_files(options.certs[i], options.keys[i]);
    if (!certified) {
      die(fmt::format("cannot load --cert {} / --key {}: {}", options.certs[i], options.keys[i],
                      describe_load_error(certified.error())));
    }
    config.certificates.push_back(std::move(*certified));
  }
  if (options.ciphers) config.cipher_suites = *options.ciphers;
  config.groups = options.groups;
  config.alpn = options.alpn;
  config.policy = options.policy;
  config.ems = options.ems;
  config.client_auth = options.client_auth;
  config.send_client_ca_names = options.client_ca_names;
  if (!options.client_ca.empty()) {
    auto trust = TrustStore::from_pem_file(options.client_ca);
    if (!trust) {
      die(fmt::format("cannot load --client-ca {}: {}", options.client_ca,
                      describe_load_error(trust.error())));
    }
    config.client_trust = std::make_shared<const TrustStore>(std::move(*trust));
  }
  if (options.session_cache > 0) {
    MemorySessionCacheLimits limits;
    limits.max_entries = options.session_cache;
    config.session_cache = make_memory_session_cache(limits);
  }
  if (options.tickets) {
    auto keys = TicketKeys::create(*config.provider);
    if (!keys) die(fmt::format("cannot make ticket keys: {}", describe_error(keys.error())));
    config.ticket_keys = std::move(*keys);
  }
  if (key_log) config.key_log = key_log->callback();
  return config;
}

/// Serializes the per-connection log lines of concurrent threads.
void log_line(const std::string& line) {
  static std::mutex mutex;
  const std::lock_guard lock(mutex);
  fmt::print(stderr, "tlsx-server: {}\n", line);
}

struct Timeouts {
  std::chrono::milliseconds handshake;  ///< the whole handshake, from accept
  std::chrono::milliseconds io;         ///< each read or write afterwards
};

std::chrono::milliseconds to_milliseconds(double seconds) {
  return std::chrono::milliseconds(static_cast<std::int64_t>(seconds * 1000));
}

void serve_connection(const ServerConfig& config, io::Accepted accepted, Timeouts timeouts) {
  auto engine = Engine::server(config);
  if (!engine) {
    log_line(fmt::format("{} cannot start: {}", accepted.peer, describe_error(engine.error())));
    return;
  }
  // handshake() counts its timeout from the call, not per byte, so a slowloris client that
  // trickles its hello in is dropped when the handshake timeout runs out.
  io::BlockingConnection conn(std::move(*engine), std::move(accepted.fd), timeouts.handshake);
  if (auto done = conn.handshake(); !done) {
    log_line(fmt::format("{} handshake failed: {}", accepted.peer, describe_error(done.error())));
    return;
  }
  conn.set_timeout(timeouts.io);
  const Negotiated& negotiated = *conn.engine().negotiated();
  std::string summary = connection_summary(negotiated);
  if (!negotiated.peer_chain.empty()) {
    summary += fmt::format(" client=\"{}\"", negotiated.peer_chain.subject(0));
  }
  const SessionOutcome outcome = http_or_echo(conn);
  // After an idle timeout or a failed write the peer still deserves a close_notify.
  if (const Status status = conn.engine().status(); !status.closed && !status.failed) {
    (void)conn.close();
  }
  log_line(fmt::format("{} {} {}", accepted.peer, summary, outcome.description));
}

}  // namespace

int main(int argc, char** argv) {
  const Options options = parse_options(argc, argv);
  std::string key_log_error;
  const auto key_log = KeyLogFile::from_environment(&key_log_error);
  if (!key_log_error.empty()) die(key_log_error);
  const ServerConfig config = make_config(options, key_log);
  // Check the configuration once up front, so that a bad one fails at start, not per client.
  if (auto probe = Engine::server(config); !probe) {
    die(fmt::format("unusable configuration: {}", probe.error().detail));
  }

  // A deep backlog: a burst of connects beyond it would be dropped and wait for the clients' SYN
  // retransmission (a second or more) before they are even queued.
  auto listener = io::listen_tcp(options.listen.host, options.listen.port, /*backlog=*/1024);
  if (!listener)
    die(fmt::format("cannot listen on {}: {}", format_host_port(options.listen),
                    listener.error().detail));
  auto port = io::local_port(listener->get());
  if (!port) die(port.error().detail);
  fmt::print(stderr, "tlsx-server: listening on {}{} (session cache: {}, tickets: {})\n",
             format_host_port({options.listen.host, *port}),
             key_log ? fmt::format(" (key log: {})", key_log->path()) : std::string(),
             options.session_cache > 0 ? fmt::format("{} entries", options.session_cache)
                                       : std::string("off"),
             options.tickets ? "on" : "off");

  const Timeouts timeouts{to_milliseconds(options.handshake_timeout_seconds),
                          to_milliseconds(options.timeout_seconds)};
  std::counting_semaphore<> slots(options.max_connections);
  for (;;) {
    slots.acquire();
    auto accepted = io::accept_tcp(listener->get());
    if (!accepted) {
      slots.release();
      log_line(fmt::format("accept failed: {}", accepted.error().detail));
      std::this_thread::sleep_for(std::chrono::milliseconds(100));  // e.g. EMFILE: back off
      continue;
    }
    std::thread([&config, &slots, timeouts, conn = std::move(*accepted)]() mutable {
      serve_connection(config, std::move(conn), timeouts);
      slots.release();
    }).detach();
  }
}
