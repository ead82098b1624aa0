#include "cli_parsing.hpp"

#include <charconv>
#include <cstdlib>

#include <fmt/format.h>

#include "handshake/cipher_suites.hpp"

namespace tlsx::examples {
namespace {

/// Splits on any of the separators, dropping empty pieces and surrounding spaces.
std::vector<std::string_view> split(std::string_view list, std::string_view separators) {
  std::vector<std::string_view> out;
  while (!list.empty()) {
    const std::size_t end = list.find_first_of(separators);
    std::string_view piece = list.substr(0, end);
    while (!piece.empty() && piece.front() == ' ') piece.remove_prefix(1);
    while (!piece.empty() && piece.back() == ' ') piece.remove_suffix(1);
    if (!piece.empty()) out.push_back(piece);
    if (end == std::string_view::npos) break;
    list.remove_prefix(end + 1);
  }
  return out;
}

}  // namespace

Parsed<std::vector<CipherSuite>> parse_cipher_suites(std::string_view list) {
  std::vector<CipherSuite> suites;
  for (std::string_view name : split(list, ",:")) {
    const auto* info = handshake::find_cipher_suite_by_iana_name(name);
    if (info == nullptr) info = handshake::find_cipher_suite_by_openssl_name(name);
    if (info == nullptr) {
      return std::unexpected(fmt::format(
          "unknown or unsupported cipher suite '{}' (IANA or OpenSSL names; --help lists them)",
          name));
    }
    suites.push_back(info->id);
  }
  if (suites.empty()) return std::unexpected(std::string("empty cipher suite list"));
  return suites;
}

std::string cipher_suites_help() {
  std::string text = "cipher suites (IANA name / OpenSSL name), in tlsx's default order:\n";
  for (const auto& suite : handshake::supported_cipher_suites()) {
    text += fmt::format("  {:<46} {}\n", suite.iana_name, suite.openssl_name);
  }
  text += "(ECDHE_ECDSA suites need an ECDSA certificate; ECDHE_RSA and RSA ones an RSA one.)\n";
  return text;
}

Parsed<std::vector<NamedGroup>> parse_groups(std::string_view list) {
  struct Name {
    std::string_view text;
    NamedGroup group;
  };
  static constexpr Name kNames[] = {
      {"x25519", NamedGroup::x25519},        {"X25519", NamedGroup::x25519},
      {"secp256r1", NamedGroup::secp256r1},  {"P-256", NamedGroup::secp256r1},
      {"prime256v1", NamedGroup::secp256r1}, {"secp384r1", NamedGroup::secp384r1},
      {"P-384", NamedGroup::secp384r1},
  };
  std::vector<NamedGroup> groups;
  for (std::string_view name : split(list, ",:")) {
    const Name* found = nullptr;
    for (const Name& n : kNames) {
      if (n.text == name) found = &n;
    }
    if (found == nullptr) {
      return std::unexpected(fmt::format(
          "unknown or unsupported group '{}' (x25519, secp256r1/P-256, secp384r1/P-384)", name));
    }
    groups.push_back(found->group);
  }
  if (groups.empty()) return std::unexpected(std::string("empty group list"));
  return groups;
}

Parsed<std::vector<std::string>> parse_alpn(std::string_view list) {
  std::vector<std::string> names;
  for (std::string_view name : split(list, ",")) {
    if (name.size() > 255) {
      return std::unexpected(fmt::format("ALPN name longer than 255 bytes: '{}'", name));
    }
    names.emplace_back(name);
  }
  if (names.empty()) return std::unexpected(std::string("empty ALPN list"));
  return names;
}

Parsed<EmsMode> parse_ems(std::string_view text) {
  if (text == "on") return EmsMode::on;
  if (text == "off") return EmsMode::off;
  if (text == "require") return EmsMode::require;
  return std::unexpected(fmt::format("--ems must be on, off or require, not '{}'", text));
}

Parsed<ClientAuth> parse_client_auth(std::string_view text) {
  if (text == "none") return ClientAuth::none;
  if (text == "request") return ClientAuth::request;
  if (text == "require") return ClientAuth::require;
  return std::unexpected(
      fmt::format("--client-auth must be none, request or require, not '{}'", text));
}

Parsed<SuitePolicy> parse_policy(std::string_view text) {
  if (text == "modern") return SuitePolicy::modern;
  if (text == "compat") return SuitePolicy::compat;
  return std::unexpected(fmt::format("--policy must be modern or compat, not '{}'", text));
}

Parsed<HostPort> parse_host_port(std::string_view text, bool allow_port_zero) {
  HostPort out;
  std::string_view port_text;
  if (text.starts_with('[')) {
    const std::size_t close = text.find(']');
    if (close == std::string_view::npos || close + 1 >= text.size() || text[close + 1] != ':') {
      return std::unexpected(fmt::format("'{}' is not [IPv6]:PORT", text));
    }
    out.host = std::string(text.substr(1, close - 1));
    port_text = text.substr(close + 2);
  } else {
    const std::size_t colon = text.rfind(':');
    if (colon == std::string_view::npos || text.find(':') != colon) {
      return std::unexpected(fmt::format("'{}' is not HOST:PORT", text));
    }
    out.host = std::string(text.substr(0, colon));
    port_text = text.substr(colon + 1);
  }
  unsigned port = 0;
  const auto [end, ec] =
      std::from_chars(port_text.data(), port_text.data() + port_text.size(), port);
  if (out.host.empty() || ec != std::errc() || end != port_text.data() + port_text.size() ||
      (port == 0 && !allow_port_zero) || port > 65535) {
    return std::unexpected(fmt::format("'{}' is not HOST:PORT with a port from {} to 65535", text,
                                       allow_port_zero ? 0 : 1));
  }
  out.port = static_cast<std::uint16_t>(port);
  return out;
}

std::string format_host_port(const HostPort& where) {
  return where.host.find(':') != std::string::npos ? fmt::format("[{}]:{}", where.host, where.port)
                                                   : fmt::format("{}:{}", where.host, where.port);
}

Parsed<bool> parse_on_off(std::string_view text) {
  if (text == "on") return true;
  if (text == "off") return false;
  return std::unexpected(fmt::format("'{}' is neither on nor off", text));
}

Parsed<unsigned> parse_count(std::string_view text, unsigned min, unsigned max) {
  unsigned value = 0;
  const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (text.empty() || ec != std::errc() || end != text.data() + text.size() || value < min ||
      value > max) {
    return std::unexpected(fmt::format("'{}' is not a whole number from {} to {}", text, min, max));
  }
  return value;
}

Parsed<double> parse_seconds(std::string_view text) {
  const std::string copy(text);
  char* end = nullptr;
  const double value = std::strtod(copy.c_str(), &end);
  if (copy.empty() || end != copy.c_str() + copy.size() || !(value > 0) || value > 86400) {
    return std::unexpected(fmt::format("'{}' is not a number of seconds (0 < s <= 86400)", text));
  }
  return value;
}

std::string unescape(std::string_view text) {
  std::string out;
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (text[i] != '\\' || i + 1 == text.size()) {
      out += text[i];
      continue;
    }
    switch (text[++i]) {
      case 'n':
        out += '\n';
        break;
      case 'r':
        out += '\r';
        break;
      case 't':
        out += '\t';
        break;
      case '\\':
        out += '\\';
        break;
      default:
        out += '\\';
        out += text[i];
    }
  }
  return out;
}

std::string_view ArgCursor::next() {
  std::string_view arg = args_[pos_++];
  has_inline_value_ = false;
  if (arg.starts_with("--")) {
    const std::size_t eq = arg.find('=');
    if (eq != std::string_view::npos) {
      inline_value_ = arg.substr(eq + 1);
      has_inline_value_ = true;
      return arg.substr(0, eq);
    }
  }
  return arg;
}

Parsed<std::string_view> ArgCursor::value(std::string_view option) {
  if (has_inline_value_) {
    has_inline_value_ = false;
    return inline_value_;
  }
  if (done()) return std::unexpected(fmt::format("{} needs a value", option));
  return std::string_view(args_[pos_++]);
}

}  // namespace tlsx::examples
