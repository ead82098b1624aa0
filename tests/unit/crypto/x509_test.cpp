// X.509 parsing: the Illustrated TLS 1.2 and Go test certificates field by field, certificates
// with every extension tlsx decodes made by the openssl command line, hand-assembled negative
// cases for each structural rule, truncation at every byte and bit flips; the system bundle.
#include <algorithm>
#include <string>
#include <vector>

#include <catch2/catch.hpp>

#include "crypto/der.hpp"
#include "crypto/hostname.hpp"
#include "crypto/oid.hpp"
#include "crypto/pem.hpp"
#include "crypto/x509_certificate.hpp"
#include "crypto/x509_name_constraints.hpp"
#include "openssl_cli.hpp"
#include "support/test_support.hpp"
#include "tlsx/x509.hpp"

using tlsx::AlertDescription;
using tlsx::ErrorCode;
using tlsx::crypto::CertificatePtr;
using tlsx::crypto::GeneralName;
using tlsx::crypto::PublicKeyType;
using tlsx::crypto::SignatureKind;
using tlsx::crypto::X509Certificate;
using tlsx::test::ByteVec;
using tlsx::test::from_hex;
using tlsx::test::to_hex;
namespace key_usage = tlsx::crypto::key_usage;

namespace {

ByteVec pem_to_der(const std::string& text) {
  auto blocks = tlsx::crypto::pem_decode(text);
  REQUIRE(blocks);
  REQUIRE(!blocks->empty());
  const auto der = (*blocks)[0].der.span();
  return ByteVec(der.begin(), der.end());
}

ByteVec vector_der(const char* relative) {
  return pem_to_der(tlsx::test::read_file(tlsx::test::vector_path(relative)));
}

CertificatePtr parse_ok(const ByteVec& der) {
  auto cert = X509Certificate::parse(der);
  if (!cert) FAIL(cert.error().detail);
  return *cert;
}

std::string parse_error(const ByteVec& der) {
  auto cert = X509Certificate::parse(der);
  if (cert) return "(parsed)";
  CHECK(cert.error().code == ErrorCode::certificate);
  CHECK(cert.error().alert == AlertDescription::bad_certificate);
  return cert.error().detail;
}

std::int64_t unix_time(int y, unsigned m, unsigned d, int hh, int mm, int ss) {
  return tlsx::crypto::der::days_from_civil(y, m, d) * 86400 + hh * 3600 + mm * 60 + ss;
}

// --- a small DER writer to assemble certificates with one thing wrong --------------------------

ByteVec tlv(std::uint8_t tag, const ByteVec& contents) {
  ByteVec out{tag};
  const std::size_t n = contents.size();
  if (n < 0x80) {
    out.push_back(static_cast<std::uint8_t>(n));
  } else if (n < 0x100) {
    out.insert(out.end(), {0x81, static_cast<std::uint8_t>(n)});
  } else {
    out.insert(out.end(), {0x82, static_cast<std::uint8_t>(n >> 8), static_cast<std::uint8_t>(n)});
  }
  out.insert(out.end(), contents.begin(), contents.end());
  return out;
}

ByteVec cat(std::initializer_list<ByteVec> parts) {
  ByteVec out;
  for (const auto& p : parts) out.insert(out.end(), p.begin(), p.end());
  return out;
}

ByteVec bytes(tlsx::crypto::der::Bytes b) {
  return ByteVec(b.begin(), b.end());
}

// The pieces of a TBSCertificate, taken from a real certificate and then altered by each test.
struct TbsParts {
  ByteVec version = tlv(0xa0, from_hex("020102"));
  ByteVec serial = from_hex("020101");
  ByteVec algorithm = from_hex("300d06092a864886f70d01010b0500");
  ByteVec issuer, validity, subject, spki;
  ByteVec unique_ids;
  std::vector<ByteVec> extensions;
  bool empty_extension_list = false;  // emit "[3] { SEQUENCE {} }" (invalid)
  ByteVec outer_algorithm = from_hex("300d06092a864886f70d01010b0500");

