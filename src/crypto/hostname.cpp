// Reference names and RFC 6125 matching against subjectAltName.
#include "crypto/hostname.hpp"

#include <algorithm>

#include "crypto/x509_certificate.hpp"

namespace tlsx::crypto {

namespace {

char lower(char c) {
  return (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c;
}

bool iequal(std::string_view a, std::string_view b) {
  return a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin(),
                                            [](char x, char y) { return lower(x) == lower(y); });
}

bool parse_ipv4(std::string_view text, std::vector<std::uint8_t>& out) {
  std::vector<std::uint8_t> octets;
  std::size_t start = 0;
  while (true) {
    const std::size_t dot = text.find('.', start);
    const std::string_view part =
        text.substr(start, dot == std::string_view::npos ? std::string_view::npos : dot - start);
    // 1..3 digits, no leading zero (inet_aton would read "010" as octal: refuse the ambiguity).
    if (part.empty() || part.size() > 3 || (part.size() > 1 && part[0] == '0')) return false;
    unsigned value = 0;
    for (const char c : part) {
      if (c < '0' || c > '9') return false;
      value = value * 10 + static_cast<unsigned>(c - '0');
    }
    if (value > 255) return false;
    octets.push_back(static_cast<std::uint8_t>(value));
    if (dot == std::string_view::npos) break;
    start = dot + 1;
  }
  if (octets.size() != 4) return false;
  out = std::move(octets);
  return true;
}

int hex_value(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

// One side of "::": groups separated by single colons; the last group of the address may be a
// dotted quad (allow_ipv4). Appends 16-bit groups as octet pairs.
bool parse_ipv6_groups(std::string_view text, bool allow_ipv4, std::vector<std::uint8_t>& out) {
  if (text.empty()) return true;
  std::size_t start = 0;
  while (true) {
    const std::size_t colon = text.find(':', start);
    const bool last = colon == std::string_view::npos;
    const std::string_view group =
        text.substr(start, last ? std::string_view::npos : colon - start);
    if (last && allow_ipv4 && group.find('.') != std::string_view::npos) {
      std::vector<std::uint8_t> v4;
      if (!parse_ipv4(group, v4)) return false;
      out.insert(out.end(), v4.begin(), v4.end());
      return true;
    }
    if (group.empty() || group.size() > 4) return false;
    unsigned value = 0;
    for (const char c : group) {
      const int h = hex_value(c);
      if (h < 0) return false;
      value = value << 4 | static_cast<unsigned>(h);
    }
    out.push_back(static_cast<std::uint8_t>(value >> 8));
    out.push_back(static_cast<std::uint8_t>(value));
    if (last) return true;
    start = colon + 1;
  }
}

bool parse_ipv6(std::string_view text, std::vector<std::uint8_t>& out) {
  std::vector<std::uint8_t> head, tail;
  const std::size_t gap = text.find("::");
  if (gap == std::string_view::npos) {
    if (!parse_ipv6_groups(text, true, head) || head.size() != 16) return false;
    out = std::move(head);
    return true;
  }
  const std::string_view after = text.substr(gap + 2);
  if (after.find("::") != std::string_view::npos) return false;
  if (!parse_ipv6_groups(text.substr(0, gap), false, head) ||
      !parse_ipv6_groups(after, true, tail)) {
    return false;
  }
  if (head.size() + tail.size() > 14) return false;  // "::" stands for at least one group
  out = std::move(head);
  out.resize(16 - tail.size(), 0);
  out.insert(out.end(), tail.begin(), tail.end());
  return true;
}

bool valid_dns_label(std::string_view label) {
  if (label.empty() || label.size() > 63) return false;
  return std::all_of(label.begin(), label.end(), [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' ||
           c == '_';
  });
}

std::size_t count_labels(std::string_view name) {
  return static_cast<std::size_t>(std::count(name.begin(), name.end(), '.')) + 1;
}

}  // namespace

bool parse_ip_literal(std::string_view text, std::vector<std::uint8_t>& out) {
  if (text.find(':') != std::string_view::npos) return parse_ipv6(text, out);
  return parse_ipv4(text, out);
}

Result<PeerName> parse_peer_name(std::string_view name) {
  PeerName out;
  if (parse_ip_literal(name, out.ip)) {
    out.kind = PeerName::Kind::ip;
    return out;
  }
  if (!name.empty() && name.back() == '.') name.remove_suffix(1);
  if (name.empty() || name.size() > 253) return fail_argument("peer name is not a valid DNS name");
  std::size_t start = 0;
  while (true) {
    const std::size_t dot = name.find('.', start);
    const std::string_view label =
        name.substr(start, dot == std::string_view::npos ? std::string_view::npos : dot - start);
    if (!valid_dns_label(label)) {
      return fail_argument("peer name is neither an IP literal nor a valid DNS name");
    }
    if (dot == std::string_view::npos) break;
    start = dot + 1;
  }
  out.kind = PeerName::Kind::dns;
  out.dns.resize(name.size());
  std::transform(name.begin(), name.end(), out.dns.begin(), lower);
  return out;
}

bool dns_name_matches(std::string_view pattern, std::string_view host) {
  if (pattern.empty() || host.empty()) return false;
  if (!pattern.starts_with("*.")) {
    // No wildcard: a '*' anywhere else ("f*.example.com", "*oo.example.com") never matches.
    return pattern.find('*') == std::string_view::npos && iequal(pattern, host);
  }
  const std::string_view rest = pattern.substr(1);  // ".example.com"
  if (rest.find('*') != std::string_view::npos || count_labels(rest.substr(1)) < 2) return false;
  // The wildcard covers exactly the first label of host, which must not be empty.
  const std::size_t dot = host.find('.');
  if (dot == 0 || dot == std::string_view::npos) return false;
  return iequal(host.substr(dot), rest);
}

bool certificate_matches_peer_name(const X509Certificate& cert, const PeerName& name) {
  if (!cert.extensions.subject_alt_names) return false;
  for (const GeneralName& san : *cert.extensions.subject_alt_names) {
    if (name.kind == PeerName::Kind::dns && san.type == GeneralName::Type::dns_name &&
        dns_name_matches(san.text(), name.dns)) {
      return true;
    }
    if (name.kind == PeerName::Kind::ip && san.type == GeneralName::Type::ip_address &&
        std::equal(san.value.begin(), san.value.end(), name.ip.begin(), name.ip.end())) {
      return true;
    }
  }
  return false;
}

}  // namespace tlsx::crypto
