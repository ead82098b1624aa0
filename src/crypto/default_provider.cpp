// default_provider(): per primitive, the faster of libsodium and tlsx's builtin code on this CPU.
//
// The choice is made once, when the provider is first used, from the CPU features
// (src/crypto/cpu_features.hpp; TLSX_CPU_PORTABLE=1 turns them all off) and from whether
// libsodium can run AES-256-GCM here:
//
//   SHA-256            builtin with SHA-NI, else libsodium (both portable C then, at par)
//   SHA-512            libsodium
//   SHA-1, SHA-384,    builtin (libsodium has none of them)
//   MD5
//   HMAC-*             builtin make_hmac() over the hash chosen above, so HMAC follows the hash
//   AES-128-GCM        builtin (AES-NI + PCLMULQDQ when present, else constant-time portable)
//   AES-256-GCM        see kPreferSodiumAes256Gcm below; without AES-NI builtin portable, unless
//                      libsodium can still run it
//   AES-CBC            builtin
//   ChaCha20-Poly1305  builtin with AVX2 or AVX-512 (see kPreferBuiltinChaCha20Poly1305), else
//                      libsodium, which has SIMD code of its own (the builtin portable code is
//                      the constant-time fallback, far slower)
//   X25519, RNG        libsodium
#include <fmt/format.h>

#include "crypto/builtin/builtin.hpp"
#include "crypto/builtin/chacha20.hpp"
#include "crypto/builtin/poly1305.hpp"
#include "crypto/cpu_features.hpp"
#include "crypto/provider_registry.hpp"
#include "crypto/sodium/sodium.hpp"
#include "tlsx/crypto/provider.hpp"

namespace tlsx::crypto {
namespace {

// AES-256-GCM when both backends can use AES-NI. Measured on the development machine (AMD EPYC
// with AES-NI, PCLMULQDQ, SHA-NI; g++ 12 -O2; best of 7 runs, 13-byte AAD, in-place seal):
//                 64 B        1 KiB        16 KiB
//   seal sodium   411 MB/s    1693 MB/s    1860 MB/s
//   seal builtin  491 MB/s    3233 MB/s    4129 MB/s
//   open sodium   403 MB/s    1516 MB/s    1655 MB/s
//   open builtin  391 MB/s    2785 MB/s    3983 MB/s
// The builtin 8-block stitched kernel is about twice as fast from 1 KiB up, so it wins.
// (Same session: SHA-256 16 KiB builtin SHA-NI 1798 MB/s vs sodium 334; portable builtin 338 vs
// sodium 352, so sodium without SHA-NI. SHA-512 16 KiB sodium 309 vs builtin 258.)
constexpr bool kPreferSodiumAes256Gcm = false;

// ChaCha20-Poly1305 when the builtin vector kernels can run. Measured on the same machine (AMD
// EPYC, AVX-512F/VL/IFMA; g++ 12 -O2; CPU time, best of 7, 13-byte AAD, in-place seal), the
// builtin kernels forced through make_chacha20_poly1305_with():
//                             64 B        1 KiB       16 KiB
//   seal sodium               198 MB/s    1119 MB/s   1483 MB/s
//   seal builtin AVX-512+IFMA 211 MB/s    1419 MB/s   3458 MB/s
//   seal builtin AVX2         205 MB/s    1143 MB/s   1987 MB/s
//   seal builtin portable     139 MB/s     299 MB/s    334 MB/s
//   open sodium               197 MB/s    1137 MB/s   1414 MB/s
//   open builtin AVX-512+IFMA 194 MB/s    1355 MB/s   3443 MB/s
//   open builtin AVX2         194 MB/s    1092 MB/s   1990 MB/s
// With AVX-512 the builtin code is ahead from 1 KiB up (2.3x at 16 KiB; at 64 B within noise);
// with AVX2 only it is at par up to 1 KiB and 1.35x at 16 KiB. tlsx_bench: builtin 1.00-1.04x
// OpenSSL at 16 KiB (libsodium: 0.42x). The portable code is 0.2-0.7x libsodium (whose own
// SIMD code keeps running under TLSX_CPU_PORTABLE=1), so without AVX2 libsodium is kept.
constexpr bool kPreferBuiltinChaCha20Poly1305 = true;

enum class Backend : std::uint8_t { builtin, sodium };

struct Choices {
  Backend sha256 = Backend::sodium;
  Backend aes256_gcm = Backend::builtin;
  Backend chacha20_poly1305 = Backend::sodium;
};

Choices choose() noexcept {
  Choices c;
  c.sha256 = builtin::sha256_accelerated() ? Backend::builtin : Backend::sodium;
  if (builtin::aes_accelerated()) {
    c.aes256_gcm = kPreferSodiumAes256Gcm && sodium::aes256gcm_available() ? Backend::sodium
                                                                           : Backend::builtin;
  } else {
    c.aes256_gcm = sodium::aes256gcm_available() ? Backend::sodium : Backend::builtin;
  }
  c.chacha20_poly1305 = kPreferBuiltinChaCha20Poly1305 && builtin::chacha20_accelerated()
                            ? Backend::builtin
                            : Backend::sodium;
  return c;
}

class DefaultProvider final : public Provider {
 public:
  DefaultProvider() noexcept : choices_(choose()) {}

