// AeadProtection: records sealed with an AEAD (RFC 5246 §6.2.3.3).
//
//   additional_data = seq_num(8) || type(1) || version(2) || length(2)   (length of the plaintext)
//
// Nonces differ by algorithm:
//   - AES-GCM (RFC 5288 §3): nonce = salt(4) || nonce_explicit(8). The salt is the 4-byte
//     client/server_write_IV of the key block; nonce_explicit travels in front of the ciphertext.
//     We send the sequence number as nonce_explicit (unique per key, as §3 requires), but read
//     whatever the peer sent: RFC 5288 leaves its choice to the sender.
//   - ChaCha20-Poly1305 (RFC 7905 §2): nonce = write_IV(12) XOR (0^4 || seq_num(8)); nothing
//     explicit is sent.
//
//   fragment = [nonce_explicit(8)] || ciphertext || tag(16)
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <memory>

#include "record/record_protection.hpp"
#include "tlsx/crypto/provider.hpp"

namespace tlsx::record {

class AeadProtection final : public RecordProtection {
 public:
  /// GCM's explicit nonce length (RFC 5288 §3) and salt length.
  static constexpr std::size_t kExplicitNonceSize = 8;
  static constexpr std::size_t kGcmSaltSize = 4;

  /// key: the client/server_write_key (16 or 32 bytes); fixed_iv: the matching write_IV from the
  /// key block, 4 bytes for AES-GCM and 12 for ChaCha20-Poly1305.
  [[nodiscard]] static Result<std::unique_ptr<AeadProtection>> create(
      const crypto::Provider& provider, crypto::AeadAlgorithm algorithm,
      std::span<const std::uint8_t> key, std::span<const std::uint8_t> fixed_iv);

  ~AeadProtection() override;
  AeadProtection(const AeadProtection&) = delete;
  AeadProtection& operator=(const AeadProtection&) = delete;

  [[nodiscard]] std::string name() const override;
  [[nodiscard]] std::size_t sealed_size(std::size_t plaintext_size) const noexcept override {
    return explicit_nonce_size() + plaintext_size + crypto::kAeadTagSize;
  }
  [[nodiscard]] Result<void> seal(const RecordContext& context,
                                  std::span<const std::uint8_t> plaintext,
                                  std::span<std::uint8_t> out) override;
  [[nodiscard]] Result<std::span<std::uint8_t>> open(const RecordContext& context,
                                                     std::span<std::uint8_t> fragment) override;

 private:
  AeadProtection(std::unique_ptr<crypto::Aead> aead, std::span<const std::uint8_t> fixed_iv);
  [[nodiscard]] bool has_explicit_nonce() const noexcept;
  [[nodiscard]] std::size_t explicit_nonce_size() const noexcept {
    return has_explicit_nonce() ? kExplicitNonceSize : 0;
  }
  /// The 12-byte nonce for a record. For GCM `explicit_part` is the 8 bytes on the wire.
  [[nodiscard]] std::array<std::uint8_t, crypto::kAeadNonceSize> nonce(
      std::uint64_t sequence, std::span<const std::uint8_t> explicit_part) const noexcept;

  std::unique_ptr<crypto::Aead> aead_;
  std::array<std::uint8_t, crypto::kAeadNonceSize> fixed_iv_{};  ///< salt (4) or full IV (12)
};

}  // namespace tlsx::record
