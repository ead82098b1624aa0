// Path building and validation. See x509_verify.hpp for the rules; the order of the checks below
// decides which fault is reported when a chain has several.
#include "crypto/x509_verify.hpp"

#include <algorithm>
#include <optional>

#include <fmt/format.h>

#include "crypto/x509_name_constraints.hpp"

namespace tlsx::crypto {

std::string_view to_string(CertificateFault fault) noexcept {
  switch (fault) {
    case CertificateFault::empty_chain:
      return "empty_chain";
    case CertificateFault::malformed:
      return "malformed";
    case CertificateFault::unsupported_signature:
      return "unsupported_signature";
    case CertificateFault::unsupported_key:
      return "unsupported_key";
    case CertificateFault::unhandled_critical_extension:
      return "unhandled_critical_extension";
    case CertificateFault::wrong_purpose:
      return "wrong_purpose";
    case CertificateFault::expired:
      return "expired";
    case CertificateFault::not_yet_valid:
      return "not_yet_valid";
    case CertificateFault::bad_signature:
      return "bad_signature";
    case CertificateFault::not_a_ca:
      return "not_a_ca";
    case CertificateFault::path_length_exceeded:
      return "path_length_exceeded";
    case CertificateFault::name_constraint_violation:
      return "name_constraint_violation";
    case CertificateFault::name_mismatch:
      return "name_mismatch";
    case CertificateFault::unknown_issuer:
      return "unknown_issuer";
    case CertificateFault::path_too_long:
      return "path_too_long";
    case CertificateFault::weak_key:
      return "weak_key";
    case CertificateFault::weak_signature:
      return "weak_signature";
  }
  return "unknown";
}

AlertDescription alert_for(CertificateFault fault) noexcept {
  switch (fault) {
    case CertificateFault::unsupported_signature:
    case CertificateFault::unsupported_key:
    case CertificateFault::unhandled_critical_extension:
    case CertificateFault::wrong_purpose:
      return AlertDescription::unsupported_certificate;
    case CertificateFault::expired:
    case CertificateFault::not_yet_valid:
      // RFC 5246 §7.2.2: "A certificate has expired or is not currently valid."
      return AlertDescription::certificate_expired;
    case CertificateFault::unknown_issuer:
    case CertificateFault::path_too_long:
      return AlertDescription::unknown_ca;
    case CertificateFault::weak_key:
    case CertificateFault::weak_signature:
      // A local policy refusal of an otherwise valid certificate.
      return AlertDescription::certificate_unknown;
    default:
      return AlertDescription::bad_certificate;
  }
}

VerifyFailure make_failure(CertificateFault fault, std::string_view what,
                           const X509Certificate* cert) {
  std::string detail = fmt::format("{}: {}", to_string(fault), what);
  if (cert != nullptr) detail += fmt::format(" [{}]", cert->subject.to_string());
  return VerifyFailure{fault,
                       Error{ErrorCode::certificate, alert_for(fault), Origin::local, detail}};
}

namespace {

// Signature checks allowed per verification: enough for long chains with several cross-signed
// candidates at each level, little enough that a chain of decoys cannot make us spin.
constexpr int kSignatureBudget = 32;

bool purpose_allowed(const X509Certificate& cert, CertificatePurpose purpose) {
  const auto& eku = cert.extensions.extended_key_usage;
  if (!eku) return true;
  return eku->any ||
         (purpose == CertificatePurpose::server_auth ? eku->server_auth : eku->client_auth);
}

std::string_view purpose_name(CertificatePurpose purpose) {
  return purpose == CertificatePurpose::server_auth ? "serverAuth" : "clientAuth";
}

bool same_certificate(const X509Certificate& a, const X509Certificate& b) {
  return std::ranges::equal(a.der(), b.der());
}

// Checks every certificate needs, whatever its place in the path.
std::optional<VerifyFailure> check_common(const X509Certificate& cert, const VerifyRequest& req) {
  if (!cert.extensions.unhandled_critical.empty()) {
    return make_failure(CertificateFault::unhandled_critical_extension,
                        fmt::format("critical extension {} is not supported",
                                    cert.extensions.unhandled_critical.front()),
                        &cert);
  }
  if (req.now < cert.not_before) {
    return make_failure(CertificateFault::not_yet_valid, "certificate is not valid yet", &cert);
  }
  if (req.now > cert.not_after) {
    return make_failure(CertificateFault::expired, "certificate has expired", &cert);
  }
  if (cert.public_key.type == PublicKeyType::rsa &&
      cert.public_key.bits < req.policy->min_rsa_bits) {
    return make_failure(CertificateFault::weak_key,
                        fmt::format("RSA key of {} bits is below the minimum of {}",
                                    cert.public_key.bits, req.policy->min_rsa_bits),
                        &cert);
  }
  return std::nullopt;
}

// The leaf's key is what the peer will sign with: a key tlsx cannot use (DSA, EdDSA, P-192,
// P-521, explicit curves) or an invalid EC point makes the certificate useless, and CABF forbids
// the odd ones anyway (webpki::forbidden-*-spki-leaf in x509-limbo).
std::optional<VerifyFailure> check_leaf_key(const X509Certificate& leaf) {
  const PublicKeyInfo& key = leaf.public_key;
  if (key.type == PublicKeyType::rsa) return std::nullopt;
  if (key.type != PublicKeyType::ec) {
    return make_failure(
        CertificateFault::unsupported_key,
        fmt::format("leaf key is {}; only RSA and EC P-256/P-384 keys are usable", key.description),
        &leaf);
  }
  auto ec_key = to_ec_public_key(key);
  if (!ec_key) {
    return make_failure(ec_key.error().alert == AlertDescription::unsupported_certificate
                            ? CertificateFault::unsupported_key
                            : CertificateFault::malformed,
                        ec_key.error().detail, &leaf);
  }
  return std::nullopt;
}

std::optional<VerifyFailure> check_leaf(const X509Certificate& leaf, const VerifyRequest& req) {
  if (auto f = check_common(leaf, req)) return f;
  if (auto f = check_leaf_key(leaf)) return f;
  if (!purpose_allowed(leaf, req.policy->purpose)) {
    return make_failure(
        CertificateFault::wrong_purpose,
        fmt::format("extendedKeyUsage does not allow {}", purpose_name(req.policy->purpose)),
        &leaf);
  }
  if (req.peer_name != nullptr && !certificate_matches_peer_name(leaf, *req.peer_name)) {
    const std::string name = req.peer_name->kind == PeerName::Kind::dns
                                 ? req.peer_name->dns
                                 : std::string("the IP address");
    return make_failure(CertificateFault::name_mismatch,
                        leaf.extensions.subject_alt_names
                            ? fmt::format("subjectAltName does not match {}", name)
                            : fmt::format("no subjectAltName to match {} (the common name is "
                                          "not used)",
                                          name),
                        &leaf);
  }
  return std::nullopt;
}

// The checks that need the whole path (leaf first, anchor last); the leaf was checked already
// and every signature along the path verified.
std::optional<VerifyFailure> check_path(std::span<const CertificatePtr> path,
                                        const VerifyRequest& req) {
  const std::size_t n = path.size();
  for (std::size_t i = 1; i < n; ++i) {
    const X509Certificate& ca = *path[i];
    const bool anchor = i == n - 1;
    if (auto f = check_common(ca, req)) return f;
    // A trust anchor is trusted as configured; only certificates below it must prove they are
    // CAs (RFC 5280 §6.1.4 (k), (n)).
    if (!anchor) {
      if (!ca.is_ca()) {
        return make_failure(CertificateFault::not_a_ca,
                            ca.extensions.basic_constraints
                                ? "issuer's basicConstraints has cA FALSE"
                                : "issuer has no basicConstraints (not a CA certificate)",
                            &ca);
      }
      if (ca.extensions.key_usage && (*ca.extensions.key_usage & key_usage::kKeyCertSign) == 0) {
        return make_failure(CertificateFault::not_a_ca, "issuer's keyUsage lacks keyCertSign", &ca);
      }
      if (!purpose_allowed(ca, req.policy->purpose)) {
        return make_failure(CertificateFault::wrong_purpose,
                            fmt::format("issuer's extendedKeyUsage does not allow {}",
                                        purpose_name(req.policy->purpose)),
                            &ca);
      }
    }
    // §6.1.4 (l), (m): pathLenConstraint counts the non-self-issued intermediates below.
    const auto& bc = ca.extensions.basic_constraints;
    if (bc && bc->path_len) {
      const auto below = static_cast<std::uint64_t>(
          std::count_if(path.begin() + 1, path.begin() + static_cast<std::ptrdiff_t>(i),
                        [](const CertificatePtr& c) { return !c->self_issued(); }));
      if (below > *bc->path_len) {
        return make_failure(CertificateFault::path_length_exceeded,
                            fmt::format("{} intermediate certificates below a CA with "
                                        "pathLenConstraint {}",
                                        below, *bc->path_len),
                            &ca);
      }
    }
    // §6.1.3 (b), (c): name constraints bind every certificate below, except self-issued
    // intermediates.
    if (const auto& nc = ca.extensions.name_constraints) {
      for (std::size_t j = 0; j < i; ++j) {
        if (j > 0 && path[j]->self_issued()) continue;
        const NameConstraintCheck check = check_name_constraints(*nc, *path[j]);
        if (!check.ok) {
          return make_failure(
              CertificateFault::name_constraint_violation,
              fmt::format("{} (constraints of \"{}\")", check.detail, ca.subject.to_string()),
              path[j].get());
        }
      }
    }
  }
  return std::nullopt;
}

class PathBuilder {
 public:
  explicit PathBuilder(const VerifyRequest& req) : req_(req) {}

