// RSASSA-PSS (RFC 8017 §8.1) with EMSA-PSS (§9.1), MGF1 over the message hash and a salt as long
// as the digest: TLS's rsa_pss_rsae_* schemes (RFC 8446 §4.2.3, used by TLS 1.2 via RFC 8422's
// signature_algorithms). Verification handles public data only, so it may exit early.
#include <algorithm>
#include <array>
#include <vector>

#include "crypto/rsa_internal.hpp"

namespace tlsx::crypto {
namespace {

constexpr std::uint8_t kTrailer = 0xbc;
constexpr std::size_t kMaxDigest = 64;

Result<void> check_hash(HashAlgorithm alg) {
  if (alg == HashAlgorithm::md5) return fail_unsupported("RSA-PSS with MD5");
  return {};
}

/// H = Hash(0x00 x 8 || mHash || salt) into h.
Result<void> hash_m_prime(const Provider& p, HashAlgorithm alg, Bytes m_hash, Bytes salt,
                          MutableBytes h) {
  auto hash = p.hash(alg);
  if (!hash) return std::unexpected(hash.error());
  static constexpr std::array<std::uint8_t, 8> kZeros{};
  (*hash)->update(kZeros);
  (*hash)->update(m_hash);
  (*hash)->update(salt);
  (*hash)->finish(h);
  return {};
}

std::unexpected<Error> invalid(std::string_view why) {
  return fail(ErrorCode::decrypt_error, AlertDescription::decrypt_error,
              "RSA-PSS signature: " + std::string(why));
}

}  // namespace

Result<void> mgf1_xor(const Provider& p, HashAlgorithm alg, Bytes seed, MutableBytes inout) {
  auto hash = p.hash(alg);
  if (!hash) return std::unexpected(hash.error());
  const std::size_t h_len = digest_size(alg);
  std::array<std::uint8_t, kMaxDigest> block{};
  std::uint32_t counter = 0;
  for (std::size_t done = 0; done < inout.size(); done += h_len, ++counter) {
    const std::array<std::uint8_t, 4> c{
        static_cast<std::uint8_t>(counter >> 24), static_cast<std::uint8_t>(counter >> 16),
        static_cast<std::uint8_t>(counter >> 8), static_cast<std::uint8_t>(counter)};
    (*hash)->update(seed);
    (*hash)->update(c);
    (*hash)->finish(block);
    const std::size_t n = std::min(h_len, inout.size() - done);
    for (std::size_t i = 0; i < n; ++i) inout[done + i] ^= block[i];
  }
  secure_wipe(block);
  return {};
}

Result<std::vector<std::uint8_t>> rsa_pss_sign(const Provider& p, const RsaPrivateKey& key,
                                               HashAlgorithm alg, Bytes message) {
  if (auto r = check_hash(alg); !r) return std::unexpected(r.error());
  const RsaPublicKey& pub = key.public_key();
  const std::size_t k = pub.size_bytes();
  const std::size_t em_bits = pub.bits() - 1;
  const std::size_t em_len = (em_bits + 7) / 8;
  const std::size_t h_len = digest_size(alg);
  const std::size_t s_len = h_len;
  if (em_len < h_len + s_len + 2) return fail_argument("RSA key too short for PSS with this hash");

  std::array<std::uint8_t, kMaxDigest> m_hash{};
  if (auto r = hash_once(p, alg, message, m_hash); !r) return std::unexpected(r.error());
  std::array<std::uint8_t, kMaxDigest> salt{};
  if (auto r = p.random(MutableBytes(salt).first(s_len)); !r) return std::unexpected(r.error());

  // EM (left-padded with a zero byte to k bytes when em_len = k - 1) = maskedDB || H || 0xbc.
  std::vector<std::uint8_t> em(k, 0);
  const MutableBytes em_view = MutableBytes(em).last(em_len);
  const std::size_t db_len = em_len - h_len - 1;
  const MutableBytes db = em_view.first(db_len);
  const MutableBytes h = em_view.subspan(db_len, h_len);
  if (auto r = hash_m_prime(p, alg, Bytes(m_hash).first(h_len), Bytes(salt).first(s_len), h); !r) {
    return std::unexpected(r.error());
  }
  db[db_len - s_len - 1] = 0x01;
  std::copy_n(salt.begin(), s_len, db.end() - static_cast<std::ptrdiff_t>(s_len));
  if (auto r = mgf1_xor(p, alg, h, db); !r) return std::unexpected(r.error());
  db[0] &= static_cast<std::uint8_t>(0xff >> (8 * em_len - em_bits));
  em_view[em_len - 1] = kTrailer;

  std::vector<std::uint8_t> signature(k);
  if (auto r = key.private_op(p, em, signature); !r) return std::unexpected(r.error());
  return signature;
}

Result<void> rsa_pss_verify(const Provider& p, const RsaPublicKey& key, HashAlgorithm alg,
                            Bytes message, Bytes signature) {
  if (auto r = check_hash(alg); !r) return std::unexpected(r.error());
  if (RsaPublicKeyAccess::modulus(key) == nullptr) {
    return fail_argument("RSA public key was not made by RsaPublicKey::make");
  }
  const std::size_t k = key.size_bytes();
  const std::size_t em_bits = key.bits() - 1;
  const std::size_t em_len = (em_bits + 7) / 8;
  const std::size_t h_len = digest_size(alg);
  const std::size_t s_len = h_len;
  if (signature.size() != k) return invalid("wrong length");
  if (em_len < h_len + s_len + 2) return invalid("key too short for the hash");

  std::vector<std::uint8_t> m(k);
  if (auto r = rsa_public_op(key, signature, m); !r) return std::unexpected(r.error());
  // I2OSP(m, em_len): when em_len = k - 1 the top byte must be zero.
  if (em_len < k && m[0] != 0) return invalid("representative too large");
  const MutableBytes em = MutableBytes(m).last(em_len);
  if (em[em_len - 1] != kTrailer) return invalid("bad trailer");
  const std::size_t db_len = em_len - h_len - 1;
  const MutableBytes db = em.first(db_len);
  const Bytes h = em.subspan(db_len, h_len);
  const auto top_mask = static_cast<std::uint8_t>(0xff >> (8 * em_len - em_bits));
  if ((db[0] & ~top_mask) != 0) return invalid("top bits set");
  if (auto r = mgf1_xor(p, alg, h, db); !r) return std::unexpected(r.error());
  db[0] &= top_mask;
  const std::size_t ps_len = db_len - s_len - 1;
  for (std::size_t i = 0; i < ps_len; ++i) {
    if (db[i] != 0) return invalid("bad padding");
  }
  if (db[ps_len] != 0x01) return invalid("bad separator");

  std::array<std::uint8_t, kMaxDigest> m_hash{};
  if (auto r = hash_once(p, alg, message, m_hash); !r) return std::unexpected(r.error());
  std::array<std::uint8_t, kMaxDigest> h_prime{};
  if (auto r = hash_m_prime(p, alg, Bytes(m_hash).first(h_len), db.last(s_len), h_prime); !r) {
    return std::unexpected(r.error());
  }
  if (!ct_equal(Bytes(h_prime).first(h_len), h)) return invalid("hash mismatch");
  return {};
}

}  // namespace tlsx::crypto
