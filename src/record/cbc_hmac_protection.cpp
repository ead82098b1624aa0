// Implementation notes
//
// Receiving MAC-then-encrypt records (open_mac_then_encrypt) follows the Lucky Thirteen
// countermeasures (AlFardan and Paterson, "Lucky Thirteen: Breaking the TLS and DTLS Record
// Protocols", 2013, §5):
//   1. Only public facts (the fragment length) may end the work early.
//   2. The whole fragment is decrypted; the padding is checked over all 256 possible padding bytes
//      with masks (check_cbc_padding). A bad padding is treated as empty, and work continues.
//   3. The MAC is computed with SecretLengthHmac: the same hash work for every padding length.
//   4. The received MAC is copied out of its secret position by reading the whole region where it
//      could be (extract_mac).
//   5. Padding verdict and MAC comparison are folded into one mask; only that final bit decides,
//      and both failures give the same bad_record_mac (RFC 5246 §7.2.2).
// Steps 2-5 are verify_mac_then_encrypt() in constant_time_cbc.cpp.
// Encrypt-then-MAC (RFC 7366) needs none of this: the MAC covers the ciphertext, whose length is
// public, and is checked before anything is decrypted.
#include "record/cbc_hmac_protection.hpp"

#include <algorithm>
#include <array>

#include <fmt/format.h>

#include "record/constant_time_cbc.hpp"
#include "tlsx/crypto/constant_time.hpp"