  explicit TbsParts(const X509Certificate& base) {
    issuer = bytes(base.issuer.der);
    subject = bytes(base.subject.der);
    spki = bytes(base.public_key.encoding);
    validity = tlv(0x30, cat({tlv(0x17, tlsx::test::bytes_of("181005013817Z")),
                              tlv(0x17, tlsx::test::bytes_of("191005013817Z"))}));
  }
  [[nodiscard]] ByteVec certificate() const {
    ByteVec ext_list;
    for (const auto& e : extensions) ext_list = cat({ext_list, e});
    const ByteVec tbs =
        tlv(0x30, cat({version, serial, algorithm, issuer, validity, subject, spki, unique_ids,
                       !extensions.empty() || empty_extension_list ? tlv(0xa3, tlv(0x30, ext_list))
                                                                   : ByteVec{}}));
    return tlv(0x30, cat({tbs, outer_algorithm, tlv(0x03, from_hex("00 0102030405"))}));
  }
};

ByteVec extension(const ByteVec& oid_contents, bool critical, const ByteVec& value) {
  return tlv(0x30, cat({tlv(0x06, oid_contents), critical ? from_hex("0101ff") : ByteVec{},
                        tlv(0x04, value)}));
}

ByteVec oid_of(std::span<const std::uint8_t> o) {
  return ByteVec(o.begin(), o.end());
}

}  // namespace

TEST_CASE("X.509: the Illustrated TLS 1.2 server certificate, field by field", "[crypto][x509]") {
  const ByteVec der = vector_der("illustrated-tls12/server.crt");
  const CertificatePtr cert = parse_ok(der);
  CHECK(cert->version == 3);
  CHECK(to_hex(cert->serial) == "155a92adc2048f90");
  CHECK(cert->signature_algorithm.kind == SignatureKind::rsa_pkcs1);
  CHECK(cert->signature_algorithm.hash == tlsx::crypto::HashAlgorithm::sha256);
  CHECK(cert->signature_algorithm.name == "sha256WithRSAEncryption");
  CHECK(cert->signature_algorithm.unsupported.empty());
  CHECK(cert->issuer.to_string() == "O=Example CA,C=US");
  CHECK(cert->subject.to_string() == "CN=example.ulfheim.net,C=US");
  CHECK(cert->subject.common_name() == "example.ulfheim.net");
  CHECK(cert->not_before == unix_time(2018, 10, 5, 1, 38, 17));
  CHECK(cert->not_after == unix_time(2019, 10, 5, 1, 38, 17));
  CHECK(cert->public_key.type == PublicKeyType::rsa);
  CHECK(cert->public_key.bits == 2048);
  CHECK(cert->public_key.description == "RSA 2048");
  CHECK(to_hex(cert->public_key.rsa_modulus).starts_with("c4803606bae7476b"));
  CHECK(to_hex(cert->public_key.rsa_modulus).ends_with("ba9421"));
  CHECK(to_hex(cert->public_key.rsa_exponent) == "010001");
  CHECK(cert->signature.size() == 256);
  CHECK(to_hex(cert->signature).starts_with("591645a69a2e3779"));
  CHECK(to_hex(cert->signature).ends_with("084636a0"));
  // The TBS is the first element of the certificate: from offset 4 ("30 82 03 21" header) on.
  CHECK(cert->tbs().data() == cert->der().data() + 4);
  CHECK(to_hex(cert->tbs()).starts_with("30820209a003020102"));
  const auto& ext = cert->extensions;
  REQUIRE(ext.key_usage);
  CHECK(*ext.key_usage == (key_usage::kDigitalSignature | key_usage::kKeyEncipherment));
  REQUIRE(ext.extended_key_usage);
  CHECK(ext.extended_key_usage->server_auth);
  CHECK(ext.extended_key_usage->client_auth);
  CHECK_FALSE(ext.extended_key_usage->any);
  CHECK(to_hex(ext.authority_key_id) == "894fde5bcc69e252cf3ea300dfb197b81de1c146");
  CHECK(ext.subject_key_id.empty());
  CHECK_FALSE(ext.basic_constraints);
  CHECK_FALSE(ext.subject_alt_names);  // CN-only: no host name can match (RFC 6125)
  CHECK(ext.unhandled_critical.empty());
  CHECK_FALSE(cert->self_issued());
  CHECK_FALSE(cert->is_ca());
  auto name = tlsx::crypto::parse_peer_name("example.ulfheim.net");
  REQUIRE(name);
  CHECK_FALSE(tlsx::crypto::certificate_matches_peer_name(*cert, *name));
}

TEST_CASE("X.509: the Illustrated TLS 1.2 CA certificate", "[crypto][x509]") {
  const CertificatePtr ca = parse_ok(vector_der("illustrated-tls12/ca.crt"));
  CHECK(ca->serial.size() == 1);
  CHECK(ca->self_issued());
  CHECK(ca->is_ca());
  CHECK_FALSE(ca->extensions.basic_constraints->path_len);
  CHECK(*ca->extensions.key_usage == (key_usage::kKeyCertSign | key_usage::kCrlSign));
  CHECK(to_hex(ca->extensions.subject_key_id) == "894fde5bcc69e252cf3ea300dfb197b81de1c146");
  const CertificatePtr leaf = parse_ok(vector_der("illustrated-tls12/server.crt"));
  CHECK(leaf->issuer.same_as(ca->subject));
  CHECK(ca->not_after == unix_time(2028, 10, 5, 1, 37, 55));
}

