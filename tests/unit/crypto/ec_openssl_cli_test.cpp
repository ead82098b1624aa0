// P-256/P-384 against the `openssl` command line with keys it generates at test time: tlsx
// verifies `openssl dgst -sign` signatures, `openssl dgst -verify` accepts tlsx's signatures
// (and rejects a tampered one), and ECDH secrets equal `openssl pkeyutl -derive`. The raw
// scalar and point are read from `openssl ec -text` (PEM/SEC 1 key parsing is not under test).
#include <catch2/catch.hpp>

#include <cctype>
#include <cstdlib>
#include <fstream>
#include <iterator>
#include <string>

#include "crypto/ec.hpp"
#include "openssl_cli.hpp"
#include "support/test_support.hpp"

using namespace tlsx;
using namespace tlsx::crypto;
using tlsx::test::ByteVec;
using tlsx::test::from_hex;
using tlsx::test::output_of;
using tlsx::test::run_in;
using tlsx::test::TempDir;
using tlsx::test::to_hex;

namespace {

ByteVec read_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  return ByteVec(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
}

void write_file(const std::string& path, const ByteVec& data) {
  std::ofstream out(path, std::ios::binary);
  out.write(reinterpret_cast<const char*>(data.data()), static_cast<std::streamsize>(data.size()));
}

/// The hex digits between `from` and `to` in `openssl ec -text` output.
std::string hex_section(const std::string& text, const std::string& from, const std::string& to) {
  const auto start = text.find(from);
  const auto end = text.find(to, start);
  REQUIRE(start != std::string::npos);
  REQUIRE(end != std::string::npos);
  std::string hex;
  for (char c : text.substr(start + from.size(), end - start - from.size())) {
    if (std::isxdigit(static_cast<unsigned char>(c))) hex += c;
  }
  return hex;
}

struct OpensslKey {
  ByteVec scalar;
  ByteVec point;
};

OpensslKey generate(const TempDir& dir, const std::string& name, const char* curve_name,
                    std::size_t size) {
  run_in(dir, std::string("openssl ecparam -name ") + curve_name + " -genkey -noout -out " + name +
                  ".pem");
  run_in(dir, "openssl ec -in " + name + ".pem -pubout -out " + name + "_pub.pem");
  const std::string text = output_of(dir, "openssl ec -in " + name + ".pem -text -noout");
  OpensslKey key;
  key.scalar = from_hex(hex_section(text, "priv:", "pub:"));
  while (key.scalar.size() > size) key.scalar.erase(key.scalar.begin());  // sign octet 00
  key.scalar.insert(key.scalar.begin(), size - key.scalar.size(), 0);
  key.point = from_hex(hex_section(text, "pub:", "ASN1 OID"));
  return key;
}

}  // namespace

TEST_CASE("ECDSA and ECDH interoperate with the openssl command line", "[ec][openssl]") {
  struct Case {
    ec::Curve curve;
    const char* openssl_name;
    HashAlgorithm hash;
    const char* dgst;
  };
  for (const Case& c : {Case{ec::Curve::p256, "prime256v1", HashAlgorithm::sha256, "-sha256"},
                        Case{ec::Curve::p384, "secp384r1", HashAlgorithm::sha384, "-sha384"}}) {
    INFO(c.openssl_name);
    TempDir dir;
    const std::size_t size = ec::scalar_size(c.curve);
    const OpensslKey a = generate(dir, "a", c.openssl_name, size);
    const OpensslKey b = generate(dir, "b", c.openssl_name, size);
    auto derived = ec::public_key(c.curve, a.scalar);
    REQUIRE(derived);
    CHECK(to_hex(*derived) == to_hex(a.point));

    const ByteVec message = from_hex("54686520717569636b2062726f776e20666f78");
    write_file(dir.file("msg.bin"), message);
    ByteVec digest(digest_size(c.hash));
    REQUIRE(hash_once(default_provider(), c.hash, message, digest));

    // openssl signs, tlsx verifies.
    run_in(dir, std::string("openssl dgst ") + c.dgst + " -sign a.pem -out sig_o.der msg.bin");
    CHECK(ec::ecdsa_verify(c.curve, a.point, digest, read_file(dir.file("sig_o.der"))));
    CHECK_FALSE(ec::ecdsa_verify(c.curve, b.point, digest, read_file(dir.file("sig_o.der"))));

    // tlsx signs, openssl verifies; a flipped bit in s must fail there too.
    auto sig = ec::ecdsa_sign(c.curve, a.scalar, digest, default_provider());
    REQUIRE(sig);
    write_file(dir.file("sig_t.der"), *sig);
    CHECK_NOTHROW(run_in(dir, std::string("openssl dgst ") + c.dgst +
                                  " -verify a_pub.pem -signature sig_t.der msg.bin"));
    ByteVec tampered = *sig;
    tampered.back() ^= 0x01;
    write_file(dir.file("sig_bad.der"), tampered);
    CHECK_THROWS(run_in(dir, std::string("openssl dgst ") + c.dgst +
                                 " -verify a_pub.pem -signature sig_bad.der msg.bin"));

    // ECDH: both sides of tlsx equal openssl's derivation.
    run_in(dir, "openssl pkeyutl -derive -inkey a.pem -peerkey b_pub.pem -out shared.bin");
    const ByteVec expected = read_file(dir.file("shared.bin"));
    REQUIRE(expected.size() == size);
    auto ab = ec::ecdh(c.curve, a.scalar, b.point);
    auto ba = ec::ecdh(c.curve, b.scalar, a.point);
    REQUIRE(ab);
    REQUIRE(ba);
    CHECK(to_hex(ab->span()) == to_hex(expected));
    CHECK(to_hex(ba->span()) == to_hex(expected));
  }
}
