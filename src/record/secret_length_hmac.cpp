#include "record/secret_length_hmac.hpp"

#include <algorithm>
#include <array>

#include "crypto/builtin/md_hash.hpp"
#include "record/constant_time_cbc.hpp"  // value_barrier
#include "tlsx/crypto/constant_time.hpp"

namespace tlsx::record {

namespace {

constexpr std::size_t kMaxBlockSize = 128;  // SHA-384/512
constexpr std::size_t kMaxDigestSize = 64;
constexpr std::uint8_t kInnerPad = 0x36;  // RFC 2104 §2
constexpr std::uint8_t kOuterPad = 0x5c;

}  // namespace

Result<SecretLengthHmac> SecretLengthHmac::create(const crypto::Provider& provider,
                                                  crypto::HashAlgorithm algorithm,
                                                  std::span<const std::uint8_t> key) {
  auto fresh = provider.hash(algorithm);
  if (!fresh) return std::unexpected(fresh.error());
  const std::size_t block = crypto::block_size(algorithm);

  // RFC 2104: K0 is the key zero-padded to the block size, or its hash when it is longer.
  std::array<std::uint8_t, kMaxBlockSize> k0{};
  if (key.size() > block) {
    (*fresh)->update(key);
    (*fresh)->finish(k0);
  } else {
    std::copy(key.begin(), key.end(), k0.begin());
  }
  std::array<std::uint8_t, kMaxBlockSize> pad{};
  const auto padded = std::span<const std::uint8_t>(pad).first(block);

  SecretLengthHmac hmac;
  for (std::size_t i = 0; i < block; ++i) pad[i] = k0[i] ^ kOuterPad;
  hmac.outer_keyed_ = (*fresh)->clone();
  hmac.outer_keyed_->update(padded);
  for (std::size_t i = 0; i < block; ++i) pad[i] = k0[i] ^ kInnerPad;
  (*fresh)->update(padded);
  crypto::secure_wipe(k0);
  crypto::secure_wipe(pad);

  hmac.inner_keyed_ = std::move(*fresh);
  hmac.running_ = hmac.inner_keyed_->clone();
  hmac.candidate_ = hmac.inner_keyed_->clone();
  hmac.copy_in_place_ =
      dynamic_cast<crypto::builtin::StateCopyableHash*>(hmac.inner_keyed_.get()) != nullptr;
  return hmac;
}

std::size_t SecretLengthHmac::digest_size() const noexcept {
  return crypto::digest_size(inner_keyed_->algorithm());
}

void SecretLengthHmac::copy_state(std::unique_ptr<crypto::Hash>& target,
                                  const crypto::Hash& source) const {
  if (copy_in_place_) {
    static_cast<crypto::builtin::StateCopyableHash&>(*target).copy_state_from(
        static_cast<const crypto::builtin::StateCopyableHash&>(source));
  } else {
    target = source.clone();
  }
}

void SecretLengthHmac::compute(std::span<const std::uint8_t> prefix,
                               std::span<const std::uint8_t> data, std::size_t min_length,
                               std::size_t secret_length, std::span<std::uint8_t> out) {
  const std::size_t size = digest_size();
  min_length = std::min(min_length, data.size());

  copy_state(running_, *inner_keyed_);
  running_->update(prefix);
  running_->update(data.first(min_length));

  // The loop bounds are public; secret_length only enters through the mask.
  std::array<std::uint8_t, kMaxDigestSize> digest{};
  std::array<std::uint8_t, kMaxDigestSize> selected{};
  for (std::size_t length = min_length;; ++length) {
    copy_state(candidate_, *running_);
    candidate_->finish(digest);
    const auto keep =
        static_cast<std::uint8_t>(value_barrier(crypto::ct_mask_eq(length, secret_length)));
    for (std::size_t i = 0; i < size; ++i) {
      selected[i] = static_cast<std::uint8_t>((digest[i] & keep) |
                                              (selected[i] & static_cast<std::uint8_t>(~keep)));
    }
    if (length == data.size()) break;
    running_->update(data.subspan(length, 1));
  }

  copy_state(candidate_, *outer_keyed_);
  candidate_->update(std::span<const std::uint8_t>(selected).first(size));
  candidate_->finish(out);
  crypto::secure_wipe(digest);
  crypto::secure_wipe(selected);
}

}  // namespace tlsx::record
