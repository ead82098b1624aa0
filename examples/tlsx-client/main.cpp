// tlsx-client: connects to a TLS 1.2 server with tlsx, prints what was negotiated, sends a line
// and prints the reply; with --reconnect N it then connects N more times, offering the session
// of the previous connection, and says whether each one resumed. Exit status: 0 success,
// 1 connection or TLS failure, 2 bad arguments.
#include <sys/stat.h>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <iterator>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <fmt/format.h>

#include "cli_parsing.hpp"
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

constexpr std::string_view kUsage = R"(usage: tlsx-client HOST:PORT [options]

Connects with TLS 1.2, prints the negotiated parameters, sends TEXT and prints the reply until the
server closes the connection or stays silent for the idle time.

options:
  --servername NAME        the name the certificate must be valid for, also sent as SNI when it
                           is a DNS name (default: HOST)
  --cafile FILE            trust anchors, PEM (default: the system bundle)
  --insecure               do not verify the server's certificate (testing only)
  --ciphers LIST           cipher suites to offer in preference order, IANA or OpenSSL names
                           separated by commas or colons (default: tlsx's list for --policy)
  --alpn LIST              ALPN protocols to offer, comma-separated
  --groups LIST            ECDHE groups to offer in preference order: x25519, secp256r1 (P-256),
                           secp384r1 (P-384) (default: all three, that order)
  --policy modern|compat   default suites (default compat)
  --ems on|off|require     extended master secret (default on)
  --cert FILE              client certificate chain, PEM, leaf first, sent when the server
                           asks for one (mutual TLS); without it tlsx answers with none
  --key FILE               the client certificate's private key, PEM (RSA, or EC P-256/P-384)
  --send TEXT              what to send after the handshake (default "hello\n"; the escapes
                           \n \r \t \\ are expanded; "" sends nothing)
  --reconnect N            after the first connection, connect N more times (each with the same
                           --send), offering the session of the one before (by session ID and
                           ticket); each connection prints "resumed: yes" or "resumed: no"
  --no-tickets             do not offer session tickets (resume by session ID only)
  --sess-in FILE           offer the session saved in FILE (by --sess-out) on the first connection
  --sess-out FILE          save the last connection's session to FILE (mode 0600: it holds the
                           master secret)
  --idle SECONDS           stop reading after this long without data (default 2)
  --timeout SECONDS        connect and handshake timeout (default 10)
  --help                   this text

environment:
  SSLKEYLOGFILE            append NSS key log lines (for Wireshark) to this file
)";

struct Options {
  HostPort target;
  std::optional<std::string> servername;
  std::optional<std::string> cafile;
  bool insecure = false;
  std::optional<std::vector<CipherSuite>> ciphers;
  std::vector<std::string> alpn;
  std::vector<NamedGroup> groups;
  SuitePolicy policy = SuitePolicy::compat;
  EmsMode ems = EmsMode::on;
  std::string cert;
  std::string key;
  std::string send = "hello\n";
  unsigned reconnect = 0;
  bool tickets = true;
  std::string sess_in;
  std::string sess_out;
  double idle_seconds = 2;
  double timeout_seconds = 10;
};

[[noreturn]] void die(std::string_view message, int status = 1) {
  (void)std::fflush(stdout);  // best effort: we are exiting with an error anyway
  fmt::print(stderr, "tlsx-client: {}\n", message);
  std::exit(status);  // NOLINT(concurrency-mt-unsafe): tlsx-client has one thread
}

template <class T>
T or_usage_error(Parsed<T> parsed) {
  if (!parsed) die(fmt::format("{} (try --help)", parsed.error()), 2);
  return std::move(*parsed);
}

