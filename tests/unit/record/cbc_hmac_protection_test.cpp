// CbcHmacProtection specifics: records built by hand with every padding length the RFC allows,
// and the failure cases a padding oracle would want to tell apart, which must all look the same.
#include <catch2/catch.hpp>

#include <functional>
#include <set>

#include "protection_suites.hpp"

using namespace tlsx;
using namespace tlsx::record;
using namespace tlsx::record::test;

namespace {

struct Keys {
  ByteVec enc = pattern(16, 1);
  ByteVec mac;
};

/// MAC-then-encrypt by hand: IV || E(content || MAC || padding), with the given padding length
/// and a hook to corrupt the plaintext block before encryption.
ByteVec build_mte(const crypto::Provider& p, HashAlgorithm alg, const Keys& keys,
                  const RecordContext& context, const ByteVec& content, std::size_t padding_length,
                  const std::function<void(ByteVec&)>& corrupt = {}) {
  auto mac = p.hmac(alg, keys.mac);
  REQUIRE(mac);
  const auto aad = record_aad(context, static_cast<std::uint16_t>(content.size()));
  (*mac)->update(aad);
  (*mac)->update(content);
  ByteVec body = content;
  ByteVec tag(crypto::digest_size(alg));
  (*mac)->finish(tag);
  body.insert(body.end(), tag.begin(), tag.end());
  body.insert(body.end(), padding_length + 1, static_cast<std::uint8_t>(padding_length));
  REQUIRE(body.size() % 16 == 0);
  if (corrupt) corrupt(body);
  auto cbc = p.cbc(CipherAlgorithm::aes128, keys.enc);
  REQUIRE(cbc);
  const ByteVec iv = pattern(16, 77);
  ByteVec out = iv;
  ByteVec encrypted(body.size());
  REQUIRE((*cbc)->encrypt(iv, body, encrypted));
  out.insert(out.end(), encrypted.begin(), encrypted.end());
  return out;
}

/// Encrypt-then-MAC by hand, with a corruption hook on the padded plaintext.
ByteVec build_etm(const crypto::Provider& p, HashAlgorithm alg, const Keys& keys,
                  const RecordContext& context, const ByteVec& content, std::size_t padding_length,
                  const std::function<void(ByteVec&)>& corrupt = {}) {
  ByteVec body = content;
  body.insert(body.end(), padding_length + 1, static_cast<std::uint8_t>(padding_length));
  REQUIRE(body.size() % 16 == 0);
  if (corrupt) corrupt(body);
  auto cbc = p.cbc(CipherAlgorithm::aes128, keys.enc);
  REQUIRE(cbc);
  ByteVec out = pattern(16, 78);
  ByteVec encrypted(body.size());
  REQUIRE((*cbc)->encrypt(std::span(out).first(16), body, encrypted));
  out.insert(out.end(), encrypted.begin(), encrypted.end());
  auto mac = p.hmac(alg, keys.mac);
  REQUIRE(mac);
  (*mac)->update(record_aad(context, static_cast<std::uint16_t>(out.size())));
  (*mac)->update(out);
  ByteVec tag(crypto::digest_size(alg));
  (*mac)->finish(tag);
  out.insert(out.end(), tag.begin(), tag.end());
  return out;
}

std::unique_ptr<RecordProtection> receiver(const crypto::Provider& p, HashAlgorithm alg,
                                           MacOrder order, const Keys& keys) {
  auto prot =
      CbcHmacProtection::create(p, {CipherAlgorithm::aes128, alg, order}, keys.enc, keys.mac);
  REQUIRE(prot);
  return std::move(*prot);
}

/// Every rejection must be the same error, word for word.
void check_rejected(const Result<std::span<std::uint8_t>>& r) {
  REQUIRE_FALSE(r);
  CHECK(r.error().code == ErrorCode::bad_record_mac);
  CHECK(r.error().alert == AlertDescription::bad_record_mac);
  CHECK(r.error().detail == "record authentication failed");
}

}  // namespace

