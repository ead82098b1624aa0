#include "tlsx/crypto/seeded_provider.hpp"

#include <algorithm>
#include <array>

namespace tlsx::crypto {

namespace {

void put_be64(std::uint8_t* out, std::uint64_t v) {
  for (int i = 7; i >= 0; --i) {
    out[i] = static_cast<std::uint8_t>(v);
    v >>= 8;
  }
}

}  // namespace

SeededProvider::SeededProvider(std::uint64_t seed, const Provider& inner)
    : inner_(inner), seed_(seed) {}

void SeededProvider::reseed(std::uint64_t seed) {
  const std::scoped_lock lock(mutex_);
  seed_ = seed;
  counter_ = 0;
  block_used_ = sizeof(block_);
}

Result<std::unique_ptr<Hash>> SeededProvider::hash(HashAlgorithm alg) const {
  return inner_.hash(alg);
}
Result<std::unique_ptr<Mac>> SeededProvider::hmac(HashAlgorithm alg, Bytes key) const {
  return inner_.hmac(alg, key);
}
Result<std::unique_ptr<Aead>> SeededProvider::aead(AeadAlgorithm alg, Bytes key) const {
  return inner_.aead(alg, key);
}
Result<std::unique_ptr<CbcCipher>> SeededProvider::cbc(CipherAlgorithm alg, Bytes key) const {
  return inner_.cbc(alg, key);
}
Result<void> SeededProvider::x25519_public(Bytes private_key, MutableBytes public_key) const {
  return inner_.x25519_public(private_key, public_key);
}
Result<void> SeededProvider::x25519(Bytes private_key, Bytes peer_public,
                                    MutableBytes shared) const {
  return inner_.x25519(private_key, peer_public, shared);
}

Result<void> SeededProvider::random(MutableBytes out) const {
  const std::scoped_lock lock(mutex_);
  std::size_t done = 0;
  while (done < out.size()) {
    if (block_used_ == sizeof(block_)) {
      std::array<std::uint8_t, 16> input{};
      put_be64(input.data(), seed_);
      put_be64(input.data() + 8, counter_++);
      if (auto r = hash_once(inner_, HashAlgorithm::sha256, input, block_); !r) return r;
      block_used_ = 0;
    }
    const std::size_t n = std::min(out.size() - done, sizeof(block_) - block_used_);
    std::copy_n(block_ + block_used_, n, out.begin() + static_cast<std::ptrdiff_t>(done));
    block_used_ += n;
    done += n;
  }
  return {};
}

}  // namespace tlsx::crypto
