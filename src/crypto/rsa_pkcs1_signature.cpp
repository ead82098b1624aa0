// RSASSA-PKCS1-v1_5 (RFC 8017 §8.2) with EMSA-PKCS1-v1_5 encoding (§9.2).
//
// Verification re-encodes the expected block and compares it whole, rather than parsing the
// recovered block: no ASN.1 parser sees attacker-shaped bytes, so the Bleichenbacher 2006
// forgeries on lenient parsers (garbage after the hash, BER lengths, missing NULL) cannot apply.
// Policy on the Wycheproof "MissingNull" case: rejected, as RFC 8017 §9.2 note 1 gives the
// encoding with the NULL parameter and rsa.hpp promises an exact match.
#include <algorithm>
#include <array>
#include <vector>

#include "crypto/rsa_internal.hpp"

namespace tlsx::crypto {
namespace {

/// DER of DigestInfo up to the digest: SEQUENCE { SEQUENCE { OID, NULL }, OCTET STRING (RFC 8017
/// §9.2 note 1).
Result<Bytes> digest_info_prefix(HashAlgorithm alg) {
  static constexpr std::array<std::uint8_t, 15> kSha1 = {
      0x30, 0x21, 0x30, 0x09, 0x06, 0x05, 0x2b, 0x0e, 0x03, 0x02, 0x1a, 0x05, 0x00, 0x04, 0x14};
  static constexpr std::array<std::uint8_t, 19> kSha256 = {0x30, 0x31, 0x30, 0x0d, 0x06, 0x09, 0x60,
                                                           0x86, 0x48, 0x01, 0x65, 0x03, 0x04, 0x02,
                                                           0x01, 0x05, 0x00, 0x04, 0x20};
  static constexpr std::array<std::uint8_t, 19> kSha384 = {0x30, 0x41, 0x30, 0x0d, 0x06, 0x09, 0x60,
                                                           0x86, 0x48, 0x01, 0x65, 0x03, 0x04, 0x02,
                                                           0x02, 0x05, 0x00, 0x04, 0x30};
  static constexpr std::array<std::uint8_t, 19> kSha512 = {0x30, 0x51, 0x30, 0x0d, 0x06, 0x09, 0x60,
                                                           0x86, 0x48, 0x01, 0x65, 0x03, 0x04, 0x02,
                                                           0x03, 0x05, 0x00, 0x04, 0x40};
  switch (alg) {
    case HashAlgorithm::sha1:
      return Bytes(kSha1);
    case HashAlgorithm::sha256:
      return Bytes(kSha256);
    case HashAlgorithm::sha384:
      return Bytes(kSha384);
    case HashAlgorithm::sha512:
      return Bytes(kSha512);
    default:
      break;
  }
  return fail_unsupported("RSA PKCS#1 v1.5 signatures with " + std::string(to_string(alg)));
}

/// EM = 0x00 || 0x01 || 0xff... || 0x00 || DigestInfo(H(message)), em_len bytes.
Result<std::vector<std::uint8_t>> encode(const Provider& p, HashAlgorithm alg, Bytes message,
                                         std::size_t em_len) {
  const auto prefix = digest_info_prefix(alg);
  if (!prefix) return std::unexpected(prefix.error());
  const std::size_t t_len = prefix->size() + digest_size(alg);
  if (em_len < t_len + 11) return fail_argument("RSA key too short for the digest");
  std::vector<std::uint8_t> em(em_len, 0xff);
  em[0] = 0x00;
  em[1] = 0x01;
  em[em_len - t_len - 1] = 0x00;
  std::copy(prefix->begin(), prefix->end(),
            em.begin() + static_cast<std::ptrdiff_t>(em_len - t_len));
  if (auto r = hash_once(p, alg, message, MutableBytes(em).last(digest_size(alg))); !r) {
    return std::unexpected(r.error());
  }
  return em;
}

}  // namespace

Result<std::vector<std::uint8_t>> rsa_pkcs1_sign(const Provider& p, const RsaPrivateKey& key,
                                                 HashAlgorithm alg, Bytes message) {
  const std::size_t k = key.public_key().size_bytes();
  auto em = encode(p, alg, message, k);
  if (!em) return std::unexpected(em.error());
  std::vector<std::uint8_t> signature(k);
  if (auto r = key.private_op(p, *em, signature); !r) return std::unexpected(r.error());
  return signature;
}

Result<void> rsa_pkcs1_verify(const Provider& p, const RsaPublicKey& key, HashAlgorithm alg,
                              Bytes message, Bytes signature) {
  const std::size_t k = key.size_bytes();
  if (signature.size() != k) {
    return fail(ErrorCode::decrypt_error, AlertDescription::decrypt_error,
                "RSA PKCS#1 signature: wrong length");
  }
  auto expected = encode(p, alg, message, k);
  if (!expected) {
    if (expected.error().code != ErrorCode::invalid_argument) {
      return std::unexpected(expected.error());
    }
    return fail(ErrorCode::decrypt_error, AlertDescription::decrypt_error,
                "RSA PKCS#1 signature: key too short for the digest");
  }
  std::vector<std::uint8_t> em(k);
  if (auto r = rsa_public_op(key, signature, em); !r) return std::unexpected(r.error());
  if (!ct_equal(em, *expected)) {
    return fail(ErrorCode::decrypt_error, AlertDescription::decrypt_error,
                "RSA PKCS#1 signature: mismatch");
  }
  return {};
}

}  // namespace tlsx::crypto
