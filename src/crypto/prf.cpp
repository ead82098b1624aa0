// TLS 1.2 PRF (RFC 5246 §5), written over the provider's HMAC.
//
// The seed is never concatenated into a buffer: HMAC is incremental, so each block feeds A(i),
// then the label, then every seed piece. One Mac object serves all blocks because finish()
// resets it to the keyed state. A(i) and each output block live in stack buffers that are wiped
// before returning (they are as secret as the output).
#include "crypto/prf.hpp"

#include <algorithm>
#include <array>
#include <cstring>

#include "tlsx/crypto/constant_time.hpp"

namespace tlsx::crypto {
namespace {

constexpr std::size_t kMaxDigest = 64;  // SHA-512

void feed(Mac& mac, std::span<const Bytes> parts) noexcept {
  for (Bytes part : parts) mac.update(part);
}

// P_hash over seed = concatenation of parts (RFC 5246 §5).
Result<void> p_hash_parts(const Provider& provider, HashAlgorithm alg, Bytes secret,
                          std::span<const Bytes> seed, MutableBytes out) {
  auto made = provider.hmac(alg, secret);
  if (!made) return std::unexpected(std::move(made.error()));
  Mac& mac = **made;
  const std::size_t n = digest_size(alg);

  std::array<std::uint8_t, kMaxDigest> a{};      // A(i)
  std::array<std::uint8_t, kMaxDigest> block{};  // HMAC(secret, A(i) + seed)
  const MutableBytes a_span(a.data(), n);

  feed(mac, seed);  // A(1) = HMAC(secret, A(0)), A(0) = seed
  mac.finish(a_span);
  for (std::size_t done = 0; done < out.size();) {
    mac.update(a_span);
    feed(mac, seed);
    mac.finish(MutableBytes(block.data(), n));
    const std::size_t take = std::min(n, out.size() - done);
    std::memcpy(out.data() + done, block.data(), take);
    done += take;
    if (done < out.size()) {
      mac.update(a_span);  // A(i+1) = HMAC(secret, A(i))
      mac.finish(a_span);
    }
  }
  secure_wipe(a.data(), a.size());
  secure_wipe(block.data(), block.size());
  return {};
}

Bytes label_bytes(std::string_view label) noexcept {
  return {reinterpret_cast<const std::uint8_t*>(label.data()), label.size()};
}

}  // namespace

Result<void> p_hash(const Provider& provider, HashAlgorithm alg, Bytes secret, Bytes seed,
                    MutableBytes out) {
  const std::array<Bytes, 1> parts{seed};
  return p_hash_parts(provider, alg, secret, parts, out);
}

Result<void> prf(const Provider& provider, HashAlgorithm alg, Bytes secret, std::string_view label,
                 Bytes seed, MutableBytes out) {
  const std::array<Bytes, 2> parts{label_bytes(label), seed};
  return p_hash_parts(provider, alg, secret, parts, out);
}

Result<void> prf(const Provider& provider, HashAlgorithm alg, Bytes secret, std::string_view label,
                 std::span<const Bytes> seed_parts, MutableBytes out) {
  // label + seed: at most a handful of pieces in TLS (two randoms, or a session hash).
  constexpr std::size_t kMaxParts = 8;
  if (seed_parts.size() > kMaxParts) return fail_argument("prf: too many seed pieces");
  std::array<Bytes, kMaxParts + 1> parts{};
  parts[0] = label_bytes(label);
  std::copy(seed_parts.begin(), seed_parts.end(), parts.begin() + 1);
  return p_hash_parts(provider, alg, secret, std::span(parts.data(), seed_parts.size() + 1), out);
}

}  // namespace tlsx::crypto
