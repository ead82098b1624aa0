// The libsodium provider: SHA-256/512, HMAC-SHA-256/512, ChaCha20-Poly1305 (IETF),
// AES-256-GCM (only on CPUs with AES-NI and PCLMULQDQ), X25519 and the system RNG.
//
// Implementation notes:
// - sodium_init() runs once, inside the constructor of the function-local static provider, so
//   C++'s thread-safe static initialisation makes it race-free.
// - Every object owns its libsodium state by value; clone() copies the struct. Destructors wipe
//   the state, which for HMAC and AEAD contains (derived) key material.
// - HMAC: libsodium's *_final leaves the state unusable, so each Mac keeps a copy of its freshly
//   keyed state and restores it after every tag (the Mac contract: finish() resets to keyed).
// - AEAD: the detached functions let us write ciphertext and tag straight into the caller's
//   out span. libsodium reads each input block before writing the same output block, so exact
//   aliasing (in-place) is fine; partial overlap is refused.
// - crypto_aead_aes256gcm_state is declared 16-byte aligned; it lives inside a class that
//   inherits that alignment and C++17 aligned new honours it (checked by a static_assert).
#include <sodium.h>

#include <algorithm>
#include <array>
#include <cstring>
#include <functional>
#include <memory>
#include <new>

#include "crypto/sodium/sodium.hpp"
#include "tlsx/crypto/constant_time.hpp"
#include "tlsx/crypto/provider.hpp"

namespace tlsx::crypto {
namespace {

// libsodium dislikes null pointers even with a zero length; empty spans may have data()==nullptr.
const unsigned char* ptr_or_dummy(Bytes b) noexcept {
  static constexpr unsigned char kDummy = 0;
  return b.data() != nullptr ? b.data() : &kDummy;
}

// Out spans "may alias the input exactly": same start, or disjoint. Anything else is misuse.
bool overlaps_partially(Bytes in, MutableBytes out) noexcept {
  if (in.empty() || out.empty()) return false;
  const auto* in_begin = in.data();
  const auto* in_end = in.data() + in.size();
  const auto* out_begin = out.data();
  const auto* out_end = out.data() + out.size();
  if (in_begin == out_begin) return false;
  return std::less<>{}(in_begin, out_end) && std::less<>{}(out_begin, in_end);
}

// ---- hashes ------------------------------------------------------------------------------------

struct Sha256Ops {
  using State = crypto_hash_sha256_state;
  static constexpr HashAlgorithm kAlg = HashAlgorithm::sha256;
  static constexpr std::size_t kSize = crypto_hash_sha256_BYTES;
  static void init(State* s) noexcept { crypto_hash_sha256_init(s); }
  static void update(State* s, const unsigned char* p, std::size_t n) noexcept {
    crypto_hash_sha256_update(s, p, n);
  }
  static void digest(State* s, unsigned char* out) noexcept { crypto_hash_sha256_final(s, out); }
};

struct Sha512Ops {
  using State = crypto_hash_sha512_state;
  static constexpr HashAlgorithm kAlg = HashAlgorithm::sha512;
  static constexpr std::size_t kSize = crypto_hash_sha512_BYTES;
  static void init(State* s) noexcept { crypto_hash_sha512_init(s); }
  static void update(State* s, const unsigned char* p, std::size_t n) noexcept {
    crypto_hash_sha512_update(s, p, n);
  }
  static void digest(State* s, unsigned char* out) noexcept { crypto_hash_sha512_final(s, out); }
};

template <class Ops>
class SodiumHash final : public Hash {
 public:
  SodiumHash() noexcept { Ops::init(&state_); }
  SodiumHash(const SodiumHash&) = default;
  SodiumHash& operator=(const SodiumHash&) = delete;
  ~SodiumHash() override { secure_wipe(&state_, sizeof state_); }

  [[nodiscard]] HashAlgorithm algorithm() const noexcept override { return Ops::kAlg; }
  void update(Bytes data) noexcept override {
    if (!data.empty()) Ops::update(&state_, data.data(), data.size());
  }
  void finish(MutableBytes out) noexcept override {
    // Through a local buffer so that a too-short out can never be overrun.
    std::array<unsigned char, Ops::kSize> digest{};
    Ops::digest(&state_, digest.data());
    if (!out.empty()) std::memcpy(out.data(), digest.data(), std::min(out.size(), digest.size()));
    secure_wipe(digest.data(), digest.size());
    Ops::init(&state_);
  }
  [[nodiscard]] std::unique_ptr<Hash> clone() const override {
    return std::make_unique<SodiumHash>(*this);
  }