TEST_CASE("X.509: the Go 1024-bit test certificate", "[crypto][x509]") {
  const CertificatePtr cert = parse_ok(vector_der("go-tls12-transcripts/go-test-rsa1024-cert.pem"));
  CHECK(to_hex(cert->serial) == "00e8f09d3fe25beaa6");  // positive: keeps its sign octet
  CHECK(cert->issuer.to_string() == "CN=Go Root,O=Go");
  CHECK(cert->subject.to_string() == "CN=Go,O=Go");
  CHECK(cert->public_key.bits == 1024);
  CHECK(cert->not_before == unix_time(2016, 1, 1, 0, 0, 0));
  CHECK(cert->not_after == unix_time(2025, 1, 1, 0, 0, 0));
  REQUIRE(cert->extensions.basic_constraints);
  CHECK_FALSE(cert->extensions.basic_constraints->ca);
  CHECK(to_hex(cert->extensions.subject_key_id) == "9f91161f43433e49a6de6db680d79f60");
  CHECK(to_hex(cert->extensions.authority_key_id) == "4813494d137e1631bba301d5acab6e7b");
  REQUIRE(cert->extensions.subject_alt_names);
  REQUIRE(cert->extensions.subject_alt_names->size() == 1);
  const GeneralName& san = cert->extensions.subject_alt_names->front();
  CHECK(san.type == GeneralName::Type::dns_name);
  CHECK(san.text() == "example.golang");
  for (const char* host : {"example.golang", "EXAMPLE.golang", "example.golang."}) {
    auto name = tlsx::crypto::parse_peer_name(host);
    REQUIRE(name);
    CHECK(tlsx::crypto::certificate_matches_peer_name(*cert, *name));
  }
  auto other = tlsx::crypto::parse_peer_name("www.example.golang");
  REQUIRE(other);
  CHECK_FALSE(tlsx::crypto::certificate_matches_peer_name(*cert, *other));
}

TEST_CASE("X.509: every truncation and bit flips of a real certificate fail cleanly",
          "[crypto][x509]") {
  const ByteVec der = vector_der("illustrated-tls12/server.crt");
  for (std::size_t n = 0; n < der.size(); ++n) {
    auto cert = X509Certificate::parse(std::span(der.data(), n));
    REQUIRE_FALSE(cert);
    CHECK(cert.error().alert == AlertDescription::bad_certificate);
    CHECK_THAT(cert.error().detail, Catch::StartsWith("malformed certificate: "));
  }
  ByteVec longer = der;
  longer.push_back(0);
  CHECK_THAT(parse_error(longer), Catch::Contains("trailing"));
  int parsed = 0, refused = 0;
  for (std::size_t i = 0; i < der.size(); ++i) {
    for (int bit = 0; bit < 8; ++bit) {
      ByteVec flipped = der;
      flipped[i] ^= static_cast<std::uint8_t>(1 << bit);
      auto cert = X509Certificate::parse(flipped);
      if (cert) {
        ++parsed;  // e.g. a flip inside the modulus or the signature: still well-formed
      } else {
        ++refused;
        CHECK(cert.error().alert == AlertDescription::bad_certificate);
      }
    }
  }
  CHECK(parsed > 0);
  CHECK(refused > 0);
  INFO("bit flips: " << parsed << " still parse, " << refused << " refused");
}

