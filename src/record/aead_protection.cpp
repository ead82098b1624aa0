#include "record/aead_protection.hpp"

#include <algorithm>

#include <fmt/format.h>

#include "tlsx/crypto/constant_time.hpp"

namespace tlsx::record {

namespace {

void store_be64(std::span<std::uint8_t> out, std::uint64_t v) noexcept {
  for (std::size_t i = 0; i < 8; ++i) out[i] = static_cast<std::uint8_t>(v >> (56 - 8 * i));
}

}  // namespace

Result<std::unique_ptr<AeadProtection>> AeadProtection::create(
    const crypto::Provider& provider, crypto::AeadAlgorithm algorithm,
    std::span<const std::uint8_t> key, std::span<const std::uint8_t> fixed_iv) {
  const std::size_t iv_size =
      algorithm == crypto::AeadAlgorithm::chacha20_poly1305 ? crypto::kAeadNonceSize : kGcmSaltSize;
  if (fixed_iv.size() != iv_size) {
    return fail_argument(fmt::format("{} needs a {}-byte write IV, got {}",
                                     crypto::to_string(algorithm), iv_size, fixed_iv.size()));
  }
  auto aead = provider.aead(algorithm, key);
  if (!aead) return std::unexpected(aead.error());
  return std::unique_ptr<AeadProtection>(new AeadProtection(std::move(*aead), fixed_iv));
}

AeadProtection::AeadProtection(std::unique_ptr<crypto::Aead> aead,
                               std::span<const std::uint8_t> fixed_iv)
    : aead_(std::move(aead)) {
  std::copy(fixed_iv.begin(), fixed_iv.end(), fixed_iv_.begin());
}

AeadProtection::~AeadProtection() {
  crypto::secure_wipe(fixed_iv_);
}

std::string AeadProtection::name() const {
  return std::string(crypto::to_string(aead_->algorithm()));
}

bool AeadProtection::has_explicit_nonce() const noexcept {
  return aead_->algorithm() != crypto::AeadAlgorithm::chacha20_poly1305;
}

std::array<std::uint8_t, crypto::kAeadNonceSize> AeadProtection::nonce(
    std::uint64_t sequence, std::span<const std::uint8_t> explicit_part) const noexcept {
  std::array<std::uint8_t, crypto::kAeadNonceSize> nonce = fixed_iv_;
  const auto tail = std::span(nonce).subspan(crypto::kAeadNonceSize - 8);
  if (has_explicit_nonce()) {
    std::copy(explicit_part.begin(), explicit_part.end(), tail.begin());  // salt || explicit
  } else {
    std::array<std::uint8_t, 8> seq{};
    store_be64(seq, sequence);
    for (std::size_t i = 0; i < seq.size(); ++i) tail[i] ^= seq[i];  // RFC 7905 §2
  }
  return nonce;
}

Result<void> AeadProtection::seal(const RecordContext& context,
                                  std::span<const std::uint8_t> plaintext,
                                  std::span<std::uint8_t> out) {
  if (out.size() != sealed_size(plaintext.size()) || plaintext.size() > kMaxPlaintextSize) {
    return fail_argument("AeadProtection::seal: bad sizes");
  }
  const auto explicit_part = out.first(explicit_nonce_size());
  std::array<std::uint8_t, 8> seq{};
  store_be64(seq, context.sequence);
  std::copy_n(seq.begin(), explicit_part.size(), explicit_part.begin());
  const auto aad = record_aad(context, static_cast<std::uint16_t>(plaintext.size()));
  return aead_->seal(nonce(context.sequence, explicit_part), aad, plaintext,
                     out.subspan(explicit_part.size()));
}

Result<std::span<std::uint8_t>> AeadProtection::open(const RecordContext& context,
                                                     std::span<std::uint8_t> fragment) {
  const std::size_t overhead = explicit_nonce_size() + crypto::kAeadTagSize;
  if (fragment.size() < overhead) return fail_bad_record_mac();
  const auto explicit_part = fragment.first(explicit_nonce_size());
  const auto sealed = fragment.subspan(explicit_part.size());
  const auto plaintext = sealed.first(sealed.size() - crypto::kAeadTagSize);
  const auto aad = record_aad(context, static_cast<std::uint16_t>(plaintext.size()));
  if (auto opened = aead_->open(nonce(context.sequence, explicit_part), aad, sealed, plaintext);
      !opened) {
    if (opened.error().code == ErrorCode::bad_record_mac) return fail_bad_record_mac();
    return std::unexpected(opened.error());  // a provider failure, not the peer's doing
  }
  return plaintext;
}

}  // namespace tlsx::record