Options parse_options(int argc, char** argv) {
  Options options;
  bool have_target = false;
  ArgCursor args(std::span(argv + 1, static_cast<std::size_t>(argc - 1)));
  while (!args.done()) {
    const std::string_view arg = args.next();
    auto value = [&] { return std::string(or_usage_error(args.value(arg))); };
    if (arg == "--help" || arg == "-h") {
      fmt::print("{}\n{}", kUsage, cipher_suites_help());
      std::exit(0);  // NOLINT(concurrency-mt-unsafe): tlsx-client has one thread
    } else if (arg == "--servername") {
      options.servername = value();
    } else if (arg == "--cafile") {
      options.cafile = value();
    } else if (arg == "--insecure" || arg == "-k") {
      options.insecure = true;
    } else if (arg == "--ciphers") {
      options.ciphers = or_usage_error(parse_cipher_suites(value()));
    } else if (arg == "--groups") {
      options.groups = or_usage_error(parse_groups(value()));
    } else if (arg == "--alpn") {
      options.alpn = or_usage_error(parse_alpn(value()));
    } else if (arg == "--policy") {
      options.policy = or_usage_error(parse_policy(value()));
    } else if (arg == "--ems") {
      options.ems = or_usage_error(parse_ems(value()));
    } else if (arg == "--cert") {
      options.cert = value();
    } else if (arg == "--key") {
      options.key = value();
    } else if (arg == "--send") {
      options.send = unescape(value());
    } else if (arg == "--reconnect") {
      options.reconnect = or_usage_error(parse_count(value(), 0, 1000));
    } else if (arg == "--no-tickets") {
      options.tickets = false;
    } else if (arg == "--sess-in") {
      options.sess_in = value();
    } else if (arg == "--sess-out") {
      options.sess_out = value();
    } else if (arg == "--idle") {
      options.idle_seconds = or_usage_error(parse_seconds(value()));
    } else if (arg == "--timeout") {
      options.timeout_seconds = or_usage_error(parse_seconds(value()));
    } else if (arg.starts_with("-")) {
      die(fmt::format("unknown option '{}' (try --help)", arg), 2);
    } else if (have_target) {
      die(fmt::format("unexpected argument '{}': only one HOST:PORT (try --help)", arg), 2);
    } else {
      options.target = or_usage_error(parse_host_port(arg));
      have_target = true;
    }
  }
  if (!have_target) die("missing HOST:PORT (try --help)", 2);
  if (options.insecure && options.cafile) die("--cafile and --insecure exclude each other", 2);
  if (options.cert.empty() != options.key.empty()) die("--cert and --key go together", 2);
  return options;
}

std::chrono::milliseconds to_ms(double seconds) {
  return std::chrono::milliseconds(static_cast<std::int64_t>(seconds * 1000));
}

ClientConfig make_config(const Options& options, const std::shared_ptr<KeyLogFile>& key_log) {
  ClientConfig config;
  if (options.insecure) {
    config.verify_peer = false;
  } else {
    auto trust = options.cafile ? TrustStore::from_pem_file(*options.cafile) : TrustStore::system();
    if (!trust) {
      die(fmt::format("cannot load trust anchors from {}: {}",
                      options.cafile.value_or(TrustStore::kDefaultBundle),
                      describe_load_error(trust.error())));
    }
    config.trust = std::make_shared<const TrustStore>(std::move(*trust));
  }
  if (options.ciphers) config.cipher_suites = *options.ciphers;
  config.groups = options.groups;
  config.alpn = options.alpn;
  if (!options.cert.empty()) {
    auto certified = CertifiedKey::from_pem_files(options.cert, options.key);
    if (!certified) {
      die(fmt::format("cannot load --cert {} / --key {}: {}", options.cert, options.key,
                      describe_load_error(certified.error())));
    }
    config.certificate = std::move(*certified);
  }
  config.policy = options.policy;
  config.ems = options.ems;
  config.offer_session_tickets = options.tickets;
  if (key_log) config.key_log = key_log->callback();
  return config;
}

/// How reading the reply ended.
enum class ReplyEnd { close_notify, idle };

Result<ReplyEnd> print_reply(io::BlockingConnection& conn, std::chrono::milliseconds idle) {
  conn.set_timeout(idle);
  std::vector<std::uint8_t> buffer(16 * 1024);
  for (;;) {
    auto n = conn.read_some(buffer);
    if (!n) {
      if (n.error().code == ErrorCode::timeout) return ReplyEnd::idle;
      return std::unexpected(n.error());
    }
    if (*n == 0) return ReplyEnd::close_notify;
    // The reply is shown as it comes; a closed stdout must not cut the TLS session short.
    (void)std::fwrite(buffer.data(), 1, *n, stdout);
    (void)std::fflush(stdout);
  }
}

