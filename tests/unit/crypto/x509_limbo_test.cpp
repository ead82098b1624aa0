// x509-limbo (C2SP) path-validation cases: every SERVER case of the Dec 2023 limbo.json and of the
// 2026 online chains (tests/vectors/x509-limbo/NOTES.md), RSA-only, ECDSA-only and mixed alike,
// now that tlsx verifies ECDSA (P-256/P-384) signatures. The class of each case comes from
// classification-by-signature-algorithm.json (RSA-only ones are cross-checked against the
// certificates); counts are printed per class, with the RSA-only count being what applied
// before ECDSA support.
#include <algorithm>
#include <filesystem>
#include <iostream>
#include <map>
#include <string>

#include <catch2/catch.hpp>

#include "crypto/der.hpp"
#include "crypto/x509_certificate.hpp"
#include "support/test_support.hpp"
#include "tlsx/x509.hpp"

namespace {

using tlsx::test::VectorTally;

// Cases tlsx is known to get wrong, each with the reason. A case listed here must fail (so the
// list cannot go stale); every other case must pass. All are verifier-policy rules of RFC 5280 /
// CABF that the RSA-only subset never exercised (none is about ECDSA itself); they became
// visible when the ECDSA cases started to apply.
const std::map<std::string, std::string> kExpectedFailures = {
    {"pathlen::max-chain-depth-1-self-issued",
     "max_path_length counts every certificate; self-issued intermediates are not exempted (RFC "
     "5280 §6.1.4 (l))"},
    {"rfc5280::aki::critical-aki",
     "authorityKeyIdentifier criticality is not checked (RFC 5280 §4.2.1.1: MUST be non-critical)"},
    {"rfc5280::aki::leaf-missing-aki",
     "a missing authorityKeyIdentifier is tolerated (RFC 5280 §4.2.1.1 obliges CAs; path building "
     "does not need it)"},
    {"rfc5280::aki::intermediate-missing-aki",
     "a missing authorityKeyIdentifier is tolerated (RFC 5280 §4.2.1.1 obliges CAs; path building "
     "does not need it)"},
    {"rfc5280::aki::cross-signed-root-missing-aki",
     "a missing authorityKeyIdentifier is tolerated (RFC 5280 §4.2.1.1 obliges CAs; path building "
     "does not need it)"},
    {"rfc5280::nc::permitted-dns-match-noncritical",
     "nameConstraints criticality is not checked (feature rfc5280-incompatible-with-webpki)"},
    {"rfc5280::nc::permitted-dn-match",
     "directoryName name constraints and SANs are not implemented (feature name-constraint-dn)"},
    {"rfc5280::nc::not-allowed-in-ee-noncritical",
     "nameConstraints in an end-entity certificate is not refused"},
    {"rfc5280::nc::not-allowed-in-ee-critical",
     "nameConstraints in an end-entity certificate is not refused"},
    {"rfc5280::nc::nc-permits-invalid-dns-san",
     "the syntax of a DNS SAN under a permitted subtree is not validated"},
    {"rfc5280::san::noncritical-with-empty-subject",
     "subjectAltName must be critical when the subject is empty: not checked"},
    {"rfc5280::serial::too-long",
     "serial number length is not checked (feature pedantic-serial-number)"},
    {"rfc5280::serial::zero",
     "a zero serial number is not refused (feature pedantic-serial-number)"},
    {"rfc5280::ski::critical-ski",
     "subjectKeyIdentifier presence and criticality are not checked (RFC 5280 §4.2.1.2)"},
    {"rfc5280::ski::root-missing-ski",
     "subjectKeyIdentifier presence and criticality are not checked (RFC 5280 §4.2.1.2)"},
    {"rfc5280::ski::intermediate-missing-ski",
     "subjectKeyIdentifier presence and criticality are not checked (RFC 5280 §4.2.1.2)"},
    {"rfc5280::ee-empty-issuer", "an empty issuer name is not refused"},
    {"rfc5280::ca-empty-subject", "an empty CA subject name is not refused"},
    {"rfc5280::root-missing-basic-constraints",
     "a trust anchor's own basicConstraints are not examined (x509.hpp: anchors are taken as "
     "given)"},
    {"rfc5280::root-non-critical-basic-constraints",
     "a trust anchor's own basicConstraints are not examined (x509.hpp: anchors are taken as "
     "given)"},
    {"rfc5280::root-inconsistent-ca-extensions",
     "a trust anchor's own basicConstraints are not examined (x509.hpp: anchors are taken as "
     "given)"},
    {"rfc5280::leaf-ku-keycertsign",
     "a leaf with keyUsage keyCertSign but without cA is not refused"},
    {"webpki::aki::root-with-aki-missing-keyidentifier",
     "a trust anchor's authorityKeyIdentifier is not examined (anchors are taken as given)"},
    {"webpki::aki::root-with-aki-authoritycertissuer",
     "a trust anchor's authorityKeyIdentifier is not examined (anchors are taken as given)"},
    {"webpki::aki::root-with-aki-authoritycertserialnumber",
     "a trust anchor's authorityKeyIdentifier is not examined (anchors are taken as given)"},
    {"webpki::aki::root-with-aki-all-fields",
     "a trust anchor's authorityKeyIdentifier is not examined (anchors are taken as given)"},
    {"webpki::aki::root-with-aki-ski-mismatch",
     "a trust anchor's authorityKeyIdentifier is not examined (anchors are taken as given)"},
    {"webpki::eku::ee-anyeku",
     "pedantic-webpki-eku: CABF EKU rules are not enforced (tlsx, like browsers, accepts a leaf "
     "without EKU or with anyExtendedKeyUsage)"},
    {"webpki::eku::ee-critical-eku",
     "pedantic-webpki-eku: CABF EKU rules are not enforced (tlsx, like browsers, accepts a leaf "
     "without EKU or with anyExtendedKeyUsage)"},
    {"webpki::eku::ee-without-eku",
     "pedantic-webpki-eku: CABF EKU rules are not enforced (tlsx, like browsers, accepts a leaf "
     "without EKU or with anyExtendedKeyUsage)"},
    {"webpki::eku::root-has-eku",
     "pedantic-webpki-eku: CABF EKU rules are not enforced (tlsx, like browsers, accepts a leaf "
     "without EKU or with anyExtendedKeyUsage)"},
    {"webpki::san::san-critical-with-nonempty-subject",
     "subjectAltName criticality with a non-empty subject is not checked"},
    {"webpki::malformed-aia",
     "authorityInfoAccess contents are not parsed (tlsx never fetches issuers)"},
    {"webpki::ee-basicconstraints-ca",
     "a leaf with basicConstraints cA=TRUE is accepted as a leaf"},
};

// "2023-07-10T00:00:00+00:00" or "...Z" -> Unix seconds (limbo always uses UTC offsets).
std::int64_t parse_rfc3339(const std::string& s) {
  REQUIRE(s.size() >= 20);
  const auto num = [&](std::size_t pos, std::size_t len) { return std::stoi(s.substr(pos, len)); };
  const std::string zone = s.substr(19);
  REQUIRE((zone == "Z" || zone == "+00:00"));
  return tlsx::crypto::der::days_from_civil(num(0, 4), static_cast<unsigned>(num(5, 2)),
                                            static_cast<unsigned>(num(8, 2))) *
             86400 +
         num(11, 2) * 3600 + num(14, 2) * 60 + num(17, 2);
}

// Runs one testcase; true when tlsx's verdict equals the expected result.
bool run_case(const nlohmann::json& tc, std::string& why) {
  std::string peer_pem = tc["peer_certificate"].get<std::string>();
  for (const auto& pem : tc["untrusted_intermediates"]) peer_pem += pem.get<std::string>();
  std::string trusted_pem;
  for (const auto& pem : tc["trusted_certs"]) trusted_pem += pem.get<std::string>();

  tlsx::VerifyPolicy policy;
  if (!tc["validation_time"].is_null()) {
    policy.time = parse_rfc3339(tc["validation_time"].get<std::string>());
  }
  if (tc.contains("max_chain_depth") && !tc["max_chain_depth"].is_null()) {
    // limbo counts intermediates; tlsx counts the whole path (leaf and anchor too).
    policy.max_path_length = tc["max_chain_depth"].get<std::size_t>() + 2;
  }
  const auto& eku = tc["extended_key_usage"];
  if (eku.is_array() && !eku.empty()) {
    REQUIRE(eku.size() == 1);
    policy.purpose = eku[0] == "clientAuth" ? tlsx::CertificatePurpose::client_auth
                                            : tlsx::CertificatePurpose::server_auth;
  }
  const std::string peer_name = tc["expected_peer_name"].is_null()
                                    ? std::string()
                                    : tc["expected_peer_name"]["value"].get<std::string>();

  bool verified = false;
  auto chain = tlsx::CertificateChain::from_pem(peer_pem);
  auto store = tlsx::TrustStore::from_pem(trusted_pem);
  if (!chain) {
    why = "peer chain: " + chain.error().detail;
  } else if (!store) {
    why = "trust store: " + store.error().detail;
  } else if (store->skipped() != 0) {
    why = "a trusted certificate does not parse";
  } else {
    auto result = tlsx::verify_certificate_chain(*chain, *store, policy, peer_name);
    verified = result.has_value();
    why = verified ? "verified" : result.error().message();
  }
  const bool expected = tc["expected_result"] == "SUCCESS";
  return verified == expected;
}

// Every signature a validator checks must be RSA for the case to count (NOTES.md's rule); this
// cross-checks the shipped classification against the certificates themselves.
bool chain_is_rsa_only(const nlohmann::json& tc) {
  std::string pem = tc["peer_certificate"].get<std::string>();
  for (const auto& p : tc["untrusted_intermediates"]) pem += p.get<std::string>();
  auto chain = tlsx::CertificateChain::from_pem(pem);
  if (!chain) return true;  // malformed on purpose (e.g. mismatching algorithms): the class says
  for (const auto& cert : chain->certificates()) {
    if (cert->signature_algorithm.kind != tlsx::crypto::SignatureKind::rsa_pkcs1 &&
        cert->signature_algorithm.kind != tlsx::crypto::SignatureKind::rsa_pss) {
      return false;
    }
  }
  return true;
}

void run_source(const std::string& source, const std::vector<nlohmann::json>& testcases,
                const nlohmann::json& classes, int& unexpected) {
  VectorTally tally{"x509-limbo " + source};
  std::map<std::string, VectorTally> by_class;
  int expected_failures_seen = 0;
  for (const nlohmann::json& tc : testcases) {
    const std::string id = tc["id"].get<std::string>();
    const auto cls = std::find_if(classes.begin(), classes.end(),
                                  [&](const nlohmann::json& c) { return c["id"] == id; });
    REQUIRE(cls != classes.end());
    const std::string cls_name = (*cls)["class"].get<std::string>();
    auto [slot, added] =
        by_class.try_emplace(cls_name, VectorTally{"x509-limbo " + source + " " + cls_name});
    VectorTally& class_tally = slot->second;
    if (tc["validation_kind"] != "SERVER") {
      ++tally.skipped;
      ++class_tally.skipped;
      continue;
    }
    if (cls_name == "RSA-only") CHECK(chain_is_rsa_only(tc));
    std::string why;
    const bool pass = run_case(tc, why);
    const auto listed = kExpectedFailures.find(id);
    std::cout << (pass ? "  pass " : "  FAIL ") << id << " [" << cls_name << "] (expected "
              << tc["expected_result"] << "): " << why << "\n";
    if (pass) {
      ++tally.passed;
      ++class_tally.passed;
      if (listed != kExpectedFailures.end()) {
        ++unexpected;
        UNSCOPED_INFO("now passes, remove it from kExpectedFailures: " << id);
      }
    } else {
      ++tally.failed;
      ++class_tally.failed;
      if (listed == kExpectedFailures.end()) {
        ++unexpected;
        UNSCOPED_INFO("FAIL " << id << " (expected " << tc["expected_result"] << "): " << why);
      } else {
        ++expected_failures_seen;
      }
    }
  }
  for (auto& [name, t] : by_class) t.print();
  tally.print();
  std::cout << "[vectors] x509-limbo " << source << ": " << expected_failures_seen
            << " of the failures are listed as expected; before ECDSA support only the "
            << (by_class.contains("RSA-only")
                    ? by_class.at("RSA-only").passed + by_class.at("RSA-only").failed
                    : 0)
            << " RSA-only cases applied\n";
}

}  // namespace

