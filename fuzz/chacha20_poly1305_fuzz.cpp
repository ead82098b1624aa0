// Differential fuzzing of the builtin ChaCha20-Poly1305 against libsodium: with the key, nonce,
// AAD and message taken from the input, every builtin kernel combination the CPU can run must seal
// to libsodium's bytes and open them back, and opening the message bytes as a sealed record must
// succeed or fail exactly as libsodium does (and give the same plaintext, or a zeroed output).
#include <sodium.h>

#include <algorithm>
#include <cstdint>
#include <cstdlib>
#include <memory>
#include <span>
#include <vector>

#include "crypto/builtin/chacha20_poly1305.hpp"

namespace {

using namespace tlsx::crypto;
using namespace tlsx::crypto::builtin;

void require(bool ok) {
  if (!ok) std::abort();
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  static const bool init = sodium_init() >= 0;
  require(init);
  // Layout: key (32) | nonce (12) | aad length (1) | aad | message.
  if (size < 45) return 0;
  const std::span<const std::uint8_t> in(data, size);
  const auto key = in.first(32);
  const auto nonce = in.subspan(32, 12);
  const std::size_t aad_len = std::min<std::size_t>(in[44], size - 45);
  const auto aad = in.subspan(45, aad_len);
  const auto msg = in.subspan(45 + aad_len);

  std::vector<std::uint8_t> expected(msg.size() + 16);
  unsigned long long len = 0;
  crypto_aead_chacha20poly1305_ietf_encrypt(expected.data(), &len, msg.data(), msg.size(),
                                            aad.data(), aad.size(), nullptr, nonce.data(),
                                            key.data());
  // The message as a sealed record (ciphertext || tag), if long enough.
  std::vector<std::uint8_t> sodium_plain(msg.size() >= 16 ? msg.size() - 16 : 0);
  const bool sodium_opens =
      msg.size() >= 16 && crypto_aead_chacha20poly1305_ietf_decrypt(
                              sodium_plain.data(), &len, nullptr, msg.data(), msg.size(),
                              aad.data(), aad.size(), nonce.data(), key.data()) == 0;

  for (auto chacha : {ChaCha20Kernel::portable, ChaCha20Kernel::avx2, ChaCha20Kernel::avx512}) {
    for (auto poly : {Poly1305Kernel::portable, Poly1305Kernel::avx2, Poly1305Kernel::avx512ifma}) {
      auto aead = make_chacha20_poly1305_with(key, chacha, poly);
      if (!aead) continue;  // kernel not available here
      std::vector<std::uint8_t> sealed(msg.size() + 16);
      require(bool((*aead)->seal(nonce, aad, msg, sealed)));
      require(sealed == expected);
      std::vector<std::uint8_t> round_trip(msg.size());
      require(bool((*aead)->open(nonce, aad, expected, round_trip)));
      require(std::equal(round_trip.begin(), round_trip.end(), msg.begin(), msg.end()));
      if (msg.size() < 16) continue;
      std::vector<std::uint8_t> opened(msg.size() - 16, 0xa5);
      const bool ok = bool((*aead)->open(nonce, aad, msg, opened));
      require(ok == sodium_opens);
      if (ok) {
        require(opened == sodium_plain);
      } else {
        require(std::all_of(opened.begin(), opened.end(), [](std::uint8_t b) { return b == 0; }));
      }
    }
  }
  return 0;
}