TEST_CASE("X.509: structural rules, one violation at a time", "[crypto][x509]") {
  const CertificatePtr base = parse_ok(vector_der("illustrated-tls12/server.crt"));
  const auto ku = [](const char* hex) {
    return extension(oid_of(tlsx::crypto::oid::kKeyUsage), true, from_hex(hex));
  };
  {
    TbsParts t(*base);
    t.extensions = {ku("03020204")};
    const CertificatePtr ok = parse_ok(t.certificate());
    CHECK(*ok->extensions.key_usage == key_usage::kKeyCertSign);
  }
  {
    TbsParts t(*base);
    t.version = tlv(0xa0, from_hex("020100"));  // explicit v1
    CHECK_THAT(parse_error(t.certificate()), Catch::Contains("explicit version v1"));
  }
  {
    TbsParts t(*base);
    t.version = tlv(0xa0, from_hex("020103"));
    CHECK_THAT(parse_error(t.certificate()), Catch::Contains("unknown certificate version 4"));
  }
  {
    TbsParts t(*base);
    t.version = {};  // v1: extensions are not allowed
    t.extensions = {ku("03020204")};
    CHECK_THAT(parse_error(t.certificate()), Catch::Contains("trailing"));
    t.extensions = {};
    CHECK(parse_ok(t.certificate())->version == 1);
  }
  {
    TbsParts t(*base);
    t.version = tlv(0xa0, from_hex("020101"));  // v2: unique ids yes, extensions no
    t.unique_ids = from_hex("8102 00ff 8202 00aa");
    CHECK(parse_ok(t.certificate())->version == 2);
    t.extensions = {ku("03020204")};
    CHECK_THAT(parse_error(t.certificate()), Catch::Contains("trailing"));
  }
  {
    TbsParts t(*base);
    t.serial = from_hex("0201ff");
    CHECK_THAT(parse_error(t.certificate()), Catch::Contains("negative serial"));
    t.serial = from_hex("0202007f");
    CHECK_THAT(parse_error(t.certificate()), Catch::Contains("INTEGER not minimally"));
  }
  {
    TbsParts t(*base);
    t.outer_algorithm = from_hex("300d06092a864886f70d01010c0500");  // sha384 outside
    CHECK_THAT(parse_error(t.certificate()), Catch::Contains("signatureAlgorithm differs"));
    t.outer_algorithm = from_hex("300b06092a864886f70d01010b");  // NULL omitted: not the same bytes
    CHECK_THAT(parse_error(t.certificate()), Catch::Contains("signatureAlgorithm differs"));
    t.algorithm = t.outer_algorithm;  // both without NULL: tolerated
    CHECK(parse_ok(t.certificate())->signature_algorithm.kind == SignatureKind::rsa_pkcs1);
    t.algorithm = t.outer_algorithm = from_hex("300f06092a864886f70d01010b020100");
    CHECK_THAT(parse_error(t.certificate()), Catch::Contains("expected NULL"));
  }
  {
    TbsParts t(*base);
    t.extensions = {ku("03020204"), ku("03020204")};
    CHECK_THAT(parse_error(t.certificate()), Catch::Contains("appears twice"));
  }
  {
    TbsParts t(*base);
    t.empty_extension_list = true;
    CHECK_THAT(parse_error(t.certificate()), Catch::Contains("empty extensions"));
  }
  {
    TbsParts t(*base);
    t.extensions = {extension(from_hex("2a0304"), true, from_hex("0500")),
                    extension(from_hex("2a0305"), false, from_hex("0500"))};
    const CertificatePtr c = parse_ok(t.certificate());
    REQUIRE(c->extensions.unhandled_critical.size() == 1);
    CHECK(c->extensions.unhandled_critical[0] == "1.2.3.4");
  }
  {
    TbsParts t(*base);  // an explicit critical FALSE is tolerated (not DER, but harmless)
    t.extensions = {tlv(0x30, cat({tlv(0x06, from_hex("2a0304")), from_hex("010100"),
                                   tlv(0x04, from_hex("0500"))}))};
    CHECK(parse_ok(t.certificate())->extensions.unhandled_critical.empty());
  }
  {
    TbsParts t(*base);
    t.extensions = {ku("03020404")};  // an unused bit set
    CHECK_THAT(parse_error(t.certificate()), Catch::Contains("unused bits are not zero"));
    t.extensions = {ku("030205a0 00")};  // trailing bytes in extnValue
    CHECK_THAT(parse_error(t.certificate()), Catch::Contains("trailing"));
  }
  {
    TbsParts t(*base);
    const auto bc = [](const char* hex) {
      return extension(oid_of(tlsx::crypto::oid::kBasicConstraints), true, from_hex(hex));
    };
    t.extensions = {bc("30060101ff020102")};
    const CertificatePtr c = parse_ok(t.certificate());
    CHECK(c->is_ca());
    CHECK(*c->extensions.basic_constraints->path_len == 2);
    t.extensions = {bc("3003010101")};
    CHECK_THAT(parse_error(t.certificate()), Catch::Contains("BOOLEAN must be 0x00 or 0xff"));
    t.extensions = {bc("30060101ff0201ff")};
    CHECK_THAT(parse_error(t.certificate()), Catch::Contains("negative"));
    t.extensions = {bc("3000")};
    CHECK_FALSE(parse_ok(t.certificate())->is_ca());
  }
  {
    TbsParts t(*base);
    const auto san = [](const ByteVec& names) {
      return extension(oid_of(tlsx::crypto::oid::kSubjectAltName), false, tlv(0x30, names));
    };
    t.extensions = {
        san(cat({tlv(0x82, tlsx::test::bytes_of("a.example")), tlv(0x87, from_hex("7f000001")),
                 tlv(0x81, tlsx::test::bytes_of("x@example")),
                 tlv(0x86, tlsx::test::bytes_of("https://example/"))}))};
    const CertificatePtr c = parse_ok(t.certificate());
    REQUIRE(c->extensions.subject_alt_names->size() == 4);
    t.extensions = {san({})};
    CHECK_THAT(parse_error(t.certificate()), Catch::Contains("empty subjectAltName"));
    t.extensions = {san(tlv(0x87, from_hex("7f0000")))};
    CHECK_THAT(parse_error(t.certificate()), Catch::Contains("iPAddress of 3 octets"));
    t.extensions = {san(tlv(0x82, from_hex("e9")))};
    CHECK_THAT(parse_error(t.certificate()), Catch::Contains("not IA5String"));
    t.extensions = {san(tlv(0xa2, {}))};
    CHECK_THAT(parse_error(t.certificate()), Catch::Contains("wrong form"));
    t.extensions = {san(tlv(0x89, {}))};
    CHECK_THAT(parse_error(t.certificate()), Catch::Contains("GeneralName with tag [9]"));
  }
  {
    TbsParts t(*base);
    const auto nc = [](const ByteVec& body) {
      return extension(oid_of(tlsx::crypto::oid::kNameConstraints), true, tlv(0x30, body));
    };
    const ByteVec dns = tlv(0x30, tlv(0x82, tlsx::test::bytes_of("example.com")));
    t.extensions = {
        nc(cat({tlv(0xa0, dns), tlv(0xa1, tlv(0x30, tlv(0x87, from_hex("0a000000ff000000"))))}))};
    const CertificatePtr c = parse_ok(t.certificate());
    REQUIRE(c->extensions.name_constraints);
    CHECK(c->extensions.name_constraints->permitted.size() == 1);
    CHECK(c->extensions.name_constraints->excluded.size() == 1);
    t.extensions = {nc({})};
    CHECK_THAT(parse_error(t.certificate()), Catch::Contains("empty nameConstraints"));
    t.extensions = {
        nc(tlv(0xa0, tlv(0x30, cat({tlv(0x82, tlsx::test::bytes_of("a")), from_hex("800101")}))))};
    CHECK_THAT(parse_error(t.certificate()), Catch::Contains("minimum or maximum"));
    t.extensions = {nc(tlv(0xa0, tlv(0x30, tlv(0x87, from_hex("0a000000ff00ff00")))))};
    CHECK_THAT(parse_error(t.certificate()), Catch::Contains("non-contiguous mask"));
  }
  {
    TbsParts t(*base);
    const auto eku = [](const ByteVec& body) {
      return extension(oid_of(tlsx::crypto::oid::kExtKeyUsage), false, tlv(0x30, body));
    };
    t.extensions = {eku(tlv(0x06, oid_of(tlsx::crypto::oid::kAnyExtendedKeyUsage)))};
    CHECK(parse_ok(t.certificate())->extensions.extended_key_usage->any);
    t.extensions = {eku({})};
    CHECK_THAT(parse_error(t.certificate()), Catch::Contains("empty extKeyUsage"));
  }
  {
    TbsParts t(*base);
    t.validity = tlv(0x30, cat({tlv(0x17, tlsx::test::bytes_of("1810050138Z")),
                                tlv(0x17, tlsx::test::bytes_of("191005013817Z"))}));
    CHECK_THAT(parse_error(t.certificate()), Catch::Contains("UTCTime must have the form"));
  }
  {
    TbsParts t(*base);
    t.subject = tlv(0x30, tlv(0x31, tlv(0x30, cat({from_hex("0603550403"),
                                                   tlv(0x13, tlsx::test::bytes_of("a@b"))}))));
    CHECK_THAT(parse_error(t.certificate()),
               Catch::Contains("invalid character in PrintableString"));
    t.subject = tlv(0x30, tlv(0x31, {}));  // RDNs have at least one attribute
    CHECK_THAT(parse_error(t.certificate()), Catch::Contains("missing SEQUENCE"));
    t.subject = tlv(0x30, {});  // an empty subject is allowed (names in subjectAltName)
    CHECK(parse_ok(t.certificate())->subject.empty());
  }
}

