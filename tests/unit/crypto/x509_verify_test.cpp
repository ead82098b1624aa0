// Chain building and verification against chains made by the openssl command line at test run
// time (root -> intermediate -> leaf, and one variant per rule), each failure asserting its
// specific fault and TLS alert; plus the Illustrated TLS 1.2 chain and key/certificate pairs.
#include <chrono>
#include <cstdio>
#include <map>
#include <string>
#include <vector>

#include <catch2/catch.hpp>

#include "crypto/pem.hpp"
#include "crypto/rsa.hpp"
#include "crypto/rsa_key_der.hpp"
#include "crypto/x509_certificate.hpp"
#include "crypto/x509_verify.hpp"
#include "openssl_cli.hpp"
#include "support/test_support.hpp"
#include "tlsx/x509.hpp"

using tlsx::AlertDescription;
using tlsx::CertificateChain;
using tlsx::CertificatePurpose;
using tlsx::ErrorCode;
using tlsx::TrustStore;
using tlsx::VerifyPolicy;
using tlsx::crypto::CertificateFault;
using tlsx::crypto::CertificatePtr;
using tlsx::test::ByteVec;

namespace {

const char* kConfig = R"(
[req]
distinguished_name = dn
[dn]
[root]
basicConstraints = critical,CA:TRUE
keyUsage = critical,keyCertSign,cRLSign
subjectKeyIdentifier = hash
[int]
basicConstraints = critical,CA:TRUE
keyUsage = critical,keyCertSign,cRLSign
subjectKeyIdentifier = hash
authorityKeyIdentifier = keyid
[int_pathlen0]
basicConstraints = critical,CA:TRUE,pathlen:0
keyUsage = critical,keyCertSign,cRLSign
subjectKeyIdentifier = hash
authorityKeyIdentifier = keyid
[int_not_ca]
basicConstraints = critical,CA:FALSE
keyUsage = critical,keyCertSign,cRLSign
[int_no_basic_constraints]
keyUsage = critical,keyCertSign,cRLSign
[int_no_certsign]
basicConstraints = critical,CA:TRUE
keyUsage = critical,digitalSignature,cRLSign
[int_client_eku]
basicConstraints = critical,CA:TRUE
keyUsage = critical,keyCertSign
extendedKeyUsage = clientAuth
[int_nc]
basicConstraints = critical,CA:TRUE
keyUsage = critical,keyCertSign
nameConstraints = critical,permitted;DNS:example.com,excluded;DNS:secret.example.com
[leaf]
basicConstraints = CA:FALSE
keyUsage = critical,digitalSignature,keyEncipherment
extendedKeyUsage = serverAuth
subjectAltName = DNS:www.example.com,DNS:*.example.net,IP:127.0.0.1,IP:::1
authorityKeyIdentifier = keyid
[leaf_client]
basicConstraints = CA:FALSE
keyUsage = critical,digitalSignature
extendedKeyUsage = clientAuth
subjectAltName = DNS:www.example.com
[leaf_any_eku]
extendedKeyUsage = anyExtendedKeyUsage
subjectAltName = DNS:www.example.com
[leaf_no_eku]
subjectAltName = DNS:www.example.com
[leaf_no_san]
extendedKeyUsage = serverAuth
[leaf_org]
extendedKeyUsage = serverAuth
subjectAltName = DNS:www.example.org
[leaf_secret]
extendedKeyUsage = serverAuth
subjectAltName = DNS:www.example.com,DNS:db.secret.example.com
[leaf_critical_unknown]
extendedKeyUsage = serverAuth
subjectAltName = DNS:www.example.com
1.3.6.1.4.1.55555.7 = critical,ASN1:NULL
)";

std::int64_t now_seconds() {
  return std::chrono::duration_cast<std::chrono::seconds>(
             std::chrono::system_clock::now().time_since_epoch())
      .count();
}

