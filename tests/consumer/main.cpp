// Links against the installed tlsx and uses its public API: hashes "abc" with the default
// provider and checks the FIPS 180-2 answer; seals and opens a message with AES-128-GCM.
#include <array>
#include <cstdio>
#include <cstring>
#include <string_view>

#include <tlsx/byte_reader.hpp>
#include <tlsx/crypto/provider.hpp>

int main() {
  const auto& provider = tlsx::crypto::default_provider();
  const std::string_view abc = "abc";
  std::array<std::uint8_t, 32> digest{};
  if (!tlsx::crypto::hash_once(provider, tlsx::crypto::HashAlgorithm::sha256,
                               {reinterpret_cast<const std::uint8_t*>(abc.data()), abc.size()},
                               digest)) {
    std::puts("consumer: SHA-256 unavailable");
    return 1;
  }
  const std::array<std::uint8_t, 4> expected_prefix = {0xba, 0x78, 0x16, 0xbf};
  if (std::memcmp(digest.data(), expected_prefix.data(), expected_prefix.size()) != 0) {
    std::puts("consumer: wrong SHA-256");
    return 1;
  }

  std::array<std::uint8_t, 16> key{};
  std::array<std::uint8_t, 12> nonce{};
  std::array<std::uint8_t, 5> message = {'h', 'e', 'l', 'l', 'o'};
  std::array<std::uint8_t, 5 + 16> sealed{};
  std::array<std::uint8_t, 5> opened{};
  auto aead = provider.aead(tlsx::crypto::AeadAlgorithm::aes128_gcm, key);
  if (!aead || !(*aead)->seal(nonce, {}, message, sealed) ||
      !(*aead)->open(nonce, {}, sealed, opened) || opened != message) {
    std::puts("consumer: AES-128-GCM round trip failed");
    return 1;
  }
  tlsx::ByteReader reader(sealed);
  std::uint8_t first = 0;
  if (!reader.u8(first)) return 1;
  std::printf(
      "consumer: linked against installed tlsx via %s provider; SHA-256 and AES-128-GCM ok\n",
      std::string(provider.name()).c_str());
  return 0;
}