TEST_CASE("X.509: RFC 4514 strings escape what they must", "[crypto][x509]") {
  const CertificatePtr base = parse_ok(vector_der("illustrated-tls12/server.crt"));
  TbsParts t(*base);
  const auto atv = [](const char* oid_hex, std::uint8_t tag, const std::string& value) {
    return tlv(0x30, cat({tlv(0x06, from_hex(oid_hex)), tlv(tag, tlsx::test::bytes_of(value))}));
  };
  t.subject = tlv(
      0x30,
      cat({tlv(0x31, atv("550406", 0x13, "US")),
           tlv(0x31, cat({atv("55040a", 0x0c, "Acme, Inc. + \"Co\""), atv("55040b", 0x0c, "#1 ")})),
           tlv(0x31, atv("2a864886f70d010901", 0x16, "a@b")),
           tlv(0x31, tlv(0x30, cat({from_hex("0603550403"), from_hex("0201 05")}))),
           tlv(0x31, atv("550403", 0x0c, std::string("a\nb<c>;d\\", 9)))}));
  const CertificatePtr c = parse_ok(t.certificate());
  CHECK(c->subject.to_string() ==
        "CN=a\\0ab\\<c\\>\\;d\\\\,CN=#020105,1.2.840.113549.1.9.1=a@b,"
        "O=Acme\\, Inc. \\+ \\\"Co\\\"+OU=\\#1\\ ,C=US");
}