// Keys and certificates made once per test process.
class Pki {
 public:
  Pki() {
    std::FILE* f = std::fopen(dir_.file("x.cnf").c_str(), "w");
    REQUIRE(f != nullptr);
    (void)std::fputs(kConfig, f);
    (void)std::fclose(f);
    for (const char* k : {"root", "int", "int2", "leaf"}) key(k, 2048);
    key("weak", 1024);
    self_signed("root", "root", "/CN=tlsx Test Root/O=tlsx", "root", 3650);
    issue("int", "int", "/CN=tlsx Test Intermediate", "root", "int", 1000);
    issue("leaf", "leaf", "/CN=leaf", "int", "leaf", 30);
    self_signed("stranger", "int2", "/CN=Stranger", "root", 30);
  }

  static Pki& get() {
    static Pki pki;
    return pki;
  }

  void key(const std::string& name, int bits) {
    tlsx::test::run_in(dir_, "openssl genrsa -out " + name + ".key " + std::to_string(bits));
  }
  void self_signed(const std::string& name, const std::string& key, const std::string& subject,
                   const std::string& ext, int days, const std::string& extra = "") {
    keys_of_[name] = key;
    tlsx::test::run_in(dir_, "openssl req -x509 -new -key " + key + ".key -subj '" + subject +
                                 "' -config x.cnf -extensions " + ext + " -days " +
                                 std::to_string(days) + " " + extra + " -out " + name + ".pem");
  }
  // Issues name.pem for key.key, signed by issuer.pem/issuer's key.
  void issue(const std::string& name, const std::string& key, const std::string& subject,
             const std::string& issuer, const std::string& ext, int days,
             const std::string& extra = "-sha256") {
    const std::string ikey = issuer_key_of(issuer);
    keys_of_[name] = key;
    tlsx::test::run_in(dir_, "openssl req -new -key " + key + ".key -subj '" + subject +
                                 "' -config x.cnf -out " + name + ".csr");
    tlsx::test::run_in(dir_, "openssl x509 -req -in " + name + ".csr -CA " + issuer +
                                 ".pem -CAkey " + ikey + ".key -set_serial " +
                                 std::to_string(++serial_) + " -days " + std::to_string(days) +
                                 " -extfile x.cnf -extensions " + ext + " " + extra + " -out " +
                                 name + ".pem");
  }
  std::string issuer_key_of(const std::string& cert) const { return keys_of_.at(cert); }
  [[nodiscard]] std::string pem(const std::string& name) const {
    return tlsx::test::read_file(dir_.file(name + ".pem"));
  }
  [[nodiscard]] CertificateChain chain(std::initializer_list<std::string> names) const {
    std::string text;
    for (const auto& n : names) text += pem(n);
    auto c = CertificateChain::from_pem(text);
    REQUIRE(c);
    return *c;
  }
  [[nodiscard]] TrustStore store(std::initializer_list<std::string> names) const {
    std::string text;
    for (const auto& n : names) text += pem(n);
    auto s = TrustStore::from_pem(text);
    REQUIRE(s);
    return *s;
  }
  const tlsx::test::TempDir& dir() const { return dir_; }

 private:
  tlsx::test::TempDir dir_;
  std::map<std::string, std::string> keys_of_;
  int serial_ = 100;
};

struct Outcome {
  bool ok = false;
  CertificateFault fault = CertificateFault::malformed;
  AlertDescription alert = AlertDescription::close_notify;
  std::string detail;
  std::vector<std::string> path;  // subjects of the verified path
};

Outcome verify(const CertificateChain& chain, const TrustStore& store, std::string_view name,
               VerifyPolicy policy = {}) {
  std::optional<tlsx::crypto::PeerName> peer;
  if (!name.empty()) {
    auto parsed = tlsx::crypto::parse_peer_name(name);
    REQUIRE(parsed);
    peer = *parsed;
  }
  tlsx::crypto::VerifyRequest req;
  req.presented = chain.certificates();
  req.anchors = store.anchors();
  req.policy = &policy;
  req.peer_name = peer ? &*peer : nullptr;
  req.now = policy.time ? *policy.time : now_seconds();
  req.provider = &tlsx::crypto::default_provider();
  auto result = tlsx::crypto::verify_path(req);
  Outcome out;
  if (result) {
    out.ok = true;
    for (const CertificatePtr& c : *result) out.path.push_back(c->subject.to_string());
    // The public API must agree.
    auto pub = tlsx::verify_certificate_chain(chain, store, policy, name);
    CHECK(pub);
    if (pub) CHECK(pub->size() == result->size());
  } else {
    out.fault = result.error().fault;
    out.alert = result.error().error.alert;
    out.detail = result.error().error.detail;
    CHECK(result.error().error.code == ErrorCode::certificate);
    auto pub = tlsx::verify_certificate_chain(chain, store, policy, name);
    REQUIRE_FALSE(pub);
    CHECK(pub.error().detail == out.detail);
  }
  return out;
}

