// RFC 6979 §3.2 steps b-h over the provider's HMAC.
#include "crypto/ecdsa_nonce.hpp"

#include <algorithm>
#include <array>

#include "handshake/try.hpp"

namespace tlsx::crypto::ec::detail {

Result<void> Rfc6979Nonces::hmac(MutableBytes out, std::initializer_list<Bytes> parts) const {
  TLSX_TRY_LET(mac, provider_->hmac(alg_, k_.span()));
  for (Bytes part : parts) mac->update(part);
  mac->finish(out);
  return {};
}

Result<Rfc6979Nonces> Rfc6979Nonces::start(const Provider& provider, HashAlgorithm alg,
                                           Bytes x_octets, Bytes h1_octets, Bytes extra) {
  Rfc6979Nonces n(provider, alg);
  const std::size_t hlen = digest_size(alg);
  n.v_ = SecretBytes(hlen);
  std::fill(n.v_.data(), n.v_.data() + hlen, std::uint8_t{0x01});  // step b
  n.k_ = SecretBytes(hlen);                                        // step c: K = 0x00...
  static constexpr std::array<std::uint8_t, 1> kZero{0x00};
  static constexpr std::array<std::uint8_t, 1> kOne{0x01};
  for (Bytes separator : {Bytes(kZero), Bytes(kOne)}) {  // steps d-g
    SecretBytes new_k(hlen);
    TLSX_TRY(n.hmac(new_k.span(), {n.v_.span(), separator, x_octets, h1_octets, extra}));
    n.k_ = std::move(new_k);
    TLSX_TRY(n.hmac(n.v_.span(), {n.v_.span()}));
  }
  return n;
}

Result<void> Rfc6979Nonces::next(MutableBytes out) {
  const std::size_t hlen = digest_size(alg_);
  if (!first_) {  // step h.3: K = HMAC_K(V || 0x00), V = HMAC_K(V)
    static constexpr std::array<std::uint8_t, 1> kZero{0x00};
    SecretBytes new_k(hlen);
    TLSX_TRY(hmac(new_k.span(), {v_.span(), Bytes(kZero)}));
    k_ = std::move(new_k);
    TLSX_TRY(hmac(v_.span(), {v_.span()}));
  }
  first_ = false;
  for (std::size_t filled = 0; filled < out.size(); filled += hlen) {  // step h.2
    TLSX_TRY(hmac(v_.span(), {v_.span()}));
    const std::size_t take = std::min(hlen, out.size() - filled);
    std::copy_n(v_.data(), take, out.data() + filled);
  }
  return {};
}

}  // namespace tlsx::crypto::ec::detail
