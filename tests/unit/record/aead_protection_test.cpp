// AeadProtection specifics: the nonce construction of each algorithm checked against the raw
// provider AEAD, reading a peer's own GCM explicit nonce, and creation errors.
#include <catch2/catch.hpp>

#include "protection_suites.hpp"

using namespace tlsx;
using namespace tlsx::record;
using namespace tlsx::record::test;
using tlsx::test::to_hex;

TEST_CASE("AEAD: GCM sends the sequence number as explicit nonce (RFC 5288 3)", "[record]") {
  const auto& p = crypto::default_provider();
  const auto key = pattern(16, 1);
  const auto salt = pattern(4, 2);
  auto prot = AeadProtection::create(p, AeadAlgorithm::aes128_gcm, key, salt);
  REQUIRE(prot);
  const RecordContext context{0x0102030405060708, ContentType::application_data, kTls12};
  const auto plaintext = pattern(21, 3);
  const auto fragment = seal(**prot, context, plaintext);
  CHECK(to_hex(std::span(fragment).first(8)) == "0102030405060708");

  // The same with the raw AEAD: nonce = salt || seq, aad = seq || type || version || length.
  auto aead = p.aead(AeadAlgorithm::aes128_gcm, key);
  REQUIRE(aead);
  ByteVec nonce = salt;
  nonce.insert(nonce.end(), fragment.begin(), fragment.begin() + 8);
  const auto aad = record_aad(context, 21);
  CHECK(to_hex(aad) == "01020304050607081703030015");
  ByteVec raw(21 + 16);
  REQUIRE((*aead)->seal(nonce, aad, plaintext, raw));
  CHECK(to_hex(std::span(fragment).subspan(8)) == to_hex(raw));
}

TEST_CASE("AEAD: GCM reads whatever explicit nonce the peer chose", "[record]") {
  const auto& p = crypto::default_provider();
  const auto key = pattern(32, 1);
  const auto salt = pattern(4, 2);
  auto aead = p.aead(AeadAlgorithm::aes256_gcm, key);
  REQUIRE(aead);
  const ByteVec explicit_nonce{0xde, 0xad, 0xbe, 0xef, 0, 1, 2, 3};
  ByteVec nonce = salt;
  nonce.insert(nonce.end(), explicit_nonce.begin(), explicit_nonce.end());
  const RecordContext context{3, ContentType::handshake, kTls12};
  const auto plaintext = pattern(16, 9);
  ByteVec sealed(32);
  REQUIRE((*aead)->seal(nonce, record_aad(context, 16), plaintext, sealed));
  ByteVec fragment = explicit_nonce;
  fragment.insert(fragment.end(), sealed.begin(), sealed.end());
  auto prot = AeadProtection::create(p, AeadAlgorithm::aes256_gcm, key, salt);
  REQUIRE(prot);
  auto opened = (*prot)->open(context, fragment);
  REQUIRE(opened);
  CHECK(ByteVec(opened->begin(), opened->end()) == plaintext);
}

TEST_CASE("AEAD: ChaCha20-Poly1305 nonce is the IV XOR the sequence number (RFC 7905 2)",
          "[record]") {
  const auto& p = crypto::default_provider();
  const auto key = pattern(32, 1);
  const auto iv = pattern(12, 2);
  auto prot = AeadProtection::create(p, AeadAlgorithm::chacha20_poly1305, key, iv);
  REQUIRE(prot);
  const std::uint64_t seq = 0x1122334455667788;
  const RecordContext context{seq, ContentType::application_data, kTls12};
  const auto plaintext = pattern(5, 3);
  const auto fragment = seal(**prot, context, plaintext);
  REQUIRE(fragment.size() == 5 + 16);  // nothing explicit on the wire
  ByteVec nonce = iv;
  for (int i = 0; i < 8; ++i)
    nonce[4 + static_cast<std::size_t>(i)] ^= static_cast<std::uint8_t>(seq >> (56 - 8 * i));
  auto aead = p.aead(AeadAlgorithm::chacha20_poly1305, key);
  REQUIRE(aead);
  ByteVec raw(5 + 16);
  REQUIRE((*aead)->seal(nonce, record_aad(context, 5), plaintext, raw));
  CHECK(to_hex(fragment) == to_hex(raw));
}

TEST_CASE("AEAD: creation checks", "[record]") {
  const auto& p = crypto::default_provider();
  CHECK_FALSE(AeadProtection::create(p, AeadAlgorithm::aes128_gcm, pattern(16, 1), pattern(12, 1)));
  CHECK_FALSE(
      AeadProtection::create(p, AeadAlgorithm::chacha20_poly1305, pattern(32, 1), pattern(4, 1)));
  CHECK_FALSE(AeadProtection::create(p, AeadAlgorithm::aes128_gcm, pattern(15, 1), pattern(4, 1)));
  class Empty final : public crypto::Provider {
    std::string_view name() const noexcept override { return "empty"; }
  } empty;
  auto none =
      AeadProtection::create(empty, AeadAlgorithm::aes128_gcm, pattern(16, 1), pattern(4, 1));
  REQUIRE_FALSE(none);
  CHECK(none.error().code == ErrorCode::unsupported);
  auto ok = AeadProtection::create(p, AeadAlgorithm::aes256_gcm, pattern(32, 1), pattern(4, 1));
  REQUIRE(ok);
  CHECK((*ok)->name() == "AES-256-GCM");
  ByteVec wrong_size(3);
  CHECK_FALSE((*ok)->seal({}, pattern(4, 1), wrong_size));
}
