#include "options.hpp"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <string_view>

namespace hello_capture {
namespace {

std::expected<double, std::string> seconds(std::string_view name, const std::string& text) {
  char* end = nullptr;
  const double v = std::strtod(text.c_str(), &end);
  if (text.empty() || end != text.c_str() + text.size() || !std::isfinite(v) || v <= 0 ||
      v > 86400) {
    return std::unexpected(std::string(name) + " wants seconds (0 < s <= 86400), got '" + text +
                           "'");
  }
  return v;
}

std::expected<std::size_t, std::string> count(std::string_view name, const std::string& text,
                                              std::size_t max) {
  std::size_t v = 0;
  const auto [ptr, ec] = std::from_chars(text.data(), text.data() + text.size(), v);
  if (ec != std::errc() || ptr != text.data() + text.size() || v == 0 || v > max) {
    return std::unexpected(std::string(name) + " wants a number from 1 to " + std::to_string(max) +
                           ", got '" + text + "'");
  }
  return v;
}

std::vector<std::string> split_commas(const std::string& text) {
  std::vector<std::string> out;
  std::size_t start = 0;
  while (start <= text.size()) {
    const auto comma = text.find(',', start);
    const std::string item =
        text.substr(start, comma == std::string::npos ? std::string::npos : comma - start);
    if (!item.empty()) out.push_back(item);
    if (comma == std::string::npos) break;
    start = comma + 1;
  }
  return out;
}

}  // namespace

const char* usage() {
  return R"(usage: hello-capture [options]

A TLS 1.2 server that records every ClientHello it receives (JSON Lines, optionally SQLite),
with JA3/JA3N/JA4 fingerprints, and shows each client its own hello over HTTPS.

  --listen HOST:PORT        address to listen on (default 127.0.0.1:8443; port 0: any free port)
  --cert FILE --key FILE    PEM certificate chain and its key, RSA or EC P-256/P-384 (default: a
                            self-signed RSA certificate for localhost in
                            ${XDG_STATE_HOME:-$HOME/.local/state}/tlsx, made with openssl on
                            first use)
  --out FILE                JSON Lines capture file, appended to (default hello.jsonl; - = stdout)
  --db FILE                 also store captures in this SQLite database
  --max-conns N             open connections at most (default 1024); more are closed at once
  --handshake-timeout S     seconds from accept to a finished handshake (default 10)
  --idle-timeout S          seconds to send a request after the handshake, and again to read
                            the answer (default 30)
  --threads N               worker threads (default: one per CPU, at most 4)
  --alpn LIST               ALPN protocols to accept, comma-separated (default http/1.1; "" = none)
  --client-auth MODE        none (default), request or require a client certificate; its subject
                            and issuer go into the capture (also when it fails verification)
  --client-ca FILE          CAs (PEM) client certificates must chain to (default: system bundle)
  --session-cache N         resume by session ID: keep up to N sessions for 2 hours (default
                            20000; 0: off); a capture says whether its handshake resumed
  --tickets on|off          resume by session ticket (RFC 5077) (default on)
  -h, --help                this text

Then: curl -k https://localhost:8443/   (your hello as HTML; /json as JSON; /stats for counts)
)";
}

std::expected<Options, std::string> parse_options(int argc, char** argv) {
  Options o;
  for (int i = 1; i < argc; ++i) {
    std::string arg = argv[i];
    std::string value;
    bool has_value = false;
    if (const auto eq = arg.find('='); arg.starts_with("--") && eq != std::string::npos) {
      value = arg.substr(eq + 1);
      arg.resize(eq);
      has_value = true;
    }
    if (arg == "-h" || arg == "--help") {
      o.help = true;
      continue;
    }
    static constexpr std::string_view kWithValue[] = {"--listen",
                                                      "--cert",
                                                      "--key",
                                                      "--out",
                                                      "--db",
                                                      "--max-conns",
                                                      "--threads",
                                                      "--handshake-timeout",
                                                      "--idle-timeout",
                                                      "--alpn",
                                                      "--client-auth",
                                                      "--client-ca",
                                                      "--session-cache",
                                                      "--tickets"};
    if (std::find(std::begin(kWithValue), std::end(kWithValue), arg) == std::end(kWithValue)) {
      return std::unexpected("unknown option " + arg + " (see --help)");
    }
    auto next = [&]() -> std::expected<std::string, std::string> {
      if (has_value) return value;
      if (i + 1 >= argc) return std::unexpected(arg + " needs a value");
      return std::string(argv[++i]);
    };
    auto v = next();
    if (!v) return std::unexpected(v.error());
    if (arg == "--listen") {
      o.listen = *v;
    } else if (arg == "--cert") {
      o.cert = *v;
    } else if (arg == "--key") {
      o.key = *v;
    } else if (arg == "--out") {
      o.out = *v;
    } else if (arg == "--db") {
      o.db = *v;
    } else if (arg == "--max-conns") {
      auto n = count(arg, *v, 1'000'000);
      if (!n) return std::unexpected(n.error());
      o.max_connections = *n;
    } else if (arg == "--threads") {
      auto n = count(arg, *v, 64);
      if (!n) return std::unexpected(n.error());
      o.threads = static_cast<unsigned>(*n);
    } else if (arg == "--handshake-timeout") {
      auto s = seconds(arg, *v);
      if (!s) return std::unexpected(s.error());
      o.handshake_timeout = *s;
    } else if (arg == "--idle-timeout") {
      auto s = seconds(arg, *v);
      if (!s) return std::unexpected(s.error());
      o.idle_timeout = *s;
    } else if (arg == "--alpn") {
      o.alpn = split_commas(*v);
    } else if (arg == "--client-auth") {
      if (*v == "none") {
        o.client_auth = tlsx::ClientAuth::none;
      } else if (*v == "request") {
        o.client_auth = tlsx::ClientAuth::request;
      } else if (*v == "require") {
        o.client_auth = tlsx::ClientAuth::require;
      } else {
        return std::unexpected("--client-auth wants none, request or require, got '" + *v + "'");
      }
    } else if (arg == "--client-ca") {
      o.client_ca = *v;
    } else if (arg == "--session-cache") {
      if (*v == "0") {
        o.session_cache = 0;
      } else {
        auto n = count(arg, *v, 10'000'000);
        if (!n) return std::unexpected(n.error());
        o.session_cache = *n;
      }
    } else if (arg == "--tickets") {
      if (*v != "on" && *v != "off") {
        return std::unexpected("--tickets wants on or off, got '" + *v + "'");
      }
      o.tickets = *v == "on";
    }
  }
  if (o.cert.empty() != o.key.empty()) {
    return std::unexpected(std::string("--cert and --key go together"));
  }
  if (o.out.empty()) return std::unexpected(std::string("--out needs a file name"));
  return o;
}

}  // namespace hello_capture
