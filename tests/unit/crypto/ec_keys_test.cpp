// EC private keys (SEC 1 and PKCS#8), their operations (ECDSA signing for TLS), and cross-checks
// with the openssl command line: tlsx signs -> openssl verifies, openssl signs -> tlsx verifies,
// ECDH shared secrets equal `openssl pkeyutl -derive`.
#include <fstream>
#include <string>
#include <vector>

#include <catch2/catch.hpp>

#include "crypto/ec.hpp"
#include "crypto/ec_key_der.hpp"
#include "crypto/pem.hpp"
#include "crypto/tls_signature.hpp"
#include "crypto/x509_certificate.hpp"
#include "crypto/x509_public_key.hpp"
#include "openssl_cli.hpp"
#include "support/test_support.hpp"
#include "tlsx/config.hpp"
#include "tlsx/x509.hpp"

namespace {

using tlsx::CertificateChain;
using tlsx::ErrorCode;
using tlsx::KeyAlgorithm;
using tlsx::PrivateKey;
using tlsx::SignatureScheme;
using tlsx::crypto::ec::Curve;
using tlsx::test::ByteVec;

std::string pki(const char* name) {
  return std::string(TLSX_TEST_DATA_DIR) + "/pki/" + name;
}

std::string read(const std::string& path) {
  return tlsx::test::read_file(path);
}

// The DER of the first block with this label.
ByteVec block_der(const std::string& pem, std::string_view label) {
  auto blocks = tlsx::crypto::pem_decode(pem);
  REQUIRE(blocks);
  for (const auto& b : *blocks) {
    if (b.label == label) return ByteVec(b.der.span().begin(), b.der.span().end());
  }
  FAIL("no " << label << " block");
  return {};
}

std::string pem_of(std::string_view label, const ByteVec& der) {
  std::string b64;
  static constexpr char kAlphabet[] =
      "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
  for (std::size_t i = 0; i < der.size(); i += 3) {
    const std::uint32_t n = (std::uint32_t{der[i]} << 16) |
                            (i + 1 < der.size() ? std::uint32_t{der[i + 1]} << 8 : 0) |
                            (i + 2 < der.size() ? std::uint32_t{der[i + 2]} : 0);
    b64 += kAlphabet[(n >> 18) & 63];
    b64 += kAlphabet[(n >> 12) & 63];
    b64 += i + 1 < der.size() ? kAlphabet[(n >> 6) & 63] : '=';
    b64 += i + 2 < der.size() ? kAlphabet[n & 63] : '=';
  }
  std::string out = "-----BEGIN " + std::string(label) + "-----\n";
  for (std::size_t i = 0; i < b64.size(); i += 64) out += b64.substr(i, 64) + "\n";
  return out + "-----END " + std::string(label) + "-----\n";
}

void write_file(const std::string& path, std::span<const std::uint8_t> data) {
  std::ofstream f(path, std::ios::binary);
  f.write(reinterpret_cast<const char*>(data.data()), static_cast<std::streamsize>(data.size()));
  REQUIRE(f.good());
}

const tlsx::crypto::PublicKeyInfo& leaf_key(const CertificateChain& chain) {
  return chain.certificates().front()->public_key;
}

// SubjectPublicKeyInfo DER for an uncompressed point (RFC 5480), for handing tlsx's public
// points to openssl.
ByteVec spki_der(Curve curve, std::span<const std::uint8_t> point) {
  ByteVec out = curve == Curve::p256
                    ? tlsx::test::from_hex("3059301306072a8648ce3d020106082a8648ce3d030107034200")
                    : tlsx::test::from_hex("3076301006072a8648ce3d020106052b81040022036200");
  out.insert(out.end(), point.begin(), point.end());
  return out;
}

// PKCS#8 DER for a bare scalar (openssl computes the public key itself).
ByteVec pkcs8_der(Curve curve, std::span<const std::uint8_t> scalar) {
  ByteVec out = curve == Curve::p256
                    ? tlsx::test::from_hex(
                          "3041020100301306072a8648ce3d020106082a8648ce3d030107042730250201010420")
                    : tlsx::test::from_hex(
                          "304e020100301006072a8648ce3d020106052b8104002204373035020101"
                          "0430");
  out.insert(out.end(), scalar.begin(), scalar.end());
  return out;
}

}  // namespace