TEST_CASE("CBC MAC-then-encrypt: every padding length 0..255 is accepted", "[record]") {
  for (const auto* p : test_providers()) {
    for (auto alg : {HashAlgorithm::sha1, HashAlgorithm::sha256, HashAlgorithm::sha384}) {
      const Keys keys{pattern(16, 1), pattern(crypto::digest_size(alg), 2)};
      auto prot = receiver(*p, alg, MacOrder::mac_then_encrypt, keys);
      const RecordContext context{42, ContentType::application_data, kTls12};
      std::size_t accepted = 0;
      for (std::size_t padding = 0; padding < 256; ++padding) {
        // Pick a content length that makes content || MAC || padding whole blocks.
        const std::size_t used = crypto::digest_size(alg) + padding + 1;
        const std::size_t content_size = (16 - used % 16) % 16 + 16;
        const auto content = pattern(content_size, static_cast<std::uint8_t>(padding));
        auto fragment = build_mte(*p, alg, keys, context, content, padding);
        auto opened = prot->open(context, fragment);
        INFO(p->name() << " " << crypto::to_string(alg) << " padding " << padding);
        REQUIRE(opened);
        CHECK(ByteVec(opened->begin(), opened->end()) == content);
        ++accepted;
      }
      CHECK(accepted == 256);
    }
  }
}

TEST_CASE("CBC MAC-then-encrypt: padding and MAC failures are indistinguishable", "[record]") {
  const auto& p = crypto::default_provider();
  const auto alg = HashAlgorithm::sha1;
  const Keys keys{pattern(16, 1), pattern(20, 2)};
  auto prot = receiver(p, alg, MacOrder::mac_then_encrypt, keys);
  const RecordContext context{1, ContentType::application_data, kTls12};
  const auto content = pattern(27, 5);  // 27 + 20 + 1 = 48: padding 0, or 16, 32, ...
  SECTION("the good record opens") {
    auto fragment = build_mte(p, alg, keys, context, content, 16);
    CHECK(prot->open(context, fragment));
  }
  SECTION("one wrong padding byte, any position") {
    for (std::size_t at = 1; at <= 16; ++at) {
      auto fragment = build_mte(p, alg, keys, context, content, 16,
                                [&](ByteVec& body) { body[body.size() - 1 - at] ^= 0x01; });
      INFO("padding byte " << at);
      check_rejected(prot->open(context, fragment));
    }
  }
  SECTION("padding_length claims more than the record holds (overlapping the MAC)") {
    for (std::uint8_t claimed : {std::uint8_t{17}, std::uint8_t{40}, std::uint8_t{47},
                                 std::uint8_t{48}, std::uint8_t{200}, std::uint8_t{255}}) {
      auto fragment = build_mte(p, alg, keys, context, content, 16, [&](ByteVec& body) {
        std::fill(body.end() - 17, body.end(), claimed);  // consistent bytes, wrong length
      });
      INFO("claimed " << int(claimed));
      check_rejected(prot->open(context, fragment));
    }
  }
  SECTION("good padding, wrong MAC (each MAC byte)") {
    for (std::size_t at = 0; at < 20; ++at) {
      auto fragment = build_mte(p, alg, keys, context, content, 16,
                                [&](ByteVec& body) { body[27 + at] ^= 0x80; });
      check_rejected(prot->open(context, fragment));
    }
  }
  SECTION("good padding, MAC over a different length (the padding shifted by one block)") {
    // The same bytes read as content(43) || MAC || padding(0): the MAC cannot match.
    auto fragment = build_mte(p, alg, keys, context, content, 16, [&](ByteVec& body) {
      std::fill(body.end() - 17, body.end(), std::uint8_t{0});
    });
    check_rejected(prot->open(context, fragment));
  }
  SECTION("public format errors: not whole blocks, too short for MAC and padding") {
    auto fragment = build_mte(p, alg, keys, context, content, 0);
    for (std::size_t size : {0u, 15u, 16u, 17u, 31u, 32u, 47u}) {
      ByteVec cut(fragment.begin(), fragment.begin() + static_cast<std::ptrdiff_t>(size));
      check_rejected(prot->open(context, cut));
    }
    ByteVec odd = fragment;
    odd.push_back(0);
    check_rejected(prot->open(context, odd));
  }
}

