// CbcHmacProtection: AES-CBC records with an HMAC (RFC 5246 §6.2.3.2), in either order:
//
//   MAC-then-encrypt (RFC 5246):  IV || E(content || MAC || padding || padding_length)
//       MAC = HMAC(mac_key, seq_num || type || version || length(content) || content)
//   encrypt-then-MAC (RFC 7366):  IV || E(content || padding || padding_length) || MAC
//       MAC = HMAC(mac_key, seq_num || type || version || length(IV + ciphertext) ||
//                  IV || ciphertext)
//
// The IV is fresh and random for every record (RFC 5246 §6.2.3.2: "The Initialization Vector
// (IV) SHOULD be chosen at random, and MUST be unpredictable"); tests inject fixed IVs to
// reproduce published records. Senders use the shortest padding.
//
// Receiving MAC-then-encrypt is where the Lucky Thirteen padding oracle lives; see
// cbc_hmac_protection.cpp for the constant-time path. Encrypt-then-MAC checks the MAC over the
// ciphertext first, so nothing secret is touched before the record is known to be authentic.
#pragma once

#include <cstddef>
#include <cstdint>
#include <functional>
#include <memory>

#include "record/record_protection.hpp"
#include "record/secret_length_hmac.hpp"
#include "tlsx/crypto/provider.hpp"

namespace tlsx::record {

enum class MacOrder : std::uint8_t {
  mac_then_encrypt,  ///< RFC 5246
  encrypt_then_mac,  ///< RFC 7366, when both sides sent the encrypt_then_mac extension
};

/// Fills its argument with a record IV. The default is the provider's random().
using IvSource = std::function<Result<void>(std::span<std::uint8_t>)>;

class CbcHmacProtection final : public RecordProtection {
 public:
  struct Params {
    crypto::CipherAlgorithm cipher = crypto::CipherAlgorithm::aes128;
    crypto::HashAlgorithm mac = crypto::HashAlgorithm::sha1;
    MacOrder order = MacOrder::mac_then_encrypt;
  };

  /// enc_key: the client/server_write_key (16 or 32 bytes); mac_key: the matching
  /// client/server_write_MAC_key (20, 32 or 48 bytes). iv_source: where record IVs come from
  /// (empty: provider.random(), so the provider must then outlive the protection; tlsx's own
  /// providers live as long as the process).
  [[nodiscard]] static Result<std::unique_ptr<CbcHmacProtection>> create(
      const crypto::Provider& provider, const Params& params, std::span<const std::uint8_t> enc_key,
      std::span<const std::uint8_t> mac_key, IvSource iv_source = {});

  [[nodiscard]] std::string name() const override;
  [[nodiscard]] std::size_t sealed_size(std::size_t plaintext_size) const noexcept override;
  [[nodiscard]] Result<void> seal(const RecordContext& context,
                                  std::span<const std::uint8_t> plaintext,
                                  std::span<std::uint8_t> out) override;
  [[nodiscard]] Result<std::span<std::uint8_t>> open(const RecordContext& context,
                                                     std::span<std::uint8_t> fragment) override;

 private:
  CbcHmacProtection(const Params& params, std::unique_ptr<crypto::CbcCipher> cipher,
                    std::unique_ptr<crypto::Mac> mac, SecretLengthHmac secret_length_mac,
                    IvSource iv_source);
  [[nodiscard]] Result<std::span<std::uint8_t>> open_mac_then_encrypt(
      const RecordContext& context, std::span<std::uint8_t> fragment);
  [[nodiscard]] Result<std::span<std::uint8_t>> open_encrypt_then_mac(
      const RecordContext& context, std::span<std::uint8_t> fragment);
  /// Appends padding || padding_length to reach a whole number of blocks (shortest padding).
  [[nodiscard]] static std::size_t padded_size(std::size_t size) noexcept;

  Params params_;
  std::size_t mac_size_;
  std::unique_ptr<crypto::CbcCipher> cipher_;
  std::unique_ptr<crypto::Mac> mac_;    ///< public-length MACs: sending, and encrypt-then-MAC
  SecretLengthHmac secret_length_mac_;  ///< receiving MAC-then-encrypt
  IvSource iv_source_;
};

}  // namespace tlsx::record
