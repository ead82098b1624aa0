// The server's choice of cipher suite, certificate, ECDHE group and signature scheme from a
// ClientHello (RFC 5246 §7.4.1.2, §7.4.1.4.1, §7.4.2; RFC 8422 §4, §5.1, §5.3).
//
// A server may hold several certificates (say an RSA chain and an ECDSA chain). A suite is usable
// with a certificate when the suite's authentication matches the key (RSA key exchange and
// ECDHE_RSA need an RSA key, ECDHE_ECDSA an ECDSA one), the keyUsage allows what the suite does
// with it, and for ECDHE a group and a signature scheme are shared with the client (for an ECDSA
// key the client must also list its curve, RFC 8422 §5.3). Suites are walked in the preferred
// order (ours or the client's); for each, the candidate certificates in configuration order.
#pragma once

#include <optional>
#include <span>
#include <vector>

#include "handshake/cipher_suites.hpp"
#include "handshake/code_points.hpp"
#include "tlsx/config.hpp"

namespace tlsx::handshake {

/// What the client offered that bears on the choice.
struct SuiteOffer {
  std::span<const CipherSuite> cipher_suites;
  const std::vector<NamedGroup>* groups = nullptr;        ///< nullptr: no supported_groups
  bool uncompressed_points = true;                        ///< ec_point_formats allows them
  const std::vector<SignatureScheme>* schemes = nullptr;  ///< nullptr: no signature_algorithms
};

/// What the server is configured with (already filtered to what tlsx and the provider run).
struct SuitePreferences {
  std::span<const CipherSuiteInfo* const> suites;
  std::span<const NamedGroup> groups;
  std::span<const SignatureScheme> schemes;
  bool prefer_server_order = true;
};

struct SuiteChoice {
  const CipherSuiteInfo* suite = nullptr;
  const CertifiedKey* certificate = nullptr;
  std::optional<NamedGroup> group;        ///< ECDHE only
  std::optional<SignatureScheme> scheme;  ///< ECDHE only: signs the ServerKeyExchange
};

/// The first usable (suite, certificate) pair; handshake_failure when there is none.
[[nodiscard]] Result<SuiteChoice> choose_suite(const SuitePreferences& ours,
                                               const SuiteOffer& offer,
                                               std::span<const CertifiedKey* const> candidates);

}  // namespace tlsx::handshake