TEST_CASE("EC keys: SEC 1 and PKCS#8 forms of the test PKI keys", "[crypto][key][ec]") {
  const struct {
    const char* key;
    const char* cert;
    KeyAlgorithm algorithm;
    std::size_t bits;
  } cases[] = {
      {"ec-server.key", "ec-server.pem", KeyAlgorithm::ecdsa_p256, 256},
      {"ec-server.pkcs8.key", "ec-server.pem", KeyAlgorithm::ecdsa_p256, 256},
      {"ec-client.key", "ec-client.pem", KeyAlgorithm::ecdsa_p256, 256},
      {"ec-client.sec1.key", "ec-client.pem", KeyAlgorithm::ecdsa_p256, 256},
      {"ec-ca.key", "ec-ca.pem", KeyAlgorithm::ecdsa_p384, 384},
      {"ec-intermediate.key", "ec-intermediate.pem", KeyAlgorithm::ecdsa_p384, 384},
      {"ec-server-rsa-ca.key", "ec-server-rsa-ca.pem", KeyAlgorithm::ecdsa_p256, 256},
  };
  for (const auto& c : cases) {
    INFO(c.key);
    auto key = PrivateKey::from_pem_file(pki(c.key));
    REQUIRE(key);
    CHECK(key->algorithm() == c.algorithm);
    CHECK(key->bits() == c.bits);
    CHECK(key->rsa() == nullptr);
    REQUIRE(key->ec() != nullptr);
    CHECK(key->ec()->scalar.size() == c.bits / 8);
    auto chain = CertificateChain::from_pem_file(pki(c.cert));
    REQUIRE(chain);
    const auto& spki = leaf_key(*chain);
    REQUIRE(spki.ec_curve);
    CHECK(*spki.ec_curve == key->ec()->curve);
    CHECK(ByteVec(spki.ec_point.begin(), spki.ec_point.end()) == key->ec()->public_point);
    auto pair = tlsx::CertifiedKey::from_pem_files(pki(c.cert), pki(c.key));
    REQUIRE(pair);
    CHECK(pair->key->algorithm() == c.algorithm);
    CHECK(pair->key->rsa_bits() == 0);
  }
  // The two forms hold the same scalar.
  auto sec1 = PrivateKey::from_pem_file(pki("ec-server.key"));
  auto pkcs8 = PrivateKey::from_pem_file(pki("ec-server.pkcs8.key"));
  REQUIRE((sec1 && pkcs8));
  CHECK(ByteVec(sec1->ec()->scalar.span().begin(), sec1->ec()->scalar.span().end()) ==
        ByteVec(pkcs8->ec()->scalar.span().begin(), pkcs8->ec()->scalar.span().end()));
  // `openssl ecparam -genkey` puts an EC PARAMETERS block first; it is skipped.
  CHECK_THAT(read(pki("ec-server.key")), Catch::StartsWith("-----BEGIN EC PARAMETERS-----"));
  // RSA keys still load as RSA.
  auto rsa = PrivateKey::from_pem_file(pki("server.key"));
  REQUIRE(rsa);
  CHECK(rsa->algorithm() == KeyAlgorithm::rsa);
  CHECK(rsa->ec() == nullptr);
  CHECK(rsa->bits() == 2048);
}

TEST_CASE("EC keys: a key that does not belong to the certificate is refused",
          "[crypto][key][ec]") {
  const struct {
    const char* cert;
    const char* key;
  } mismatches[] = {
      {"ec-server-chain.pem", "ec-client.key"},  // same curve, other point
      {"ec-server-chain.pem", "ec-ca.key"},      // other curve
      {"ec-server-chain.pem", "server.key"},     // RSA key, EC certificate
      {"server.pem", "ec-server.key"},           // EC key, RSA certificate
  };
  for (const auto& m : mismatches) {
    INFO(m.cert << " + " << m.key);
    auto pair = tlsx::CertifiedKey::from_pem_files(pki(m.cert), pki(m.key));
    REQUIRE_FALSE(pair);
    CHECK(pair.error().code == ErrorCode::invalid_argument);
    CHECK_THAT(pair.error().detail, Catch::Contains("does not belong"));
  }
  auto chain = tlsx::CertifiedKey::from_pem_files(pki("ec-server-chain.pem"), pki("ec-server.key"));
  REQUIRE(chain);
  CHECK(chain->chain.size() == 2);
}

