// Secret-independent control flow and memory access of the private-key and symmetric code, checked
// with Valgrind's memcheck (the "ctgrind" technique, tests/support/ctgrind.hpp): secrets are
// marked undefined, so memcheck reports every conditional jump and address that depends on them.
// Covered: the RSA private operation (CRT exponentiation, blinding, Garner; the key and the
// blinding value are secret, only the fault check's verdict is declassified, in src), the
// constant-time modular exponentiation itself, PKCS#1 v1.5 decryption with implicit rejection and
// the server's pre-master secret selection, the Finished verify_data computation and comparison,
// the portable (bitsliced) AES and GHASH code in GCM and CBC, and P-256/P-384 key generation,
// public keys, ECDH and ECDSA signing (private scalar, nonce and random extra input secret). Run
// normally these are ordinary functional tests; ctest also runs them under valgrind with
// TLSX_CPU_PORTABLE=1 (tests/memcheck_ct/CMakeLists.txt), which keeps AES-NI, PCLMULQDQ, SHA-NI and
// IFMA out.
#include <catch2/catch.hpp>

#include <algorithm>
#include <array>
#include <cstddef>
#include <vector>

#include "crypto/bignum_modexp.hpp"
#include "crypto/builtin/builtin.hpp"
#include "crypto/ec.hpp"
#include "crypto/ecdsa_internal.hpp"
#include "crypto/rsa.hpp"
#include "crypto/rsa_internal.hpp"
#include "handshake/key_exchange.hpp"
#include "handshake/key_schedule.hpp"
#include "support/ctgrind.hpp"
#include "tlsx/config.hpp"
#include "tlsx/crypto/constant_time.hpp"
#include "tlsx/crypto/seeded_provider.hpp"
#include "tlsx/x509.hpp"

namespace tlsx::crypto::bn {

/// Marks every secret field of a prime's Montgomery constants (friend of MontModulus).
struct MontModulusSecrets {
  static void mark(const MontModulus& m) {
    for (const Nat* v : {&m.m_, &m.one_, &m.rr_}) TLSX_SECRET(v->data(), v->size() * sizeof(Limb));
    TLSX_SECRET(&m.m0inv_, sizeof m.m0inv_);
  }
};

}  // namespace tlsx::crypto::bn

namespace tlsx::crypto {

/// Marks every secret field of an RSA private key (friend of RsaPrivateKey). The public key,
/// the limb count and the primes' bit length stay public, as key sizes are.
struct RsaPrivateKeySecrets {
  static void mark(const RsaPrivateKey& k) {
    bn::MontModulusSecrets::mark(*k.mod_p_);
    bn::MontModulusSecrets::mark(*k.mod_q_);
    for (const bn::Nat* v : {&k.dp_, &k.dq_, &k.p_minus_2_, &k.q_minus_2_, &k.qinv_mont_}) {
      TLSX_SECRET(v->data(), v->size() * sizeof(bn::Limb));
    }
  }
};

}  // namespace tlsx::crypto

using namespace tlsx;
using namespace tlsx::crypto;
namespace builtin = tlsx::crypto::builtin;
using ByteVec = std::vector<std::uint8_t>;

namespace {

/// A Provider whose random bytes (RSA blinding values, PKCS#1 padding, the fallback pre-master
/// secret) are secret: seeded for reproducibility, then marked undefined.
class SecretRandom final : public Provider {
 public:
  std::string_view name() const noexcept override { return "secret-random"; }
  Result<std::unique_ptr<Hash>> hash(HashAlgorithm alg) const override { return seeded_.hash(alg); }
  Result<std::unique_ptr<Mac>> hmac(HashAlgorithm alg, Bytes key) const override {
    return seeded_.hmac(alg, key);
  }
  Result<void> random(MutableBytes out) const override {
    auto r = seeded_.random(out);
    TLSX_SECRET(out.data(), out.size());
    return r;
  }

