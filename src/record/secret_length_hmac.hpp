// SecretLengthHmac: HMAC over a message whose length is secret, in constant time.
//
// Why: in MAC-then-encrypt CBC records (RFC 5246 §6.2.3.2) the MAC covers the plaintext, whose
// length is only known after the padding length byte was decrypted. A plain HMAC over that many
// bytes runs the hash compression function a number of times that depends on the padding length,
// and the time difference is the Lucky Thirteen padding oracle (AlFardan and Paterson, 2013).
//
// How: the hash runs over the public prefix and the shortest possible message, then takes the
// candidate bytes one at a time up to the longest possible message. After each byte a copy of the
// running state is finished, and the digest is kept, with a mask, only when that length is the
// secret one. Every call does the same updates, copies and finishes for the same public lengths,
// whatever the secret length is; no branch and no memory index depends on it. The cost is one
// finish (one or two compressions) per candidate length, at most 256 of them for a TLS record.
//
// The hash objects come from the provider (so SHA-NI etc. are used); builtin hashes are copied in
// place, others through clone().
#pragma once

#include <cstddef>
#include <cstdint>
#include <memory>
#include <span>

#include "tlsx/crypto/provider.hpp"
#include "tlsx/error.hpp"

namespace tlsx::record {

class SecretLengthHmac {
 public:
  /// key: the MAC key (any length; RFC 2104 key handling).
  [[nodiscard]] static Result<SecretLengthHmac> create(const crypto::Provider& provider,
                                                       crypto::HashAlgorithm algorithm,
                                                       std::span<const std::uint8_t> key);

  SecretLengthHmac(SecretLengthHmac&&) noexcept = default;
  SecretLengthHmac& operator=(SecretLengthHmac&&) noexcept = default;

  /// Writes HMAC(key, prefix || data[0, secret_length)) into out (digest_size() bytes), for a
  /// secret_length in [min_length, data.size()]. prefix, min_length and data.size() are public;
  /// the contents of prefix and data may be secret. secret_length outside the range gives an
  /// unspecified tag (never a crash), which the caller's MAC comparison then rejects.
  void compute(std::span<const std::uint8_t> prefix, std::span<const std::uint8_t> data,
               std::size_t min_length, std::size_t secret_length, std::span<std::uint8_t> out);

  [[nodiscard]] std::size_t digest_size() const noexcept;

 private:
  SecretLengthHmac() = default;
  /// target := a copy of source's running state.
  void copy_state(std::unique_ptr<crypto::Hash>& target, const crypto::Hash& source) const;

  std::unique_ptr<crypto::Hash> inner_keyed_;  ///< after absorbing K0 ^ ipad
  std::unique_ptr<crypto::Hash> outer_keyed_;  ///< after absorbing K0 ^ opad
  std::unique_ptr<crypto::Hash> running_;      ///< scratch: the inner hash being fed
  std::unique_ptr<crypto::Hash> candidate_;    ///< scratch: finished once per candidate length
  bool copy_in_place_ = false;                 ///< the hashes are builtin StateCopyableHash
};

}  // namespace tlsx::record