TEST_CASE("X.509: openssl-made certificates with every decoded extension", "[crypto][x509]") {
  tlsx::test::TempDir dir;
  const std::string config =
      "[req]\ndistinguished_name=dn\n[dn]\n"
      "[ext]\n"
      "basicConstraints=critical,CA:TRUE,pathlen:1\n"
      "keyUsage=critical,keyCertSign,cRLSign,digitalSignature\n"
      "extendedKeyUsage=serverAuth,clientAuth\n"
      "subjectAltName=DNS:www.example.com,DNS:*.example.org,IP:192.0.2.1,IP:2001:db8::1,"
      "email:a@example.com\n"
      "nameConstraints=critical,permitted;DNS:example.com,permitted;IP:192.0.2.0/255.255.255.0,"
      "excluded;DNS:bad.example.com\n"
      "subjectKeyIdentifier=hash\n"
      "authorityKeyIdentifier=keyid:always\n"
      "[unknown]\n1.3.6.1.4.1.55555.1=critical,ASN1:NULL\n";
  {
    std::FILE* f = std::fopen(dir.file("x.cnf").c_str(), "w");
    REQUIRE(f != nullptr);
    (void)std::fputs(config.c_str(), f);
    (void)std::fclose(f);
  }
  tlsx::test::run_in(dir, "openssl genrsa -out k.pem 2048");
  tlsx::test::run_in(dir,
                     "openssl req -x509 -new -key k.pem -config x.cnf -extensions ext -days 30 "
                     "-subj '/C=DE/O=Test+OU=Unit/CN=Test CA' -sha384 -out ca.pem");
  const CertificatePtr ca = parse_ok(pem_to_der(tlsx::test::read_file(dir.file("ca.pem"))));
  CHECK(ca->subject.to_string() == "CN=Test CA,O=Test+OU=Unit,C=DE");
  CHECK(ca->signature_algorithm.hash == tlsx::crypto::HashAlgorithm::sha384);
  CHECK(ca->is_ca());
  CHECK(*ca->extensions.basic_constraints->path_len == 1);
  CHECK(*ca->extensions.key_usage ==
        (key_usage::kKeyCertSign | key_usage::kCrlSign | key_usage::kDigitalSignature));
  CHECK(ca->extensions.extended_key_usage->server_auth);
  const auto& sans = *ca->extensions.subject_alt_names;
  REQUIRE(sans.size() == 5);
  CHECK(sans[0].text() == "www.example.com");
  CHECK(sans[1].text() == "*.example.org");
  CHECK(to_hex(sans[2].value) == "c0000201");
  CHECK(to_hex(sans[3].value) == "20010db8000000000000000000000001");
  CHECK(sans[4].type == GeneralName::Type::rfc822_name);
  const auto& nc = *ca->extensions.name_constraints;
  REQUIRE(nc.permitted.size() == 2);
  CHECK(nc.permitted[0].text() == "example.com");
  CHECK(to_hex(nc.permitted[1].value) == "c0000200ffffff00");
  REQUIRE(nc.excluded.size() == 1);
  CHECK(ca->extensions.subject_key_id.size() == 20);
  CHECK(std::ranges::equal(ca->extensions.subject_key_id, ca->extensions.authority_key_id));
  CHECK(ca->extensions.unhandled_critical.empty());

  // RSASSA-PSS signatures: parameters decoded; salt = hash length is supported, others not.
  tlsx::test::run_in(
      dir,
      "openssl req -x509 -new -key k.pem -config x.cnf -days 30 -subj /CN=pss "
      "-sha256 -sigopt rsa_padding_mode:pss -sigopt rsa_pss_saltlen:digest -out pss.pem");
  const CertificatePtr pss = parse_ok(pem_to_der(tlsx::test::read_file(dir.file("pss.pem"))));
  CHECK(pss->signature_algorithm.kind == SignatureKind::rsa_pss);
  CHECK(pss->signature_algorithm.hash == tlsx::crypto::HashAlgorithm::sha256);
  CHECK(pss->signature_algorithm.unsupported.empty());
  tlsx::test::run_in(
      dir,
      "openssl req -x509 -new -key k.pem -config x.cnf -days 30 -subj /CN=pss "
      "-sha512 -sigopt rsa_padding_mode:pss -sigopt rsa_pss_saltlen:20 -out pss20.pem");
  const CertificatePtr pss20 = parse_ok(pem_to_der(tlsx::test::read_file(dir.file("pss20.pem"))));
  CHECK(pss20->signature_algorithm.kind == SignatureKind::rsa_pss);
  CHECK(pss20->signature_algorithm.hash == tlsx::crypto::HashAlgorithm::sha512);
  CHECK_THAT(pss20->signature_algorithm.unsupported, Catch::Contains("salt length"));

  // ECDSA: recognised and supported; the EC key is recognised with its curve and point.
  tlsx::test::run_in(dir, "openssl ecparam -name prime256v1 -genkey -out ec.pem");
  tlsx::test::run_in(dir,
                     "openssl req -x509 -new -key ec.pem -config x.cnf -days 30 -subj /CN=ec "
                     "-sha256 -out ec-cert.pem");
  const CertificatePtr ec = parse_ok(pem_to_der(tlsx::test::read_file(dir.file("ec-cert.pem"))));
  CHECK(ec->signature_algorithm.kind == SignatureKind::ecdsa);
  CHECK(ec->signature_algorithm.name == "ecdsa-with-SHA256");
  CHECK(ec->signature_algorithm.unsupported.empty());
  CHECK(ec->public_key.type == PublicKeyType::ec);
  CHECK(ec->public_key.description == "EC secp256r1");
  CHECK(ec->public_key.ec_curve == tlsx::crypto::ec::Curve::p256);
  CHECK(ec->public_key.ec_point.size() == 65);

  // An unknown critical extension: the certificate parses, and is marked.
  tlsx::test::run_in(dir,
                     "openssl req -x509 -new -key k.pem -config x.cnf -extensions unknown -days 30 "
                     "-subj /CN=odd -out odd.pem");
  const CertificatePtr odd = parse_ok(pem_to_der(tlsx::test::read_file(dir.file("odd.pem"))));
  REQUIRE(odd->extensions.unhandled_critical.size() == 1);
  CHECK(odd->extensions.unhandled_critical[0] == "1.3.6.1.4.1.55555.1");
}

