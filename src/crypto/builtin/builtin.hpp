// Factories for tlsx's own primitive implementations. builtin_provider() and default_provider()
// are assembled from these; tests call them directly to compare code paths.
#pragma once

#include <memory>

#include "tlsx/crypto/provider.hpp"

namespace tlsx::crypto::builtin {

/// Which implementation of a primitive to use. `best` picks the fastest the CPU supports;
/// `portable` forces the constant-time portable code (tests, and CPUs without extensions).
enum class Impl : std::uint8_t { best, portable };

[[nodiscard]] std::unique_ptr<Hash> make_md5();
[[nodiscard]] std::unique_ptr<Hash> make_sha1();
[[nodiscard]] std::unique_ptr<Hash> make_sha256(Impl impl = Impl::best);
[[nodiscard]] std::unique_ptr<Hash> make_sha384();
[[nodiscard]] std::unique_ptr<Hash> make_sha512();
/// True when make_sha256(Impl::best) uses the SHA-NI instructions.
[[nodiscard]] bool sha256_accelerated() noexcept;

/// HMAC (RFC 2104) over any hash: `inner` is a fresh hash object of the wanted algorithm (the
/// HMAC clones it for the outer hash). Key of any length.
[[nodiscard]] std::unique_ptr<Mac> make_hmac(std::unique_ptr<Hash> inner, Bytes key);

/// AES-GCM with a 16- or 32-byte key (alg must be aes128_gcm or aes256_gcm).
[[nodiscard]] Result<std::unique_ptr<Aead>> make_aes_gcm(AeadAlgorithm alg, Bytes key,
                                                         Impl impl = Impl::best);
/// Raw AES-CBC with a 16- or 32-byte key.
[[nodiscard]] Result<std::unique_ptr<CbcCipher>> make_aes_cbc(CipherAlgorithm alg, Bytes key,
                                                              Impl impl = Impl::best);
/// True when make_aes_gcm(.., Impl::best) uses AES-NI and PCLMULQDQ.
[[nodiscard]] bool aes_accelerated() noexcept;

/// ChaCha20-Poly1305 (RFC 8439 §2.8) with a 32-byte key.
[[nodiscard]] Result<std::unique_ptr<Aead>> make_chacha20_poly1305(Bytes key,
                                                                   Impl impl = Impl::best);
/// True when make_chacha20_poly1305(.., Impl::best) uses vector code (AVX2 at least; AVX-512
/// for ChaCha20 and AVX-512 IFMA for Poly1305 where present).
[[nodiscard]] bool chacha20_accelerated() noexcept;

}  // namespace tlsx::crypto::builtin
