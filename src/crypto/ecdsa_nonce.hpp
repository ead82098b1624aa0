// ECDSA nonce generation of RFC 6979 §3.2 (HMAC_DRBG over the private key and the message hash),
// with the optional extra input of §3.6 so that a random value hedges it: the nonce stays
// unpredictable if the RNG fails (determinism) and if the key is fault-attacked (randomness).
#pragma once

#include <memory>

#include "tlsx/crypto/provider.hpp"
#include "tlsx/secret.hpp"

namespace tlsx::crypto::ec::detail {

class Rfc6979Nonces {
 public:
  /// x_octets = int2octets(private key), h1_octets = bits2octets(message hash), both rlen bytes;
  /// extra may be empty (the plain deterministic nonce of RFC 6979).
  static Result<Rfc6979Nonces> start(const Provider& provider, HashAlgorithm alg, Bytes x_octets,
                                     Bytes h1_octets, Bytes extra);
  /// The next candidate T (out.size() bytes; the caller applies bits2int and the range check,
  /// then asks again after a rejected candidate, per step h.3).
  Result<void> next(MutableBytes out);

 private:
  Rfc6979Nonces(const Provider& provider, HashAlgorithm alg) : provider_(&provider), alg_(alg) {}
  /// out = HMAC_K(parts...).
  Result<void> hmac(MutableBytes out, std::initializer_list<Bytes> parts) const;

  const Provider* provider_;
  HashAlgorithm alg_;
  SecretBytes k_;
  SecretBytes v_;
  bool first_ = true;
};

}  // namespace tlsx::crypto::ec::detail