TEST_CASE("EC keys: other curves, explicit parameters, malformed and inconsistent keys",
          "[crypto][key][ec]") {
  tlsx::test::TempDir dir;
  tlsx::test::run_in(dir, "openssl ecparam -name secp521r1 -genkey -out p521.pem");
  tlsx::test::run_in(dir, "openssl ecparam -name secp256k1 -genkey -out k1.pem");
  tlsx::test::run_in(dir, "openssl pkcs8 -topk8 -nocrypt -in p521.pem -out p521.p8");
  tlsx::test::run_in(
      dir, "openssl ecparam -name prime256v1 -genkey -param_enc explicit -noout -out explicit.pem");
  tlsx::test::run_in(dir, "openssl pkcs8 -topk8 -nocrypt -in explicit.pem -out explicit.p8");
  const struct {
    const char* file;
    const char* message;
  } unsupported[] = {
      {"p521.pem", "secp521r1 is not supported"},   {"p521.p8", "secp521r1 is not supported"},
      {"k1.pem", "1.3.132.0.10 is not supported"},  {"explicit.pem", "explicit curve parameters"},
      {"explicit.p8", "explicit curve parameters"},
  };
  for (const auto& u : unsupported) {
    INFO(u.file);
    auto key = PrivateKey::from_pem_file(dir.file(u.file));
    REQUIRE_FALSE(key);
    CHECK(key.error().code == ErrorCode::unsupported);
    CHECK_THAT(key.error().detail, Catch::Contains(u.message));
  }

  // Every truncation of both forms is refused.
  const ByteVec sec1 = block_der(read(pki("ec-server.key")), "EC PRIVATE KEY");
  const ByteVec p8 = block_der(read(pki("ec-server.pkcs8.key")), "PRIVATE KEY");
  REQUIRE(tlsx::crypto::parse_ec_private_key_sec1(sec1, std::nullopt));
  REQUIRE(tlsx::crypto::parse_ec_private_key_pkcs8(p8));
  for (std::size_t n = 0; n < sec1.size(); ++n) {
    CHECK_FALSE(tlsx::crypto::parse_ec_private_key_sec1(std::span(sec1).first(n), std::nullopt));
  }
  for (std::size_t n = 0; n < p8.size(); ++n) {
    CHECK_FALSE(tlsx::crypto::parse_ec_private_key_pkcs8(std::span(p8).first(n)));
  }

  // openssl's SEC 1 P-256 layout: 30 77 02 01 01 04 20 <d> a0 0a <oid> a1 44 03 42 00 <Q>.
  REQUIRE(sec1.size() == 121);
  REQUIRE(sec1[5] == 0x04);
  REQUIRE(sec1[6] == 0x20);
  // The embedded public key of another key: refused.
  auto client = PrivateKey::from_pem_file(pki("ec-client.key"));
  REQUIRE(client);
  ByteVec wrong_point = sec1;
  std::copy(client->ec()->public_point.begin(), client->ec()->public_point.end(),
            wrong_point.end() - 65);
  auto mismatch = tlsx::crypto::parse_ec_private_key_sec1(wrong_point, std::nullopt);
  REQUIRE_FALSE(mismatch);
  CHECK(mismatch.error().code == ErrorCode::decode);
  CHECK_THAT(mismatch.error().detail, Catch::Contains("does not belong"));
  // A zero scalar and one equal to n are out of range.
  ByteVec zero = sec1;
  std::fill(zero.begin() + 7, zero.begin() + 39, 0);
  auto zero_key = tlsx::crypto::parse_ec_private_key_sec1(zero, std::nullopt);
  REQUIRE_FALSE(zero_key);
  CHECK_THAT(zero_key.error().detail, Catch::Contains("out of range"));
  ByteVec order = sec1;
  const ByteVec n =
      tlsx::test::from_hex("ffffffff00000000ffffffffffffffffbce6faada7179e84f3b9cac2fc632551");
  std::copy(n.begin(), n.end(), order.begin() + 7);
  CHECK_FALSE(tlsx::crypto::parse_ec_private_key_sec1(order, std::nullopt));
  // The curve inside a PKCS#8 key must match its AlgorithmIdentifier.
  auto other_curve = tlsx::crypto::parse_ec_private_key_sec1(sec1, Curve::p384);
  REQUIRE_FALSE(other_curve);
  CHECK_THAT(other_curve.error().detail, Catch::Contains("differs"));
  // A bare SEC 1 key without parameters has no curve.
  auto minimal = tlsx::test::from_hex("30250201010420");
  minimal.insert(minimal.end(), sec1.begin() + 7, sec1.begin() + 39);
  auto no_curve = tlsx::crypto::parse_ec_private_key_sec1(minimal, std::nullopt);
  REQUIRE_FALSE(no_curve);
  CHECK_THAT(no_curve.error().detail, Catch::Contains("no curve"));
  CHECK(tlsx::crypto::parse_ec_private_key_sec1(minimal, Curve::p256));
  // Version 0 (PKCS#1-like) is not an ECPrivateKey.
  ByteVec v0 = sec1;
  v0[4] = 0;
  CHECK_FALSE(tlsx::crypto::parse_ec_private_key_sec1(v0, std::nullopt));
}

