// ECDSA certificates: id-ecPublicKey SubjectPublicKeyInfo (named curves, point validation) and
// chain verification with ecdsa-with-SHA* signatures, over the EC test PKI (tests/data/pki:
// P-384 root and intermediate, P-256 leaves) and mixed RSA/ECDSA chains.
#include <functional>
#include <string>
#include <vector>

#include <catch2/catch.hpp>

#include "crypto/der.hpp"
#include "crypto/x509_certificate.hpp"
#include "crypto/x509_public_key.hpp"
#include "openssl_cli.hpp"
#include "support/test_support.hpp"
#include "tlsx/x509.hpp"

namespace {

using tlsx::AlertDescription;
using tlsx::CertificateChain;
using tlsx::CertificatePurpose;
using tlsx::ErrorCode;
using tlsx::TrustStore;
using tlsx::VerifyPolicy;
using tlsx::crypto::ec::Curve;
using tlsx::test::ByteVec;

std::string pki(const std::string& name) {
  return std::string(TLSX_TEST_DATA_DIR) + "/pki/" + name;
}

std::string pem(const std::string& name) {
  return tlsx::test::read_file(pki(name));
}

CertificateChain chain_of(std::initializer_list<std::string> files) {
  std::string text;
  for (const auto& f : files) text += pem(f);
  auto chain = CertificateChain::from_pem(text);
  REQUIRE(chain);
  return std::move(*chain);
}

TrustStore store_of(std::initializer_list<std::string> files) {
  std::string text;
  for (const auto& f : files) text += pem(f);
  auto store = TrustStore::from_pem(text);
  REQUIRE(store);
  return std::move(*store);
}

// The chain with one certificate's DER changed by edit (and re-parsed).
CertificateChain edited(const CertificateChain& chain, std::size_t index,
                        const std::function<void(ByteVec&)>& edit) {
  CertificateChain out;
  for (std::size_t i = 0; i < chain.size(); ++i) {
    ByteVec der(chain.der(i).begin(), chain.der(i).end());
    if (i == index) edit(der);
    REQUIRE(out.append_der(der));
  }
  return out;
}

tlsx::Result<CertificateChain> verify(const CertificateChain& chain, const TrustStore& store,
                                      std::string_view name, VerifyPolicy policy = {}) {
  return tlsx::verify_certificate_chain(chain, store, policy, name);
}

void check_fault(const tlsx::Result<CertificateChain>& r, std::string_view fault,
                 AlertDescription alert) {
  REQUIRE_FALSE(r);
  CHECK(r.error().code == ErrorCode::certificate);
  CHECK(r.error().alert == alert);
  CHECK_THAT(r.error().detail, Catch::StartsWith(std::string(fault)));
}

}  // namespace

