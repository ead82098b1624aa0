// Fuzzes P-256/P-384 public point validation, strict DER parsing of ECDSA signatures and ECDSA
// verification on arbitrary input.
//
// Input: byte 0 selects the curve (bit 0: P-384); then point_size() bytes of public point,
// scalar_size() bytes of digest, and the rest is the DER signature.
// Properties beyond "no crash, no UB":
//   - a point that validates round-trips: ECDH with the scalar 1 returns its X coordinate;
//   - verification against an invalid point fails with illegal_parameter (checked first);
//   - a signature that parses re-encodes to exactly the same bytes (DER has one encoding);
//   - when the digest bytes are a valid private scalar d, a deterministic signature by d over
//     them verifies under public_key(d).
#include <algorithm>
#include <array>
#include <cstdint>
#include <cstdlib>
#include <span>
#include <vector>

#include "crypto/ec.hpp"
#include "crypto/ecdsa_internal.hpp"
#include "crypto/ecdsa_signature_der.hpp"
#include "tlsx/crypto/provider.hpp"

namespace ec = tlsx::crypto::ec;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size < 1) return 0;
  const ec::Curve curve = (data[0] & 1) != 0 ? ec::Curve::p384 : ec::Curve::p256;
  const std::size_t n = ec::scalar_size(curve);
  std::span<const std::uint8_t> in(data + 1, size - 1);
  const std::size_t point_len = std::min(in.size(), ec::point_size(curve));
  const auto point = in.first(point_len);
  in = in.subspan(point_len);
  const auto digest = in.first(std::min(in.size(), n));
  const auto signature = in.subspan(digest.size());

  const bool valid_point = ec::validate_public_point(curve, point).has_value();
  if (valid_point) {
    std::vector<std::uint8_t> one(n, 0);
    one.back() = 1;
    auto x = ec::ecdh(curve, one, point);
    if (!x || !std::equal(x->span().begin(), x->span().end(), point.begin() + 1,
                          point.begin() + 1 + static_cast<std::ptrdiff_t>(n))) {
      std::abort();
    }
  }

  auto verdict = ec::ecdsa_verify(curve, point, digest, signature);
  if (!valid_point && (verdict || verdict.error().code == tlsx::ErrorCode::decrypt_error)) {
    std::abort();
  }

  std::array<std::uint8_t, 48> r{};
  std::array<std::uint8_t, 48> s{};
  if (ec::detail::parse_ecdsa_signature(signature, std::span(r).first(n), std::span(s).first(n))) {
    const auto again =
        ec::detail::encode_ecdsa_signature(std::span(r).first(n), std::span(s).first(n));
    if (!std::equal(again.begin(), again.end(), signature.begin(), signature.end())) std::abort();
  }

  if (auto pub = ec::public_key(curve, digest)) {
    auto sig =
        ec::ecdsa_sign_with_extra(curve, digest, digest, tlsx::crypto::default_provider(), {});
    if (!sig || !ec::ecdsa_verify(curve, *pub, digest, *sig)) std::abort();
  }
  return 0;
}
