// Forged records for abuse tests: after a real handshake, records sealed under one side's write
// keys (which an Observer on that side's engine hands over), so they authenticate exactly as a
// malicious peer's would. AES-128-GCM only (the suite the tests pin).
#pragma once

#include <cstddef>
#include <cstdint>
#include <memory>
#include <span>
#include <utility>
#include <vector>

#include "record/aead_protection.hpp"
#include "record/content_type.hpp"
#include "record/record_protection.hpp"
#include "tlsx/crypto/provider.hpp"
#include "tlsx/error.hpp"
#include "tlsx/observer.hpp"

namespace tlsx::test {

/// Keeps the write keys and IVs the key schedule derives.
class KeyCatcher : public Observer {
 public:
  void on_secret(SecretKind kind, std::span<const std::uint8_t> value) override {
    const std::vector<std::uint8_t> copy(value.begin(), value.end());
    if (kind == SecretKind::client_write_key) client_key = copy;
    if (kind == SecretKind::client_write_iv) client_iv = copy;
    if (kind == SecretKind::server_write_key) server_key = copy;
    if (kind == SecretKind::server_write_iv) server_iv = copy;
  }
  std::vector<std::uint8_t> client_key, client_iv, server_key, server_iv;
};

/// A whole TLS 1.2 record: header (type, version 3.3, length) and fragment as given.
inline std::vector<std::uint8_t> plain_record(record::ContentType type,
                                              std::span<const std::uint8_t> fragment) {
  std::vector<std::uint8_t> out{static_cast<std::uint8_t>(type), 0x03, 0x03,
                                static_cast<std::uint8_t>(fragment.size() >> 8),
                                static_cast<std::uint8_t>(fragment.size())};
  out.insert(out.end(), fragment.begin(), fragment.end());
  return out;
}

/// Seals records as one side of an AES-128-GCM connection, continuing that side's sequence
/// numbers: its Finished was record 0 under the new keys, so the first forged one is record 1.
class RecordForger {
 public:
  static Result<RecordForger> create(std::span<const std::uint8_t> key,
                                     std::span<const std::uint8_t> iv) {
    auto aead = record::AeadProtection::create(crypto::default_provider(),
                                               crypto::AeadAlgorithm::aes128_gcm, key, iv);
    if (!aead) return std::unexpected(aead.error());
    return RecordForger(std::move(*aead));
  }

  Result<std::vector<std::uint8_t>> record(record::ContentType type,
                                           std::span<const std::uint8_t> plaintext) {
    const record::RecordContext context{sequence_++, type, record::kTls12};
    std::vector<std::uint8_t> sealed(protection_->sealed_size(plaintext.size()));
    if (auto ok = protection_->seal(context, plaintext, sealed); !ok) {
      return std::unexpected(ok.error());
    }
    return plain_record(type, sealed);
  }

 private:
  explicit RecordForger(std::unique_ptr<record::RecordProtection> protection)
      : protection_(std::move(protection)) {}

  std::unique_ptr<record::RecordProtection> protection_;
  std::uint64_t sequence_ = 1;
};

}  // namespace tlsx::test