TEST_CASE("ECDSA certificates: named-curve SubjectPublicKeyInfo", "[crypto][x509][ec]") {
  const struct {
    const char* file;
    Curve curve;
    std::size_t point_size;
    const char* description;
  } cases[] = {
      {"ec-server.pem", Curve::p256, 65, "EC secp256r1"},
      {"ec-client.pem", Curve::p256, 65, "EC secp256r1"},
      {"ec-intermediate.pem", Curve::p384, 97, "EC secp384r1"},
      {"ec-ca.pem", Curve::p384, 97, "EC secp384r1"},
  };
  for (const auto& c : cases) {
    INFO(c.file);
    const auto chain = chain_of({c.file});
    const auto& key = chain.certificates()[0]->public_key;
    CHECK(key.type == tlsx::crypto::PublicKeyType::ec);
    CHECK(key.description == c.description);
    REQUIRE(key.ec_curve);
    CHECK(*key.ec_curve == c.curve);
    CHECK(key.ec_point.size() == c.point_size);
    auto ec = tlsx::crypto::to_ec_public_key(key);
    REQUIRE(ec);
    CHECK(ec->curve == c.curve);
    CHECK(ec->point.data() == key.ec_point.data());
  }

  // A point off the curve, a compressed point, a truncated one: bad_certificate.
  const auto chain = chain_of({"ec-server.pem"});
  const auto& good = chain.certificates()[0]->public_key;
  ByteVec off(good.ec_point.begin(), good.ec_point.end());
  off[64] ^= 0x01;
  ByteVec compressed(good.ec_point.begin(), good.ec_point.begin() + 33);
  compressed[0] = static_cast<std::uint8_t>(0x02 | (good.ec_point[64] & 1));
  ByteVec short_point(good.ec_point.begin(), good.ec_point.end() - 1);
  for (const ByteVec* point : {&off, &compressed, &short_point}) {
    tlsx::crypto::PublicKeyInfo bad = good;
    bad.ec_point = *point;
    auto r = tlsx::crypto::to_ec_public_key(bad);
    REQUIRE_FALSE(r);
    CHECK(r.error().code == ErrorCode::certificate);
    CHECK(r.error().alert == AlertDescription::bad_certificate);
  }
  // RSA keys are not EC keys, and the RSA accessor refuses EC keys.
  const auto rsa = chain_of({"server.pem"});
  auto not_ec = tlsx::crypto::to_ec_public_key(rsa.certificates()[0]->public_key);
  REQUIRE_FALSE(not_ec);
  CHECK(not_ec.error().alert == AlertDescription::unsupported_certificate);
  auto not_rsa = tlsx::crypto::to_rsa_public_key(good);
  REQUIRE_FALSE(not_rsa);
  CHECK(not_rsa.error().alert == AlertDescription::unsupported_certificate);

  // Other curves and explicit parameters: recognised as EC, unsupported.
  tlsx::test::TempDir dir;
  tlsx::test::run_in(dir, "openssl ecparam -name secp521r1 -genkey -noout -out p521.key");
  tlsx::test::run_in(dir,
                     "openssl req -x509 -new -key p521.key -subj /CN=p521 -days 30 -out p521.pem");
  tlsx::test::run_in(
      dir, "openssl ecparam -name prime256v1 -genkey -noout -param_enc explicit -out x.key");
  tlsx::test::run_in(dir, "openssl req -x509 -new -key x.key -subj /CN=x -days 30 -out x.pem");
  const struct {
    const char* file;
    const char* description;
  } unsupported[] = {{"p521.pem", "EC secp521r1"}, {"x.pem", "EC with explicit parameters"}};
  for (const auto& u : unsupported) {
    INFO(u.file);
    auto c = CertificateChain::from_pem(tlsx::test::read_file(dir.file(u.file)));
    REQUIRE(c);
    const auto& key = c->certificates()[0]->public_key;
    CHECK(key.type == tlsx::crypto::PublicKeyType::ec);
    CHECK(key.description == u.description);
    CHECK_FALSE(key.ec_curve);
    auto r = tlsx::crypto::to_ec_public_key(key);
    REQUIRE_FALSE(r);
    CHECK(r.error().alert == AlertDescription::unsupported_certificate);
  }
}

TEST_CASE("ECDSA certificates: the EC test PKI verifies", "[crypto][x509][ec]") {
  const TrustStore ec_root = store_of({"ec-ca.pem"});
  auto server = verify(chain_of({"ec-server-chain.pem"}), ec_root, "localhost");
  REQUIRE(server);
  REQUIRE(server->size() == 3);
  CHECK(server->subject(0) == "CN=localhost,O=tlsx tests");
  CHECK(server->subject(2) == "CN=tlsx test ECDSA root CA,O=tlsx tests");
  CHECK(verify(chain_of({"ec-server-chain.pem"}), ec_root, "127.0.0.1"));
  check_fault(verify(chain_of({"ec-server-chain.pem"}), ec_root, "example.com"), "name_mismatch",
              AlertDescription::bad_certificate);
  // Missing intermediate; untrusted root.
  check_fault(verify(chain_of({"ec-server.pem"}), ec_root, "localhost"), "unknown_issuer",
              AlertDescription::unknown_ca);
  check_fault(verify(chain_of({"ec-server-chain.pem"}), store_of({"ca.pem"}), "localhost"),
              "unknown_issuer", AlertDescription::unknown_ca);

  // The client certificate (ecdsa-with-SHA256 by a P-384 key), for clientAuth only.
  VerifyPolicy client;
  client.purpose = CertificatePurpose::client_auth;
  CHECK(verify(chain_of({"ec-client-chain.pem"}), ec_root, "", client));
  check_fault(verify(chain_of({"ec-client-chain.pem"}), ec_root, "localhost"), "wrong_purpose",
              AlertDescription::unsupported_certificate);
}

TEST_CASE("ECDSA certificates: mixed RSA and ECDSA chains", "[crypto][x509][ec]") {
  // P-256 leaf signed by the RSA root.
  auto ec_under_rsa = verify(chain_of({"ec-server-rsa-ca.pem"}), store_of({"ca.pem"}), "localhost");
  REQUIRE(ec_under_rsa);
  CHECK(ec_under_rsa->size() == 2);
  // RSA leaf signed by the P-384 intermediate.
  CHECK(verify(chain_of({"rsa-server-ec-ca-chain.pem"}), store_of({"ec-ca.pem"}), "localhost"));
  // A store with both roots serves every chain; the wrong root alone serves none.
  const TrustStore both = store_of({"ca.pem", "ec-ca.pem"});
  for (const char* f : {"ec-server-chain.pem", "ec-server-rsa-ca.pem", "rsa-server-ec-ca-chain.pem",
                        "server.pem"}) {
    INFO(f);
    CHECK(verify(chain_of({f}), both, "localhost"));
  }
  check_fault(verify(chain_of({"ec-server-rsa-ca.pem"}), store_of({"ec-ca.pem"}), "localhost"),
              "unknown_issuer", AlertDescription::unknown_ca);
  // An RSA-signed P-256 leaf with a ECDSA intermediate as a decoy: the right issuer is found.
  CHECK(verify(chain_of({"ec-server-rsa-ca.pem", "ec-intermediate.pem"}), both, "localhost"));
}

