// ECDSA signing and verification (SEC 1 §4.1, FIPS 186-4 §6) on P-256 and P-384.
//
// Signing is constant time in the private key and the nonce: the nonce multiplies G through the
// masked-table base_mult(), k^-1 mod n is Fermat's k^(n-2) with a public exponent, and the only
// branches are on declassified verdicts that are public anyway (a rejected nonce candidate, with
// probability < 2^-32, and r or s being zero). Verification handles public values only.
#include <algorithm>
#include <array>

#include "crypto/ec_internal.hpp"
#include "crypto/ecdsa_internal.hpp"
#include "crypto/ecdsa_nonce.hpp"
#include "crypto/ecdsa_signature_der.hpp"
#include "handshake/try.hpp"

namespace tlsx::crypto::ec {

using namespace detail;

namespace {

/// SEC 1 §4.1.3 step 5 / RFC 6979 bits2int, then reduced mod n: the leftmost scalar-size bytes
/// of the digest (both orders are a whole number of bytes long), as a plain scalar < n.
template <class C>
typename C::S::Fe digest_scalar(std::span<const std::uint8_t> digest) {
  std::array<std::uint8_t, C::kBytes> buf{};
  if (digest.size() >= C::kBytes) {
    std::copy_n(digest.begin(), C::kBytes, buf.begin());
  } else {
    std::copy(digest.begin(), digest.end(), buf.end() - static_cast<std::ptrdiff_t>(digest.size()));
  }
  return C::S::reduce_plain(C::S::from_bytes(buf));
}

template <class C>
HashAlgorithm nonce_hash() noexcept {
  return C::kBytes == 32 ? HashAlgorithm::sha256 : HashAlgorithm::sha384;
}

template <class C>
Result<std::vector<std::uint8_t>> sign(std::span<const std::uint8_t> private_scalar,
                                       std::span<const std::uint8_t> digest,
                                       const Provider& provider,
                                       std::span<const std::uint8_t> extra) {
  using S = typename C::S;
  using F = typename C::F;
  TLSX_TRY_LET(d, decode_private_scalar<C>(private_scalar));
  const auto e = digest_scalar<C>(digest);
  std::array<std::uint8_t, C::kBytes> h1{};
  S::to_bytes(h1, e);
  TLSX_TRY_LET(nonces, Rfc6979Nonces::start(provider, nonce_hash<C>(), private_scalar, h1, extra));

  auto dm = S::to_mont(d);
  typename S::Fe k{}, km{}, kinv{};
  Point<C> point{};
  typename F::Fe x{}, y{};
  const WipeOnExit wipe(d, dm, k, km, kinv, point, x, y);
  const auto em = S::to_mont(e);
  SecretBytes k_bytes(C::kBytes);
  for (int attempt = 0; attempt < 64; ++attempt) {
    TLSX_TRY(nonces.next(k_bytes.span()));
    k = S::from_bytes(k_bytes.span());
    if (!declassify((S::less_than_modulus(k) & ~S::is_zero(k)) != 0)) continue;  // step h.3

    point = base_mult<C>(k);
    (void)point_to_affine(point, x, y);               // 1 <= k < n: never the identity
    const auto r = S::reduce_plain(F::from_mont(x));  // x < p < 2n
    km = S::to_mont(k);
    kinv = S::inv(km);
    const auto s = S::from_mont(S::mul(kinv, S::add(em, S::mul(S::to_mont(r), dm))));
    if (declassify((S::is_zero(r) | S::is_zero(s)) != 0)) continue;

    std::array<std::uint8_t, C::kBytes> r_bytes{};
    std::array<std::uint8_t, C::kBytes> s_bytes{};
    S::to_bytes(r_bytes, r);
    S::to_bytes(s_bytes, s);
    // r and s are the published signature: the DER encoder may look at their leading octets.
    TLSX_DECLASSIFY_BYTES(r_bytes.data(), r_bytes.size());
    TLSX_DECLASSIFY_BYTES(s_bytes.data(), s_bytes.size());
    return encode_ecdsa_signature(r_bytes, s_bytes);
  }
  return fail(ErrorCode::crypto, AlertDescription::internal_error,
              "ECDSA: no valid nonce after 64 candidates");
}

template <class C>
Result<void> verify(std::span<const std::uint8_t> public_point,
                    std::span<const std::uint8_t> digest,
                    std::span<const std::uint8_t> der_signature) {
  using S = typename C::S;
  using F = typename C::F;
  TLSX_TRY_LET(q, decode_point<C>(public_point));
  std::array<std::uint8_t, C::kBytes> r_bytes{};
  std::array<std::uint8_t, C::kBytes> s_bytes{};
  TLSX_TRY(parse_ecdsa_signature(der_signature, r_bytes, s_bytes));
  const auto r = S::from_bytes(r_bytes);
  const auto s = S::from_bytes(s_bytes);
  const auto bad = [] {
    return fail(ErrorCode::decrypt_error, AlertDescription::decrypt_error,
                "ECDSA signature does not verify");
  };
  if (S::is_zero(r) || S::is_zero(s) || !S::less_than_modulus(r) || !S::less_than_modulus(s)) {
    return bad();
  }
  const auto w = S::inv(S::to_mont(s));
  const auto u1 = S::from_mont(S::mul(S::to_mont(digest_scalar<C>(digest)), w));
  const auto u2 = S::from_mont(S::mul(S::to_mont(r), w));
  const auto point = double_mult_vartime<C>(u1, u2, q);
  typename F::Fe x, y;
  if (point_to_affine(point, x, y)) return bad();
  if (!S::equal(S::reduce_plain(F::from_mont(x)), r)) return bad();
  return {};
}

}  // namespace

Result<std::vector<std::uint8_t>> ecdsa_sign_with_extra(
    Curve curve, std::span<const std::uint8_t> private_scalar, std::span<const std::uint8_t> digest,
    const Provider& provider, std::span<const std::uint8_t> extra) {
  return with_curve(curve,
                    [&]<class C>(C) { return sign<C>(private_scalar, digest, provider, extra); });
}

Result<std::vector<std::uint8_t>> ecdsa_sign(Curve curve,
                                             std::span<const std::uint8_t> private_scalar,
                                             std::span<const std::uint8_t> digest,
                                             const Provider& provider) {
  SecretBytes extra(32);
  TLSX_TRY(provider.random(extra.span()));
  return ecdsa_sign_with_extra(curve, private_scalar, digest, provider, extra.span());
}

Result<void> ecdsa_verify(Curve curve, std::span<const std::uint8_t> public_point,
                          std::span<const std::uint8_t> digest,
                          std::span<const std::uint8_t> der_signature) {
  return with_curve(curve,
                    [&]<class C>(C) { return verify<C>(public_point, digest, der_signature); });
}

}  // namespace tlsx::crypto::ec