#define CHECK_FAULT(outcome, expected_fault, expected_alert)             \
  do {                                                                   \
    const Outcome o_ = (outcome);                                        \
    INFO(o_.detail);                                                     \
    CHECK_FALSE(o_.ok);                                                  \
    CHECK(to_string(o_.fault) == to_string(expected_fault));             \
    CHECK(tlsx::to_string(o_.alert) == tlsx::to_string(expected_alert)); \
  } while (false)

VerifyPolicy at(std::int64_t t, VerifyPolicy p = {}) {
  p.time = t;
  return p;
}

}  // namespace

TEST_CASE("Verify: a good chain, in any order, with extras, host names", "[crypto][x509][verify]") {
  Pki& pki = Pki::get();
  const TrustStore roots = pki.store({"root"});
  const Outcome ok = verify(pki.chain({"leaf", "int"}), roots, "www.example.com");
  REQUIRE(ok.ok);
  CHECK(ok.path == std::vector<std::string>{"CN=leaf", "CN=tlsx Test Intermediate",
                                            "O=tlsx,CN=tlsx Test Root"});
  // The root sent along, duplicates, an unrelated certificate: all ignored.
  CHECK(verify(pki.chain({"leaf", "root", "stranger", "int", "int"}), roots, "www.example.com").ok);
  // OpenSSL's TRUSTED CERTIFICATE form of the root (trust settings appended) works as well.
  tlsx::test::run_in(
      pki.dir(), "openssl x509 -in root.pem -trustout -addtrust serverAuth -out root-trusted.pem");
  CHECK_THAT(pki.pem("root-trusted"), Catch::Contains("BEGIN TRUSTED CERTIFICATE"));
  const TrustStore trusted = pki.store({"root-trusted"});
  CHECK(trusted.size() == 1);
  CHECK(verify(pki.chain({"leaf", "int"}), trusted, "www.example.com").ok);
  // The system bundle plus our root.
  auto system =
      TrustStore::from_pem(tlsx::test::read_file(TrustStore::kDefaultBundle) + pki.pem("root"));
  REQUIRE(system);
  CHECK(verify(pki.chain({"leaf", "int"}), *system, "www.example.com").ok);

  for (const char* good : {"WWW.Example.COM", "www.example.com.", "a.example.net",
                           "x-1.example.net", "127.0.0.1", "::1", "0:0::1"}) {
    INFO(good);
    CHECK(verify(pki.chain({"leaf", "int"}), roots, good).ok);
  }
  for (const char* bad : {"example.com", "ww.example.com", "example.net", "a.b.example.net",
                          "127.0.0.2", "::2", "leaf"}) {
    INFO(bad);
    CHECK_FAULT(verify(pki.chain({"leaf", "int"}), roots, bad), CertificateFault::name_mismatch,
                AlertDescription::bad_certificate);
  }
  // The subject CN is never used: a leaf without subjectAltName matches nothing.
  pki.issue("leaf_no_san", "leaf", "/CN=www.example.com", "int", "leaf_no_san", 30);
  CHECK_FAULT(verify(pki.chain({"leaf_no_san", "int"}), roots, "www.example.com"),
              CertificateFault::name_mismatch, AlertDescription::bad_certificate);
  // Server verification without a name is API misuse.
  auto no_name = tlsx::verify_certificate_chain(pki.chain({"leaf", "int"}), roots, {}, "");
  REQUIRE_FALSE(no_name);
  CHECK(no_name.error().code == ErrorCode::invalid_argument);
  auto bad_name = tlsx::verify_certificate_chain(pki.chain({"leaf", "int"}), roots, {}, "a b");
  REQUIRE_FALSE(bad_name);
  CHECK(bad_name.error().code == ErrorCode::invalid_argument);
}