  [[nodiscard]] std::string_view name() const noexcept override { return "default"; }
  [[nodiscard]] const Choices& choices() const noexcept { return choices_; }

  [[nodiscard]] Result<std::unique_ptr<Hash>> hash(HashAlgorithm alg) const override {
    switch (alg) {
      case HashAlgorithm::sha256:
        if (choices_.sha256 == Backend::builtin) return builtin::make_sha256();
        return sodium_provider().hash(alg);
      case HashAlgorithm::sha512:
        return sodium_provider().hash(alg);
      default:
        return builtin_provider().hash(alg);
    }
  }

  [[nodiscard]] Result<std::unique_ptr<Mac>> hmac(HashAlgorithm alg, Bytes key) const override {
    auto inner = hash(alg);
    if (!inner) return std::unexpected(std::move(inner.error()));
    return builtin::make_hmac(std::move(*inner), key);
  }

  [[nodiscard]] Result<std::unique_ptr<Aead>> aead(AeadAlgorithm alg, Bytes key) const override {
    switch (alg) {
      case AeadAlgorithm::aes256_gcm:
        if (choices_.aes256_gcm == Backend::sodium) return sodium_provider().aead(alg, key);
        return builtin_provider().aead(alg, key);
      case AeadAlgorithm::aes128_gcm:
        return builtin_provider().aead(alg, key);
      case AeadAlgorithm::chacha20_poly1305:
        if (choices_.chacha20_poly1305 == Backend::builtin) {
          return builtin_provider().aead(alg, key);
        }
        return sodium_provider().aead(alg, key);
    }
    return Provider::aead(alg, key);
  }

  [[nodiscard]] Result<std::unique_ptr<CbcCipher>> cbc(CipherAlgorithm alg,
                                                       Bytes key) const override {
    return builtin_provider().cbc(alg, key);
  }

  [[nodiscard]] Result<void> x25519_public(Bytes private_key,
                                           MutableBytes public_key) const override {
    return sodium_provider().x25519_public(private_key, public_key);
  }

  [[nodiscard]] Result<void> x25519(Bytes private_key, Bytes peer_public,
                                    MutableBytes shared) const override {
    return sodium_provider().x25519(private_key, peer_public, shared);
  }

  [[nodiscard]] Result<void> random(MutableBytes out) const override {
    return sodium_provider().random(out);
  }

 private:
  Choices choices_;
};

const DefaultProvider& the_default_provider() {
  static const DefaultProvider provider;
  return provider;
}

}  // namespace

const Provider& default_provider() {
  return the_default_provider();
}

std::vector<std::string> describe_default_provider() {
  const Choices& c = the_default_provider().choices();
  const bool aes_ni = builtin::aes_accelerated();
  const std::string aes_impl = aes_ni ? "AES-NI + PCLMULQDQ" : "constant-time portable";
  const std::string sha256 = c.sha256 == Backend::builtin ? "builtin (SHA-NI)" : "sodium";
  std::string chacha = "sodium";
  if (c.chacha20_poly1305 == Backend::builtin) {
    const bool avx512 = builtin::chacha20_best_kernel() == builtin::ChaCha20Kernel::avx512;
    const bool ifma = builtin::poly1305_best_kernel() == builtin::Poly1305Kernel::avx512ifma;
    chacha = fmt::format("builtin (ChaCha20 {}, Poly1305 {})", avx512 ? "AVX-512" : "AVX2",
                         ifma ? "AVX-512 IFMA" : "AVX2");
  }
  std::string aes256;
  if (c.aes256_gcm == Backend::sodium) {
    aes256 = "sodium (AES-NI)";
  } else {
    aes256 = fmt::format("builtin ({})", aes_impl);
  }
  return {
      fmt::format("SHA-256: {}", sha256),
      "SHA-512: sodium",
      "SHA-384: builtin",
      "SHA-1: builtin",
      "MD5: builtin",
      fmt::format("HMAC-SHA-256: builtin HMAC over {}", sha256),
      "HMAC-SHA-512: builtin HMAC over sodium",
      "HMAC-SHA-384, HMAC-SHA-1, HMAC-MD5: builtin",
      fmt::format("AES-128-GCM: builtin ({})", aes_impl),
      fmt::format("AES-256-GCM: {}", aes256),
      fmt::format("AES-128/256-CBC: builtin ({})",
                  cpu_features().aesni ? "AES-NI" : "constant-time portable"),
      fmt::format("ChaCha20-Poly1305: {}", chacha),
      "X25519: sodium",
      "RNG: sodium (randombytes_buf)",
  };
}

}  // namespace tlsx::crypto
