// RSA: Wycheproof vectors (PKCS#1 v1.5 decryption through the implicit-rejection API, PKCS#1
// v1.5 and PSS verification, deterministic PKCS#1 v1.5 signing), key validation, round trips,
// and cross-checks against the openssl command line with keys it generates at test time.
#include <catch2/catch.hpp>

#include <unistd.h>

#include <cstdint>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <map>
#include <optional>
#include <sstream>
#include <string>
#include <vector>

#include "crypto/rsa.hpp"
#include "crypto/rsa_internal.hpp"
#include "support/test_support.hpp"

using namespace tlsx::crypto;  // NOLINT(google-build-using-namespace)
using tlsx::ErrorCode;
using tlsx::test::ByteVec;
using tlsx::test::from_hex;
using tlsx::test::to_hex;
using tlsx::test::VectorTally;

namespace {

const Provider& provider() {
  return default_provider();
}

std::optional<HashAlgorithm> hash_named(const std::string& name) {
  if (name == "SHA-1") return HashAlgorithm::sha1;
  if (name == "SHA-256") return HashAlgorithm::sha256;
  if (name == "SHA-384") return HashAlgorithm::sha384;
  if (name == "SHA-512") return HashAlgorithm::sha512;
  return std::nullopt;  // SHA-224 and others: tlsx does not implement them
}

ByteVec hex_field(const nlohmann::json& j, const char* name) {
  return from_hex(j.at(name).get<std::string>());
}

/// Owns the bytes an RsaPrivateComponents points into.
struct ComponentBytes {
  ByteVec n, e, d, p, q, dp, dq, qinv;
  [[nodiscard]] RsaPrivateComponents view() const { return {n, e, d, p, q, dp, dq, qinv}; }
};

std::shared_ptr<const RsaPrivateKey> make_key(const ComponentBytes& c) {
  auto key = make_rsa_private_key(c.view());
  INFO((key ? std::string("ok") : key.error().message()));
  REQUIRE(key.has_value());
  return *key;
}

/// Wycheproof "privateKey" objects of the decryption tests carry every CRT value.
ComponentBytes wycheproof_components(const nlohmann::json& k) {
  return {hex_field(k, "modulus"),         hex_field(k, "publicExponent"),
          hex_field(k, "privateExponent"), hex_field(k, "prime1"),
          hex_field(k, "prime2"),          hex_field(k, "exponent1"),
          hex_field(k, "exponent2"),       hex_field(k, "coefficient")};
}

bool has_flag(const nlohmann::json& test, const std::string& flag) {
  for (const auto& f : test.at("flags")) {
    if (f.get<std::string>() == flag) return true;
  }
  return false;
}

/// A provider that forwards to the default one but returns all-zero "random" bytes: the blinding
/// value becomes 0, the CRT result is then wrong, and the private operation's check must notice.
class ZeroRandomProvider final : public Provider {
 public:
  [[nodiscard]] std::string_view name() const noexcept override { return "zero-random"; }
  [[nodiscard]] tlsx::Result<std::unique_ptr<Hash>> hash(HashAlgorithm alg) const override {
    return provider().hash(alg);
  }
  [[nodiscard]] tlsx::Result<void> random(MutableBytes out) const override {
    std::fill(out.begin(), out.end(), std::uint8_t{0});
    return {};
  }
};

// ---- keys from the openssl command line ------------------------------------------------------

/// A per-process scratch directory, removed at exit.
struct TempDir {
  std::filesystem::path path;
  TempDir()
      : path(std::filesystem::temp_directory_path() /
             ("tlsx_rsa_test_" + std::to_string(::getpid()))) {
    std::filesystem::create_directories(path);
  }
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;
  ~TempDir() {
    std::error_code ec;
    std::filesystem::remove_all(path, ec);
  }
};

const std::filesystem::path& temp_dir() {
  static const TempDir dir;
  return dir.path;
}

/// Runs a shell command quietly; returns its exit status.
int run(const std::string& command) {
  // NOLINTNEXTLINE(cert-env33-c,concurrency-mt-unsafe): test-only, single-threaded
  return std::system((command + " >/dev/null 2>&1").c_str());
}

void write_file(const std::filesystem::path& path, const ByteVec& data) {
  std::ofstream out(path, std::ios::binary);
  out.write(reinterpret_cast<const char*>(data.data()), static_cast<std::streamsize>(data.size()));
}

ByteVec read_bytes(const std::filesystem::path& path) {
  const std::string s = tlsx::test::read_file(path);
  return ByteVec(s.begin(), s.end());
}

/// Components from `openssl rsa -noout -text`: "name:" lines followed by indented hex lines,
/// except "publicExponent: 65537 (0x10001)".
ComponentBytes parse_openssl_text(const std::string& text) {
  std::map<std::string, std::string> fields;
  std::string current;
  std::istringstream in(text);
  for (std::string line; std::getline(in, line);) {
    if (line.empty()) continue;
    if (line[0] != ' ') {
      const auto colon = line.find(':');
      current = line.substr(0, colon);
      if (current == "publicExponent") {
        const auto open = line.find("(0x");
        std::string hex = line.substr(open + 3, line.find(')') - open - 3);
        if (hex.size() % 2 != 0) hex = "0" + hex;
        fields[current] = hex;
      }
    } else {
      fields[current] += line;
    }
  }
  return {from_hex(fields["modulus"]),         from_hex(fields["publicExponent"]),
          from_hex(fields["privateExponent"]), from_hex(fields["prime1"]),
          from_hex(fields["prime2"]),          from_hex(fields["exponent1"]),
          from_hex(fields["exponent2"]),       from_hex(fields["coefficient"])};
}

struct OpensslKey {
  std::filesystem::path private_pem;
  std::filesystem::path public_pem;
  ComponentBytes components;
  std::shared_ptr<const RsaPrivateKey> key;
};

/// A key of `bits` bits made by `openssl genrsa`, once per process.
const OpensslKey& openssl_key(int bits) {
  static std::map<int, OpensslKey> keys;
  if (auto it = keys.find(bits); it != keys.end()) return it->second;
  const auto dir = temp_dir();
  OpensslKey k;
  k.private_pem = dir / ("key" + std::to_string(bits) + ".pem");
  k.public_pem = dir / ("pub" + std::to_string(bits) + ".pem");
  const auto text = dir / ("key" + std::to_string(bits) + ".txt");
  REQUIRE(run("openssl genrsa -out " + k.private_pem.string() + " " + std::to_string(bits)) == 0);
  REQUIRE(run("openssl rsa -in " + k.private_pem.string() + " -pubout -out " +
              k.public_pem.string()) == 0);
  REQUIRE(
      // NOLINTNEXTLINE(concurrency-mt-unsafe): single-threaded test
      std::system(("openssl rsa -in " + k.private_pem.string() + " -noout -text > " + text.string())
                      .c_str()) == 0);  // NOLINT(cert-env33-c)
  k.components = parse_openssl_text(tlsx::test::read_file(text));
  k.key = make_key(k.components);
  REQUIRE(k.key->public_key().bits() == static_cast<std::size_t>(bits));
  return keys.emplace(bits, std::move(k)).first->second;
}

/// Whether RSA-PSS with salt = digest length fits the key (RFC 8017 §9.1.1 step 3).
bool pss_fits(const RsaPublicKey& key, HashAlgorithm alg) {
  return (key.bits() - 1 + 7) / 8 >= 2 * digest_size(alg) + 2;
}

const char* openssl_digest(HashAlgorithm alg) {
  switch (alg) {
    case HashAlgorithm::sha1:
      return "-sha1";
    case HashAlgorithm::sha256:
      return "-sha256";
    case HashAlgorithm::sha384:
      return "-sha384";
    case HashAlgorithm::sha512:
      return "-sha512";
    default:
      return "-md5";
  }
}

ByteVec random_bytes(std::size_t n) {
  ByteVec b(n);
  REQUIRE(provider().random(b).has_value());
  return b;
}

}  // namespace