 private:
  SeededProvider seeded_{0x5eed};
};

const SecretRandom& secret_random() {
  static const SecretRandom provider;
  return provider;
}

/// The test server key with its private fields marked secret (once per process).
const PrivateKey& secret_server_key() {
  static const PrivateKey key = [] {
    auto k = PrivateKey::from_pem_file(TLSX_TEST_DATA_DIR "/pki/server.key");
    REQUIRE(k);
    RsaPrivateKeySecrets::mark(*k->rsa());
    return std::move(*k);
  }();
  return key;
}

ByteVec pattern(std::size_t n, std::uint8_t seed) {
  ByteVec v(n);
  for (std::size_t i = 0; i < n; ++i) v[i] = static_cast<std::uint8_t>(seed + 7 * i);
  return v;
}

template <typename T>
T published(T v) {
  TLSX_PUBLIC(&v, sizeof v);
  return v;
}

ByteVec published(ByteVec v) {
  TLSX_PUBLIC(v.data(), v.size());
  return v;
}

/// The k-byte block 00 02 PS 00 M (or a malformed variant) encrypted with the public key.
ByteVec encrypt_raw(const RsaPublicKey& pub, ByteVec em) {
  ByteVec c(pub.size_bytes());
  REQUIRE(rsa_public_op(pub, em, c));
  return c;
}

ByteVec pkcs1_block(std::size_t k, const ByteVec& msg) {
  ByteVec em(k, 0x5c);
  em[0] = 0x00;
  em[1] = 0x02;
  em[k - msg.size() - 1] = 0x00;
  std::copy(msg.begin(), msg.end(), em.end() - static_cast<std::ptrdiff_t>(msg.size()));
  return em;
}

}  // namespace

TEST_CASE("RSA private operation has no secret-dependent branch or index", "[rsa][ct]") {
  const auto& key = *secret_server_key().rsa();
  const ByteVec message = pattern(100, 1);
  // Signing: the key and the blinding value are secret, the signature is published.
  for (int round = 0; round < 2; ++round) {
    auto sig = rsa_pkcs1_sign(secret_random(), key, HashAlgorithm::sha256, message);
    REQUIRE(sig);
    const ByteVec signature = published(*sig);
    CHECK(rsa_pkcs1_verify(default_provider(), public_key(key), HashAlgorithm::sha256, message,
                           signature));
  }
}

TEST_CASE("Constant-time modular exponentiation hides exponent and base", "[bignum][ct]") {
  const auto& pub = public_key(*secret_server_key().rsa());
  auto n = bn::Nat::from_bytes(pub.modulus(), bn::limbs_for_bytes(pub.size_bytes()));
  auto mod = bn::MontModulus::make(n);
  REQUIRE(mod);
  const std::size_t limbs = mod->limbs();
  const std::size_t exp_bits = 200;
  bn::Nat base = bn::Nat::from_bytes(pattern(200, 3), limbs);
  bn::Nat exp = bn::Nat::from_bytes(pattern(25, 9), bn::limbs_for_bits(exp_bits));
  bn::Nat expected(limbs);
  bn::mod_exp_vartime(*mod, expected.data(), base.data(), exp.limbs());  // public inputs here

  TLSX_SECRET(base.data(), limbs * sizeof(bn::Limb));
  TLSX_SECRET(exp.data(), exp.size() * sizeof(bn::Limb));
  bn::Nat result(limbs);
  bn::mod_exp_consttime(*mod, result.data(), base.data(), exp, exp_bits);
  TLSX_PUBLIC(result.data(), limbs * sizeof(bn::Limb));
  CHECK(std::equal(result.data(), result.data() + limbs, expected.data()));
}

TEST_CASE("PKCS#1 v1.5 decryption with implicit rejection is constant time", "[rsa][ct]") {
  const auto& key = *secret_server_key().rsa();
  const auto& pub = public_key(key);
  const std::size_t k = pub.size_bytes();
  const ByteVec pms = pattern(48, 0x30);

  struct Case {
    const char* name;
    ByteVec em;
    bool good;
  };
  std::vector<Case> cases;
  cases.push_back({"valid", pkcs1_block(k, pms), true});
  auto wrong_first = pkcs1_block(k, pms);
  wrong_first[0] = 0x01;  // still below n: the test key's modulus starts above 0x01 01..
  cases.push_back({"first byte not zero", wrong_first, false});
  auto wrong_type = pkcs1_block(k, pms);
  wrong_type[1] = 0x01;
  cases.push_back({"block type 1", wrong_type, false});
  auto no_separator = pkcs1_block(k, pms);
  no_separator[k - 49] = 0x11;
  cases.push_back({"no zero separator", no_separator, false});
  auto early_zero = pkcs1_block(k, pms);
  early_zero[5] = 0x00;  // separator inside the padding: wrong message length
  cases.push_back({"zero in the padding", early_zero, false});

  for (const auto& c : cases) {
    INFO(c.name);
    const ByteVec ciphertext = encrypt_raw(pub, c.em);
    std::array<std::uint8_t, 48> out{};
    auto mask = rsa_pkcs1_decrypt_implicit(secret_random(), key, ciphertext, out);
    REQUIRE(mask);
    const std::uint8_t verdict = published(*mask);
    TLSX_PUBLIC(out.data(), out.size());
    CHECK(verdict == (c.good ? 0xff : 0x00));
    if (c.good) CHECK(std::equal(out.begin(), out.end(), pms.begin()));
  }
}