TEST_CASE("EC keys: operations sign ECDSA schemes only", "[crypto][key][ec]") {
  auto key = PrivateKey::from_pem_file(pki("ec-server.key"));
  REQUIRE(key);
  auto ops = tlsx::make_private_key_operations(std::move(*key));
  CHECK(ops->algorithm() == KeyAlgorithm::ecdsa_p256);
  CHECK(ops->rsa_bits() == 0);
  const ByteVec message = tlsx::test::bytes_of("client_random || server_random || params");
  for (auto scheme : {SignatureScheme::rsa_pkcs1_sha256, SignatureScheme::rsa_pss_rsae_sha256,
                      SignatureScheme::ecdsa_sha1, SignatureScheme::ed25519}) {
    auto sig = ops->sign(scheme, message);
    REQUIRE_FALSE(sig);
    CHECK(sig.error().code == ErrorCode::invalid_argument);
  }
  ByteVec out(48);
  auto decrypted = ops->decrypt_pkcs1_implicit(ByteVec(256, 1), out);
  REQUIRE_FALSE(decrypted);
  CHECK(decrypted.error().code == ErrorCode::invalid_argument);

  auto rsa = PrivateKey::from_pem_file(pki("server.key"));
  REQUIRE(rsa);
  auto rsa_ops = tlsx::make_private_key_operations(std::move(*rsa));
  CHECK(rsa_ops->algorithm() == KeyAlgorithm::rsa);
  CHECK(rsa_ops->rsa_bits() == 2048);
  auto refused = rsa_ops->sign(SignatureScheme::ecdsa_secp256r1_sha256, message);
  REQUIRE_FALSE(refused);
  CHECK(refused.error().code == ErrorCode::invalid_argument);
  CHECK(rsa_ops->sign(SignatureScheme::rsa_pss_rsae_sha256, message));
}

// A PrivateKeyOperations written before EC keys existed still compiles and reports RSA.
TEST_CASE("EC keys: custom PrivateKeyOperations default to RSA", "[crypto][key][ec]") {
  struct Legacy final : tlsx::PrivateKeyOperations {
    std::size_t rsa_bits() const noexcept override { return 2048; }
    tlsx::Result<std::vector<std::uint8_t>> sign(SignatureScheme,
                                                 std::span<const std::uint8_t>) const override {
      return std::vector<std::uint8_t>{};
    }
    tlsx::Result<std::uint8_t> decrypt_pkcs1_implicit(std::span<const std::uint8_t>,
                                                      std::span<std::uint8_t>) const override {
      return std::uint8_t{0};
    }
  };
  const Legacy legacy;
  CHECK(static_cast<const tlsx::PrivateKeyOperations&>(legacy).algorithm() == KeyAlgorithm::rsa);
}