 private:
  typename Ops::State state_{};
};

// ---- HMAC --------------------------------------------------------------------------------------

struct HmacSha256Ops {
  using State = crypto_auth_hmacsha256_state;
  static constexpr HashAlgorithm kAlg = HashAlgorithm::sha256;
  static constexpr std::size_t kSize = crypto_auth_hmacsha256_BYTES;
  static void init(State* s, const unsigned char* k, std::size_t n) noexcept {
    crypto_auth_hmacsha256_init(s, k, n);
  }
  static void update(State* s, const unsigned char* p, std::size_t n) noexcept {
    crypto_auth_hmacsha256_update(s, p, n);
  }
  static void digest(State* s, unsigned char* out) noexcept {
    crypto_auth_hmacsha256_final(s, out);
  }
};

struct HmacSha512Ops {
  using State = crypto_auth_hmacsha512_state;
  static constexpr HashAlgorithm kAlg = HashAlgorithm::sha512;
  static constexpr std::size_t kSize = crypto_auth_hmacsha512_BYTES;
  static void init(State* s, const unsigned char* k, std::size_t n) noexcept {
    crypto_auth_hmacsha512_init(s, k, n);
  }
  static void update(State* s, const unsigned char* p, std::size_t n) noexcept {
    crypto_auth_hmacsha512_update(s, p, n);
  }
  static void digest(State* s, unsigned char* out) noexcept {
    crypto_auth_hmacsha512_final(s, out);
  }
};

template <class Ops>
class SodiumHmac final : public Mac {
 public:
  // libsodium hashes keys longer than the block size itself (RFC 2104 §2).
  explicit SodiumHmac(Bytes key) noexcept {
    Ops::init(&keyed_, ptr_or_dummy(key), key.size());
    state_ = keyed_;
  }
  SodiumHmac(const SodiumHmac&) = default;
  SodiumHmac& operator=(const SodiumHmac&) = delete;
  ~SodiumHmac() override {
    secure_wipe(&state_, sizeof state_);
    secure_wipe(&keyed_, sizeof keyed_);
  }

  [[nodiscard]] HashAlgorithm algorithm() const noexcept override { return Ops::kAlg; }
  void update(Bytes data) noexcept override {
    if (!data.empty()) Ops::update(&state_, data.data(), data.size());
  }
  void finish(MutableBytes out) noexcept override {
    std::array<unsigned char, Ops::kSize> tag{};
    Ops::digest(&state_, tag.data());
    if (!out.empty()) std::memcpy(out.data(), tag.data(), std::min(out.size(), tag.size()));
    secure_wipe(tag.data(), tag.size());
    state_ = keyed_;
  }
  [[nodiscard]] std::unique_ptr<Mac> clone() const override {
    return std::make_unique<SodiumHmac>(*this);
  }

 private:
  typename Ops::State keyed_{};  // state right after keying, restored after every tag
  typename Ops::State state_{};
};

// ---- AEAD --------------------------------------------------------------------------------------

Result<void> check_seal_args(Bytes nonce, Bytes plaintext, MutableBytes out) {
  if (nonce.size() != kAeadNonceSize) return fail_argument("AEAD seal: nonce must be 12 bytes");
  if (out.size() != plaintext.size() + kAeadTagSize) {
    return fail_argument("AEAD seal: out must be plaintext + 16 bytes");
  }
  if (overlaps_partially(plaintext, out)) return fail_argument("AEAD seal: partial overlap");
  return {};
}

Result<void> check_open_args(Bytes nonce, Bytes sealed, MutableBytes out) {
  if (nonce.size() != kAeadNonceSize) return fail_argument("AEAD open: nonce must be 12 bytes");
  if (sealed.size() < kAeadTagSize) {
    return fail(ErrorCode::bad_record_mac, AlertDescription::bad_record_mac,
                "AEAD open: input shorter than the tag");
  }
  if (out.size() != sealed.size() - kAeadTagSize) {
    return fail_argument("AEAD open: out must be sealed - 16 bytes");
  }
  if (overlaps_partially(sealed, out)) return fail_argument("AEAD open: partial overlap");
  return {};
}

std::unexpected<Error> fail_tag(MutableBytes out) {
  secure_wipe(out);  // no unauthenticated byte escapes, whatever libsodium left there
  return fail(ErrorCode::bad_record_mac, AlertDescription::bad_record_mac,
              "AEAD open: authentication tag mismatch");
}

class SodiumChaCha20Poly1305 final : public Aead {
 public:
  explicit SodiumChaCha20Poly1305(Bytes key) noexcept {
    std::memcpy(key_.data(), key.data(), key_.size());
  }
  ~SodiumChaCha20Poly1305() override { secure_wipe(key_.data(), key_.size()); }
  SodiumChaCha20Poly1305(const SodiumChaCha20Poly1305&) = delete;
  SodiumChaCha20Poly1305& operator=(const SodiumChaCha20Poly1305&) = delete;

