// The handshake transcript (RFC 5246 §7.4.9 handshake_messages; RFC 7627 §3 session_hash).
//
// Every handshake message sent or received is added here, by exactly one place in the engine.
// Messages are kept (CertificateVerify signs them raw) and, once the ServerHello fixes the PRF
// hash, also run through an incremental hash. hash() is the hash of everything added so far;
// hash_before_last() excludes the message added last, which is what a received Finished or
// CertificateVerify is checked against.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <span>
#include <vector>

#include "tlsx/crypto/provider.hpp"
#include "tlsx/error.hpp"

namespace tlsx::handshake {

class Transcript {
 public:
  /// Starts hashing with alg; messages added before are hashed now.
  Result<void> start_hash(const crypto::Provider& provider, crypto::HashAlgorithm alg);
  void add(std::span<const std::uint8_t> message);

  /// Hash of all messages added; fails before start_hash().
  [[nodiscard]] Result<std::vector<std::uint8_t>> hash() const;
  /// Hash of all messages but the last one added.
  [[nodiscard]] Result<std::vector<std::uint8_t>> hash_before_last() const;
  /// Every message added, concatenated: CertificateVerify signs these bytes themselves with a
  /// hash of the signer's choice (RFC 5246 §7.4.8), not the PRF hash.
  [[nodiscard]] std::span<const std::uint8_t> messages() const noexcept { return buffer_; }
  /// The same without the message added last.
  [[nodiscard]] std::span<const std::uint8_t> messages_before_last() const noexcept {
    return std::span(buffer_).first(last_start_);
  }

 private:
  std::vector<std::uint8_t> buffer_;
  std::unique_ptr<crypto::Hash> running_;
  std::unique_ptr<crypto::Hash> before_last_;
  std::size_t last_start_ = 0;  ///< offset of the last message in buffer_ (before hashing)
};

}  // namespace tlsx::handshake