  std::expected<std::vector<CertificatePtr>, VerifyFailure> run() {
    const CertificatePtr& leaf = req_.presented.front();
    path_.push_back(leaf);
    // A leaf that is itself a trust anchor (a pinned self-signed certificate) needs no issuer.
    for (const CertificatePtr& anchor : req_.anchors) {
      if (same_certificate(*anchor, *leaf)) return path_;
    }
    if (extend()) return path_;
    return std::unexpected(*best_);
  }

 private:
  struct Candidate {
    CertificatePtr cert;
    bool anchor;
    int rank;           // 0: key identifiers match, 1: unknown, 2: they differ
    std::size_t order;  // position found, to keep the sort stable
  };

  void record(VerifyFailure failure) {
    // Report the failure of the attempt that got furthest: it is the most specific one.
    if (!best_ || path_.size() > best_depth_) {
      best_ = std::move(failure);
      best_depth_ = path_.size();
    }
  }

  [[nodiscard]] bool in_path(const X509Certificate& cert) const {
    return std::any_of(path_.begin(), path_.end(),
                       [&](const CertificatePtr& c) { return same_certificate(*c, cert); });
  }

  std::vector<Candidate> candidates_for(const X509Certificate& child) const {
    std::vector<Candidate> out;
    const der::Bytes aki = child.extensions.authority_key_id;
    const auto add = [&](const CertificatePtr& c, bool anchor) {
      if (!c->subject.same_as(child.issuer) || in_path(*c)) return;
      const der::Bytes ski = c->extensions.subject_key_id;
      const int rank = aki.empty() || ski.empty() ? 1 : std::ranges::equal(aki, ski) ? 0 : 2;
      out.push_back({c, anchor, rank, out.size()});
    };
    for (const CertificatePtr& a : req_.anchors) add(a, true);
    for (std::size_t i = 1; i < req_.presented.size(); ++i) add(req_.presented[i], false);
    // (std::stable_sort would do, but libstdc++ 12's uses a deprecated helper clang flags.)
    std::sort(out.begin(), out.end(), [](const Candidate& x, const Candidate& y) {
      if (x.rank != y.rank) return x.rank < y.rank;
      if (x.anchor != y.anchor) return x.anchor;
      return x.order < y.order;
    });
    return out;
  }

