// RSA private keys: validation of the CRT components and the private operation RSADP/RSASP1
// (RFC 8017 §5.1.2, §5.2.1) with blinding and a check of the result.
//
// Implementation notes:
// - Blinding: c' = c r^e mod n for a random r < 2^(bits(n)-1). The unblinding inverse is not
//   computed separately: m_p = c'^dp r^(p-2) mod p, where r^(p-2) = r^-1 mod p (Fermat), is one
//   simultaneous exponentiation sharing its squarings (bn::mod_exp2_consttime), about 1.2 times
//   the cost of c'^dp alone, and constant time like it. Same mod q.
// - Garner: h = (m_p - m_q) qinv mod p, m = m_q + h q < n, computed with masks.
// - Before m leaves, m^e mod n must equal c (a fault in one CRT half would otherwise give away
//   a factor of n: Boneh-DeMillo-Lipton). A mismatch is ErrorCode::internal.
// - Bit lengths of p and q (which set loop counts) are treated as public, as key sizes are.
#include <algorithm>

#include "crypto/bignum_modexp.hpp"
#include "crypto/declassify.hpp"
#include "crypto/rsa_internal.hpp"

namespace tlsx::crypto {
namespace {

Bytes strip_leading_zeros(Bytes b) noexcept {
  std::size_t i = 0;
  while (i < b.size() && b[i] == 0) ++i;
  return b.subspan(i);
}

std::unexpected<Error> bad_key(std::string detail) {
  return fail(ErrorCode::illegal_parameter, AlertDescription::illegal_parameter,
              "RSA private key: " + std::move(detail));
}

/// True when a < b (the answer is a public fact about key validity; the comparison is masked).
bool below(const bn::Nat& a, const bn::Nat& b) noexcept {
  return bn::less_than_mask(a.data(), b.data(), a.size()) != 0;
}

bn::Nat minus_two(const bn::Nat& x) {
  bn::Nat r(x.size());
  const bn::Nat two = bn::Nat::from_u64(2, x.size());
  bn::sub_n(r.data(), x.data(), two.data(), x.size());
  return r;
}

/// A fixed blinding value for the self-test in make_rsa_private_key (no RNG there).
constexpr std::uint64_t kSelfTestBlinding = 0x9e3779b97f4a7c15;

}  // namespace

Result<std::shared_ptr<const RsaPrivateKey>> make_rsa_private_key(const RsaPrivateComponents& c) {
  auto pub = RsaPublicKey::make(c.n, c.e);
  if (!pub) return std::unexpected(pub.error());
  const bn::MontModulus& mod_n = *RsaPublicKeyAccess::modulus(*pub);

  const Bytes p = strip_leading_zeros(c.p);
  const Bytes q = strip_leading_zeros(c.q);
  if (p.empty() || q.empty()) return bad_key("a prime is zero");
  const std::size_t half = bn::limbs_for_bytes(std::max(p.size(), q.size()));
  if (2 * half < mod_n.limbs()) return bad_key("primes too short for the modulus");

  bn::Nat pn = bn::Nat::from_bytes(p, half);
  bn::Nat qn = bn::Nat::from_bytes(q, half);
  bn::Nat product(2 * half);
  bn::mul_n(product.data(), pn.data(), half, qn.data(), half);
  const bn::Nat n_wide = mod_n.modulus().resized(2 * half);
  if (bn::equal_mask(product.data(), n_wide.data(), 2 * half) == 0) {
    return bad_key("p q is not the modulus");
  }

  std::shared_ptr<RsaPrivateKey> key(new RsaPrivateKey());
  key->mod_p_ = bn::MontModulus::make(pn, /*accelerate=*/true);
  key->mod_q_ = bn::MontModulus::make(qn, /*accelerate=*/true);
  if (!key->mod_p_ || !key->mod_q_) return bad_key("a prime is even or too small");

  const Bytes dp = strip_leading_zeros(c.dp);
  const Bytes dq = strip_leading_zeros(c.dq);
  const Bytes qinv = strip_leading_zeros(c.qinv);
  const std::size_t limit = half * bn::kLimbBytes;
  if (dp.size() > limit || dq.size() > limit || qinv.size() > limit) {
    return bad_key("a CRT value is longer than the primes");
  }
  key->dp_ = bn::Nat::from_bytes(dp, half);
  key->dq_ = bn::Nat::from_bytes(dq, half);
  const bn::Nat qinv_n = bn::Nat::from_bytes(qinv, half);
  if (!below(key->dp_, pn) || !below(key->dq_, qn) || !below(qinv_n, pn)) {
    return bad_key("a CRT value is not reduced");
  }

  key->pub_ = std::move(*pub);
  key->half_limbs_ = half;
  key->exp_bits_ = std::max(pn.bit_length_vartime(), qn.bit_length_vartime());
  key->p_minus_2_ = minus_two(pn);
  key->q_minus_2_ = minus_two(qn);
  key->qinv_mont_ = bn::Nat(half);
  bn::Nat scratch(key->mod_p_->scratch_limbs());
  key->mod_p_->to_mont(key->qinv_mont_.data(), qinv_n.data(), scratch.data());

  // Self-test: x^e then the private operation must give x back. This catches dp, dq or qinv
  // that do not belong to p, q and e (d itself is not used: CRT needs only dp and dq).
  const std::size_t k = key->pub_.size_bytes();
  std::vector<std::uint8_t> x(k, 0x5a);
  x[0] = 0;
  std::vector<std::uint8_t> y(k);
  std::vector<std::uint8_t> z(k);
  if (auto r = rsa_public_op(key->pub_, x, y); !r) return std::unexpected(r.error());
  const bn::Nat blinding = bn::Nat::from_u64(kSelfTestBlinding, mod_n.limbs());
  if (!key->blinded_op(y, blinding, z) || z != x) {
    return bad_key("the CRT values do not match the public key");
  }
  return std::shared_ptr<const RsaPrivateKey>(std::move(key));
}

const RsaPublicKey& public_key(const RsaPrivateKey& key) noexcept {
  return key.public_key();
}

Result<void> RsaPrivateKey::private_op(const Provider& p, Bytes in, MutableBytes out) const {
  const bn::MontModulus& mod_n = *RsaPublicKeyAccess::modulus(pub_);
  const std::size_t k = pub_.size_bytes();
  SecretBytes random(k);
  if (auto r = p.random(random.span()); !r) return std::unexpected(r.error());
  bn::Nat blinding = bn::Nat::from_bytes(random, mod_n.limbs());
  // Keep r below 2^(bits(n)-1) <= n: clear bit bits(n)-1 and everything above.
  const std::size_t bits = pub_.bits();
  for (std::size_t i = 0; i < blinding.size(); ++i) {
    const std::size_t low = i * bn::kLimbBits;
    if (low >= bits - 1) {
      blinding[i] = 0;
    } else if (bits - 1 - low < bn::kLimbBits) {
      blinding[i] &= (bn::Limb{1} << (bits - 1 - low)) - 1;
    }
  }
  return blinded_op(in, blinding, out);
}

void RsaPrivateKey::garner(bn::Limb* m, const bn::Limb* mp, const bn::Limb* mq) const {
  const std::size_t half = half_limbs_;
  const std::size_t n_limbs = RsaPublicKeyAccess::modulus(pub_)->limbs();
  const bn::MontModulus& mod_p = *mod_p_;
  bn::Nat scratch(mod_p.scratch_limbs());

  // m_q mod p (m_q < q < R, so the wide reduction applies).
  bn::Nat wide(2 * half);
  std::copy_n(mq, half, wide.data());
  bn::Nat h(half);
  mod_p.reduce(h.data(), wide.data(), scratch.data());
  // h = (m_p - m_q) mod p, adding p back under a mask when the subtraction borrowed.
  const bn::Limb borrow = bn::sub_n(h.data(), mp, h.data(), half);
  bn::Nat fixed(half);
  bn::add_n(fixed.data(), h.data(), mod_p.modulus().data(), half);
  bn::select_n(h.data(), 0 - borrow, fixed.data(), h.data(), half);
  // h = h qinv mod p (qinv_mont_ = qinv R, so one Montgomery product).
  mod_p.mul(h.data(), h.data(), qinv_mont_.data(), scratch.data());
  // m = m_q + h q < p q = n.
  bn::mul_n(wide.data(), h.data(), half, mod_q_->modulus().data(), half);
  bn::Nat mq_wide(2 * half);
  std::copy_n(mq, half, mq_wide.data());
  bn::add_n(wide.data(), wide.data(), mq_wide.data(), 2 * half);
  std::copy_n(wide.data(), n_limbs, m);
}

Result<void> RsaPrivateKey::blinded_op(Bytes in, const bn::Nat& r, MutableBytes out) const {
  const bn::MontModulus& mod_n = *RsaPublicKeyAccess::modulus(pub_);
  const std::size_t k = pub_.size_bytes();
  if (out.size() != k) return fail_argument("RSA private operation: output size");
  if (in.size() != k) {
    return fail(ErrorCode::decrypt_error, AlertDescription::decrypt_error,
                "RSA: input is not as long as the modulus");
  }
  const std::size_t n_limbs = mod_n.limbs();
  const std::size_t half = half_limbs_;
  const bn::Nat c = bn::Nat::from_bytes(in, n_limbs);
  if (bn::less_than_mask(c.data(), mod_n.modulus().data(), n_limbs) == 0) {
    return fail(ErrorCode::decrypt_error, AlertDescription::decrypt_error,
                "RSA: input is not below the modulus");
  }
  const bn::Nat e = bn::Nat::from_bytes(pub_.exponent(), 1);
  bn::Nat scratch(mod_n.scratch_limbs());

  // c' = c r^e mod n (two Montgomery products: c (r^e) / R, then times R^2 / R).
  bn::Nat blinded(n_limbs);
  bn::mod_exp_vartime(mod_n, blinded.data(), r.data(), e.limbs());
  mod_n.mul(blinded.data(), c.data(), blinded.data(), scratch.data());
  mod_n.mul(blinded.data(), blinded.data(), mod_n.r_squared().data(), scratch.data());

  // m_p = c'^dp r^(p-2) mod p, m_q = c'^dq r^(q-2) mod q.
  const bn::Nat blinded_wide = blinded.resized(2 * half);
  const bn::Nat r_wide = r.resized(2 * half);
  bn::Nat half_scratch(mod_p_->scratch_limbs());
  bn::Nat base_p(half);
  bn::Nat base_q(half);
  bn::Nat r_p(half);
  bn::Nat r_q(half);
  mod_p_->reduce(base_p.data(), blinded_wide.data(), half_scratch.data());
  mod_q_->reduce(base_q.data(), blinded_wide.data(), half_scratch.data());
  mod_p_->reduce(r_p.data(), r_wide.data(), half_scratch.data());
  mod_q_->reduce(r_q.data(), r_wide.data(), half_scratch.data());
  bn::Nat m_p(half);
  bn::Nat m_q(half);
  bn::mod_exp2_consttime_pair({&*mod_p_, m_p.data(), base_p.data(), &dp_, r_p.data(), &p_minus_2_},
                              {&*mod_q_, m_q.data(), base_q.data(), &dq_, r_q.data(), &q_minus_2_},
                              exp_bits_);

  bn::Nat m(n_limbs);
  garner(m.data(), m_p.data(), m_q.data());

  // Fault check: m^e == c mod n. Its outcome is public (an error is returned either way only
  // after a fault), so it is declassified for the memcheck constant-time tests.
  bn::Nat check(n_limbs);
  bn::mod_exp_vartime(mod_n, check.data(), m.data(), e.limbs());
  if (declassify(bn::equal_mask(check.data(), c.data(), n_limbs)) == 0) {
    secure_wipe(out);
    return fail(ErrorCode::internal, AlertDescription::internal_error,
                "RSA private operation failed its consistency check");
  }
  m.to_bytes(out);
  return {};
}

}  // namespace tlsx::crypto
