// Host name checks for server certificates (RFC 6125 §6, as the CA/Browser Forum baseline and
// every modern client apply it):
//   - only subjectAltName counts; the subject's commonName is never used;
//   - DNS names compare case-insensitively (ASCII; IDNs are A-labels already);
//   - a wildcard is allowed only as the whole left-most label ("*.example.com"), matches exactly
//     one non-empty label, and needs at least two labels after it ("*.com" matches nothing);
//   - an IP literal matches only iPAddress entries (byte-exact), never a dNSName.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "tlsx/error.hpp"

namespace tlsx::crypto {

class X509Certificate;

/// The name the application expects the peer to have.
struct PeerName {
  enum class Kind : std::uint8_t { dns, ip };
  Kind kind = Kind::dns;
  std::string dns;               ///< lowercase, without a trailing dot
  std::vector<std::uint8_t> ip;  ///< 4 or 16 octets
};

/// Classifies and normalises a reference name: an IPv4 dotted quad or an IPv6 literal (RFC 4291
/// text form, without brackets or zone) becomes Kind::ip; anything else must be a valid DNS name
/// (labels of 1..63 letters, digits, '-' or '_', at most 253 characters, one optional trailing
/// dot). Fails with ErrorCode::invalid_argument otherwise.
Result<PeerName> parse_peer_name(std::string_view name);

/// Strict IP literal parsing: IPv4 "a.b.c.d" (no leading zeros, each <= 255) into 4 octets, IPv6
/// with at most one "::" and an optional trailing dotted quad into 16. False when not a literal.
bool parse_ip_literal(std::string_view text, std::vector<std::uint8_t>& out);

/// Does a subjectAltName dNSName (pattern) match the normalised host name?
bool dns_name_matches(std::string_view pattern, std::string_view host);

/// Does the certificate's subjectAltName match the peer name?
bool certificate_matches_peer_name(const X509Certificate& cert, const PeerName& name);

}  // namespace tlsx::crypto
