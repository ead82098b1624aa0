#include <catch2/catch.hpp>

#include "record/deframer.hpp"
#include "record_test_util.hpp"

using namespace tlsx;
using namespace tlsx::record;
using namespace tlsx::record::test;
using tlsx::test::from_hex;
using tlsx::test::to_hex;

namespace {

/// Feeds input in chunks and returns the fragments of every complete record.
std::vector<ByteVec> deframe(RecordDeframer& d, std::span<const std::uint8_t> input,
                             std::size_t chunk, std::optional<Error>* error = nullptr) {
  std::vector<ByteVec> records;
  while (!input.empty()) {
    const auto piece = input.first(std::min(chunk, input.size()));
    auto taken = d.feed(piece);
    if (!taken) {
      if (error) *error = taken.error();
      return records;
    }
    input = input.subspan(*taken);
    if (d.has_record()) {
      auto r = d.record();
      records.emplace_back(r.fragment.begin(), r.fragment.end());
      d.discard_record();
    }
  }
  return records;
}

}  // namespace

TEST_CASE("deframer: records come out whole whatever the chunking", "[record]") {
  const auto a = make_record(ContentType::handshake, from_hex("0e000000"));
  const auto b = make_record(ContentType::application_data, ByteVec(300, 0xab));
  const auto c = make_record(ContentType::application_data, ByteVec{});
  const auto stream = concat({a, b, c});
  for (std::size_t chunk : {std::size_t{1}, std::size_t{2}, std::size_t{5}, std::size_t{7},
                            std::size_t{100}, stream.size()}) {
    INFO("chunk " << chunk);
    RecordDeframer d;
    const auto records = deframe(d, stream, chunk);
    REQUIRE(records.size() == 3);
    CHECK(to_hex(records[0]) == "0e000000");
    CHECK(records[1] == ByteVec(300, 0xab));
    CHECK(records[2].empty());
    CHECK_FALSE(d.mid_record());
  }
}

TEST_CASE("deframer: takes bytes only up to the end of one record", "[record]") {
  const auto stream = concat({make_record(ContentType::alert, from_hex("0100")),
                              make_record(ContentType::alert, from_hex("0100"))});
  RecordDeframer d;
  auto taken = d.feed(stream);
  REQUIRE(taken);
  CHECK(*taken == 7);
  CHECK(d.has_record());
  auto again = d.feed(std::span(stream).subspan(7));
  REQUIRE(again);
  CHECK(*again == 0);  // waits until the record is discarded
  d.discard_record();
  CHECK(*d.feed(std::span(stream).subspan(7)) == 7);
  CHECK(d.record().header.type == ContentType::alert);
}

TEST_CASE("deframer: a bad header fails before its body arrives", "[record]") {
  SECTION("oversized length") {
    RecordDeframer d;
    auto r = d.feed(from_hex("1703034001"));  // 16385 bytes announced, none sent
    REQUIRE_FALSE(r);
    CHECK(r.error().alert == AlertDescription::record_overflow);
  }
  SECTION("unknown type") {
    RecordDeframer d;
    CHECK(*d.feed(from_hex("18030300")) == 4);  // four bytes: not yet judged
    auto r = d.feed(from_hex("05"));
    REQUIRE_FALSE(r);
    CHECK(r.error().alert == AlertDescription::unexpected_message);
    // Sticky: the stream is dead.
    auto again = d.feed(from_hex("1603030000"));
    REQUIRE_FALSE(again);
    CHECK(again.error().alert == AlertDescription::unexpected_message);
  }
  SECTION("wrong version") {
    RecordDeframer d;
    auto r = d.feed(from_hex("1603010005"));
    REQUIRE_FALSE(r);
    CHECK(r.error().alert == AlertDescription::protocol_version);
  }
  SECTION("protected limit") {
    RecordDeframer d;
    d.set_max_fragment(kMaxCiphertextSize);
    CHECK(d.feed(from_hex("1703034800")));  // 2^14 + 2048
    RecordDeframer d2;
    d2.set_max_fragment(kMaxCiphertextSize);
    auto r = d2.feed(from_hex("1703034801"));
    REQUIRE_FALSE(r);
    CHECK(r.error().alert == AlertDescription::record_overflow);
  }
}

TEST_CASE("deframer: truncation at every byte is need-more-data", "[record]") {
  const auto record = make_record(ContentType::handshake, from_hex("0100000403030000"));
  for (std::size_t n = 0; n < record.size(); ++n) {
    RecordDeframer d;
    auto taken = d.feed(std::span(record).first(n));
    REQUIRE(taken);
    CHECK(*taken == n);
    CHECK_FALSE(d.has_record());
    CHECK(d.mid_record() == (n > 0));
  }
}

// Type and version flips are caught by the protections (both are authenticated); see
// record_protection_test.cpp. Here: the length field.
TEST_CASE("deframer: flipping a length bit fails or waits, never yields other data", "[record]") {
  const auto record = make_record(ContentType::application_data, from_hex("68656c6c6f"));
  for (std::size_t bit = 3 * 8; bit < 5 * 8; ++bit) {
    auto flipped = record;
    flipped[bit / 8] ^= static_cast<std::uint8_t>(0x80 >> (bit % 8));
    RecordDeframer d;
    auto taken = d.feed(flipped);
    if (!taken) continue;  // refused: fine
    if (d.has_record()) {
      // Only a length that got shorter can complete; the bytes must be a prefix of the body.
      const auto fragment = d.record().fragment;
      INFO("bit " << bit);
      CHECK(fragment.size() < 5);
      CHECK(std::equal(fragment.begin(), fragment.end(), record.begin() + 5));
    }
  }
}