TEST_CASE("Verify: validity periods at injected times", "[crypto][x509][verify]") {
  Pki& pki = Pki::get();
  const TrustStore roots = pki.store({"root"});
  const CertificateChain chain = pki.chain({"leaf", "int"});
  const std::int64_t now = now_seconds();
  const std::int64_t day = 86400;
  CHECK(verify(chain, roots, "www.example.com", at(now + 29 * day)).ok);
  CHECK_FAULT(verify(chain, roots, "www.example.com", at(now + 31 * day)),
              CertificateFault::expired, AlertDescription::certificate_expired);
  CHECK_FAULT(verify(chain, roots, "www.example.com", at(now - 2 * day)),
              CertificateFault::not_yet_valid, AlertDescription::certificate_expired);
  // An intermediate that expires before its leaf.
  pki.issue("int_short", "int", "/CN=tlsx Test Intermediate", "root", "int", 10);
  const CertificateChain short_chain = pki.chain({"leaf", "int_short"});
  CHECK(verify(short_chain, roots, "www.example.com", at(now + 9 * day)).ok);
  const Outcome expired = verify(short_chain, roots, "www.example.com", at(now + 11 * day));
  CHECK_FAULT(expired, CertificateFault::expired, AlertDescription::certificate_expired);
  CHECK_THAT(expired.detail, Catch::Contains("[CN=tlsx Test Intermediate]"));
  // The public API reads the system clock when no time is set.
  CHECK(tlsx::verify_certificate_chain(chain, roots, {}, "www.example.com"));
}

TEST_CASE("Verify: missing issuers, self-signed leaves, bad signatures", "[crypto][x509][verify]") {
  Pki& pki = Pki::get();
  const TrustStore roots = pki.store({"root"});
  const Outcome missing = verify(pki.chain({"leaf"}), roots, "www.example.com");
  CHECK_FAULT(missing, CertificateFault::unknown_issuer, AlertDescription::unknown_ca);
  CHECK_THAT(missing.detail, Catch::Contains("issuer \"CN=tlsx Test Intermediate\""));
  // A root that is not in the store.
  const TrustStore other = pki.store({"stranger"});
  CHECK_FAULT(verify(pki.chain({"leaf", "int"}), other, "www.example.com"),
              CertificateFault::unknown_issuer, AlertDescription::unknown_ca);
  CHECK_FAULT(verify(pki.chain({"leaf", "int", "root"}), other, "www.example.com"),
              CertificateFault::unknown_issuer, AlertDescription::unknown_ca);
  // A self-signed server certificate: refused, unless it is itself trusted.
  pki.self_signed("self", "leaf", "/CN=self", "leaf", 30);
  const Outcome self = verify(pki.chain({"self"}), roots, "www.example.com");
  CHECK_FAULT(self, CertificateFault::unknown_issuer, AlertDescription::unknown_ca);
  CHECK_THAT(self.detail, Catch::Contains("self-signed certificate is not in the trust store"));
  CHECK(verify(pki.chain({"self"}), pki.store({"self"}), "www.example.com").ok);
  // The leaf's signature corrupted (last byte of the certificate is in the signature).
  const CertificateChain leaf_only = pki.chain({"leaf"});
  ByteVec der(leaf_only.der(0).begin(), leaf_only.der(0).end());
  der.back() ^= 0x01;
  CertificateChain tampered;
  REQUIRE(tampered.append_der(der));
  REQUIRE(tampered.append_der(pki.chain({"int"}).der(0)));
  CHECK_FAULT(verify(tampered, roots, "www.example.com"), CertificateFault::bad_signature,
              AlertDescription::bad_certificate);
  // The intermediate signed by a different key than the root's (same issuer name).
  pki.self_signed("root_fake", "int2", "/CN=tlsx Test Root/O=tlsx", "root", 3650);
  pki.issue("int_forged", "int", "/CN=tlsx Test Intermediate", "root_fake", "int", 1000);
  CHECK_FAULT(verify(pki.chain({"leaf", "int_forged"}), roots, "www.example.com"),
              CertificateFault::bad_signature, AlertDescription::bad_certificate);
  // ... but a good one among the candidates wins.
  CHECK(verify(pki.chain({"leaf", "int_forged", "int"}), roots, "www.example.com").ok);
  CHECK_FAULT(verify(CertificateChain{}, roots, "www.example.com"), CertificateFault::empty_chain,
              AlertDescription::bad_certificate);
}