TEST_CASE("ECDSA certificates: tampered signatures and certificates are refused",
          "[crypto][x509][ec]") {
  const TrustStore ec_root = store_of({"ec-ca.pem"});
  const auto good = chain_of({"ec-server-chain.pem"});
  REQUIRE(verify(good, ec_root, "localhost"));
  // The last byte of a certificate is the last byte of s in its Ecdsa-Sig-Value.
  for (std::size_t index : {0u, 1u}) {
    INFO("certificate " << index);
    const auto bad_s = edited(good, index, [](ByteVec& der) { der.back() ^= 0x01; });
    check_fault(verify(bad_s, ec_root, "localhost"), "bad_signature",
                AlertDescription::bad_certificate);
  }
  // A changed byte in the leaf's TBS (inside its serial number, offset 15).
  const auto bad_tbs = edited(good, 0, [](ByteVec& der) { der[15] ^= 0x01; });
  check_fault(verify(bad_tbs, ec_root, "localhost"), "bad_signature",
              AlertDescription::bad_certificate);
  // The mixed chain's RSA signature, tampered.
  const auto mixed = chain_of({"ec-server-rsa-ca.pem"});
  const auto bad_rsa = edited(mixed, 0, [](ByteVec& der) { der.back() ^= 0x01; });
  check_fault(verify(bad_rsa, store_of({"ca.pem"}), "localhost"), "bad_signature",
              AlertDescription::bad_certificate);
}

TEST_CASE("ECDSA certificates: hashes, SHA-1 policy, unsupported issuer curves",
          "[crypto][x509][ec][openssl]") {
  tlsx::test::TempDir dir;
  const std::string ca = "-CA '" + pki("ec-intermediate.pem") + "' -CAkey '" +
                         pki("ec-intermediate.key") + "' -set_serial 7 -days 30";
  tlsx::test::run_in(dir, "(printf 'subjectAltName=DNS:localhost\\n' > san.ext)");
  tlsx::test::run_in(dir, "openssl req -new -key '" + pki("ec-server.key") +
                              "' -subj /CN=localhost -out leaf.csr");
  for (const char* md : {"sha256", "sha384", "sha512", "sha1"}) {
    tlsx::test::run_in(dir, "openssl x509 -req -in leaf.csr " + ca + " -" + md +
                                " -extfile san.ext -out " + md + ".pem");
  }
  const TrustStore ec_root = store_of({"ec-ca.pem"});
  const std::string intermediate = pem("ec-intermediate.pem");
  auto chain = [&](const char* md) {
    auto c = CertificateChain::from_pem(tlsx::test::read_file(dir.file(std::string(md) + ".pem")) +
                                        intermediate);
    REQUIRE(c);
    return std::move(*c);
  };
  for (const char* md : {"sha256", "sha384", "sha512"}) {
    INFO(md);
    CHECK(verify(chain(md), ec_root, "localhost"));
  }
  check_fault(verify(chain("sha1"), ec_root, "localhost"), "weak_signature",
              AlertDescription::certificate_unknown);
  VerifyPolicy sha1;
  sha1.allow_sha1 = true;
  CHECK(verify(chain("sha1"), ec_root, "localhost", sha1));

  // A P-521 issuer: the curve tlsx does not implement is unsupported_key.
  tlsx::test::run_in(dir, "openssl ecparam -name secp521r1 -genkey -noout -out p521.key");
  tlsx::test::run_in(dir,
                     "openssl req -x509 -new -key p521.key -subj /CN=p521-root -days 30 "
                     "-addext basicConstraints=critical,CA:true -out p521.pem");
  tlsx::test::run_in(dir,
                     "openssl x509 -req -in leaf.csr -CA p521.pem -CAkey p521.key -set_serial 8 "
                     "-days 30 -sha512 -extfile san.ext -out under521.pem");
  auto under521 = CertificateChain::from_pem(tlsx::test::read_file(dir.file("under521.pem")));
  auto p521_root = TrustStore::from_pem(tlsx::test::read_file(dir.file("p521.pem")));
  REQUIRE((under521 && p521_root));
  check_fault(verify(*under521, *p521_root, "localhost"), "unsupported_key",
              AlertDescription::unsupported_certificate);
}