  [[nodiscard]] AeadAlgorithm algorithm() const noexcept override {
    return AeadAlgorithm::chacha20_poly1305;
  }

  Result<void> seal(Bytes nonce, Bytes aad, Bytes plaintext, MutableBytes out) override {
    if (auto ok = check_seal_args(nonce, plaintext, out); !ok) return ok;
    const std::size_t n = plaintext.size();
    crypto_aead_chacha20poly1305_ietf_encrypt_detached(
        out.data(), out.data() + n, nullptr, ptr_or_dummy(plaintext), n, ptr_or_dummy(aad),
        aad.size(), nullptr, nonce.data(), key_.data());
    return {};
  }

  Result<void> open(Bytes nonce, Bytes aad, Bytes sealed, MutableBytes out) override {
    if (auto ok = check_open_args(nonce, sealed, out); !ok) return ok;
    const std::size_t n = out.size();
    // out may be empty with data()==nullptr; libsodium then only checks the tag.
    unsigned char dummy = 0;
    const int rc = crypto_aead_chacha20poly1305_ietf_decrypt_detached(
        n != 0 ? out.data() : &dummy, nullptr, ptr_or_dummy(sealed), n, sealed.data() + n,
        ptr_or_dummy(aad), aad.size(), nonce.data(), key_.data());
    if (rc != 0) return fail_tag(out);
    return {};
  }

 private:
  std::array<unsigned char, crypto_aead_chacha20poly1305_ietf_KEYBYTES> key_{};
};

class SodiumAes256Gcm final : public Aead {
 public:
  explicit SodiumAes256Gcm(Bytes key) noexcept {
    crypto_aead_aes256gcm_beforenm(&state_, key.data());
  }
  ~SodiumAes256Gcm() override { secure_wipe(&state_, sizeof state_); }
  SodiumAes256Gcm(const SodiumAes256Gcm&) = delete;
  SodiumAes256Gcm& operator=(const SodiumAes256Gcm&) = delete;

  [[nodiscard]] AeadAlgorithm algorithm() const noexcept override {
    return AeadAlgorithm::aes256_gcm;
  }

  Result<void> seal(Bytes nonce, Bytes aad, Bytes plaintext, MutableBytes out) override {
    if (auto ok = check_seal_args(nonce, plaintext, out); !ok) return ok;
    const std::size_t n = plaintext.size();
    crypto_aead_aes256gcm_encrypt_detached_afternm(out.data(), out.data() + n, nullptr,
                                                   ptr_or_dummy(plaintext), n, ptr_or_dummy(aad),
                                                   aad.size(), nullptr, nonce.data(), &state_);
    return {};
  }

  Result<void> open(Bytes nonce, Bytes aad, Bytes sealed, MutableBytes out) override {
    if (auto ok = check_open_args(nonce, sealed, out); !ok) return ok;
    const std::size_t n = out.size();
    unsigned char dummy = 0;
    const int rc = crypto_aead_aes256gcm_decrypt_detached_afternm(
        n != 0 ? out.data() : &dummy, nullptr, ptr_or_dummy(sealed), n, sealed.data() + n,
        ptr_or_dummy(aad), aad.size(), nonce.data(), &state_);
    if (rc != 0) return fail_tag(out);
    return {};
  }

