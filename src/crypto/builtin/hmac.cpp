// HMAC (RFC 2104) over any Hash:
//   HMAC(K, m) = H((K0 ^ opad) || H((K0 ^ ipad) || m))
// where K0 is K padded with zeros to the block size B, or H(K) padded when K is longer than B.
//
// Implementation notes:
//  - (K0 ^ ipad) and (K0 ^ opad) are exactly one block each, so the hash states after absorbing
//    them ("keyed states") are computed once per key. finish() returns to the keyed inner state
//    by copying it, which costs nothing compared with re-hashing the key: the TLS PRF and the
//    record MAC compute many tags under one key.
//  - For tlsx's own hashes the copy overwrites the running state in place (no allocation); a
//    hash from another provider is re-cloned instead.
//  - K0 and the padded blocks are wiped as soon as the keyed states exist. The keyed states are
//    as good as the key; builtin hashes wipe their state when destroyed, so destroying the HMAC
//    wipes them.
#include <algorithm>
#include <array>
#include <cstdint>
#include <cstring>
#include <memory>
#include <utility>

#include "crypto/builtin/builtin.hpp"
#include "crypto/builtin/md_hash.hpp"
#include "tlsx/crypto/constant_time.hpp"

namespace tlsx::crypto::builtin {
namespace {

constexpr std::size_t kMaxBlockSize = 128;  // SHA-384/512
constexpr std::size_t kMaxDigestSize = 64;  // SHA-512
constexpr std::uint8_t kInnerPad = 0x36;
constexpr std::uint8_t kOuterPad = 0x5c;

class Hmac final : public Mac {
 public:
  Hmac(std::unique_ptr<Hash> fresh, Bytes key)
      : digest_size_(digest_size(fresh->algorithm())),
        in_place_(dynamic_cast<StateCopyableHash*>(fresh.get()) != nullptr) {
    const std::size_t block = block_size(fresh->algorithm());
    std::array<std::uint8_t, kMaxBlockSize> k0{};  // RFC 2104 step 1: K0, zero-padded
    if (key.size() > block) {
      fresh->update(key);
      fresh->finish(k0);  // leaves `fresh` in its initial state again
    } else if (!key.empty()) {
      std::memcpy(k0.data(), key.data(), key.size());
    }

    std::array<std::uint8_t, kMaxBlockSize> pad;
    const Bytes padded(pad.data(), block);
    for (std::size_t i = 0; i < block; ++i) pad[i] = k0[i] ^ kOuterPad;
    outer_keyed_ = fresh->clone();
    outer_keyed_->update(padded);
    for (std::size_t i = 0; i < block; ++i) pad[i] = k0[i] ^ kInnerPad;
    fresh->update(padded);
    secure_wipe(k0);
    secure_wipe(pad);

    inner_keyed_ = fresh->clone();
    inner_ = std::move(fresh);
    outer_ = outer_keyed_->clone();
  }

  Hmac(const Hmac& other)
      : digest_size_(other.digest_size_),
        in_place_(other.in_place_),
        inner_(other.inner_->clone()),
        outer_(other.outer_->clone()),
        inner_keyed_(other.inner_keyed_->clone()),
        outer_keyed_(other.outer_keyed_->clone()) {}
  Hmac& operator=(const Hmac&) = delete;
  ~Hmac() override = default;  // the hash objects wipe their own states

  [[nodiscard]] HashAlgorithm algorithm() const noexcept override { return inner_->algorithm(); }

  void update(Bytes data) noexcept override { inner_->update(data); }

  void finish(MutableBytes out) noexcept override {
    std::array<std::uint8_t, kMaxDigestSize> inner_digest;
    inner_->finish(inner_digest);
    restore(inner_, *inner_keyed_);

    restore(outer_, *outer_keyed_);
    outer_->update(Bytes(inner_digest.data(), digest_size_));
    if (out.size() >= digest_size_) {
      outer_->finish(out);
    } else {
      // A short span gets the leading bytes rather than an overflow (the interface asks for
      // digest_size bytes; hashes from other providers may not check).
      std::array<std::uint8_t, kMaxDigestSize> tag;
      outer_->finish(tag);
      std::copy_n(tag.begin(), out.size(), out.begin());
      secure_wipe(tag);
    }
    secure_wipe(inner_digest);
  }

  [[nodiscard]] std::unique_ptr<Mac> clone() const override {
    return std::make_unique<Hmac>(*this);
  }

 private:
  // Sets `target` to the state of `keyed` (a clone of the same hash).
  void restore(std::unique_ptr<Hash>& target, const Hash& keyed) const noexcept {
    if (in_place_) {
      static_cast<StateCopyableHash&>(*target).copy_state_from(
          static_cast<const StateCopyableHash&>(keyed));
    } else {
      target = keyed.clone();
    }
  }

  std::size_t digest_size_;
  bool in_place_;                      // the hash is a builtin StateCopyableHash
  std::unique_ptr<Hash> inner_;        // running inner hash, starts at the keyed state
  std::unique_ptr<Hash> outer_;        // scratch for the outer hash
  std::unique_ptr<Hash> inner_keyed_;  // state after absorbing K0 ^ ipad
  std::unique_ptr<Hash> outer_keyed_;  // state after absorbing K0 ^ opad
};

}  // namespace

std::unique_ptr<Mac> make_hmac(std::unique_ptr<Hash> inner, Bytes key) {
  return std::make_unique<Hmac>(std::move(inner), key);
}

}  // namespace tlsx::crypto::builtin
