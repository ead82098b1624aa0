// Certificates, private keys, trust stores and certificate verification.
//
// What an application needs to configure authentication:
//   - a server (or a client doing client authentication) loads its CertificateChain and
//     PrivateKey (RSA or ECDSA P-256/P-384) from PEM files as `openssl req`/`openssl genrsa`/
//     `openssl ecparam -genkey`/`openssl genpkey` write them;
//   - a client loads a TrustStore (by default the system bundle) and verifies the server's chain
//     for a host name with verify_certificate_chain() (the handshake does this for it).
//
// Ownership: all three classes are cheap to copy and share their immutable contents, so one
// loaded chain, key or store can serve many connections and threads.
//
// Errors: loading fails with ErrorCode::io (file), ErrorCode::decode (malformed PEM/DER) or
// ErrorCode::unsupported (encrypted keys, EC curves other than P-256/P-384). Verification fails
// with ErrorCode::certificate, the TLS alert to send (bad_certificate, unsupported_certificate,
// certificate_expired, unknown_ca, certificate_unknown) and a detail saying exactly what was
// wrong with which certificate.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "tlsx/error.hpp"

namespace tlsx {

namespace crypto {
class X509Certificate;
class RsaPrivateKey;
struct EcPrivateKey;
}  // namespace crypto

/// A certificate chain, leaf first, as sent in a TLS Certificate message. Every certificate in it
/// has been parsed successfully (which says nothing yet about whether it is trustworthy).
class CertificateChain {
 public:
  CertificateChain() = default;
  /// Every CERTIFICATE block of the text, in order (other block types are ignored). Fails when
  /// there is none, or when one does not parse.
  static Result<CertificateChain> from_pem(std::string_view pem);
  static Result<CertificateChain> from_pem_file(const std::string& path);
  /// Appends one DER certificate (e.g. from a received Certificate message).
  Result<void> append_der(std::span<const std::uint8_t> der);

  [[nodiscard]] std::size_t size() const noexcept { return certs_.size(); }
  [[nodiscard]] bool empty() const noexcept { return certs_.empty(); }
  /// DER of certificate i (0 = leaf).
  [[nodiscard]] std::span<const std::uint8_t> der(std::size_t i) const;
  /// Subject of certificate i as an RFC 4514 string ("CN=example.com,O=Example").
  [[nodiscard]] std::string subject(std::size_t i) const;
  /// Issuer of certificate i, the same way.
  [[nodiscard]] std::string issuer(std::size_t i) const;

  /// For tlsx's own use (src/crypto/x509_certificate.hpp): a chain of parsed certificates, and
  /// the parsed certificates of a chain.
  static CertificateChain from_certificates(
      std::vector<std::shared_ptr<const crypto::X509Certificate>> certs);
  [[nodiscard]] const std::vector<std::shared_ptr<const crypto::X509Certificate>>& certificates()
      const noexcept {
    return certs_;
  }

 private:
  std::vector<std::shared_ptr<const crypto::X509Certificate>> certs_;
};

/// What a private key is: RSA, or ECDSA on one of the two supported curves.
enum class KeyAlgorithm : std::uint8_t {
  rsa,         ///< signs rsa_pkcs1_* / rsa_pss_rsae_*, decrypts RSA key exchange
  ecdsa_p256,  ///< secp256r1: signs ecdsa_secp256r1_sha256
  ecdsa_p384,  ///< secp384r1: signs ecdsa_secp384r1_sha384
};

/// A private key for signing (ECDHE_RSA, ECDHE_ECDSA, CertificateVerify) or decrypting (RSA key
/// exchange, RSA keys only).
class PrivateKey {
 public:
  /// The first key block of the text:
  ///   - "RSA PRIVATE KEY" (PKCS#1) or "PRIVATE KEY" (PKCS#8 with rsaEncryption), as
  ///     `openssl genrsa` / `openssl genpkey -algorithm RSA` write them;
  ///   - "EC PRIVATE KEY" (SEC 1, RFC 5915) or "PRIVATE KEY" (PKCS#8 with id-ecPublicKey), with
  ///     the named curve prime256v1 (P-256) or secp384r1 (P-384), as `openssl ecparam -genkey`
  ///     (whose "EC PARAMETERS" block before the key is skipped) / `openssl genpkey -algorithm
  ///     EC` write them.
  /// Encrypted keys ("ENCRYPTED PRIVATE KEY", "Proc-Type: 4,ENCRYPTED"), other curves and
  /// explicit curve parameters fail with ErrorCode::unsupported. The key's consistency is
  /// checked (RSA: the CRT components; EC: 1 <= d < n, and an embedded public key must be d*G).
  static Result<PrivateKey> from_pem(std::string_view pem);
  static Result<PrivateKey> from_pem_file(const std::string& path);

