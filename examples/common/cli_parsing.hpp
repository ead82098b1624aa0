// Parsing the command-line values tlsx-server and tlsx-client share. Every parser returns a
// one-line error message (without the program name) on bad input.
#pragma once

#include <cstdint>
#include <expected>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "tlsx/code_points.hpp"
#include "tlsx/config.hpp"

namespace tlsx::examples {

template <class T>
using Parsed = std::expected<T, std::string>;

/// "TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256,AES128-SHA" (IANA or OpenSSL names, separated by commas
/// or colons) -> suites in that order. Unknown names and suites tlsx does not implement fail.
Parsed<std::vector<CipherSuite>> parse_cipher_suites(std::string_view list);

/// The suites tlsx implements with both names, for --help.
std::string cipher_suites_help();

/// "x25519,secp256r1" -> groups in that order (also "P-256", "P-384", "prime256v1" as OpenSSL
/// spells them). Unknown names and groups tlsx does not implement fail.
Parsed<std::vector<NamedGroup>> parse_groups(std::string_view list);

/// "h2,http/1.1" -> {"h2", "http/1.1"}. Names must be 1..255 bytes.
Parsed<std::vector<std::string>> parse_alpn(std::string_view list);

/// "on" | "off" | "require".
Parsed<EmsMode> parse_ems(std::string_view text);

/// "none" | "request" | "require" (--client-auth).
Parsed<ClientAuth> parse_client_auth(std::string_view text);

/// "on" | "off" (--tickets).
Parsed<bool> parse_on_off(std::string_view text);

/// "modern" | "compat".
Parsed<SuitePolicy> parse_policy(std::string_view text);

struct HostPort {
  std::string host;  ///< without brackets for IPv6 literals
  std::uint16_t port = 0;
};
/// "host:port", "1.2.3.4:port" or "[::1]:port". Port 0 only when allowed (a listener's "any").
Parsed<HostPort> parse_host_port(std::string_view text, bool allow_port_zero = false);
/// The inverse: brackets around IPv6 literals.
std::string format_host_port(const HostPort& where);

/// A decimal integer in [min, max].
Parsed<unsigned> parse_count(std::string_view text, unsigned min, unsigned max);

/// A decimal number of seconds (fractions allowed: "0.5"), > 0 and at most a day.
Parsed<double> parse_seconds(std::string_view text);

/// Expands the escapes \n \r \t \\ (so that --send 'GET / HTTP/1.0\r\n\r\n' works).
std::string unescape(std::string_view text);

/// Command-line arguments as a queue: "--name value" and "--name=value" both work.
class ArgCursor {
 public:
  explicit ArgCursor(std::span<char*> args) : args_(args) {}
  [[nodiscard]] bool done() const noexcept { return pos_ >= args_.size(); }
  /// The next argument; for "--name=value" only "--name" (the value waits for value()).
  std::string_view next();
  /// The value of the option just returned by next(); an error message when it is missing.
  Parsed<std::string_view> value(std::string_view option);

 private:
  std::span<char*> args_;
  std::size_t pos_ = 0;
  std::string_view inline_value_;
  bool has_inline_value_ = false;
};

}  // namespace tlsx::examples