TEST_CASE("Verify: CA flags, key usage, path length and purposes", "[crypto][x509][verify]") {
  Pki& pki = Pki::get();
  const TrustStore roots = pki.store({"root"});
  const auto leaf_under = [&](const std::string& int_ext, const std::string& tag) {
    pki.issue("i_" + tag, "int", "/CN=Int " + tag, "root", int_ext, 1000);
    pki.issue("l_" + tag, "leaf", "/CN=leaf " + tag, "i_" + tag, "leaf", 30);
    return pki.chain({"l_" + tag, "i_" + tag});
  };
  CHECK_FAULT(verify(leaf_under("int_not_ca", "notca"), roots, "www.example.com"),
              CertificateFault::not_a_ca, AlertDescription::bad_certificate);
  CHECK_FAULT(verify(leaf_under("int_no_basic_constraints", "nobc"), roots, "www.example.com"),
              CertificateFault::not_a_ca, AlertDescription::bad_certificate);
  const Outcome no_sign = verify(leaf_under("int_no_certsign", "nosign"), roots, "www.example.com");
  CHECK_FAULT(no_sign, CertificateFault::not_a_ca, AlertDescription::bad_certificate);
  CHECK_THAT(no_sign.detail, Catch::Contains("keyCertSign"));
  const Outcome int_eku =
      verify(leaf_under("int_client_eku", "clienteku"), roots, "www.example.com");
  CHECK_FAULT(int_eku, CertificateFault::wrong_purpose, AlertDescription::unsupported_certificate);

  // pathlen:0 on the first intermediate, then a second intermediate: one too many.
  pki.issue("i_pl0", "int", "/CN=Int pathlen 0", "root", "int_pathlen0", 1000);
  pki.issue("i_below", "int2", "/CN=Int below", "i_pl0", "int", 1000);
  pki.issue("l_deep", "leaf", "/CN=leaf deep", "i_below", "leaf", 30);
  const Outcome deep = verify(pki.chain({"l_deep", "i_below", "i_pl0"}), roots, "www.example.com");
  CHECK_FAULT(deep, CertificateFault::path_length_exceeded, AlertDescription::bad_certificate);
  CHECK_THAT(deep.detail, Catch::Contains("pathLenConstraint 0"));
  pki.issue("l_shallow", "leaf", "/CN=leaf shallow", "i_pl0", "leaf", 30);
  CHECK(verify(pki.chain({"l_shallow", "i_pl0"}), roots, "www.example.com").ok);
  // The policy's maximum path length.
  VerifyPolicy two;
  two.max_path_length = 2;
  CHECK_FAULT(verify(pki.chain({"leaf", "int"}), roots, "www.example.com", two),
              CertificateFault::path_too_long, AlertDescription::unknown_ca);

  // extendedKeyUsage of the leaf.
  pki.issue("l_client", "leaf", "/CN=client", "int", "leaf_client", 30);
  const Outcome client_as_server = verify(pki.chain({"l_client", "int"}), roots, "www.example.com");
  CHECK_FAULT(client_as_server, CertificateFault::wrong_purpose,
              AlertDescription::unsupported_certificate);
  CHECK_THAT(client_as_server.detail, Catch::Contains("does not allow serverAuth"));
  VerifyPolicy client;
  client.purpose = CertificatePurpose::client_auth;
  CHECK(verify(pki.chain({"l_client", "int"}), roots, "", client).ok);
  CHECK_FAULT(verify(pki.chain({"leaf", "int"}), roots, "", client),
              CertificateFault::wrong_purpose, AlertDescription::unsupported_certificate);
  pki.issue("l_any", "leaf", "/CN=any", "int", "leaf_any_eku", 30);
  CHECK(verify(pki.chain({"l_any", "int"}), roots, "www.example.com").ok);
  pki.issue("l_noeku", "leaf", "/CN=noeku", "int", "leaf_no_eku", 30);
  CHECK(verify(pki.chain({"l_noeku", "int"}), roots, "www.example.com").ok);

  pki.issue("l_crit", "leaf", "/CN=crit", "int", "leaf_critical_unknown", 30);
  const Outcome crit = verify(pki.chain({"l_crit", "int"}), roots, "www.example.com");
  CHECK_FAULT(crit, CertificateFault::unhandled_critical_extension,
              AlertDescription::unsupported_certificate);
  CHECK_THAT(crit.detail, Catch::Contains("1.3.6.1.4.1.55555.7"));
}