TEST_CASE("CBC encrypt-then-MAC: every padding length, and a bad padding under a good MAC",
          "[record]") {
  const auto& p = crypto::default_provider();
  for (auto alg : {HashAlgorithm::sha1, HashAlgorithm::sha256, HashAlgorithm::sha384}) {
    const Keys keys{pattern(16, 1), pattern(crypto::digest_size(alg), 3)};
    auto prot = receiver(p, alg, MacOrder::encrypt_then_mac, keys);
    const RecordContext context{9, ContentType::handshake, kTls12};
    for (std::size_t padding = 0; padding < 256; ++padding) {
      const std::size_t content_size = (16 - (padding + 1) % 16) % 16 + 16;
      const auto content = pattern(content_size, 3);
      auto fragment = build_etm(p, alg, keys, context, content, padding);
      auto opened = prot->open(context, fragment);
      REQUIRE(opened);
      CHECK(ByteVec(opened->begin(), opened->end()) == content);
    }
    // Authentic ciphertext whose plaintext has a broken padding: still bad_record_mac.
    const auto content = pattern(15, 3);
    auto bad = build_etm(p, alg, keys, context, content, 16, [](ByteVec& body) { body[20] ^= 1; });
    check_rejected(prot->open(context, bad));
    auto too_long = build_etm(p, alg, keys, context, content, 16,
                              [](ByteVec& body) { std::fill(body.end() - 17, body.end(), 40); });
    check_rejected(prot->open(context, too_long));
  }
}

TEST_CASE("CBC: creation checks", "[record]") {
  const auto& p = crypto::default_provider();
  auto wrong_mac_key = CbcHmacProtection::create(
      p, {CipherAlgorithm::aes128, HashAlgorithm::sha1, MacOrder::mac_then_encrypt}, pattern(16, 1),
      pattern(32, 1));
  REQUIRE_FALSE(wrong_mac_key);
  CHECK(wrong_mac_key.error().code == ErrorCode::invalid_argument);
  auto md5 = CbcHmacProtection::create(
      p, {CipherAlgorithm::aes128, HashAlgorithm::md5, MacOrder::mac_then_encrypt}, pattern(16, 1),
      pattern(16, 1));
  CHECK_FALSE(md5);
  auto wrong_key = CbcHmacProtection::create(
      p, {CipherAlgorithm::aes256, HashAlgorithm::sha1, MacOrder::mac_then_encrypt}, pattern(16, 1),
      pattern(20, 1));
  CHECK_FALSE(wrong_key);
  // A failing IV source fails the seal, and nothing is written.
  auto prot = CbcHmacProtection::create(
      p, {CipherAlgorithm::aes128, HashAlgorithm::sha1, MacOrder::mac_then_encrypt}, pattern(16, 1),
      pattern(20, 1), [](std::span<std::uint8_t>) -> Result<void> {
        return fail(ErrorCode::crypto, AlertDescription::internal_error, "no randomness");
      });
  REQUIRE(prot);
  ByteVec out((*prot)->sealed_size(3));
  CHECK_FALSE((*prot)->seal({}, pattern(3, 1), out));
}

TEST_CASE("CBC: record IVs are fresh for every record", "[record]") {
  const auto& p = crypto::default_provider();
  auto prot = CbcHmacProtection::create(
      p, {CipherAlgorithm::aes128, HashAlgorithm::sha256, MacOrder::encrypt_then_mac},
      pattern(16, 1), pattern(32, 1));
  REQUIRE(prot);
  std::set<ByteVec> ivs;
  for (std::uint64_t seq = 0; seq < 64; ++seq) {
    ByteVec out((*prot)->sealed_size(10));
    REQUIRE((*prot)->seal({seq, ContentType::application_data, kTls12}, pattern(10, 1), out));
    ivs.insert(ByteVec(out.begin(), out.begin() + 16));
  }
  CHECK(ivs.size() == 64);
}