namespace tlsx::record {

namespace {

constexpr std::size_t kBlock = crypto::kAesBlockSize;
constexpr std::size_t kIvSize = crypto::kAesBlockSize;  // TLS 1.2 record_iv_length for AES
constexpr std::size_t kMaxMacSize = 64;

}  // namespace

Result<std::unique_ptr<CbcHmacProtection>> CbcHmacProtection::create(
    const crypto::Provider& provider, const Params& params, std::span<const std::uint8_t> enc_key,
    std::span<const std::uint8_t> mac_key, IvSource iv_source) {
  if (params.mac != crypto::HashAlgorithm::sha1 && params.mac != crypto::HashAlgorithm::sha256 &&
      params.mac != crypto::HashAlgorithm::sha384) {
    return fail_argument(
        fmt::format("HMAC-{} is not a TLS 1.2 CBC record MAC", crypto::to_string(params.mac)));
  }
  if (mac_key.size() != crypto::digest_size(params.mac)) {
    return fail_argument(fmt::format("HMAC-{} record MAC key must be {} bytes, got {}",
                                     crypto::to_string(params.mac), crypto::digest_size(params.mac),
                                     mac_key.size()));
  }
  auto cipher = provider.cbc(params.cipher, enc_key);
  if (!cipher) return std::unexpected(cipher.error());
  auto mac = provider.hmac(params.mac, mac_key);
  if (!mac) return std::unexpected(mac.error());
  auto secret_length_mac = SecretLengthHmac::create(provider, params.mac, mac_key);
  if (!secret_length_mac) return std::unexpected(secret_length_mac.error());
  if (!iv_source) {
    iv_source = [&provider](std::span<std::uint8_t> iv) { return provider.random(iv); };
  }
  return std::unique_ptr<CbcHmacProtection>(
      new CbcHmacProtection(params, std::move(*cipher), std::move(*mac),
                            std::move(*secret_length_mac), std::move(iv_source)));
}

CbcHmacProtection::CbcHmacProtection(const Params& params,
                                     std::unique_ptr<crypto::CbcCipher> cipher,
                                     std::unique_ptr<crypto::Mac> mac,
                                     SecretLengthHmac secret_length_mac, IvSource iv_source)
    : params_(params),
      mac_size_(crypto::digest_size(params.mac)),
      cipher_(std::move(cipher)),
      mac_(std::move(mac)),
      secret_length_mac_(std::move(secret_length_mac)),
      iv_source_(std::move(iv_source)) {}

std::string CbcHmacProtection::name() const {
  return fmt::format("AES-{}-CBC-HMAC-{}{}",
                     params_.cipher == crypto::CipherAlgorithm::aes128 ? 128 : 256,
                     crypto::to_string(params_.mac),
                     params_.order == MacOrder::encrypt_then_mac ? " (encrypt-then-MAC)" : "");
}

std::size_t CbcHmacProtection::padded_size(std::size_t size) noexcept {
  return (size / kBlock + 1) * kBlock;  // at least the padding_length byte
}

std::size_t CbcHmacProtection::sealed_size(std::size_t plaintext_size) const noexcept {
  if (params_.order == MacOrder::encrypt_then_mac) {
    return kIvSize + padded_size(plaintext_size) + mac_size_;
  }
  return kIvSize + padded_size(plaintext_size + mac_size_);
}

Result<void> CbcHmacProtection::seal(const RecordContext& context,
                                     std::span<const std::uint8_t> plaintext,
                                     std::span<std::uint8_t> out) {
  if (out.size() != sealed_size(plaintext.size()) || plaintext.size() > kMaxPlaintextSize) {
    return fail_argument("CbcHmacProtection::seal: bad sizes");
  }
  const bool etm = params_.order == MacOrder::encrypt_then_mac;
  const auto iv = out.first(kIvSize);
  if (auto filled = iv_source_(iv); !filled) return filled;

  // The block-ciphered part, built in place and then encrypted in place.
  const std::size_t body_size = out.size() - kIvSize - (etm ? mac_size_ : 0);
  const auto body = out.subspan(kIvSize, body_size);
  std::copy(plaintext.begin(), plaintext.end(), body.begin());
  std::size_t filled = plaintext.size();
  if (!etm) {
    const auto header = record_aad(context, static_cast<std::uint16_t>(plaintext.size()));
    mac_->update(header);
    mac_->update(plaintext);
    mac_->finish(body.subspan(filled, mac_size_));
    filled += mac_size_;
  }
  const auto padding_length = static_cast<std::uint8_t>(body_size - filled - 1);
  std::fill(body.begin() + static_cast<std::ptrdiff_t>(filled), body.end(), padding_length);
  if (auto encrypted = cipher_->encrypt(iv, body, body); !encrypted) return encrypted;

  if (etm) {
    const auto protected_part = out.first(kIvSize + body_size);
    const auto header = record_aad(context, static_cast<std::uint16_t>(protected_part.size()));
    mac_->update(header);
    mac_->update(protected_part);
    mac_->finish(out.last(mac_size_));
  }
  return {};
}

Result<std::span<std::uint8_t>> CbcHmacProtection::open(const RecordContext& context,
                                                        std::span<std::uint8_t> fragment) {
  return params_.order == MacOrder::encrypt_then_mac ? open_encrypt_then_mac(context, fragment)
                                                     : open_mac_then_encrypt(context, fragment);
}

Result<std::span<std::uint8_t>> CbcHmacProtection::open_mac_then_encrypt(
    const RecordContext& context, std::span<std::uint8_t> fragment) {
  // Public checks: whole blocks, at least an IV plus room for MAC and padding_length.
  if (fragment.size() % kBlock != 0 || fragment.size() < kIvSize + padded_size(mac_size_)) {
    return fail_bad_record_mac();
  }
  const auto iv = fragment.first(kIvSize);
  const auto body = fragment.subspan(kIvSize);
  if (auto decrypted = cipher_->decrypt(iv, body, body); !decrypted) {
    return std::unexpected(decrypted.error());
  }

  // Constant time in the padding length; only the final verdict is branched on.
  const MacThenEncryptVerdict verdict = verify_mac_then_encrypt(secret_length_mac_, context, body);
  if (verdict.good == 0) return fail_bad_record_mac();
  return body.first(verdict.content_length);  // authentic: its length is no longer secret
}

Result<std::span<std::uint8_t>> CbcHmacProtection::open_encrypt_then_mac(
    const RecordContext& context, std::span<std::uint8_t> fragment) {
  if (fragment.size() < kIvSize + kBlock + mac_size_ ||
      (fragment.size() - mac_size_) % kBlock != 0) {
    return fail_bad_record_mac();
  }
  const auto protected_part = fragment.first(fragment.size() - mac_size_);
  std::array<std::uint8_t, kMaxMacSize> expected{};
  const auto expected_mac = std::span(expected).first(mac_size_);
  const auto header = record_aad(context, static_cast<std::uint16_t>(protected_part.size()));
  mac_->update(header);
  mac_->update(protected_part);
  mac_->finish(expected_mac);
  const bool authentic = crypto::ct_equal(expected_mac, fragment.last(mac_size_));
  crypto::secure_wipe(expected);
  if (!authentic) return fail_bad_record_mac();

  const auto iv = protected_part.first(kIvSize);
  const auto body = protected_part.subspan(kIvSize);
  if (auto decrypted = cipher_->decrypt(iv, body, body); !decrypted) {
    return std::unexpected(decrypted.error());
  }
  // The record is authentic, so a bad padding is the peer's bug rather than an oracle; it is
  // still bad_record_mac (RFC 7366 §3 keeps RFC 5246's rule) and checked with the same code.
  const CbcPadding padding = check_cbc_padding(body, 0);
  if (padding.good == 0) return fail_bad_record_mac();
  return body.first(padding.unpadded_length);
}

}  // namespace tlsx::record
