#include "report.hpp"

#include <fmt/format.h>

#include "handshake/cipher_suites.hpp"
#include "tlsx/code_points.hpp"

namespace tlsx::examples {
namespace {

std::string with_detail(std::string head, const std::string& detail) {
  return detail.empty() ? head : fmt::format("{}: {}", head, detail);
}

std::string yes_no(bool value) {
  return value ? "yes" : "no";
}

}  // namespace

std::string describe_error(const Error& error) {
  switch (error.code) {
    case ErrorCode::io:
    case ErrorCode::timeout:
      return with_detail(std::string(to_string(error.code)), error.detail);
    case ErrorCode::truncated:
    case ErrorCode::closed:
      return error.detail.empty() ? std::string(to_string(error.code)) : error.detail;
    case ErrorCode::peer_alert:
      return with_detail(fmt::format("{} (received from peer)", to_string(error.alert)),
                         error.detail);
    default:
      return with_detail(fmt::format("{} (sent to peer)", to_string(error.alert)), error.detail);
  }
}

std::string describe_load_error(const Error& error) {
  return with_detail(std::string(to_string(error.code)), error.detail);
}

std::string connection_summary(const Negotiated& n) {
  std::string line = fmt::format("{} {}", to_string(n.version), n.cipher_suite_name);
  if (n.group) line += fmt::format(" {}", to_string(*n.group));
  line += fmt::format(" ems={}", yes_no(n.extended_master_secret));
  const auto* suite = handshake::find_cipher_suite(n.cipher_suite);
  if (suite != nullptr && !suite->is_aead())
    line += fmt::format(" etm={}", yes_no(n.encrypt_then_mac));
  line += fmt::format(" sni={} alpn={}", n.server_name.empty() ? "-" : n.server_name,
                      n.alpn.empty() ? "-" : n.alpn);
  if (n.client_signature_scheme) {
    line += fmt::format(" client-sig={}", to_string(*n.client_signature_scheme));
  }
  line += fmt::format(" resumed={}", yes_no(n.resumed));
  return line;
}

std::vector<std::pair<std::string, std::string>> negotiated_fields(const Negotiated& n) {
  std::vector<std::pair<std::string, std::string>> out;
  out.emplace_back("version", to_string(n.version));
  out.emplace_back("cipher suite",
                   n.cipher_suite_name.empty() ? to_string(n.cipher_suite) : n.cipher_suite_name);
  std::string kx = n.key_exchange;
  if (n.group) kx += fmt::format(" ({})", to_string(*n.group));
  out.emplace_back("key exchange", kx);
  if (n.signature_scheme) out.emplace_back("signature", to_string(*n.signature_scheme));
  out.emplace_back("extended master secret", yes_no(n.extended_master_secret));
  const auto* suite = handshake::find_cipher_suite(n.cipher_suite);
  if (suite != nullptr && !suite->is_aead()) {
    out.emplace_back("encrypt-then-MAC", yes_no(n.encrypt_then_mac));
  }
  out.emplace_back("secure renegotiation", yes_no(n.secure_renegotiation));
  out.emplace_back("ALPN", n.alpn.empty() ? "none" : n.alpn);
  out.emplace_back("SNI", n.server_name.empty() ? "none" : n.server_name);
  out.emplace_back("resumed", yes_no(n.resumed));
  if (n.client_signature_scheme) {
    out.emplace_back("client certificate signature", to_string(*n.client_signature_scheme));
  }
  if (!n.peer_chain.empty()) {
    out.emplace_back("peer certificate", n.peer_chain.subject(0));
    if (!n.verified_chain.empty()) {
      out.emplace_back("verified by", n.verified_chain.subject(n.verified_chain.size() - 1));
    }
  }
  return out;
}

}  // namespace tlsx::examples