// ---- Wycheproof ---------------------------------------------------------------------------

TEST_CASE("Wycheproof RSAES-PKCS1-v1_5 decryption through the implicit-rejection API",
          "[rsa][wycheproof]") {
  for (const char* file :
       {"wycheproof/rsa_pkcs1_2048_test.json", "wycheproof/rsa_pkcs1_3072_test.json",
        "wycheproof/rsa_pkcs1_4096_test.json"}) {
    const auto j = tlsx::test::load_json_vector(file);
    VectorTally tally{file};
    for (const auto& group : j.at("testGroups")) {
      const ComponentBytes comp = wycheproof_components(group.at("privateKey"));
      const auto key = make_key(comp);
      const std::size_t k = key->public_key().size_bytes();
      for (const auto& t : group.at("tests")) {
        INFO(file << " tcId " << t.at("tcId") << " " << t.at("comment"));
        const ByteVec ct = hex_field(t, "ct");
        const ByteVec msg = hex_field(t, "msg");
        const std::string result = t.at("result");
        bool ok = true;
        if (result == "valid") {
          ByteVec out(msg.size());
          const auto mask = rsa_pkcs1_decrypt_implicit(provider(), *key, ct, out);
          ok = mask.has_value() && *mask == 0xff && out == msg;
          // The same block with any other expected length is rejected.
          for (const std::size_t wrong : {msg.size() + 1, msg.size() - 1}) {
            if (wrong > k - 11 || wrong == static_cast<std::size_t>(-1)) continue;
            ByteVec other(wrong);
            const auto m2 = rsa_pkcs1_decrypt_implicit(provider(), *key, ct, other);
            ok = ok && m2.has_value() && *m2 == 0x00;
          }
        } else if (has_flag(t, "InvalidCiphertextFormat")) {
          // Wrong length or not below n: public facts, rejected before any secret work.
          ByteVec out(48);
          const auto mask = rsa_pkcs1_decrypt_implicit(provider(), *key, ct, out);
          ok = !mask.has_value() && mask.error().code == ErrorCode::decrypt_error;
        } else {
          // Bad padding: the mask is 0 for every expected length, including the length a lenient
          // parser would have found (first zero byte after the header).
          ByteVec raw(k);
          REQUIRE(key->private_op(provider(), ct, raw).has_value());
          std::vector<std::size_t> lengths = {0, 48, k - 11};
          for (std::size_t i = 2; i < k; ++i) {
            if (raw[i] == 0) {
              if (k - i - 1 <= k - 11) lengths.push_back(k - i - 1);
              break;
            }
          }
          for (const std::size_t len : lengths) {
            ByteVec out(len);
            const auto mask = rsa_pkcs1_decrypt_implicit(provider(), *key, ct, out);
            ok = ok && mask.has_value() && *mask == 0x00;
          }
        }
        CHECK(ok);
        (ok ? tally.passed : tally.failed)++;
      }
    }
    tally.print();
    CHECK(tally.failed == 0);
  }
}