TEST_CASE("Verify: name constraints", "[crypto][x509][verify]") {
  Pki& pki = Pki::get();
  const TrustStore roots = pki.store({"root"});
  pki.issue("i_nc", "int", "/CN=Int constrained", "root", "int_nc", 1000);
  pki.issue("l_nc_ok", "leaf", "/CN=ok", "i_nc", "leaf_no_eku", 30);
  CHECK(verify(pki.chain({"l_nc_ok", "i_nc"}), roots, "www.example.com").ok);
  pki.issue("l_nc_org", "leaf", "/CN=org", "i_nc", "leaf_org", 30);
  const Outcome outside = verify(pki.chain({"l_nc_org", "i_nc"}), roots, "www.example.org");
  CHECK_FAULT(outside, CertificateFault::name_constraint_violation,
              AlertDescription::bad_certificate);
  CHECK_THAT(outside.detail, Catch::Contains("www.example.org\" is outside the permitted"));
  pki.issue("l_nc_secret", "leaf", "/CN=secret", "i_nc", "leaf_secret", 30);
  const Outcome excluded = verify(pki.chain({"l_nc_secret", "i_nc"}), roots, "www.example.com");
  CHECK_FAULT(excluded, CertificateFault::name_constraint_violation,
              AlertDescription::bad_certificate);
  CHECK_THAT(excluded.detail, Catch::Contains("excluded subtree"));
  // The IP address SANs of the standard leaf are not constrained by DNS-only constraints, but
  // its *.example.net is outside example.com.
  pki.issue("l_nc_net", "leaf", "/CN=net", "i_nc", "leaf", 30);
  CHECK_FAULT(verify(pki.chain({"l_nc_net", "i_nc"}), roots, "www.example.com"),
              CertificateFault::name_constraint_violation, AlertDescription::bad_certificate);
}