  [[nodiscard]] KeyAlgorithm algorithm() const noexcept;
  /// RSA: modulus size in bits; EC: the curve's size (256 or 384).
  [[nodiscard]] std::size_t bits() const noexcept;
  /// The RSA key (null for an EC key), for tlsx's own use (src/crypto/rsa.hpp).
  [[nodiscard]] const std::shared_ptr<const crypto::RsaPrivateKey>& rsa() const noexcept {
    return rsa_;
  }
  /// The EC key (null for an RSA key), for tlsx's own use (src/crypto/ec_key_der.hpp).
  [[nodiscard]] const std::shared_ptr<const crypto::EcPrivateKey>& ec() const noexcept {
    return ec_;
  }

 private:
  std::shared_ptr<const crypto::RsaPrivateKey> rsa_;
  std::shared_ptr<const crypto::EcPrivateKey> ec_;
};

/// Trust anchors: the certificates whose public keys end a chain. Their own signatures, issuers
/// and CA flags are not examined; their validity period, path length and name constraints are
/// applied.
class TrustStore {
 public:
  /// An empty store (nothing verifies against it).
  TrustStore() = default;
  /// Every CERTIFICATE (or OpenSSL TRUSTED CERTIFICATE, whose trust settings are ignored) block
  /// of a bundle. Certificates that do not parse are skipped (a system
  /// bundle may hold one tlsx cannot read; skipped() counts them); a malformed PEM text or a
  /// bundle with no usable certificate fails.
  static Result<TrustStore> from_pem(std::string_view pem);
  static Result<TrustStore> from_pem_file(const std::string& path);
  /// The system bundle, kDefaultBundle.
  static Result<TrustStore> system();
  static constexpr const char* kDefaultBundle = "/etc/ssl/certs/ca-certificates.crt";

  [[nodiscard]] std::size_t size() const noexcept { return anchors_ ? anchors_->size() : 0; }
  [[nodiscard]] std::size_t skipped() const noexcept { return skipped_; }
  /// The anchors, for tlsx's own use.
  [[nodiscard]] std::span<const std::shared_ptr<const crypto::X509Certificate>> anchors()
      const noexcept;

 private:
  std::shared_ptr<const std::vector<std::shared_ptr<const crypto::X509Certificate>>> anchors_;
  std::size_t skipped_ = 0;
};

/// What the peer's certificate must be good for (its extendedKeyUsage, when present).
enum class CertificatePurpose : std::uint8_t { server_auth, client_auth };

/// How strict verification is. The defaults are what a browser would accept today.
struct VerifyPolicy {
  CertificatePurpose purpose = CertificatePurpose::server_auth;
  /// Smallest RSA modulus accepted anywhere in the chain (trust anchors included).
  std::size_t min_rsa_bits = 2048;
  /// The instant of verification in seconds since the Unix epoch (UTC); unset: the system clock
  /// at the time of the call. Tests and replays set it.
  std::optional<std::int64_t> time;
  /// Most certificates in a path, leaf and trust anchor included.
  std::size_t max_path_length = 8;
  /// Accept SHA-1 signatures (refused by default: chosen-prefix collisions are practical).
  bool allow_sha1 = false;
};

/// Verifies peer (leaf first; the other certificates may come in any order, and extras are
/// ignored) against the trust store and the policy, and the leaf for peer_name: a DNS host name
/// or an IP literal, matched against subjectAltName only (RFC 6125). An empty peer_name skips the
/// name check, which only makes sense for CertificatePurpose::client_auth (a server verifying a
/// client); with server_auth it is ErrorCode::invalid_argument.
///
/// Returns the verified path: leaf first, ending with the trust anchor.
Result<CertificateChain> verify_certificate_chain(const CertificateChain& peer,
                                                  const TrustStore& trust,
                                                  const VerifyPolicy& policy,
                                                  std::string_view peer_name);

}  // namespace tlsx
