#include "handshake/server_selection.hpp"

#include <algorithm>

#include "crypto/x509_certificate.hpp"
#include "handshake/peer_key.hpp"

namespace tlsx::handshake {
namespace {

template <class T>
bool contains(std::span<const T> list, const T& value) {
  return std::find(list.begin(), list.end(), value) != list.end();
}

bool key_usage_allows(const CertifiedKey& cert, std::uint16_t bit) {
  const auto usage = cert.chain.certificates().front()->extensions.key_usage;
  return !usage || (*usage & bit) != 0;
}

/// Answers "can this suite run with this certificate?" and says with which group and scheme.
class Matcher {
 public:
  Matcher(const SuitePreferences& ours, const SuiteOffer& offer) : ours_(ours), offer_(offer) {
    // Our first group the client lists; without supported_groups the client takes any curve
    // (RFC 8422 §4), so ours come first. Points must be allowed uncompressed (RFC 8422 §5.1.2).
    if (offer.uncompressed_points) {
      for (NamedGroup g : ours.groups) {
        if (offer.groups == nullptr || contains<NamedGroup>(*offer.groups, g)) {
          group_ = g;
          break;
        }
      }
    }
  }

  std::optional<SuiteChoice> match(const CipherSuiteInfo* suite, const CertifiedKey* cert) const {
    const KeyKind kind = key_kind_of(*cert);
    SuiteChoice choice{suite, cert, std::nullopt, std::nullopt};
    if (suite->kx == KeyExchange::rsa) {
      if (kind != KeyKind::rsa || !key_usage_allows(*cert, crypto::key_usage::kKeyEncipherment)) {
        return std::nullopt;
      }
      return choice;
    }
    const bool want_ecdsa = suite->kx == KeyExchange::ecdhe_ecdsa;
    if (kind == KeyKind::unsupported || (kind == KeyKind::rsa) == want_ecdsa || !group_ ||
        !key_usage_allows(*cert, crypto::key_usage::kDigitalSignature)) {
      return std::nullopt;
    }
    if (const auto curve = curve_group(kind);
        curve && offer_.groups != nullptr && !contains<NamedGroup>(*offer_.groups, *curve)) {
      return std::nullopt;  // RFC 8422 §5.3: the certificate's curve must be one the client has
    }
    choice.group = group_;
    choice.scheme = scheme_for(kind);
    if (!choice.scheme) return std::nullopt;
    return choice;
  }

 private:
  std::optional<SignatureScheme> scheme_for(KeyKind kind) const {
    if (offer_.schemes != nullptr)
      return choose_signature_scheme(ours_.schemes, *offer_.schemes, kind);
    // RFC 5246 §7.4.1.4.1: a client without signature_algorithms accepts {sha1, rsa}. tlsx does
    // not sign ECDSA with SHA-1; such clients (pre-TLS-1.2 stacks) get RSA suites only.
    if (kind == KeyKind::rsa) return SignatureScheme::rsa_pkcs1_sha1;
    return std::nullopt;
  }

  const SuitePreferences& ours_;
  const SuiteOffer& offer_;
  std::optional<NamedGroup> group_;
};

}  // namespace

Result<SuiteChoice> choose_suite(const SuitePreferences& ours, const SuiteOffer& offer,
                                 std::span<const CertifiedKey* const> candidates) {
  const Matcher matcher(ours, offer);
  auto first_match = [&](const CipherSuiteInfo* suite) -> std::optional<SuiteChoice> {
    for (const CertifiedKey* cert : candidates) {
      if (auto choice = matcher.match(suite, cert)) return choice;
    }
    return std::nullopt;
  };
  if (ours.prefer_server_order) {
    for (const CipherSuiteInfo* suite : ours.suites) {
      if (!contains<CipherSuite>(offer.cipher_suites, suite->id)) continue;
      if (auto choice = first_match(suite)) return *choice;
    }
  } else {
    for (CipherSuite id : offer.cipher_suites) {
      auto it = std::find_if(ours.suites.begin(), ours.suites.end(),
                             [&](const CipherSuiteInfo* s) { return s->id == id; });
      if (it == ours.suites.end()) continue;
      if (auto choice = first_match(*it)) return *choice;
    }
  }
  return fail(ErrorCode::handshake_failure, AlertDescription::handshake_failure,
              "no cipher suite in common with the client (for our certificates' keys)");
}

}  // namespace tlsx::handshake