/// One connection: handshake (offering config.session if any), print what was negotiated, send,
/// print the reply, close. Returns the session to offer next time (none if the server gave
/// nothing resumable).
std::optional<Session> run_connection(const Options& options, const ClientConfig& config,
                                      const std::string& servername) {
  const std::string target = format_host_port(options.target);
  auto engine = Engine::client(config, servername);
  if (!engine) die(fmt::format("unusable configuration: {}", engine.error().detail));
  auto fd =
      io::connect_tcp(options.target.host, options.target.port, to_ms(options.timeout_seconds));
  if (!fd) die(fmt::format("cannot connect to {}: {}", target, describe_error(fd.error())));

  io::BlockingConnection conn(std::move(*engine), std::move(*fd), to_ms(options.timeout_seconds));
  if (auto done = conn.handshake(); !done) {
    die(fmt::format("handshake failed: {} (peer {})", describe_error(done.error()), target));
  }
  fmt::print("connected to {} as {}\n", target, servername);
  for (const auto& [label, value] : negotiated_fields(*conn.engine().negotiated())) {
    fmt::print("{}: {}\n", label, value);
  }
  if (options.insecure) fmt::print("certificate verification: OFF (--insecure)\n");
  if (config.certificate) {
    const bool sent = conn.engine().negotiated()->client_signature_scheme.has_value();
    fmt::print("client certificate: {}\n",
               sent ? config.certificate->chain.subject(0) : std::string("not sent"));
  }
  // Taken now: the session (with any ticket, which came before the server's Finished) is
  // complete once the handshake is.
  std::optional<Session> session = conn.engine().session();

  if (!options.send.empty()) {
    if (auto sent = conn.write_all(options.send); !sent) {
      die(fmt::format("send failed: {}", describe_error(sent.error())));
    }
  }
  fmt::print("--- sent {} bytes; reply:\n", options.send.size());
  (void)std::fflush(stdout);
  auto ended = print_reply(conn, to_ms(options.idle_seconds));
  if (!ended) die(fmt::format("reading the reply failed: {}", describe_error(ended.error())));
  conn.set_timeout(to_ms(options.timeout_seconds));
  const auto closed = conn.close();
  fmt::print("--- end: {}\n", *ended == ReplyEnd::close_notify ? "server sent close_notify"
                                                               : "idle timeout, sent close_notify");
  if (!closed) die(fmt::format("close failed: {}", describe_error(closed.error())));
  return session;
}

std::optional<Session> read_session_file(const std::string& path) {
  std::ifstream file(path, std::ios::binary);
  if (!file) die(fmt::format("cannot read --sess-in {}", path));
  const std::vector<std::uint8_t> bytes((std::istreambuf_iterator<char>(file)),
                                        std::istreambuf_iterator<char>());
  auto session = Session::deserialize(bytes);
  if (!session) {
    die(fmt::format("--sess-in {}: not a saved session: {}", path,
                    describe_load_error(session.error())));
  }
  return std::move(*session);
}

void write_session_file(const std::string& path, const std::optional<Session>& session) {
  if (!session) die(fmt::format("--sess-out {}: the server made no resumable session", path));
  auto bytes = session->serialize();
  if (!bytes) die(fmt::format("--sess-out {}: {}", path, describe_load_error(bytes.error())));
  // The bytes hold the master secret: only the owner may read them.
  const mode_t old_mask = ::umask(077);
  std::ofstream file(path, std::ios::binary | std::ios::trunc);
  ::umask(old_mask);
  file.write(reinterpret_cast<const char*>(bytes->data()),
             static_cast<std::streamsize>(bytes->size()));
  if (!file) die(fmt::format("cannot write --sess-out {}", path));
}

}  // namespace

int main(int argc, char** argv) {
  const Options options = parse_options(argc, argv);
  std::string key_log_error;
  const auto key_log = KeyLogFile::from_environment(&key_log_error);
  if (!key_log_error.empty()) die(key_log_error);
  const ClientConfig base = make_config(options, key_log);
  const std::string servername = options.servername.value_or(options.target.host);

  // Sessions are kept per (server name, port), as an application talking to several servers would.
  ClientSessionStore store;
  if (!options.sess_in.empty()) {
    if (auto saved = read_session_file(options.sess_in)) {
      store.store(servername, options.target.port, std::move(*saved));
    }
  }
  std::optional<Session> last;
  for (unsigned i = 0; i <= options.reconnect; ++i) {
    if (i > 0) {
      fmt::print("=== reconnect {} of {}\n", i, options.reconnect);
    }
    ClientConfig config = base;
    config.session = store.find(servername, options.target.port);
    last = run_connection(options, config, servername);
    if (last) {
      store.store(servername, options.target.port, *last);
    } else {
      store.erase(servername, options.target.port);
    }
  }
  if (!options.sess_out.empty()) write_session_file(options.sess_out, last);
  return 0;
}