 private:
  crypto_aead_aes256gcm_state state_{};
};
static_assert(alignof(SodiumAes256Gcm) >= 16, "libsodium needs a 16-byte aligned GCM state");

// ---- the provider ------------------------------------------------------------------------------

std::unexpected<Error> fail_x25519(MutableBytes shared) {
  secure_wipe(shared);
  return fail(ErrorCode::crypto, AlertDescription::illegal_parameter,
              "X25519: peer public key gives an all-zero shared secret (low-order point)");
}

class SodiumProvider final : public Provider {
 public:
  SodiumProvider() noexcept : initialised_(sodium_init() >= 0) {
    aes256gcm_available_ = initialised_ && crypto_aead_aes256gcm_is_available() == 1;
  }

  [[nodiscard]] std::string_view name() const noexcept override { return "sodium"; }
  [[nodiscard]] bool aes256gcm_available() const noexcept { return aes256gcm_available_; }

  [[nodiscard]] Result<std::unique_ptr<Hash>> hash(HashAlgorithm alg) const override {
    switch (alg) {
      case HashAlgorithm::sha256:
        return std::make_unique<SodiumHash<Sha256Ops>>();
      case HashAlgorithm::sha512:
        return std::make_unique<SodiumHash<Sha512Ops>>();
      default:
        return Provider::hash(alg);
    }
  }

  [[nodiscard]] Result<std::unique_ptr<Mac>> hmac(HashAlgorithm alg, Bytes key) const override {
    switch (alg) {
      case HashAlgorithm::sha256:
        return std::make_unique<SodiumHmac<HmacSha256Ops>>(key);
      case HashAlgorithm::sha512:
        return std::make_unique<SodiumHmac<HmacSha512Ops>>(key);
      default:
        return Provider::hmac(alg, key);
    }
  }

  [[nodiscard]] Result<std::unique_ptr<Aead>> aead(AeadAlgorithm alg, Bytes key) const override {
    switch (alg) {
      case AeadAlgorithm::chacha20_poly1305:
        if (key.size() != key_size(alg)) return fail_argument("ChaCha20-Poly1305: key size");
        return std::make_unique<SodiumChaCha20Poly1305>(key);
      case AeadAlgorithm::aes256_gcm:
        if (!aes256gcm_available_) return Provider::aead(alg, key);
        if (key.size() != key_size(alg)) return fail_argument("AES-256-GCM: key size");
        return std::make_unique<SodiumAes256Gcm>(key);
      default:
        return Provider::aead(alg, key);
    }
  }

  [[nodiscard]] Result<void> x25519_public(Bytes private_key,
                                           MutableBytes public_key) const override {
    if (private_key.size() != kX25519Size || public_key.size() != kX25519Size) {
      return fail_argument("X25519: keys are 32 bytes");
    }
    if (crypto_scalarmult_base(public_key.data(), private_key.data()) != 0) {
      secure_wipe(public_key);
      return fail(ErrorCode::crypto, AlertDescription::internal_error, "X25519: base mult failed");
    }
    return {};
  }

  [[nodiscard]] Result<void> x25519(Bytes private_key, Bytes peer_public,
                                    MutableBytes shared) const override {
    if (private_key.size() != kX25519Size || peer_public.size() != kX25519Size ||
        shared.size() != kX25519Size) {
      return fail_argument("X25519: keys and shared secret are 32 bytes");
    }
    // libsodium returns -1 both for blacklisted low-order points and for an all-zero result;
    // check the result too so the contract does not hang on that detail.
    if (crypto_scalarmult(shared.data(), private_key.data(), peer_public.data()) != 0) {
      return fail_x25519(shared);
    }
    if (sodium_is_zero(shared.data(), shared.size()) == 1) return fail_x25519(shared);
    return {};
  }

  [[nodiscard]] Result<void> random(MutableBytes out) const override {
    if (!initialised_) {
      return fail(ErrorCode::crypto, AlertDescription::internal_error, "sodium_init() failed");
    }
    if (!out.empty()) randombytes_buf(out.data(), out.size());
    return {};
  }

 private:
  bool initialised_ = false;
  bool aes256gcm_available_ = false;
};

const SodiumProvider& the_sodium_provider() {
  static const SodiumProvider provider;  // runs sodium_init() once, thread-safely
  return provider;
}

}  // namespace

const Provider& sodium_provider() {
  return the_sodium_provider();
}

namespace sodium {
bool aes256gcm_available() noexcept {
  return the_sodium_provider().aes256gcm_available();
}
}  // namespace sodium

}  // namespace tlsx::crypto
