// TicketKeys: the server's RFC 5077 ticket protection keys.
//
// Ticket layout (RFC 5077 §4's recommended structure, with an AEAD in place of AES-CBC +
// HMAC):  key_name(16) || nonce(12) || ciphertext || tag(16), with key_name as associated data.
// The key name is random, so it says nothing about the server; it only selects the key.
// Nonces are random 96-bit values: a key seals at most a few million tickets per rotation
// period, far below the birthday bound for random GCM nonces.
#include <algorithm>
#include <array>

#include "handshake/try.hpp"
#include "tlsx/session.hpp"

namespace tlsx {

namespace {
constexpr std::size_t kKeyNameSize = 16;
constexpr std::size_t kTicketKeySize = 32;
constexpr std::size_t kOverhead = kKeyNameSize + crypto::kAeadNonceSize + crypto::kAeadTagSize;
}  // namespace

struct TicketKeys::Key {
  std::array<std::uint8_t, kKeyNameSize> name{};
  SecretBytes key{kTicketKeySize};
  std::chrono::system_clock::time_point created;
};

TicketKeys::TicketKeys(const crypto::Provider& provider, std::chrono::seconds rotation, Clock clock)
    : provider_(&provider), rotation_(rotation), clock_(std::move(clock)) {}

TicketKeys::~TicketKeys() = default;

Result<std::shared_ptr<TicketKeys>> TicketKeys::create(const crypto::Provider& provider,
                                                       std::chrono::seconds rotation, Clock clock) {
  if (rotation.count() <= 0) return fail_argument("TicketKeys: rotation must be positive");
  auto keys = std::make_shared<TicketKeys>(provider, rotation, std::move(clock));
  // AES-256-GCM where the provider has it, ChaCha20-Poly1305 otherwise.
  const std::array<std::uint8_t, kTicketKeySize> probe{};
  if (!provider.aead(crypto::AeadAlgorithm::aes256_gcm, probe)) {
    if (!provider.aead(crypto::AeadAlgorithm::chacha20_poly1305, probe)) {
      return fail_unsupported("TicketKeys: the provider has no AES-256-GCM or ChaCha20-Poly1305");
    }
    keys->algorithm_ = crypto::AeadAlgorithm::chacha20_poly1305;
  }
  std::lock_guard lock(keys->mutex_);
  TLSX_TRY(keys->rotate_locked());
  return keys;
}

std::chrono::system_clock::time_point TicketKeys::now() const {
  return clock_ ? clock_() : std::chrono::system_clock::now();
}

Result<void> TicketKeys::rotate_locked() {
  auto key = std::make_unique<Key>();
  TLSX_TRY(provider_->random(key->name));
  TLSX_TRY(provider_->random(key->key.span()));
  key->created = now();
  previous_ = std::move(current_);
  current_ = std::move(key);
  return {};
}

void TicketKeys::rotate() {
  std::lock_guard lock(mutex_);
  // A failing RNG keeps the old keys: tickets keep working rather than all failing.
  (void)rotate_locked();
}

Result<std::vector<std::uint8_t>> TicketKeys::seal(std::span<const std::uint8_t> plaintext) {
  std::lock_guard lock(mutex_);
  if (now() - current_->created >= rotation_) TLSX_TRY(rotate_locked());
  std::vector<std::uint8_t> ticket(kOverhead + plaintext.size());
  std::copy(current_->name.begin(), current_->name.end(), ticket.begin());
  const auto nonce = std::span(ticket).subspan(kKeyNameSize, crypto::kAeadNonceSize);
  TLSX_TRY(provider_->random(nonce));
  TLSX_TRY_LET(aead, provider_->aead(algorithm_, current_->key.span()));
  TLSX_TRY(aead->seal(nonce, current_->name, plaintext,
                      std::span(ticket).subspan(kKeyNameSize + crypto::kAeadNonceSize)));
  return ticket;
}

std::optional<SecretBytes> TicketKeys::open(std::span<const std::uint8_t> ticket) {
  if (ticket.size() < kOverhead) return std::nullopt;
  std::lock_guard lock(mutex_);
  if (now() - current_->created >= rotation_ && !rotate_locked()) return std::nullopt;
  const auto name = ticket.first(kKeyNameSize);
  const Key* key = nullptr;
  for (const Key* k : {current_.get(), previous_.get()}) {
    // Key names are public (they travel in the clear): comparing them may branch.
    if (k != nullptr && std::equal(name.begin(), name.end(), k->name.begin())) key = k;
  }
  if (key == nullptr) return std::nullopt;
  auto aead = provider_->aead(algorithm_, key->key.span());
  if (!aead) return std::nullopt;
  const auto sealed = ticket.subspan(kKeyNameSize + crypto::kAeadNonceSize);
  SecretBytes plain(sealed.size() - crypto::kAeadTagSize);
  if (!(*aead)->open(ticket.subspan(kKeyNameSize, crypto::kAeadNonceSize), key->name, sealed,
                     plain.span())) {
    return std::nullopt;
  }
  return plain;
}

}  // namespace tlsx
