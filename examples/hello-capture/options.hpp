// Command line of hello-capture.
#pragma once

#include <expected>
#include <string>
#include <vector>

#include "tlsx/config.hpp"

namespace hello_capture {

struct Options {
  std::string listen = "127.0.0.1:8443";
  std::string cert;  ///< PEM chain; with key. Empty: the self-signed localhost certificate
  std::string key;
  std::string out = "hello.jsonl";  ///< JSON Lines; "-" for standard output
  std::string db;                   ///< SQLite database; empty: none
  std::size_t max_connections = 1024;
  double handshake_timeout = 10;  ///< seconds
  double idle_timeout = 30;       ///< seconds
  unsigned threads = 0;           ///< 0: one per CPU, at most 4
  std::vector<std::string> alpn{"http/1.1"};
  tlsx::ClientAuth client_auth = tlsx::ClientAuth::none;  ///< mutual TLS: ask for a certificate
  std::string client_ca;              ///< anchors for client certificates; empty: the system bundle
  std::size_t session_cache = 20000;  ///< session-ID cache entries; 0: no session IDs
  bool tickets = true;                ///< issue RFC 5077 session tickets
  bool help = false;
};

/// Parses argv; an error message for bad usage.
[[nodiscard]] std::expected<Options, std::string> parse_options(int argc, char** argv);

[[nodiscard]] const char* usage();

}  // namespace hello_capture
