#include "options.hpp"

#include <cstdio>
#include <cstdlib>

#include <fmt/format.h>

namespace tlsx::step {

namespace {

constexpr std::string_view kUsage = R"(usage: tlsx-step [options]

Runs a TLS 1.2 handshake one step at a time and shows, at each step, both sides' states, the
message that moved and in which direction, its bytes decoded field by field, the secrets derived
with their formula, and the tlsx code that did it. Press Enter for the next step.

By default a client and a server run in this process (with a built-in demo certificate for
localhost). --connect or --listen step one side against a real peer instead.

options:
  --auto                 run through without waiting for Enter
  --suite NAME           the cipher suite (IANA or OpenSSL name; a comma-separated list is
                         offered in that order); default: tlsx's list
  --ems / --no-ems       offer extended master secret (RFC 7627) or not (default --ems)
  --mtls                 mutual TLS: the server requires a client certificate (chained to the
                         demo CA) and the client answers with the built-in demo client one
  --resume               after the full handshake, a second connection resumes its session
                         (abbreviated handshake, RFC 5246 §7.3): the summary shows which steps
                         it skipped and why (in-process only)
  --ticket               with --resume: resume by session ticket (RFC 5077) instead of by the
                         server's session-ID cache
  --fragment N           cut plaintext handshake records into records of at most N bytes
                         (1..16384) before the receiving engine sees them
  --seed N               deterministic randoms and keys (client and server get different
                         streams derived from N) and a fixed clock (2027-01-01): the same N
                         gives the same bytes every time. Never use this for real traffic.
  --connect HOST:PORT    step a client against a real server
  --listen PORT          step a server for one real client (on 127.0.0.1)
  --servername NAME      with --connect: the name to verify (and SNI); default HOST
  --cafile FILE          with --connect: trust anchors (default: the system bundle)
  --insecure             with --connect: do not verify the server certificate
  --cert FILE --key FILE with --listen: the certificate (default: the built-in demo one)
  --send TEXT            application data the client sends after the handshake (\r \n \t
                         expanded); with --listen, what the server answers
  --keylog FILE          write the NSS key log (Wireshark: TLS > (Pre)-Master-Secret log)
  --html FILE            also write the whole run as one self-contained HTML page
  --timeout SECONDS      network timeout for --connect/--listen (default 10)
  --help                 this text

)";

[[noreturn]] void usage_error(std::string_view message) {
  static_cast<void>(std::fflush(stdout));
  fmt::print(stderr, "tlsx-step: {} (try --help)\n", message);
  std::exit(2);  // NOLINT(concurrency-mt-unsafe): single-threaded, before any work
}

template <class T>
T or_usage(examples::Parsed<T> parsed) {
  if (!parsed) usage_error(parsed.error());
  return std::move(*parsed);
}

}  // namespace

Options parse_options(int argc, char** argv) {
  Options o;
  examples::ArgCursor args(std::span<char*>(argv + 1, static_cast<std::size_t>(argc - 1)));
  while (!args.done()) {
    const auto arg = args.next();
    auto value = [&]() { return std::string(or_usage(args.value(arg))); };
    if (arg == "--help" || arg == "-h") {
      fmt::print("{}{}", kUsage, examples::cipher_suites_help());
      std::exit(0);  // NOLINT(concurrency-mt-unsafe): single-threaded, before any work
    } else if (arg == "--auto") {
      o.auto_run = true;
    } else if (arg == "--suite") {
      o.suite_text = value();
      o.suites = or_usage(examples::parse_cipher_suites(o.suite_text));
    } else if (arg == "--ems") {
      o.ems = true;
    } else if (arg == "--no-ems") {
      o.ems = false;
    } else if (arg == "--fragment") {
      o.fragment = or_usage(examples::parse_count(value(), 1, 16384));
    } else if (arg == "--seed") {
      const auto text = value();
      char* end = nullptr;
      const auto n = std::strtoull(text.c_str(), &end, 10);
      if (text.empty() || *end != '\0') usage_error("--seed wants a decimal number");
      o.seed = n;
    } else if (arg == "--connect") {
      o.connect = or_usage(examples::parse_host_port(value()));
    } else if (arg == "--listen") {
      o.listen = static_cast<std::uint16_t>(or_usage(examples::parse_count(value(), 1, 65535)));
    } else if (arg == "--servername") {
      o.servername = value();
    } else if (arg == "--cafile") {
      o.cafile = value();
    } else if (arg == "--mtls") {
      o.mtls = true;
    } else if (arg == "--resume") {
      o.resume = true;
    } else if (arg == "--ticket") {
      o.ticket = true;
    } else if (arg == "--insecure") {
      o.insecure = true;
    } else if (arg == "--cert") {
      o.cert = value();
    } else if (arg == "--key") {
      o.key = value();
    } else if (arg == "--send") {
      o.send = examples::unescape(value());
      o.send_given = true;
    } else if (arg == "--keylog") {
      o.keylog = value();
    } else if (arg == "--html") {
      o.html = value();
    } else if (arg == "--timeout") {
      o.timeout_seconds = or_usage(examples::parse_seconds(value()));
    } else {
      usage_error(fmt::format("unknown argument '{}'", arg));
    }
  }
  if (o.connect && o.listen) usage_error("--connect and --listen exclude each other");
  if (o.cert.has_value() != o.key.has_value()) usage_error("--cert and --key go together");
  if (o.resume && (o.connect || o.listen)) usage_error("--resume runs in-process only");
  if (o.ticket && !o.resume) usage_error("--ticket goes with --resume");
  if (o.servername.empty()) o.servername = o.connect ? o.connect->host : "localhost";
  return o;
}

std::string describe(const Options& o) {
  std::string out = fmt::format("suite={} ems={}", o.suite_text.empty() ? "default" : o.suite_text,
                                o.ems ? "on" : "off");
  if (o.mtls) out += " mtls=on";
  if (o.resume) out += o.ticket ? " resume=ticket" : " resume=session-id";
  if (o.fragment > 0) out += fmt::format(" fragment={}", o.fragment);
  out += o.seed ? fmt::format(" seed={} (fixed clock 2027-01-01T00:00:00Z)", *o.seed)
                : std::string(" seed=none (real randomness)");
  return out;
}

}  // namespace tlsx::step
