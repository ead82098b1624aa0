// The crypto provider: every primitive tlsx uses goes through this one narrow interface.
//
// tlsx ships three providers:
//   - sodium_provider():  libsodium (SHA-256/512, HMAC-SHA-256/512, ChaCha20-Poly1305,
//                         AES-256-GCM where the CPU allows, X25519, RNG)
//   - builtin_provider(): tlsx's own code for what libsodium lacks or does slowly (SHA-1, SHA-384,
//                         MD5, SHA-256 with SHA-NI, AES-128/256 with AES-NI or a constant-time
//                         portable path, GCM, CBC, HMAC over any hash, ChaCha20-Poly1305)
//   - default_provider(): per primitive, the fastest of the two on this CPU (chosen at run time).
// Applications may implement their own (an HSM, a FIPS module) by deriving from Provider and
// overriding what they offer; everything not overridden reports ErrorCode::unsupported.
//
// Conventions: objects returned by a provider own copies of their keys and wipe them when
// destroyed; they are not thread-safe (use one per connection) but providers themselves are.
// Output spans must be exactly the documented size; a wrong size is ErrorCode::invalid_argument.
#pragma once

#include <cstddef>
#include <cstdint>
#include <memory>
#include <span>
#include <string_view>

#include "tlsx/error.hpp"

namespace tlsx::crypto {

using Bytes = std::span<const std::uint8_t>;
using MutableBytes = std::span<std::uint8_t>;

enum class HashAlgorithm : std::uint8_t { md5, sha1, sha256, sha384, sha512 };

/// Digest length in bytes (16, 20, 32, 48, 64).
[[nodiscard]] std::size_t digest_size(HashAlgorithm alg) noexcept;
/// Compression-function block size in bytes (64 or 128), as HMAC needs it.
[[nodiscard]] std::size_t block_size(HashAlgorithm alg) noexcept;
/// "MD5", "SHA-1", "SHA-256", "SHA-384", "SHA-512".
[[nodiscard]] std::string_view to_string(HashAlgorithm alg) noexcept;

/// An incremental hash. clone() copies the running state (TLS transcripts need the hash of a
/// prefix while hashing continues).
class Hash {
 public:
  virtual ~Hash() = default;
  [[nodiscard]] virtual HashAlgorithm algorithm() const noexcept = 0;
  virtual void update(Bytes data) noexcept = 0;
  /// Writes the digest into out (out.size() must be at least digest_size(); only that many bytes
  /// are written) and resets the object to its initial state.
  virtual void finish(MutableBytes out) noexcept = 0;
  [[nodiscard]] virtual std::unique_ptr<Hash> clone() const = 0;
};

/// An incremental HMAC (RFC 2104) with its key bound at creation.
class Mac {
 public:
  virtual ~Mac() = default;
  [[nodiscard]] virtual HashAlgorithm algorithm() const noexcept = 0;
  virtual void update(Bytes data) noexcept = 0;
  /// Writes the full tag (digest_size() bytes; out.size() must be at least that) and resets to
  /// the keyed initial state, ready for the next message under the same key.
  virtual void finish(MutableBytes out) noexcept = 0;
  [[nodiscard]] virtual std::unique_ptr<Mac> clone() const = 0;
};

enum class AeadAlgorithm : std::uint8_t { aes128_gcm, aes256_gcm, chacha20_poly1305 };

[[nodiscard]] std::size_t key_size(AeadAlgorithm alg) noexcept;  ///< 16 or 32
inline constexpr std::size_t kAeadNonceSize = 12;
inline constexpr std::size_t kAeadTagSize = 16;
[[nodiscard]] std::string_view to_string(AeadAlgorithm alg) noexcept;

/// An AEAD with its key bound at creation; 12-byte nonces and 16-byte tags.
class Aead {
 public:
  virtual ~Aead() = default;
  [[nodiscard]] virtual AeadAlgorithm algorithm() const noexcept = 0;
  /// Encrypts plaintext into out = ciphertext || tag (out.size() == plaintext.size() + 16).
  /// out may alias plaintext exactly (in-place).
  virtual Result<void> seal(Bytes nonce, Bytes aad, Bytes plaintext, MutableBytes out) = 0;
  /// Decrypts ciphertext || tag into out (out.size() == sealed.size() - 16). On a tag mismatch it
  /// returns ErrorCode::bad_record_mac and out is zeroed: no unauthenticated byte escapes.
  /// out may alias sealed exactly (in-place).
  virtual Result<void> open(Bytes nonce, Bytes aad, Bytes sealed, MutableBytes out) = 0;
};

enum class CipherAlgorithm : std::uint8_t { aes128, aes256 };

[[nodiscard]] std::size_t key_size(CipherAlgorithm alg) noexcept;  ///< 16 or 32
inline constexpr std::size_t kAesBlockSize = 16;

/// Raw CBC mode over a 16-byte block cipher; no padding (TLS does its own).
class CbcCipher {
 public:
  virtual ~CbcCipher() = default;
  [[nodiscard]] virtual CipherAlgorithm algorithm() const noexcept = 0;
  /// in.size() must be a multiple of 16 and equal out.size(); out may alias in exactly.
  virtual Result<void> encrypt(Bytes iv, Bytes in, MutableBytes out) = 0;
  virtual Result<void> decrypt(Bytes iv, Bytes in, MutableBytes out) = 0;
};

inline constexpr std::size_t kX25519Size = 32;

/// The crypto provider. Every method is const and thread-safe. The default implementations
/// report ErrorCode::unsupported, so a provider overrides only what it implements.
class Provider {
 public:
  virtual ~Provider() = default;
  /// Short name for logs and benchmarks ("sodium", "builtin", "default").
  [[nodiscard]] virtual std::string_view name() const noexcept = 0;