TEST_CASE(
    "x509-limbo: RSA, ECDSA and mixed SERVER cases (Dec 2023 limbo.json and 2026 online chains)",
    "[crypto][x509][limbo]") {
  const auto classification =
      tlsx::test::load_json_vector("x509-limbo/classification-by-signature-algorithm.json");
  int unexpected = 0;

  const auto limbo = tlsx::test::load_json_vector("x509-limbo/limbo-2023-12-02-ddc40b4.json");
  std::vector<nlohmann::json> cases2023(limbo["testcases"].begin(), limbo["testcases"].end());
  REQUIRE(cases2023.size() == 135);
  run_source("limbo-2023-12-02", cases2023,
             classification["files"]["limbo-2023-12-02-ddc40b4.json"]["testcases"], unexpected);

  std::vector<nlohmann::json> online;
  for (const auto& entry :
       std::filesystem::directory_iterator(tlsx::test::vector_path("x509-limbo/online-2026-03"))) {
    online.push_back(nlohmann::json::parse(tlsx::test::read_file(entry.path())));
  }
  std::sort(online.begin(), online.end(),
            [](const nlohmann::json& a, const nlohmann::json& b) { return a["id"] < b["id"]; });
  REQUIRE(online.size() == 14);
  run_source("online-2026-03", online,
             classification["files"]["online-2026-03/*.limbo.json"]["testcases"], unexpected);

  CHECK(unexpected == 0);
}