TEST_CASE("X.509: name constraint matching", "[crypto][x509]") {
  using tlsx::crypto::dns_name_within;
  CHECK(dns_name_within("example.com", "example.com"));
  CHECK(dns_name_within("www.example.com", "example.com"));
  CHECK(dns_name_within("a.b.EXAMPLE.com", "example.COM"));
  CHECK_FALSE(dns_name_within("badexample.com", "example.com"));
  CHECK_FALSE(dns_name_within("example.com", ".example.com"));
  CHECK(dns_name_within("www.example.com", ".example.com"));
  CHECK(dns_name_within("anything", ""));
  CHECK_FALSE(dns_name_within("com", "example.com"));
}

TEST_CASE("Host names: RFC 6125 matching and reference name parsing", "[crypto][x509]") {
  using tlsx::crypto::dns_name_matches;
  CHECK(dns_name_matches("example.com", "example.com"));
  CHECK(dns_name_matches("Example.COM", "example.com"));
  CHECK_FALSE(dns_name_matches("example.com", "www.example.com"));
  CHECK(dns_name_matches("*.example.com", "www.example.com"));
  CHECK_FALSE(dns_name_matches("*.example.com", "example.com"));
  CHECK_FALSE(dns_name_matches("*.example.com", "a.b.example.com"));
  CHECK_FALSE(dns_name_matches("*.example.com", ".example.com"));
  CHECK_FALSE(dns_name_matches("*.com", "example.com"));
  CHECK_FALSE(dns_name_matches("w*.example.com", "www.example.com"));
  CHECK_FALSE(dns_name_matches("*w.example.com", "www.example.com"));
  CHECK_FALSE(dns_name_matches("www.*.com", "www.example.com"));
  CHECK_FALSE(dns_name_matches("*.*.example.com", "a.b.example.com"));
  CHECK_FALSE(dns_name_matches("", "example.com"));

  std::vector<std::uint8_t> ip;
  CHECK(tlsx::crypto::parse_ip_literal("192.0.2.1", ip));
  CHECK(to_hex(ip) == "c0000201");
  CHECK(tlsx::crypto::parse_ip_literal("::1", ip));
  CHECK(to_hex(ip) == "00000000000000000000000000000001");
  CHECK(tlsx::crypto::parse_ip_literal("2001:DB8::8:800:200C:417A", ip));
  CHECK(to_hex(ip) == "20010db80000000000080800200c417a");
  CHECK(tlsx::crypto::parse_ip_literal("::ffff:192.0.2.1", ip));
  CHECK(to_hex(ip) == "00000000000000000000ffffc0000201");
  CHECK(tlsx::crypto::parse_ip_literal("1:2:3:4:5:6:7:8", ip));
  CHECK(tlsx::crypto::parse_ip_literal("::", ip));
  for (const char* bad :
       {"192.0.2", "192.0.2.1.5", "192.0.2.256", "192.0.02.1", "1::2::3", "1:2:3:4:5:6:7:8:9",
        "1:2:3:4:5:6:7::8", "12345::", ":1:2", "1:2:", "::ffff:1.2.3", "g::", "[::1]"}) {
    INFO(bad);
    CHECK_FALSE(tlsx::crypto::parse_ip_literal(bad, ip));
  }
  auto dns = tlsx::crypto::parse_peer_name("WWW.Example.COM.");
  REQUIRE(dns);
  CHECK(dns->kind == tlsx::crypto::PeerName::Kind::dns);
  CHECK(dns->dns == "www.example.com");
  auto v6 = tlsx::crypto::parse_peer_name("2001:db8::1");
  REQUIRE(v6);
  CHECK(v6->kind == tlsx::crypto::PeerName::Kind::ip);
  for (const char* bad :
       {"", ".", "a..b", "-", "a b", "*.example.com", "ex\xc3\xa9.com", "192.0.2.1:443"}) {
    INFO(bad);
    auto name = tlsx::crypto::parse_peer_name(bad);
    if (std::string(bad) == "-") {
      CHECK(name);  // a lone hyphen is a syntactically valid label for matching purposes
      continue;
    }
    REQUIRE_FALSE(name);
    CHECK(name.error().code == ErrorCode::invalid_argument);
  }
}