  [[nodiscard]] virtual Result<std::unique_ptr<Hash>> hash(HashAlgorithm alg) const;
  /// HMAC keyed with key (any length; longer than the block size is hashed first, per RFC 2104).
  [[nodiscard]] virtual Result<std::unique_ptr<Mac>> hmac(HashAlgorithm alg, Bytes key) const;
  /// key.size() must equal key_size(alg).
  [[nodiscard]] virtual Result<std::unique_ptr<Aead>> aead(AeadAlgorithm alg, Bytes key) const;
  [[nodiscard]] virtual Result<std::unique_ptr<CbcCipher>> cbc(CipherAlgorithm alg,
                                                               Bytes key) const;
  /// public_key = X25519(private_key, 9). Both 32 bytes.
  [[nodiscard]] virtual Result<void> x25519_public(Bytes private_key,
                                                   MutableBytes public_key) const;
  /// shared = X25519(private_key, peer_public). Fails with ErrorCode::crypto (alert
  /// illegal_parameter) when the result is all zero (a low-order peer point, RFC 7748 §6.1).
  [[nodiscard]] virtual Result<void> x25519(Bytes private_key, Bytes peer_public,
                                            MutableBytes shared) const;
  /// Fills out with cryptographically secure random bytes.
  [[nodiscard]] virtual Result<void> random(MutableBytes out) const;
};

/// libsodium-backed provider (process lifetime; sodium_init() is called once, thread-safely).
[[nodiscard]] const Provider& sodium_provider();
/// tlsx's own implementations (process lifetime).
[[nodiscard]] const Provider& builtin_provider();
/// Per primitive, the fastest available implementation on this CPU (process lifetime).
[[nodiscard]] const Provider& default_provider();

/// One-shot helpers over a provider.
[[nodiscard]] Result<void> hash_once(const Provider& p, HashAlgorithm alg, Bytes data,
                                     MutableBytes out);
[[nodiscard]] Result<void> hmac_once(const Provider& p, HashAlgorithm alg, Bytes key, Bytes data,
                                     MutableBytes out);

}  // namespace tlsx::crypto