TEST_CASE("Server pre-master secret selection is constant time", "[rsa][ct]") {
  const auto ops = make_private_key_operations(secret_server_key(), secret_random());
  const auto& pub = public_key(*secret_server_key().rsa());
  const std::size_t k = pub.size_bytes();
  ByteVec pms = pattern(48, 0x40);
  pms[0] = 0x03;
  pms[1] = 0x03;
  auto wrong_version = pms;
  wrong_version[1] = 0x01;
  auto bad_padding = pkcs1_block(k, pms);
  bad_padding[1] = 0x03;

  struct Case {
    const char* name;
    ByteVec em;
    bool good;
  };
  const std::vector<Case> cases = {{"valid", pkcs1_block(k, pms), true},
                                   {"wrong version", pkcs1_block(k, wrong_version), false},
                                   {"bad padding", bad_padding, false}};
  for (const auto& c : cases) {
    INFO(c.name);
    auto selected = handshake::decrypt_rsa_pre_master_secret(
        secret_random(), *ops, encrypt_raw(pub, c.em), ProtocolVersion::tls12);
    REQUIRE(selected);
    ByteVec out(selected->data(), selected->data() + selected->size());
    out = published(out);
    CHECK(std::equal(out.begin(), out.end(), pms.begin()) == c.good);
  }
}

TEST_CASE("Finished verify_data is computed and compared in constant time", "[finished][ct]") {
  const ByteVec master = pattern(48, 0x55);
  const ByteVec handshake_hash = pattern(32, 0x66);
  auto reference =
      handshake::compute_verify_data(default_provider(), HashAlgorithm::sha256, master,
                                     handshake::FinishedSender::client, handshake_hash);
  REQUIRE(reference);
  const ByteVec received(reference->begin(), reference->end());

  ByteVec secret_master = master;
  TLSX_SECRET(secret_master.data(), secret_master.size());
  auto expected =
      handshake::compute_verify_data(default_provider(), HashAlgorithm::sha256, secret_master,
                                     handshake::FinishedSender::client, handshake_hash);
  REQUIRE(expected);
  // ct_equal declassifies only its verdict; the expected verify_data stays secret.
  CHECK(ct_equal(*expected, received));
  auto tampered = received;
  tampered[11] ^= 0x04;
  CHECK_FALSE(ct_equal(*expected, tampered));
}

TEST_CASE("Portable AES-GCM and GHASH have no secret-dependent branch or index", "[aes][ct]") {
  for (auto alg : {AeadAlgorithm::aes128_gcm, AeadAlgorithm::aes256_gcm}) {
    INFO(static_cast<int>(alg));
    const ByteVec key = pattern(key_size(alg), 0x11);
    const ByteVec nonce = pattern(kAeadNonceSize, 0x22);
    const ByteVec aad = pattern(13, 0x33);
    const ByteVec plaintext = pattern(100, 0x44);  // not a block multiple: a partial last block
    auto reference = builtin::make_aes_gcm(alg, key, builtin::Impl::portable);
    REQUIRE(reference);
    ByteVec expected(plaintext.size() + 16);
    REQUIRE((*reference)->seal(nonce, aad, plaintext, expected));

    ByteVec secret_key = key;
    ByteVec secret_plaintext = plaintext;
    TLSX_SECRET(secret_key.data(), secret_key.size());
    TLSX_SECRET(secret_plaintext.data(), secret_plaintext.size());
    auto gcm = builtin::make_aes_gcm(alg, secret_key, builtin::Impl::portable);
    REQUIRE(gcm);
    ByteVec sealed(plaintext.size() + 16);
    REQUIRE((*gcm)->seal(nonce, aad, secret_plaintext, sealed));
    CHECK(published(sealed) == expected);

    ByteVec opened(plaintext.size());
    REQUIRE((*gcm)->open(nonce, aad, expected, opened));  // tag verdict: declassified by ct_equal
    CHECK(published(opened) == plaintext);
    auto tampered = expected;
    tampered[5] ^= 0x01;
    CHECK_FALSE((*gcm)->open(nonce, aad, tampered, opened));
  }
}

