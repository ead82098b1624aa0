// RSA (RFC 8017) on tlsx's own bignum: the interface the rest of tlsx uses.
// Implementation: src/crypto/rsa*.cpp and src/crypto/bignum*.cpp.
#pragma once

#include <cstdint>
#include <memory>
#include <vector>

#include "tlsx/crypto/provider.hpp"
#include "tlsx/secret.hpp"

namespace tlsx::crypto {

namespace bn {
class MontModulus;
}

/// An RSA public key; modulus and exponent as unsigned big-endian bytes (no leading zeros
/// required). Validated by RsaPublicKey::make.
class RsaPublicKey {
 public:
  /// Checks: modulus odd, 512..8192 bits (policy minimums are the caller's: see bits()),
  /// exponent odd and 3 <= e < 2^64 (so e < n). Leading zero bytes are allowed on input (as in
  /// DER INTEGERs) and stripped. Fails with ErrorCode::illegal_parameter.
  static Result<RsaPublicKey> make(Bytes modulus, Bytes exponent);
  [[nodiscard]] std::size_t bits() const noexcept;
  [[nodiscard]] std::size_t size_bytes() const noexcept { return (bits() + 7) / 8; }
  [[nodiscard]] const std::vector<std::uint8_t>& modulus() const noexcept { return n_; }
  [[nodiscard]] const std::vector<std::uint8_t>& exponent() const noexcept { return e_; }

 private:
  std::vector<std::uint8_t> n_;  // big-endian, no leading zero byte
  std::vector<std::uint8_t> e_;
  std::shared_ptr<const bn::MontModulus> mod_;  // Montgomery constants of n, made once by make()
  friend struct RsaPublicKeyAccess;             // rsa_*.cpp reach mod_ through it
};

/// PKCS#1 v1.5 signature check over message (hashed here with alg). DigestInfo must match the
/// DER encoding exactly (with the NULL parameter). Fails with ErrorCode::decrypt_error.
Result<void> rsa_pkcs1_verify(const Provider& p, const RsaPublicKey& key, HashAlgorithm alg,
                              Bytes message, Bytes signature);
/// RSASSA-PSS check with MGF1(alg) and salt length = digest length (TLS's rsa_pss_rsae_*).
Result<void> rsa_pss_verify(const Provider& p, const RsaPublicKey& key, HashAlgorithm alg,
                            Bytes message, Bytes signature);
/// PKCS#1 v1.5 encryption (type 2 padding with random non-zero bytes from p.random()).
Result<std::vector<std::uint8_t>> rsa_pkcs1_encrypt(const Provider& p, const RsaPublicKey& key,
                                                    Bytes plaintext);

/// An RSA private key with CRT parameters. Secret parts are wiped on destruction.
class RsaPrivateKey;

/// Raw components as unsigned big-endian bytes (as in PKCS#1 RSAPrivateKey).
struct RsaPrivateComponents {
  Bytes n, e, d, p, q, dp, dq, qinv;
};

/// Makes a private key; checks consistency (p*q == n, dp < p, dq < q, qinv < p, and a test
/// operation: x^e, then the CRT private operation, gives x back). d is not used: CRT needs only
/// dp, dq and qinv. Fails with ErrorCode::illegal_parameter.
Result<std::shared_ptr<const RsaPrivateKey>> make_rsa_private_key(const RsaPrivateComponents& c);
/// The matching public key.
const RsaPublicKey& public_key(const RsaPrivateKey& key) noexcept;

/// PKCS#1 v1.5 signature: out has the modulus size.
Result<std::vector<std::uint8_t>> rsa_pkcs1_sign(const Provider& p, const RsaPrivateKey& key,
                                                 HashAlgorithm alg, Bytes message);
/// RSASSA-PSS signature with MGF1(alg), salt length = digest length, salt from p.random().
Result<std::vector<std::uint8_t>> rsa_pss_sign(const Provider& p, const RsaPrivateKey& key,
                                               HashAlgorithm alg, Bytes message);

/// PKCS#1 v1.5 decryption for TLS's implicit rejection (RFC 5246 §7.4.7.1): writes
/// expected_size bytes into out and returns a mask, 0xff when the padding was valid and the
/// message had exactly expected_size bytes, 0x00 otherwise. Runs in time independent of the
/// padding's validity and of where it fails; the caller selects between out and a random value
/// with ct_select. Only a ciphertext of the wrong length or >= n fails early (public facts);
/// out.size() > size_bytes() - 11 (no valid message is that long) is invalid_argument.
Result<std::uint8_t> rsa_pkcs1_decrypt_implicit(const Provider& p, const RsaPrivateKey& key,
                                                Bytes ciphertext, MutableBytes out);

}  // namespace tlsx::crypto