TEST_CASE("Verify: key sizes and signature algorithms", "[crypto][x509][verify]") {
  Pki& pki = Pki::get();
  const TrustStore roots = pki.store({"root"});
  pki.issue("l_weak", "weak", "/CN=weak", "int", "leaf", 30);
  CHECK_FAULT(verify(pki.chain({"l_weak", "int"}), roots, "www.example.com"),
              CertificateFault::weak_key, AlertDescription::certificate_unknown);
  VerifyPolicy lenient;
  lenient.min_rsa_bits = 1024;
  CHECK(verify(pki.chain({"l_weak", "int"}), roots, "www.example.com", lenient).ok);
  // A weak intermediate key is refused when checking the leaf's signature.
  pki.issue("i_weak", "weak", "/CN=Int weak", "root", "int", 1000);
  pki.issue("l_under_weak", "leaf", "/CN=leaf under weak", "i_weak", "leaf", 30);
  const Outcome weak_issuer =
      verify(pki.chain({"l_under_weak", "i_weak"}), roots, "www.example.com");
  CHECK_FAULT(weak_issuer, CertificateFault::weak_key, AlertDescription::certificate_unknown);
  CHECK_THAT(weak_issuer.detail, Catch::Contains("1024 bits"));

  pki.issue("l_sha1", "leaf", "/CN=sha1", "int", "leaf", 30, "-sha1");
  CHECK_FAULT(verify(pki.chain({"l_sha1", "int"}), roots, "www.example.com"),
              CertificateFault::weak_signature, AlertDescription::certificate_unknown);
  VerifyPolicy sha1;
  sha1.allow_sha1 = true;
  CHECK(verify(pki.chain({"l_sha1", "int"}), roots, "www.example.com", sha1).ok);
  pki.issue("l_sha512", "leaf", "/CN=sha512", "int", "leaf", 30, "-sha512");
  CHECK(verify(pki.chain({"l_sha512", "int"}), roots, "www.example.com").ok);
  pki.issue("l_sha384", "leaf", "/CN=sha384", "int", "leaf", 30, "-sha384");
  CHECK(verify(pki.chain({"l_sha384", "int"}), roots, "www.example.com").ok);

  // RSASSA-PSS: salt = digest length verifies; other parameters are unsupported.
  pki.issue("l_pss", "leaf", "/CN=pss", "int", "leaf", 30,
            "-sha256 -sigopt rsa_padding_mode:pss -sigopt rsa_pss_saltlen:digest");
  CHECK(verify(pki.chain({"l_pss", "int"}), roots, "www.example.com").ok);
  pki.issue("l_pss384", "leaf", "/CN=pss384", "int", "leaf", 30,
            "-sha384 -sigopt rsa_padding_mode:pss -sigopt rsa_pss_saltlen:digest");
  CHECK(verify(pki.chain({"l_pss384", "int"}), roots, "www.example.com").ok);
  pki.issue("l_pss_salt", "leaf", "/CN=pss salt", "int", "leaf", 30,
            "-sha256 -sigopt rsa_padding_mode:pss -sigopt rsa_pss_saltlen:10");
  CHECK_FAULT(verify(pki.chain({"l_pss_salt", "int"}), roots, "www.example.com"),
              CertificateFault::unsupported_signature, AlertDescription::unsupported_certificate);

  // An ECDSA intermediate under the RSA root: its ecdsa-with-SHA256 signature on the leaf
  // verifies (tests/unit/crypto/x509_ecdsa_test.cpp has the ECDSA cases).
  tlsx::test::run_in(pki.dir(), "openssl ecparam -name prime256v1 -genkey -out ec.key");
  pki.issue("i_ec", "ec", "/CN=Int EC", "root", "int", 1000);
  pki.issue("l_under_ec", "leaf", "/CN=leaf under ec", "i_ec", "leaf", 30);
  CHECK(verify(pki.chain({"l_under_ec", "i_ec"}), roots, "www.example.com").ok);
  // An EC leaf key under an RSA chain is fine for path validation.
  pki.issue("l_ec", "ec", "/CN=ec leaf", "int", "leaf", 30);
  CHECK(verify(pki.chain({"l_ec", "int"}), roots, "www.example.com").ok);
}

TEST_CASE("Verify: the Illustrated TLS 1.2 chain", "[crypto][x509][verify]") {
  auto chain = CertificateChain::from_pem_file(
      tlsx::test::vector_path("illustrated-tls12/server.crt").string());
  auto ca = TrustStore::from_pem_file(tlsx::test::vector_path("illustrated-tls12/ca.crt").string());
  REQUIRE(chain);
  REQUIRE(ca);
  const std::int64_t in_2019 = 1546300800;  // 2019-01-01
  // The certificate has no subjectAltName, so no host name can match it...
  CHECK_FAULT(verify(*chain, *ca, "example.ulfheim.net", at(in_2019)),
              CertificateFault::name_mismatch, AlertDescription::bad_certificate);
  // ...but the chain itself is sound (its EKU also allows clientAuth, where no name is checked).
  VerifyPolicy client = at(in_2019);
  client.purpose = CertificatePurpose::client_auth;
  const Outcome ok = verify(*chain, *ca, "", client);
  CHECK(ok.ok);
  CHECK(ok.path == std::vector<std::string>{"CN=example.ulfheim.net,C=US", "O=Example CA,C=US"});
  client.time = 1577836800;  // 2020-01-01: expired
  CHECK_FAULT(verify(*chain, *ca, "", client), CertificateFault::expired,
              AlertDescription::certificate_expired);
  // Trust a different root: unknown CA.
  auto system = TrustStore::system();
  REQUIRE(system);
  VerifyPolicy client2019 = at(in_2019);
  client2019.purpose = CertificatePurpose::client_auth;
  CHECK_FAULT(verify(*chain, *system, "", client2019), CertificateFault::unknown_issuer,
              AlertDescription::unknown_ca);
}