  bool extend() {
    const CertificatePtr child = path_.back();
    const std::vector<Candidate> candidates = candidates_for(*child);
    if (candidates.empty()) {
      record(make_failure(
          CertificateFault::unknown_issuer,
          path_.size() == 1 && child->self_issued()
              ? std::string("self-signed certificate is not in the trust store")
              : fmt::format("issuer \"{}\" is neither a trust anchor nor among the peer's "
                            "certificates",
                            child->issuer.to_string()),
          child.get()));
      return false;
    }
    for (const Candidate& candidate : candidates) {
      if (path_.size() + 1 > req_.policy->max_path_length) {
        record(make_failure(
            CertificateFault::path_too_long,
            fmt::format("no trust anchor within {} certificates", req_.policy->max_path_length),
            child.get()));
        return false;
      }
      if (signature_budget_-- <= 0) {
        record(make_failure(CertificateFault::path_too_long,
                            "too many candidate issuers; path building gave up", child.get()));
        return false;
      }
      auto signed_by =
          check_certificate_signature(*req_.provider, *child, *candidate.cert, *req_.policy);
      if (!signed_by) {
        record(std::move(signed_by.error()));
        continue;
      }
      path_.push_back(candidate.cert);
      if (candidate.anchor) {
        auto problem = check_path(path_, req_);
        if (!problem) return true;
        record(std::move(*problem));
      } else if (extend()) {
        return true;
      }
      path_.pop_back();
    }
    return false;
  }

  const VerifyRequest& req_;
  std::vector<CertificatePtr> path_;
  std::optional<VerifyFailure> best_;
  std::size_t best_depth_ = 0;
  int signature_budget_ = kSignatureBudget;
};

}  // namespace

std::expected<std::vector<CertificatePtr>, VerifyFailure> verify_path(const VerifyRequest& req) {
  if (req.presented.empty()) {
    return std::unexpected(
        make_failure(CertificateFault::empty_chain, "the peer sent no certificate", nullptr));
  }
  if (auto f = check_leaf(*req.presented.front(), req)) return std::unexpected(std::move(*f));
  return PathBuilder(req).run();
}

}  // namespace tlsx::crypto