TEST_CASE("Wycheproof RSASSA-PKCS1-v1_5 verification", "[rsa][wycheproof]") {
  for (const int bits : {2048, 3072, 4096}) {
    for (const int sha : {256, 384, 512}) {
      const std::string file = "wycheproof/rsa_signature_" + std::to_string(bits) + "_sha" +
                               std::to_string(sha) + "_test.json";
      const auto j = tlsx::test::load_json_vector(file);
      VectorTally tally{file};
      int acceptable_rejected = 0;
      for (const auto& group : j.at("testGroups")) {
        const auto alg = hash_named(group.at("sha"));
        REQUIRE(alg.has_value());
        const auto& pk = group.at("publicKey");
        const auto key =
            RsaPublicKey::make(hex_field(pk, "modulus"), hex_field(pk, "publicExponent"));
        REQUIRE(key.has_value());
        for (const auto& t : group.at("tests")) {
          INFO(file << " tcId " << t.at("tcId") << " " << t.at("comment"));
          const auto r =
              rsa_pkcs1_verify(provider(), *key, *alg, hex_field(t, "msg"), hex_field(t, "sig"));
          const std::string result = t.at("result");
          bool ok = false;
          if (result == "valid") {
            ok = r.has_value();
          } else if (result == "acceptable") {
            // Policy: the only acceptable case is MissingNull (DigestInfo without the NULL
            // parameter). tlsx accepts the exact RFC 8017 encoding only, so it is rejected.
            CHECK(has_flag(t, "MissingNull"));
            ok = !r.has_value();
            acceptable_rejected += ok ? 1 : 0;
          } else {
            ok = !r.has_value();
            if (!ok) continue;
            CHECK(r.error().code == ErrorCode::decrypt_error);
          }
          CHECK(ok);
          (ok ? tally.passed : tally.failed)++;
        }
      }
      tally.print();
      std::cout << "[vectors]   (" << acceptable_rejected
                << " 'acceptable' MissingNull signatures rejected by policy)\n";
      CHECK(tally.failed == 0);
    }
  }
}