TEST_CASE("X.509: the system trust store parses", "[crypto][x509]") {
  auto store = tlsx::TrustStore::system();
  if (!store) {
    WARN("no system bundle: " << store.error().detail);
    return;
  }
  const std::string text = tlsx::test::read_file(tlsx::TrustStore::kDefaultBundle);
  std::size_t blocks = 0;
  for (std::size_t pos = 0;
       (pos = text.find("-----BEGIN CERTIFICATE-----", pos)) != std::string::npos; ++pos) {
    ++blocks;
  }
  INFO("bundle: " << blocks << " certificates, " << store->size() << " parsed, " << store->skipped()
                  << " skipped");
  CHECK(store->size() + store->skipped() == blocks);
  CHECK(store->skipped() == 0);
  for (const auto& anchor : store->anchors()) CHECK_FALSE(anchor->subject.to_string().empty());
}

TEST_CASE("X.509: CertificateChain from PEM keeps order and refuses bad blocks", "[crypto][x509]") {
  const std::string leaf =
      tlsx::test::read_file(tlsx::test::vector_path("illustrated-tls12/server.crt"));
  const std::string ca = tlsx::test::read_file(tlsx::test::vector_path("illustrated-tls12/ca.crt"));
  auto chain = tlsx::CertificateChain::from_pem(leaf + "junk between\n" + ca);
  REQUIRE(chain);
  REQUIRE(chain->size() == 2);
  CHECK(chain->subject(0) == "CN=example.ulfheim.net,C=US");
  CHECK(chain->subject(1) == "O=Example CA,C=US");
  CHECK(to_hex(chain->der(0)) == to_hex(vector_der("illustrated-tls12/server.crt")));
  CHECK(chain->der(2).empty());
  auto none = tlsx::CertificateChain::from_pem("nothing");
  REQUIRE_FALSE(none);
  CHECK_THAT(none.error().detail, Catch::Contains("no CERTIFICATE"));
  auto bad =
      tlsx::CertificateChain::from_pem(tlsx::crypto::pem_encode("CERTIFICATE", from_hex("3000")));
  REQUIRE_FALSE(bad);
  CHECK_THAT(bad.error().detail, Catch::Contains("certificate 1 of the PEM text: malformed"));
  auto missing = tlsx::CertificateChain::from_pem_file("/nonexistent/chain.pem");
  REQUIRE_FALSE(missing);
  CHECK(missing.error().code == ErrorCode::io);
}