TEST_CASE("Keys: PEM keys load and match their certificates", "[crypto][x509][key]") {
  const auto& provider = tlsx::crypto::default_provider();
  const struct {
    const char* key;
    const char* cert;
    std::size_t bits;
  } pairs[] = {
      {"illustrated-tls12/server.key", "illustrated-tls12/server.crt", 2048},
      {"go-tls12-transcripts/go-test-rsa1024-key.pem",
       "go-tls12-transcripts/go-test-rsa1024-cert.pem", 1024},
  };
  for (const auto& p : pairs) {
    INFO(p.key);
    auto key = tlsx::PrivateKey::from_pem_file(tlsx::test::vector_path(p.key).string());
    REQUIRE(key);
    CHECK(key->bits() == p.bits);
    auto chain = CertificateChain::from_pem_file(tlsx::test::vector_path(p.cert).string());
    REQUIRE(chain);
    auto cert_key = tlsx::crypto::to_rsa_public_key(chain->certificates()[0]->public_key);
    REQUIRE(cert_key);
    CHECK(cert_key->modulus() == tlsx::crypto::public_key(*key->rsa()).modulus());
    // Sign with the loaded key, verify with the certificate's key.
    const ByteVec message = tlsx::test::bytes_of("tlsx key/certificate pairing");
    auto sig = tlsx::crypto::rsa_pkcs1_sign(provider, *key->rsa(),
                                            tlsx::crypto::HashAlgorithm::sha256, message);
    REQUIRE(sig);
    CHECK(tlsx::crypto::rsa_pkcs1_verify(provider, *cert_key, tlsx::crypto::HashAlgorithm::sha256,
                                         message, *sig));
  }
  // PKCS#8 as openssl genrsa (3.x) writes it by default.
  Pki& pki = Pki::get();
  auto pkcs8 = tlsx::PrivateKey::from_pem_file(pki.dir().file("leaf.key"));
  REQUIRE(pkcs8);
  CHECK(pkcs8->bits() == 2048);
  auto missing = tlsx::PrivateKey::from_pem_file(pki.dir().file("nonexistent.key"));
  REQUIRE_FALSE(missing);
  CHECK(missing.error().code == ErrorCode::io);
  // A key whose components do not belong together is refused by make_rsa_private_key.
  const std::string text =
      tlsx::test::read_file(tlsx::test::vector_path("illustrated-tls12/server.key"));
  auto parsed = tlsx::crypto::rsa_private_key_from_pem(text);
  REQUIRE(parsed);
  auto broken = parsed->components;
  std::swap(broken.dp, broken.dq);
  CHECK_FALSE(tlsx::crypto::make_rsa_private_key(broken));
}

TEST_CASE("Illustrated TLS 1.2: the ServerKeyExchange signature verifies with the certificate key",
          "[crypto][x509]") {
  const auto transcript = tlsx::test::load_json_vector("illustrated-tls12/transcript.json");
  auto chain = CertificateChain::from_pem_file(
      tlsx::test::vector_path("illustrated-tls12/server.crt").string());
  REQUIRE(chain);
  auto key = tlsx::crypto::to_rsa_public_key(chain->certificates()[0]->public_key);
  REQUIRE(key);
  const ByteVec signed_data =
      tlsx::test::from_hex(transcript["server_key_exchange_signed_data"].get<std::string>());
  ByteVec signature =
      tlsx::test::from_hex(transcript["server_key_exchange_signature"].get<std::string>());
  REQUIRE(signature.size() == 256);
  const auto& provider = tlsx::crypto::default_provider();
  CHECK(tlsx::crypto::rsa_pkcs1_verify(provider, *key, tlsx::crypto::HashAlgorithm::sha256,
                                       signed_data, signature));
  signature[100] ^= 0x40;
  auto bad = tlsx::crypto::rsa_pkcs1_verify(provider, *key, tlsx::crypto::HashAlgorithm::sha256,
                                            signed_data, signature);
  REQUIRE_FALSE(bad);
  CHECK(bad.error().code == ErrorCode::decrypt_error);
  // An EC certificate key is not an RSA key.
  tlsx::crypto::PublicKeyInfo ec;
  ec.type = tlsx::crypto::PublicKeyType::ec;
  ec.description = "EC secp256r1";
  auto not_rsa = tlsx::crypto::to_rsa_public_key(ec);
  REQUIRE_FALSE(not_rsa);
  CHECK(not_rsa.error().alert == AlertDescription::unsupported_certificate);
}