TEST_CASE("Wycheproof RSASSA-PSS verification (MGF1 with the same hash, salt = hash length)",
          "[rsa][wycheproof]") {
  for (const char* file : {"wycheproof/rsa_pss_2048_sha256_mgf1_32_test.json",
                           "wycheproof/rsa_pss_2048_sha384_mgf1_48_test.json",
                           "wycheproof/rsa_pss_3072_sha256_mgf1_32_test.json",
                           "wycheproof/rsa_pss_4096_sha256_mgf1_32_test.json",
                           "wycheproof/rsa_pss_4096_sha384_mgf1_48_test.json",
                           "wycheproof/rsa_pss_4096_sha512_mgf1_64_test.json"}) {
    const auto j = tlsx::test::load_json_vector(file);
    VectorTally tally{file};
    for (const auto& group : j.at("testGroups")) {
      const auto alg = hash_named(group.at("sha"));
      const bool supported = alg.has_value() && group.at("mgf") == "MGF1" &&
                             group.at("mgfSha") == group.at("sha") &&
                             group.at("sLen").get<std::size_t>() == digest_size(*alg);
      const auto& pk = group.at("publicKey");
      const auto key =
          RsaPublicKey::make(hex_field(pk, "modulus"), hex_field(pk, "publicExponent"));
      REQUIRE(key.has_value());
      for (const auto& t : group.at("tests")) {
        if (!supported) {
          tally.skipped++;
          continue;
        }
        INFO(file << " tcId " << t.at("tcId") << " " << t.at("comment"));
        const auto r =
            rsa_pss_verify(provider(), *key, *alg, hex_field(t, "msg"), hex_field(t, "sig"));
        const bool ok = t.at("result") == "valid" ? r.has_value() : !r.has_value();
        CHECK(ok);
        (ok ? tally.passed : tally.failed)++;
      }
    }
    tally.print();
    CHECK(tally.failed == 0);
    CHECK(tally.skipped == 0);
  }
}

TEST_CASE("Wycheproof RSASSA-PKCS1-v1_5 signing is byte for byte", "[rsa][wycheproof]") {
  const auto crt = nlohmann::json::parse(tlsx::test::read_file(
      std::string(TLSX_TEST_DATA_DIR) + "/rsa/wycheproof_sig_gen_crt.json"))["keys"];
  for (const char* file : {"wycheproof/rsa_pkcs1_2048_sig_gen_test.json",
                           "wycheproof/rsa_pkcs1_3072_sig_gen_test.json",
                           "wycheproof/rsa_pkcs1_4096_sig_gen_test.json"}) {
    const auto j = tlsx::test::load_json_vector(file);
    VectorTally tally{file};
    for (const auto& group : j.at("testGroups")) {
      const auto alg = hash_named(group.at("sha"));
      if (!alg) {  // SHA-224: not in tlsx
        tally.skipped += static_cast<int>(group.at("tests").size());
        continue;
      }
      const auto& pk = group.at("privateKey");
      const auto& parts = crt.at(pk.at("modulus").get<std::string>());
      const ComponentBytes comp{hex_field(pk, "modulus"),
                                hex_field(pk, "publicExponent"),
                                hex_field(pk, "privateExponent"),
                                hex_field(parts, "p"),
                                hex_field(parts, "q"),
                                hex_field(parts, "dp"),
                                hex_field(parts, "dq"),
                                hex_field(parts, "qinv")};
      const auto key = make_key(comp);
      for (const auto& t : group.at("tests")) {
        INFO(file << " tcId " << t.at("tcId"));
        const ByteVec msg = hex_field(t, "msg");
        const auto sig = rsa_pkcs1_sign(provider(), *key, *alg, msg);
        const bool ok =
            sig.has_value() && to_hex(*sig) == t.at("sig").get<std::string>() &&
            rsa_pkcs1_verify(provider(), key->public_key(), *alg, msg, *sig).has_value();
        CHECK(ok);
        (ok ? tally.passed : tally.failed)++;
      }
    }
    tally.print();
    CHECK(tally.failed == 0);
  }
}

// ---- checks on keys generated by openssl (one key per size and process) -----------------------