TEST_CASE("EC keys: tlsx signs, openssl verifies, and the reverse", "[crypto][key][ec][openssl]") {
  tlsx::test::TempDir dir;
  const ByteVec message = tlsx::test::bytes_of("tlsx ECDSA cross-check with the openssl CLI");
  write_file(dir.file("msg"), message);
  const struct {
    const char* key;
    const char* cert;
    SignatureScheme scheme;
    const char* dgst;
  } cases[] = {
      {"ec-server.key", "ec-server.pem", SignatureScheme::ecdsa_secp256r1_sha256, "sha256"},
      {"ec-client.key", "ec-client.pem", SignatureScheme::ecdsa_secp256r1_sha256, "sha256"},
      {"ec-intermediate.key", "ec-intermediate.pem", SignatureScheme::ecdsa_secp384r1_sha384,
       "sha384"},
      // TLS 1.2 pairs do not bind the curve: P-256 with SHA-384, P-384 with SHA-256 and SHA-512.
      {"ec-server.key", "ec-server.pem", SignatureScheme::ecdsa_secp384r1_sha384, "sha384"},
      {"ec-ca.key", "ec-ca.pem", SignatureScheme::ecdsa_secp256r1_sha256, "sha256"},
      {"ec-ca.key", "ec-ca.pem", SignatureScheme::ecdsa_secp521r1_sha512, "sha512"},
  };
  for (const auto& c : cases) {
    INFO(c.key << " " << c.dgst);
    auto key = PrivateKey::from_pem_file(pki(c.key));
    REQUIRE(key);
    auto ops = tlsx::make_private_key_operations(std::move(*key));
    auto chain = CertificateChain::from_pem_file(pki(c.cert));
    REQUIRE(chain);
    tlsx::test::run_in(dir, "(openssl x509 -in '" + pki(c.cert) + "' -pubkey -noout > pub.pem)");

    // tlsx -> openssl (dgst hashes itself; pkeyutl takes the digest).
    auto sig = ops->sign(c.scheme, message);
    REQUIRE(sig);
    write_file(dir.file("tlsx.sig"), *sig);
    CHECK_NOTHROW(tlsx::test::run_in(
        dir, std::string("openssl dgst -") + c.dgst + " -verify pub.pem -signature tlsx.sig msg"));
    tlsx::test::run_in(dir, std::string("(openssl dgst -") + c.dgst + " -binary msg > msg.digest)");
    CHECK_NOTHROW(tlsx::test::run_in(
        dir, "openssl pkeyutl -verify -pubin -inkey pub.pem -in msg.digest -sigfile tlsx.sig"));
    // ... and tlsx checks its own signature the way the handshake will.
    CHECK(tlsx::crypto::verify_tls_signature(tlsx::crypto::default_provider(), leaf_key(*chain),
                                             c.scheme, message, *sig));

    // openssl -> tlsx.
    tlsx::test::run_in(dir, std::string("openssl dgst -") + c.dgst + " -sign '" + pki(c.key) +
                                "' -out openssl.sig msg");
    ByteVec theirs = tlsx::test::bytes_of(tlsx::test::read_file(dir.file("openssl.sig")));
    CHECK(tlsx::crypto::verify_tls_signature(tlsx::crypto::default_provider(), leaf_key(*chain),
                                             c.scheme, message, theirs));
    // Tampered: a flipped bit in s, another message.
    theirs.back() ^= 0x01;
    auto bad = tlsx::crypto::verify_tls_signature(tlsx::crypto::default_provider(),
                                                  leaf_key(*chain), c.scheme, message, theirs);
    REQUIRE_FALSE(bad);
    CHECK(bad.error().code == ErrorCode::decrypt_error);
    CHECK(bad.error().alert == tlsx::AlertDescription::decrypt_error);
    theirs.back() ^= 0x01;
    ByteVec other = message;
    other[0] ^= 0x20;
    CHECK_FALSE(tlsx::crypto::verify_tls_signature(tlsx::crypto::default_provider(),
                                                   leaf_key(*chain), c.scheme, other, theirs));
  }
}

TEST_CASE("EC keys: verify_tls_signature refuses schemes that do not fit the key",
          "[crypto][key][ec]") {
  const auto& provider = tlsx::crypto::default_provider();
  auto ec_chain = CertificateChain::from_pem_file(pki("ec-server.pem"));
  auto rsa_chain = CertificateChain::from_pem_file(pki("server.pem"));
  REQUIRE((ec_chain && rsa_chain));
  const ByteVec message = tlsx::test::bytes_of("m");
  const ByteVec signature(72, 0x30);
  for (auto scheme : {SignatureScheme::rsa_pkcs1_sha256, SignatureScheme::rsa_pss_rsae_sha256,
                      SignatureScheme::ecdsa_sha1, SignatureScheme::ed25519}) {
    auto r = tlsx::crypto::verify_tls_signature(provider, leaf_key(*ec_chain), scheme, message,
                                                signature);
    REQUIRE_FALSE(r);
    CHECK(r.error().code == ErrorCode::illegal_parameter);
  }
  auto r = tlsx::crypto::verify_tls_signature(
      provider, leaf_key(*rsa_chain), SignatureScheme::ecdsa_secp256r1_sha256, message, signature);
  REQUIRE_FALSE(r);
  CHECK(r.error().code == ErrorCode::illegal_parameter);
  // RSA keeps working through the same function (openssl signs with the RSA test key).
  tlsx::test::TempDir dir;
  write_file(dir.file("msg"), message);
  tlsx::test::run_in(dir, "openssl dgst -sha256 -sign '" + pki("server.key") + "' -out s msg");
  const std::string sig = tlsx::test::read_file(dir.file("s"));
  CHECK(tlsx::crypto::verify_tls_signature(provider, leaf_key(*rsa_chain),
                                           SignatureScheme::rsa_pkcs1_sha256, message,
                                           tlsx::test::bytes_of(sig)));
  // Malformed DER is a failed signature too.
  auto malformed = tlsx::crypto::verify_tls_signature(
      provider, leaf_key(*ec_chain), SignatureScheme::ecdsa_secp256r1_sha256, message, signature);
  REQUIRE_FALSE(malformed);
  CHECK(malformed.error().code == ErrorCode::decrypt_error);
}

