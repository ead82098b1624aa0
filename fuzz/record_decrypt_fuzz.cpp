// Fuzzes record decryption for every protection with fixed keys.
//
// Input: byte 0 picks the protection, byte 1 the mode, bytes 2..9 the sequence number, byte 10
// the content type; the rest is data.
//   mode even: the data is a received fragment. open() must fail with bad_record_mac or return a
//              plaintext that lies inside the fragment; a success is re-sealed and re-opened.
//   mode odd:  the data is a plaintext (cut to 2^14). It is sealed, one bit (chosen by the mode
//              byte and the data length) is flipped, and open() must fail with bad_record_mac;
//              the unflipped fragment must open to the plaintext.
// Exercises the constant-time CBC padding / MAC code on arbitrary lengths and contents.
#include <algorithm>
#include <array>
#include <cstdint>
#include <cstdlib>
#include <memory>
#include <span>
#include <vector>

#include "record/aead_protection.hpp"
#include "record/cbc_hmac_protection.hpp"
#include "record/null_protection.hpp"
#include "tlsx/crypto/provider.hpp"

using namespace tlsx;
using namespace tlsx::record;
using crypto::AeadAlgorithm;
using crypto::CipherAlgorithm;
using crypto::HashAlgorithm;

namespace {

using ByteVec = std::vector<std::uint8_t>;

void check(bool ok) {
  if (!ok) std::abort();
}

constexpr std::array<std::uint8_t, 64> kKeyBytes = [] {
  std::array<std::uint8_t, 64> k{};
  for (std::size_t i = 0; i < k.size(); ++i) k[i] = static_cast<std::uint8_t>(i * 29 + 7);
  return k;
}();

std::span<const std::uint8_t> key(std::size_t n, std::size_t offset = 0) {
  return std::span(kKeyBytes).subspan(offset, n);
}

constexpr std::size_t kProtections = 13;

std::unique_ptr<RecordProtection> make(std::size_t which) {
  const auto& p = crypto::default_provider();
  // A deterministic IV source keeps runs reproducible.
  IvSource fixed_iv = [](std::span<std::uint8_t> iv) -> Result<void> {
    std::fill(iv.begin(), iv.end(), 0x42);
    return {};
  };
  auto cbc = [&](CipherAlgorithm c, HashAlgorithm h,
                 MacOrder o) -> std::unique_ptr<RecordProtection> {
    auto r = CbcHmacProtection::create(p, {c, h, o}, key(crypto::key_size(c)),
                                       key(crypto::digest_size(h), 8), fixed_iv);
    check(r.has_value());
    return std::move(*r);
  };
  auto aead = [&](AeadAlgorithm a) -> std::unique_ptr<RecordProtection> {
    auto r = AeadProtection::create(p, a, key(crypto::key_size(a)),
                                    key(a == AeadAlgorithm::chacha20_poly1305 ? 12 : 4, 40));
    check(r.has_value());
    return std::move(*r);
  };
  switch (which) {
    case 0:
      return make_null_protection();
    case 1:
      return aead(AeadAlgorithm::aes128_gcm);
    case 2:
      return aead(AeadAlgorithm::aes256_gcm);
    case 3:
      return aead(AeadAlgorithm::chacha20_poly1305);
    case 4:
      return cbc(CipherAlgorithm::aes128, HashAlgorithm::sha1, MacOrder::mac_then_encrypt);
    case 5:
      return cbc(CipherAlgorithm::aes256, HashAlgorithm::sha1, MacOrder::mac_then_encrypt);
    case 6:
      return cbc(CipherAlgorithm::aes128, HashAlgorithm::sha256, MacOrder::mac_then_encrypt);
    case 7:
      return cbc(CipherAlgorithm::aes256, HashAlgorithm::sha256, MacOrder::mac_then_encrypt);
    case 8:
      return cbc(CipherAlgorithm::aes256, HashAlgorithm::sha384, MacOrder::mac_then_encrypt);
    case 9:
      return cbc(CipherAlgorithm::aes128, HashAlgorithm::sha1, MacOrder::encrypt_then_mac);
    case 10:
      return cbc(CipherAlgorithm::aes128, HashAlgorithm::sha256, MacOrder::encrypt_then_mac);
    case 11:
      return cbc(CipherAlgorithm::aes256, HashAlgorithm::sha384, MacOrder::encrypt_then_mac);
    default:
      return cbc(CipherAlgorithm::aes256, HashAlgorithm::sha256, MacOrder::encrypt_then_mac);
  }
}

/// One protection object per kind, made once (key setup is not what is being fuzzed).
RecordProtection& protection(std::size_t which) {
  static std::array<std::unique_ptr<RecordProtection>, kProtections> cache;
  if (!cache[which]) cache[which] = make(which);
  return *cache[which];
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size < 11) return 0;
  const std::size_t which = data[0] % kProtections;
  const std::uint8_t mode = data[1];
  std::uint64_t seq = 0;
  for (int i = 0; i < 8; ++i) seq = seq << 8 | data[2 + i];
  const auto type = static_cast<ContentType>(20 + data[10] % 4);
  const RecordContext context{seq, type, kTls12};
  RecordProtection& prot = protection(which);
  const std::span<const std::uint8_t> rest(data + 11, size - 11);

  if ((mode & 1) == 0) {
    ByteVec fragment(rest.begin(), rest.end());
    auto opened = prot.open(context, fragment);
    if (!opened) {
      check(opened.error().code == ErrorCode::bad_record_mac);
      return 0;
    }
    check(opened->data() >= fragment.data() &&
          opened->data() + opened->size() <= fragment.data() + fragment.size());
    if (opened->size() > kMaxPlaintextSize) return 0;  // the reader refuses these
    const ByteVec plaintext(opened->begin(), opened->end());
    ByteVec sealed(prot.sealed_size(plaintext.size()));
    check(prot.seal(context, plaintext, sealed).has_value());
    auto back = prot.open(context, sealed);
    check(back.has_value() && ByteVec(back->begin(), back->end()) == plaintext);
    return 0;
  }

  const auto plaintext = rest.first(std::min(rest.size(), kMaxPlaintextSize));
  ByteVec sealed(prot.sealed_size(plaintext.size()));
  check(prot.seal(context, plaintext, sealed).has_value());
  ByteVec intact = sealed;
  auto opened = prot.open(context, intact);
  check(opened.has_value() &&
        std::equal(opened->begin(), opened->end(), plaintext.begin(), plaintext.end()));
  if (which == 0 || sealed.empty()) return 0;
  const std::size_t bit = (std::size_t{mode} * 7919 + plaintext.size() * 131) % (sealed.size() * 8);
  sealed[bit / 8] ^= static_cast<std::uint8_t>(1u << (bit % 8));
  auto tampered = prot.open(context, sealed);
  check(!tampered.has_value() && tampered.error().code == ErrorCode::bad_record_mac);
  return 0;
}