namespace {

void check_public_key_validation(const OpensslKey& ok) {
  const auto& good = ok.components;
  const auto key = RsaPublicKey::make(good.n, good.e);
  REQUIRE(key.has_value());
  CHECK(key->bits() == 2048);
  CHECK(key->size_bytes() == 256);
  CHECK(key->modulus().size() == 256);  // the DER sign byte 00 is stripped
  CHECK(key->modulus()[0] != 0);
  CHECK(key->exponent() == from_hex("010001"));

  auto rejected = [](const ByteVec& n, const ByteVec& e) {
    const auto k = RsaPublicKey::make(n, e);
    return !k.has_value() && k.error().code == ErrorCode::illegal_parameter;
  };
  ByteVec even = good.n;
  even.back() ^= 1;
  CHECK(rejected(even, good.e));
  CHECK(rejected({}, good.e));
  CHECK(rejected(ByteVec(8, 0), good.e));
  CHECK(rejected(ByteVec(63, 0xff), good.e));          // 504 bits
  CHECK_FALSE(rejected(ByteVec(64, 0xff), good.e));    // 512 bits
  CHECK_FALSE(rejected(ByteVec(1024, 0xff), good.e));  // 8192 bits
  CHECK(rejected(ByteVec(1025, 0xff), good.e));        // 8200 bits
  CHECK(rejected(good.n, {}));
  CHECK(rejected(good.n, {0x00}));
  CHECK(rejected(good.n, {0x01}));
  CHECK(rejected(good.n, {0x02}));
  CHECK(rejected(good.n, {0x01, 0x00, 0x00}));
  CHECK(rejected(good.n, ByteVec(9, 0xff)));
  CHECK_FALSE(rejected(good.n, {0x03}));
  CHECK_FALSE(rejected(good.n, ByteVec(8, 0xff)));
  CHECK_FALSE(rejected(good.n, {0x00, 0x00, 0x01, 0x00, 0x01}));  // leading zeros are fine

  // A default-constructed key is unusable but fails cleanly everywhere.
  const RsaPublicKey empty;
  ByteVec out(256);
  CHECK_FALSE(rsa_public_op(empty, ByteVec(256), out).has_value());
  ByteVec nothing;
  CHECK_FALSE(rsa_public_op(empty, nothing, nothing).has_value());
  for (const ByteVec& sig : {ByteVec(), ByteVec(256)}) {
    CHECK_FALSE(rsa_pkcs1_verify(provider(), empty, HashAlgorithm::sha256, sig, sig));
    CHECK_FALSE(rsa_pss_verify(provider(), empty, HashAlgorithm::sha256, sig, sig));
  }
  CHECK_FALSE(rsa_pkcs1_encrypt(provider(), empty, ByteVec(1)).has_value());
  CHECK_FALSE(rsa_pkcs1_encrypt(provider(), empty, ByteVec()).has_value());
}

void check_private_key_validation(const OpensslKey& ok) {
  const ComponentBytes good = ok.components;
  auto rejected = [](const ComponentBytes& c) {
    return !make_rsa_private_key(c.view()).has_value();
  };
  CHECK_FALSE(rejected(good));

  auto bump = [](ByteVec v) {  // v + 2: keeps odd numbers odd
    for (std::size_t i = v.size(); i > 0; --i) {
      const unsigned s = v[i - 1] + (i == v.size() ? 2u : 1u);
      v[i - 1] = static_cast<std::uint8_t>(s);
      if (s < 256) break;
    }
    return v;
  };
  ComponentBytes c = good;
  c.p = bump(good.p);
  CHECK(rejected(c));  // p q != n
  c = good;
  std::swap(c.p, c.q);
  CHECK(rejected(c));  // qinv belongs to the other order
  std::swap(c.dp, c.dq);
  CHECK(rejected(c));  // still the wrong qinv
  c = good;
  c.dp = bump(good.dp);
  CHECK(rejected(c));
  c = good;
  c.dq = bump(good.dq);
  CHECK(rejected(c));
  c = good;
  c.qinv = bump(good.qinv);
  CHECK(rejected(c));
  c = good;
  c.dp = good.p;  // not reduced
  CHECK(rejected(c));
  c = good;
  c.e = from_hex("03");
  CHECK(rejected(c));
  c = good;
  c.q = {};
  CHECK(rejected(c));
  c = good;
  c.p = ByteVec(good.p.size(), 0);
  CHECK(rejected(c));
}

void check_round_trips(const OpensslKey& ok) {
  {
    const RsaPrivateKey& key = *ok.key;
    const RsaPublicKey& pub = key.public_key();
    const std::size_t k = pub.size_bytes();
    const ByteVec msg = tlsx::test::bytes_of("the quick brown fox");

    for (const auto alg : {HashAlgorithm::sha1, HashAlgorithm::sha256, HashAlgorithm::sha384,
                           HashAlgorithm::sha512}) {
      const auto sig = rsa_pkcs1_sign(provider(), key, alg, msg);
      REQUIRE(sig.has_value());
      CHECK(sig->size() == k);
      CHECK(rsa_pkcs1_verify(provider(), pub, alg, msg, *sig).has_value());
      CHECK(*rsa_pkcs1_sign(provider(), key, alg, msg) == *sig);  // deterministic
      // Other message, other hash: rejected.
      CHECK_FALSE(rsa_pkcs1_verify(provider(), pub, alg, tlsx::test::bytes_of("x"), *sig));
      const auto other =
          alg == HashAlgorithm::sha256 ? HashAlgorithm::sha384 : HashAlgorithm::sha256;
      CHECK_FALSE(rsa_pkcs1_verify(provider(), pub, other, msg, *sig));
      CHECK_FALSE(rsa_pss_verify(provider(), pub, alg, msg, *sig));
      if (!pss_fits(pub, alg)) {
        CHECK(rsa_pss_sign(provider(), key, alg, msg).error().code == ErrorCode::invalid_argument);
        continue;
      }
      const auto pss = rsa_pss_sign(provider(), key, alg, msg);
      REQUIRE(pss.has_value());
      CHECK(rsa_pss_verify(provider(), pub, alg, msg, *pss).has_value());
      CHECK(*rsa_pss_sign(provider(), key, alg, msg) != *pss);  // randomised
      CHECK_FALSE(rsa_pss_verify(provider(), pub, other, msg, *pss));
      CHECK_FALSE(rsa_pss_verify(provider(), pub, alg, tlsx::test::bytes_of("x"), *pss));
      CHECK_FALSE(rsa_pkcs1_verify(provider(), pub, alg, msg, *pss));
    }
    CHECK(rsa_pkcs1_sign(provider(), key, HashAlgorithm::md5, msg).error().code ==
          ErrorCode::unsupported);
    CHECK(rsa_pss_sign(provider(), key, HashAlgorithm::md5, msg).error().code ==
          ErrorCode::unsupported);

    for (const std::size_t len : {std::size_t{0}, std::size_t{1}, std::size_t{48}, k - 11}) {
      const ByteVec pt = random_bytes(len);
      const auto ct = rsa_pkcs1_encrypt(provider(), pub, pt);
      REQUIRE(ct.has_value());
      CHECK(ct->size() == k);
      ByteVec out(len);
      const auto mask = rsa_pkcs1_decrypt_implicit(provider(), key, *ct, out);
      REQUIRE(mask.has_value());
      CHECK(*mask == 0xff);
      CHECK(out == pt);
      CHECK(*rsa_pkcs1_encrypt(provider(), pub, pt) != *ct);  // random padding
    }
    CHECK(rsa_pkcs1_encrypt(provider(), pub, ByteVec(k - 10)).error().code ==
          ErrorCode::invalid_argument);
  }
}

/// Every bit flip and every truncation of a signature is rejected.
void check_signature_tampering(const OpensslKey& ok) {
  const RsaPublicKey& pub = ok.key->public_key();
  const ByteVec msg = tlsx::test::bytes_of("negative twins");
  for (const bool pss : {false, true}) {
    const auto sig = pss ? rsa_pss_sign(provider(), *ok.key, HashAlgorithm::sha256, msg)
                         : rsa_pkcs1_sign(provider(), *ok.key, HashAlgorithm::sha256, msg);
    REQUIRE(sig.has_value());
    auto verify = [&](const ByteVec& s) {
      return pss ? rsa_pss_verify(provider(), pub, HashAlgorithm::sha256, msg, s)
                 : rsa_pkcs1_verify(provider(), pub, HashAlgorithm::sha256, msg, s);
    };
    REQUIRE(verify(*sig).has_value());
    int accepted = 0;
    for (std::size_t bit = 0; bit < sig->size() * 8; bit += 7) {  // every 7th bit: all bytes
      ByteVec s = *sig;
      s[bit / 8] ^= static_cast<std::uint8_t>(1u << (bit % 8));
      const auto r = verify(s);
      accepted += r.has_value() ? 1 : 0;
      if (!r) CHECK(r.error().code == ErrorCode::decrypt_error);
    }
    for (std::size_t len = 0; len < sig->size(); len += 5) {
      accepted +=
          verify(ByteVec(sig->begin(), sig->begin() + static_cast<std::ptrdiff_t>(len))) ? 1 : 0;
    }
    ByteVec longer = *sig;
    longer.insert(longer.begin(), 0);
    accepted += verify(longer) ? 1 : 0;
    CHECK(accepted == 0);
  }
}

/// Decryption fails early only on public facts.
void check_decryption_early_failures(const OpensslKey& ok) {
  const RsaPrivateKey& key = *ok.key;
  const std::size_t k = key.public_key().size_bytes();
  ByteVec out(48);
  auto code = [&](const ByteVec& ct, ByteVec& o) {
    const auto r = rsa_pkcs1_decrypt_implicit(provider(), key, ct, o);
    return r ? std::optional<ErrorCode>() : std::optional<ErrorCode>(r.error().code);
  };
  CHECK(code(ByteVec(k - 1), out) == ErrorCode::decrypt_error);
  CHECK(code(ByteVec(k + 1), out) == ErrorCode::decrypt_error);
  CHECK(code(ByteVec(), out) == ErrorCode::decrypt_error);
  CHECK(code(ok.components.n.size() == k
                 ? ok.components.n
                 : ByteVec(ok.components.n.begin() + 1, ok.components.n.end()),
             out) == ErrorCode::decrypt_error);  // c = n
  CHECK(code(ByteVec(k, 0xff), out) == ErrorCode::decrypt_error);
  ByteVec too_long(k - 10);
  CHECK(code(ByteVec(k, 0x01), too_long) == ErrorCode::invalid_argument);
  // c = 0 decrypts to 0: bad padding, so mask 0, not an error.
  const auto zero = rsa_pkcs1_decrypt_implicit(provider(), key, ByteVec(k, 0), out);
  REQUIRE(zero.has_value());
  CHECK(*zero == 0x00);
}

void check_fault_detection(const OpensslKey& ok) {
  // With an all-zero "random" blinding value the CRT halves compute 0, which does not match the
  // input: the check must turn that into ErrorCode::internal and release nothing.
  const ZeroRandomProvider zero;
  const ByteVec msg = tlsx::test::bytes_of("fault");
  const auto sig = rsa_pkcs1_sign(zero, *ok.key, HashAlgorithm::sha256, msg);
  REQUIRE_FALSE(sig.has_value());
  CHECK(sig.error().code == ErrorCode::internal);
  const auto ct = rsa_pkcs1_encrypt(provider(), ok.key->public_key(), ByteVec(48, 7));
  REQUIRE(ct.has_value());
  ByteVec out(48, 0xaa);
  const auto mask = rsa_pkcs1_decrypt_implicit(zero, *ok.key, *ct, out);
  REQUIRE_FALSE(mask.has_value());
  CHECK(mask.error().code == ErrorCode::internal);
}

void check_raw_operations(const OpensslKey& ok) {
  const RsaPublicKey& pub = ok.key->public_key();
  const std::size_t k = pub.size_bytes();
  for (int i = 0; i < 4; ++i) {
    ByteVec x = random_bytes(k);
    x[0] = 0;  // below 2^(8(k-1)) <= n
    x[1] = static_cast<std::uint8_t>(i);
    ByteVec y(k);
    ByteVec z(k);
    REQUIRE(rsa_public_op(pub, x, y).has_value());
    REQUIRE(ok.key->private_op(provider(), y, z).has_value());
    CHECK(z == x);
    REQUIRE(ok.key->private_op(provider(), x, y).has_value());
    REQUIRE(rsa_public_op(pub, y, z).has_value());
    CHECK(z == x);
  }
}

/// Cross-checks with openssl pkeyutl and dgst.
void check_openssl_interop(const OpensslKey& ok) {
  const auto dir = temp_dir();
  const auto msg_path = dir / "msg.bin";
  const auto sig_path = dir / "sig.bin";
  const auto in_path = dir / "in.bin";
  const auto out_path = dir / "out.bin";
  const ByteVec msg = random_bytes(300);
  write_file(msg_path, msg);
  {
    const std::string priv = ok.private_pem.string();
    const std::string pub = ok.public_pem.string();
    const RsaPublicKey& tlsx_pub = ok.key->public_key();
    for (const auto alg : {HashAlgorithm::sha1, HashAlgorithm::sha256, HashAlgorithm::sha384,
                           HashAlgorithm::sha512}) {
      INFO(to_string(alg));
      const std::string dgst = std::string("openssl dgst ") + openssl_digest(alg);
      const std::string pss_opts = " -sigopt rsa_padding_mode:pss -sigopt rsa_pss_saltlen:digest";
      // tlsx signs, openssl verifies; a flipped bit fails there too.
      auto sig = rsa_pkcs1_sign(provider(), *ok.key, alg, msg);
      REQUIRE(sig.has_value());
      write_file(sig_path, *sig);
      CHECK(run(dgst + " -verify " + pub + " -signature " + sig_path.string() + " " +
                msg_path.string()) == 0);
      (*sig)[10] ^= 1;
      write_file(sig_path, *sig);
      CHECK(run(dgst + " -verify " + pub + " -signature " + sig_path.string() + " " +
                msg_path.string()) != 0);
      // openssl signs, tlsx verifies.
      REQUIRE(run(dgst + " -sign " + priv + " -out " + sig_path.string() + " " +
                  msg_path.string()) == 0);
      CHECK(rsa_pkcs1_verify(provider(), tlsx_pub, alg, msg, read_bytes(sig_path)).has_value());
      if (!pss_fits(tlsx_pub, alg)) continue;  // the key is too short for this digest
      // PSS both ways.
      auto pss = rsa_pss_sign(provider(), *ok.key, alg, msg);
      REQUIRE(pss.has_value());
      write_file(sig_path, *pss);
      CHECK(run(dgst + pss_opts + " -verify " + pub + " -signature " + sig_path.string() + " " +
                msg_path.string()) == 0);
      REQUIRE(run(dgst + pss_opts + " -sign " + priv + " -out " + sig_path.string() + " " +
                  msg_path.string()) == 0);
      CHECK(rsa_pss_verify(provider(), tlsx_pub, alg, msg, read_bytes(sig_path)).has_value());
    }
    // openssl encrypts a TLS-sized pre-master secret, tlsx decrypts it.
    const ByteVec pms = random_bytes(48);
    write_file(in_path, pms);
    REQUIRE(run("openssl pkeyutl -encrypt -pubin -inkey " + pub +
                " -pkeyopt rsa_padding_mode:pkcs1 -in " + in_path.string() + " -out " +
                out_path.string()) == 0);
    ByteVec got(48);
    const auto mask = rsa_pkcs1_decrypt_implicit(provider(), *ok.key, read_bytes(out_path), got);
    REQUIRE(mask.has_value());
    CHECK(*mask == 0xff);
    CHECK(got == pms);
    // tlsx encrypts, openssl decrypts.
    const auto ct = rsa_pkcs1_encrypt(provider(), tlsx_pub, pms);
    REQUIRE(ct.has_value());
    write_file(in_path, *ct);
    REQUIRE(run("openssl pkeyutl -decrypt -inkey " + priv +
                " -pkeyopt rsa_padding_mode:pkcs1 -in " + in_path.string() + " -out " +
                out_path.string()) == 0);
    CHECK(read_bytes(out_path) == pms);
  }
}

}  // namespace

