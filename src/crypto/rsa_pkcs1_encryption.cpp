// RSAES-PKCS1-v1_5 (RFC 8017 §7.2): encryption, and decryption shaped for TLS's implicit
// rejection of bad padding (RFC 5246 §7.4.7.1).
//
// Implementation notes: the caller says how long the message must be (48 bytes for a TLS
// pre-master secret), so a valid block has a fixed shape, 0x00 0x02 PS 0x00 M with
// |PS| = k - |M| - 3 >= 8, and every position is public. The check ANDs a mask over every byte
// of that shape and the message is copied from a fixed offset: no branch, early exit or memory
// index depends on the decrypted block (Bleichenbacher 1998, and its timing variants such as
// ROBOT and Marvin).
#include <algorithm>
#include <vector>

#include "crypto/rsa_internal.hpp"

namespace tlsx::crypto {
namespace {

constexpr std::size_t kMinPadding = 8;
constexpr std::size_t kOverhead = kMinPadding + 3;  // 0x00 0x02 PS 0x00

/// 0xff when b == v, else 0x00, without a branch.
std::uint8_t byte_eq_mask(std::uint8_t b, std::uint8_t v) noexcept {
  return static_cast<std::uint8_t>(ct_mask_eq(b, v));
}

}  // namespace

Result<std::vector<std::uint8_t>> rsa_pkcs1_encrypt(const Provider& p, const RsaPublicKey& key,
                                                    Bytes plaintext) {
  const std::size_t k = key.size_bytes();
  if (k < kOverhead || plaintext.size() > k - kOverhead) {
    return fail_argument("RSA PKCS#1 encryption: message too long for the key");
  }
  const std::size_t ps_len = k - plaintext.size() - 3;
  // EM = 0x00 || 0x02 || PS || 0x00 || M. Each padding byte is 1 + (16 random bits mod 255):
  // non-zero without a rejection loop (the bias, 2^-16 per byte, does not matter here).
  SecretBytes em(k);
  SecretBytes random(2 * ps_len);
  if (auto r = p.random(random.span()); !r) return std::unexpected(r.error());
  em.data()[0] = 0x00;
  em.data()[1] = 0x02;
  for (std::size_t i = 0; i < ps_len; ++i) {
    const unsigned v = (unsigned{random.data()[2 * i]} << 8) | random.data()[2 * i + 1];
    em.data()[2 + i] = static_cast<std::uint8_t>(1 + v % 255);
  }
  em.data()[2 + ps_len] = 0x00;
  std::copy(plaintext.begin(), plaintext.end(), em.data() + 3 + ps_len);

  std::vector<std::uint8_t> ciphertext(k);
  if (auto r = rsa_public_op(key, em, ciphertext); !r) return std::unexpected(r.error());
  return ciphertext;
}

Result<std::uint8_t> rsa_pkcs1_decrypt_implicit(const Provider& p, const RsaPrivateKey& key,
                                                Bytes ciphertext, MutableBytes out) {
  const std::size_t k = key.public_key().size_bytes();
  const std::size_t msg_len = out.size();
  if (k < kOverhead || msg_len > k - kOverhead) {
    return fail_argument("RSA PKCS#1 decryption: expected message too long for the key");
  }
  SecretBytes em(k);
  if (auto r = key.private_op(p, ciphertext, em.span()); !r) return std::unexpected(r.error());

  const std::uint8_t* b = em.data();
  const std::size_t zero_at = k - msg_len - 1;  // the separator before the message
  std::uint8_t good = byte_eq_mask(b[0], 0x00) & byte_eq_mask(b[1], 0x02);
  for (std::size_t i = 2; i < zero_at; ++i) {
    good &= static_cast<std::uint8_t>(~byte_eq_mask(b[i], 0));
    __asm__("" : "+r"(good));  // keep the compiler from stopping at the first zero byte
  }
  good &= byte_eq_mask(b[zero_at], 0x00);
  std::copy(b + zero_at + 1, b + k, out.begin());
  return good;
}

}  // namespace tlsx::crypto
