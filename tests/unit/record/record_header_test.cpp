#include <catch2/catch.hpp>

#include "record/record_header.hpp"
#include "support/test_support.hpp"

using namespace tlsx;
using namespace tlsx::record;
using tlsx::test::from_hex;

TEST_CASE("record header: the four content types at version 0x0303 are accepted", "[record]") {
  for (std::uint8_t type : {20, 21, 22, 23}) {
    const std::uint8_t bytes[] = {type, 0x03, 0x03, 0x01, 0x00};
    auto h = parse_record_header(bytes, VersionCheck::tls12, kMaxPlaintextSize);
    REQUIRE(h);
    CHECK(static_cast<std::uint8_t>(h->type) == type);
    CHECK(h->version == 0x0303);
    CHECK(h->length == 256);
  }
}

TEST_CASE("record header: an unknown content type is unexpected_message (RFC 5246 6)", "[record]") {
  for (int type = 0; type < 256; ++type) {
    if (type >= 20 && type <= 23) continue;
    const std::uint8_t bytes[] = {static_cast<std::uint8_t>(type), 0x03, 0x03, 0x00, 0x01};
    auto h = parse_record_header(bytes, VersionCheck::tls12, kMaxPlaintextSize);
    REQUIRE_FALSE(h);
    CHECK(h.error().code == ErrorCode::unexpected_message);
    CHECK(h.error().alert == AlertDescription::unexpected_message);
  }
}

TEST_CASE("record header: version rules", "[record]") {
  auto parse = [](std::uint16_t version, VersionCheck check) {
    const std::uint8_t bytes[] = {22, static_cast<std::uint8_t>(version >> 8),
                                  static_cast<std::uint8_t>(version), 0x00, 0x10};
    return parse_record_header(bytes, check, kMaxPlaintextSize);
  };
  SECTION("tls12 takes only 0x0303") {
    CHECK(parse(0x0303, VersionCheck::tls12));
    for (std::uint16_t v : {0x0300, 0x0301, 0x0302, 0x0304, 0x0203, 0x0403, 0xfefd, 0x0000}) {
      auto h = parse(v, VersionCheck::tls12);
      REQUIRE_FALSE(h);
      CHECK(h.error().alert == AlertDescription::protocol_version);
      CHECK(h.error().code == ErrorCode::protocol_version);
    }
  }
  SECTION("tls10_to_tls12 takes {3,1}..{3,3}") {
    for (std::uint16_t v : {0x0301, 0x0302, 0x0303}) CHECK(parse(v, VersionCheck::tls10_to_tls12));
    for (std::uint16_t v : {0x0300, 0x0304, 0x0203, 0x0000}) {
      auto h = parse(v, VersionCheck::tls10_to_tls12);
      REQUIRE_FALSE(h);
      CHECK(h.error().alert == AlertDescription::protocol_version);
    }
  }
  SECTION("tls_family takes any {3,xx} (RFC 5246 Appendix E.1), nothing else") {
    for (std::uint16_t v : {0x0300, 0x0301, 0x0302, 0x0303, 0x0304, 0x03ff})
      CHECK(parse(v, VersionCheck::tls_family));
    for (std::uint16_t v : {0x0203, 0x0403, 0xfefd, 0x0000, 0x8003}) {
      auto h = parse(v, VersionCheck::tls_family);
      REQUIRE_FALSE(h);
      CHECK(h.error().alert == AlertDescription::protocol_version);
    }
  }
}

TEST_CASE("record header: lengths over the limit are record_overflow", "[record]") {
  auto parse = [](std::size_t length, std::size_t max) {
    const std::uint8_t bytes[] = {23, 0x03, 0x03, static_cast<std::uint8_t>(length >> 8),
                                  static_cast<std::uint8_t>(length)};
    return parse_record_header(bytes, VersionCheck::tls12, max);
  };
  CHECK(parse(16384, kMaxPlaintextSize));
  CHECK(parse(0, kMaxPlaintextSize));
  auto over = parse(16385, kMaxPlaintextSize);
  REQUIRE_FALSE(over);
  CHECK(over.error().code == ErrorCode::record_overflow);
  CHECK(over.error().alert == AlertDescription::record_overflow);
  CHECK(parse(16384 + 2048, kMaxCiphertextSize));
  auto over_ct = parse(16384 + 2049, kMaxCiphertextSize);
  REQUIRE_FALSE(over_ct);
  CHECK(over_ct.error().alert == AlertDescription::record_overflow);
  CHECK_FALSE(parse(0xffff, kMaxCiphertextSize));
}

TEST_CASE("record header: truncated headers are decode errors", "[record]") {
  const auto full = from_hex("1603030010");
  for (std::size_t n = 0; n < full.size(); ++n) {
    auto h = parse_record_header(std::span(full).first(n), VersionCheck::tls12, kMaxPlaintextSize);
    REQUIRE_FALSE(h);
    CHECK(h.error().code == ErrorCode::decode);
  }
}

TEST_CASE("record header: zero-length fragments (RFC 5246 6.2.1)", "[record]") {
  for (auto type : {ContentType::handshake, ContentType::alert, ContentType::change_cipher_spec}) {
    auto r = check_fragment_not_empty(type, 0);
    REQUIRE_FALSE(r);
    CHECK(r.error().alert == AlertDescription::unexpected_message);
    CHECK(check_fragment_not_empty(type, 1));
  }
  CHECK(check_fragment_not_empty(ContentType::application_data, 0));
}

TEST_CASE("record header: write then parse gives the header back", "[record]") {
  std::vector<std::uint8_t> out;
  write_record_header(out, RecordHeader{ContentType::alert, 0x0301, 0x1234});
  CHECK(tlsx::test::to_hex(out) == "1503011234");
  auto h = parse_record_header(out, VersionCheck::tls_family, 0xffff);
  REQUIRE(h);
  CHECK(h->type == ContentType::alert);
  CHECK(h->version == 0x0301);
  CHECK(h->length == 0x1234);
  CHECK(to_string(ContentType::handshake) == "handshake");
  CHECK(to_string(static_cast<ContentType>(0x80)) == "unknown(0x80)");
}