TEST_CASE("RSA-2048 with an openssl key: validation, round trips, failure paths, interop",
          "[rsa][openssl]") {
  const OpensslKey& key = openssl_key(2048);
  SECTION("public key validation") {
    check_public_key_validation(key);
  }
  SECTION("private key validation") {
    check_private_key_validation(key);
  }
  SECTION("round trips") {
    check_round_trips(key);
  }
  SECTION("raw operations") {
    check_raw_operations(key);
  }
  SECTION("signature tampering") {
    check_signature_tampering(key);
  }
  SECTION("decryption early failures") {
    check_decryption_early_failures(key);
  }
  SECTION("fault detection") {
    check_fault_detection(key);
  }
  SECTION("openssl interop") {
    check_openssl_interop(key);
  }
}

TEST_CASE("RSA-3072 with an openssl key: round trips, interop", "[rsa][openssl]") {
  const OpensslKey& key = openssl_key(3072);
  SECTION("round trips") {
    check_round_trips(key);
  }
  SECTION("raw operations") {
    check_raw_operations(key);
  }
  SECTION("openssl interop") {
    check_openssl_interop(key);
  }
}

TEST_CASE("RSA-4096 with an openssl key: round trips, interop", "[rsa][openssl]") {
  const OpensslKey& key = openssl_key(4096);
  SECTION("round trips") {
    check_round_trips(key);
  }
  SECTION("raw operations") {
    check_raw_operations(key);
  }
  SECTION("signature tampering") {
    check_signature_tampering(key);
  }
  SECTION("openssl interop") {
    check_openssl_interop(key);
  }
}

TEST_CASE("RSA with openssl keys of odd sizes (unequal primes, PSS emLen = k - 1)",
          "[rsa][openssl]") {
  // 1025 bits: emBits = 1024, so the PSS block is one byte shorter than the modulus; 1028 bits:
  // the top 5 bits of the block are masked. The primes have different lengths.
  for (const int bits : {1025, 1028, 2056}) {
    INFO("RSA-" << bits);
    const OpensslKey& key = openssl_key(bits);
    check_round_trips(key);
    check_raw_operations(key);
    check_openssl_interop(key);
  }
}
