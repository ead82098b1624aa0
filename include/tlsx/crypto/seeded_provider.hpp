// SeededProvider: a provider whose "random" bytes are a reproducible stream. For tests, fuzzing
// and lessons (tlsx-step --seed) only: a connection made with it has predictable keys.
#pragma once

#include <cstdint>
#include <mutex>

#include "tlsx/crypto/provider.hpp"

namespace tlsx::crypto {

/// Delegates every primitive to `inner` except random(), which returns the stream
/// SHA-256(seed || 0) || SHA-256(seed || 1) || ... (seed and counter as 8-byte big-endian).
/// Two providers with the same seed hand out the same bytes in the same order. `inner` is
/// borrowed and must outlive this object. Thread-safe, but concurrent callers interleave the
/// stream, so determinism needs a single thread.
class SeededProvider final : public Provider {
 public:
  explicit SeededProvider(std::uint64_t seed, const Provider& inner = default_provider());

  /// Restarts the stream from `seed`.
  void reseed(std::uint64_t seed);

  [[nodiscard]] std::string_view name() const noexcept override { return "seeded"; }
  [[nodiscard]] Result<std::unique_ptr<Hash>> hash(HashAlgorithm alg) const override;
  [[nodiscard]] Result<std::unique_ptr<Mac>> hmac(HashAlgorithm alg, Bytes key) const override;
  [[nodiscard]] Result<std::unique_ptr<Aead>> aead(AeadAlgorithm alg, Bytes key) const override;
  [[nodiscard]] Result<std::unique_ptr<CbcCipher>> cbc(CipherAlgorithm alg,
                                                       Bytes key) const override;
  [[nodiscard]] Result<void> x25519_public(Bytes private_key,
                                           MutableBytes public_key) const override;
  [[nodiscard]] Result<void> x25519(Bytes private_key, Bytes peer_public,
                                    MutableBytes shared) const override;
  /// The next out.size() bytes of the seeded stream.
  [[nodiscard]] Result<void> random(MutableBytes out) const override;

 private:
  const Provider& inner_;
  mutable std::mutex mutex_;
  std::uint64_t seed_;
  mutable std::uint64_t counter_ = 0;
  mutable std::uint8_t block_[32] = {};
  mutable std::size_t block_used_ = sizeof(block_);
};

}  // namespace tlsx::crypto
