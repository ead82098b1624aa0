// RSA internals shared by the rsa_*.cpp files: the private key's layout and the raw RSA
// primitives (RFC 8017 §5) that the padding schemes build on. Not for use outside src/crypto.
#pragma once

#include <cstddef>
#include <memory>
#include <optional>

#include "crypto/bignum.hpp"
#include "crypto/bignum_montgomery.hpp"
#include "crypto/rsa.hpp"

namespace tlsx::crypto {

/// Reaches RsaPublicKey's cached Montgomery constants.
struct RsaPublicKeyAccess {
  static const bn::MontModulus* modulus(const RsaPublicKey& key) noexcept { return key.mod_.get(); }
};

/// RSAEP / RSAVP1: out = in^e mod n, where in and out have key.size_bytes() bytes. Fails with
/// decrypt_error when in has another length or is not below n (both public facts).
Result<void> rsa_public_op(const RsaPublicKey& key, Bytes in, MutableBytes out);

/// An RSA private key in CRT form. Everything secret lives in bn::Nat or bn::MontModulus, which
/// wipe themselves.
class RsaPrivateKey {
 public:
  [[nodiscard]] const RsaPublicKey& public_key() const noexcept { return pub_; }

  /// RSADP / RSASP1: out = in^d mod n, with in and out of size_bytes() bytes and in < n
  /// (decrypt_error otherwise). Computed with CRT on a blinded input: c' = c r^e mod n for a
  /// fresh random r, then m_p = c'^dp r^(p-2) mod p (the second factor undoes the blinding:
  /// r^(p-2) = r^-1 mod p) and likewise mod q, joined with Garner's formula. The result is
  /// checked (out^e == in mod n) before it is released, so a fault in the CRT computation
  /// cannot leak a factor of n; a failed check is ErrorCode::internal and out is zeroed.
  Result<void> private_op(const Provider& p, Bytes in, MutableBytes out) const;

 private:
  friend Result<std::shared_ptr<const RsaPrivateKey>> make_rsa_private_key(
      const RsaPrivateComponents& c);
  friend struct RsaPrivateKeySecrets;  // the memcheck constant-time test marks the fields secret

  RsaPrivateKey() = default;

  /// private_op with the blinding value r < n given (make_rsa_private_key's self-test uses a
  /// fixed one: it has no RNG).
  Result<void> blinded_op(Bytes in, const bn::Nat& r, MutableBytes out) const;
  /// m_p, m_q (each half_limbs_ limbs) joined into m mod n (n_limbs limbs).
  void garner(bn::Limb* m, const bn::Limb* mp, const bn::Limb* mq) const;

  RsaPublicKey pub_;
  std::size_t half_limbs_ = 0;  // limbs of the larger prime; both primes use this count
  std::size_t exp_bits_ = 0;    // bit length of the larger prime: public bound on dp, dq
  std::optional<bn::MontModulus> mod_p_;
  std::optional<bn::MontModulus> mod_q_;
  bn::Nat dp_;
  bn::Nat dq_;
  bn::Nat p_minus_2_;  // exponents of the unblinding inverses (Fermat)
  bn::Nat q_minus_2_;
  bn::Nat qinv_mont_;  // q^-1 R mod p
};

/// MGF1 (RFC 8017 B.2.1) with hash alg: inout ^= MGF1(seed, inout.size()).
Result<void> mgf1_xor(const Provider& p, HashAlgorithm alg, Bytes seed, MutableBytes inout);

}  // namespace tlsx::crypto