TEST_CASE("Portable AES-CBC has no secret-dependent branch or index", "[aes][ct]") {
  for (auto alg : {CipherAlgorithm::aes128, CipherAlgorithm::aes256}) {
    INFO(static_cast<int>(alg));
    const ByteVec key = pattern(key_size(alg), 0x12);
    const ByteVec iv = pattern(kAesBlockSize, 0x23);
    const ByteVec plaintext = pattern(5 * kAesBlockSize, 0x34);
    auto reference = builtin::make_aes_cbc(alg, key, builtin::Impl::portable);
    REQUIRE(reference);
    ByteVec expected(plaintext.size());
    REQUIRE((*reference)->encrypt(iv, plaintext, expected));

    ByteVec secret_key = key;
    ByteVec secret_plaintext = plaintext;
    TLSX_SECRET(secret_key.data(), secret_key.size());
    TLSX_SECRET(secret_plaintext.data(), secret_plaintext.size());
    auto cbc = builtin::make_aes_cbc(alg, secret_key, builtin::Impl::portable);
    REQUIRE(cbc);
    ByteVec ciphertext(plaintext.size());
    REQUIRE((*cbc)->encrypt(iv, secret_plaintext, ciphertext));
    CHECK(published(ciphertext) == expected);
    ByteVec decrypted(plaintext.size());
    REQUIRE((*cbc)->decrypt(iv, expected, decrypted));
    CHECK(published(decrypted) == plaintext);
  }
}

TEST_CASE("P-256 and P-384 scalar multiplication and ECDSA signing are constant time", "[ec][ct]") {
  for (auto curve : {ec::Curve::p256, ec::Curve::p384}) {
    INFO(static_cast<int>(curve));
    const std::size_t size = ec::scalar_size(curve);
    // Reference values computed on public copies first.
    const ByteVec d = pattern(size, 0x41);  // < n: the top byte 0x41 is far below 0xff
    const ByteVec peer_d = pattern(size, 0x52);
    auto pub = ec::public_key(curve, d);
    auto peer = ec::public_key(curve, peer_d);
    REQUIRE(pub);
    REQUIRE(peer);
    auto shared = ec::ecdh(curve, peer_d, *pub);
    REQUIRE(shared);
    const ByteVec digest = pattern(size, 0x63);
    auto det_sig = ec::ecdsa_sign_with_extra(curve, d, digest, default_provider(), {});
    REQUIRE(det_sig);

    ByteVec secret_d = d;
    TLSX_SECRET(secret_d.data(), secret_d.size());
    auto secret_pub = ec::public_key(curve, secret_d);  // base_mult with the masked table
    REQUIRE(secret_pub);
    CHECK(published(*secret_pub) == *pub);

    auto secret_shared = ec::ecdh(curve, secret_d, *peer);  // variable-base window ladder
    REQUIRE(secret_shared);
    CHECK(published(ByteVec(secret_shared->span().begin(), secret_shared->span().end())) ==
          ByteVec(shared->span().begin(), shared->span().end()));

    // Deterministic signing: the nonce is derived from the secret key only.
    auto sig = ec::ecdsa_sign_with_extra(curve, secret_d, digest, default_provider(), {});
    REQUIRE(sig);
    CHECK(published(*sig) == *det_sig);
    // Hedged signing and key generation over secret random bytes.
    auto hedged = ec::ecdsa_sign(curve, secret_d, digest, secret_random());
    REQUIRE(hedged);
    CHECK(ec::ecdsa_verify(curve, *pub, digest, published(*hedged)));
    auto fresh = ec::generate_private_key(curve, secret_random());
    REQUIRE(fresh);
    auto fresh_pub = ec::public_key(curve, *fresh);
    REQUIRE(fresh_pub);
    CHECK(ec::validate_public_point(curve, published(*fresh_pub)));
  }
}