TEST_CASE("EC keys: ECDH shared secrets equal openssl pkeyutl -derive",
          "[crypto][key][ec][openssl]") {
  tlsx::test::TempDir dir;
  const auto& provider = tlsx::crypto::default_provider();
  for (const auto& [curve, name] :
       {std::pair{Curve::p256, "P-256"}, std::pair{Curve::p384, "P-384"}}) {
    INFO(name);
    // openssl's key pair, loaded by tlsx from its PKCS#8 file.
    tlsx::test::run_in(
        dir, std::string("openssl genpkey -algorithm EC -pkeyopt ec_paramgen_curve:") + name +
                 " -out a.pem");
    tlsx::test::run_in(dir, "openssl pkey -in a.pem -pubout -out a.pub");
    auto a = PrivateKey::from_pem_file(dir.file("a.pem"));
    REQUIRE(a);
    // tlsx's key pair, handed to openssl as PKCS#8 and SPKI DER.
    auto d = tlsx::crypto::ec::generate_private_key(curve, provider);
    REQUIRE(d);
    auto q = tlsx::crypto::ec::public_key(curve, *d);
    REQUIRE(q);
    write_file(dir.file("b.pem"),
               tlsx::test::bytes_of(pem_of("PRIVATE KEY", pkcs8_der(curve, *d))));
    write_file(dir.file("b.pub.der"), spki_der(curve, *q));
    // openssl agrees on tlsx's public key.
    tlsx::test::run_in(dir, "openssl pkey -in b.pem -pubout -outform DER -out b.check.der");
    CHECK(tlsx::test::read_file(dir.file("b.check.der")) ==
          tlsx::test::read_file(dir.file("b.pub.der")));

    tlsx::test::run_in(dir,
                       "openssl pkeyutl -derive -inkey a.pem -peerkey b.pub.der -peerform DER "
                       "-out ab.bin");
    tlsx::test::run_in(dir, "openssl pkeyutl -derive -inkey b.pem -peerkey a.pub -out ba.bin");
    const std::string a_spki = tlsx::test::read_file(dir.file("a.pub"));
    const ByteVec a_der = block_der(a_spki, "PUBLIC KEY");
    tlsx::crypto::der::Reader reader(a_der);
    tlsx::crypto::PublicKeyInfo info;
    REQUIRE(tlsx::crypto::parse_public_key_info(reader, info));
    REQUIRE(info.ec_curve == curve);

    auto tlsx_ab = tlsx::crypto::ec::ecdh(curve, a->ec()->scalar, *q);
    REQUIRE(tlsx_ab);
    auto tlsx_ba = tlsx::crypto::ec::ecdh(curve, *d, info.ec_point);
    REQUIRE(tlsx_ba);
    const std::string ab = tlsx::test::read_file(dir.file("ab.bin"));
    CHECK(ab.size() == tlsx::crypto::ec::scalar_size(curve));
    CHECK(tlsx::test::to_hex(tlsx::test::bytes_of(ab)) == tlsx::test::to_hex(tlsx_ab->span()));
    CHECK(tlsx::test::to_hex(tlsx::test::bytes_of(tlsx::test::read_file(dir.file("ba.bin")))) ==
          tlsx::test::to_hex(tlsx_ba->span()));
  }
}
