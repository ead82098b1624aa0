// Every record protection: round trips at the sizes that matter for block and tag boundaries,
// tampering with any bit, truncation at any length, wrong sequence number / type / version, and
// the same through a RecordReader (header bit flips).
#include <catch2/catch.hpp>

#include "protection_suites.hpp"
#include "record/record_reader.hpp"
#include "record/record_writer.hpp"

using namespace tlsx;
using namespace tlsx::record;
using namespace tlsx::record::test;

namespace {

constexpr std::size_t kSizes[] = {0, 1, 15, 16, 17, 255, 16383, 16384};

void check_bad_record_mac(const Result<std::span<std::uint8_t>>& opened) {
  REQUIRE_FALSE(opened);
  CHECK(opened.error().code == ErrorCode::bad_record_mac);
  CHECK(opened.error().alert == AlertDescription::bad_record_mac);
}

}  // namespace

TEST_CASE("protections: round trips at every interesting size", "[record]") {
  for (const auto* provider : test_providers()) {
    for (const auto& suite : all_suites()) {
      auto sender = make_protection(*provider, suite);
      auto receiver = make_protection(*provider, suite);
      CHECK(sender->name() == suite.name);
      CHECK(sender->is_null() == (suite.kind == SuiteKind::null));
      std::uint64_t seq = 0;
      for (std::size_t size : kSizes) {
        for (auto type : {ContentType::application_data, ContentType::handshake}) {
          INFO(provider->name() << " " << suite.name << " size " << size);
          const auto plaintext = pattern(size, static_cast<std::uint8_t>(size));
          const RecordContext context{seq++, type, kTls12};
          auto fragment = seal(*sender, context, plaintext);
          CHECK(fragment.size() <= kMaxCiphertextSize);
          if (suite.kind != SuiteKind::null && size > 0) CHECK(fragment != plaintext);
          auto opened = receiver->open(context, fragment);
          REQUIRE(opened);
          CHECK(ByteVec(opened->begin(), opened->end()) == plaintext);
        }
      }
    }
  }
}

TEST_CASE("protections: sealed sizes", "[record]") {
  const auto& p = crypto::default_provider();
  for (const auto& suite : all_suites()) {
    auto prot = make_protection(p, suite);
    INFO(suite.name);
    for (std::size_t size : kSizes) {
      std::size_t want = size;
      if (suite.kind == SuiteKind::aead) {
        want = size + 16 + (suite.aead == AeadAlgorithm::chacha20_poly1305 ? 0 : 8);
      } else if (suite.kind == SuiteKind::cbc) {
        const std::size_t mac = crypto::digest_size(suite.cbc.mac);
        want = suite.cbc.order == MacOrder::mac_then_encrypt ? 16 + ((size + mac) / 16 + 1) * 16
                                                             : 16 + (size / 16 + 1) * 16 + mac;
      }
      CHECK(prot->sealed_size(size) == want);
    }
  }
}

TEST_CASE("protections: flipping any bit of a protected fragment is bad_record_mac", "[record]") {
  for (const auto* provider : test_providers()) {
    for (const auto& suite : all_suites()) {
      if (suite.kind == SuiteKind::null) continue;
      for (std::size_t size : {std::size_t{0}, std::size_t{17}, std::size_t{100}}) {
        auto sender = make_protection(*provider, suite);
        auto receiver = make_protection(*provider, suite);
        const RecordContext context{5, ContentType::application_data, kTls12};
        const auto fragment = seal(*sender, context, pattern(size, 9));
        std::size_t flips = 0;
        for (std::size_t bit = 0; bit < fragment.size() * 8; ++bit) {
          auto tampered = fragment;
          tampered[bit / 8] ^= static_cast<std::uint8_t>(1u << (bit % 8));
          INFO(provider->name() << " " << suite.name << " size " << size << " bit " << bit);
          check_bad_record_mac(receiver->open(context, tampered));
          ++flips;
        }
        CHECK(flips == fragment.size() * 8);
        // The untouched fragment still opens (the failures left no state behind).
        auto copy = fragment;
        CHECK(receiver->open(context, copy));
      }
    }
  }
}

TEST_CASE("protections: the MAC covers sequence number, type and version", "[record]") {
  const auto& provider = crypto::default_provider();
  for (const auto& suite : all_suites()) {
    if (suite.kind == SuiteKind::null) continue;
    auto sender = make_protection(provider, suite);
    auto receiver = make_protection(provider, suite);
    const RecordContext context{7, ContentType::application_data, kTls12};
    const auto fragment = seal(*sender, context, pattern(40, 3));
    INFO(suite.name);
    for (const RecordContext& wrong :
         {RecordContext{8, ContentType::application_data, kTls12},
          RecordContext{6, ContentType::application_data, kTls12},
          RecordContext{7 | (std::uint64_t{1} << 63), ContentType::application_data, kTls12},
          RecordContext{7, ContentType::handshake, kTls12},
          RecordContext{7, ContentType::application_data, 0x0302}}) {
      auto copy = fragment;
      check_bad_record_mac(receiver->open(wrong, copy));
    }
    // Different keys.
    auto stranger = make_protection(provider, suite, 2);
    auto copy = fragment;
    check_bad_record_mac(stranger->open(context, copy));
  }
}

TEST_CASE("protections: every truncated or extended fragment is bad_record_mac", "[record]") {
  const auto& provider = crypto::default_provider();
  for (const auto& suite : all_suites()) {
    if (suite.kind == SuiteKind::null) continue;
    auto sender = make_protection(provider, suite);
    auto receiver = make_protection(provider, suite);
    const RecordContext context{1, ContentType::handshake, kTls12};
    const auto fragment = seal(*sender, context, pattern(50, 4));
    for (std::size_t n = 0; n < fragment.size(); ++n) {
      ByteVec prefix(fragment.begin(), fragment.begin() + static_cast<std::ptrdiff_t>(n));
      INFO(suite.name << " length " << n);
      check_bad_record_mac(receiver->open(context, prefix));
    }
    for (std::size_t extra : {1u, 15u, 16u, 32u}) {
      auto longer = fragment;
      longer.insert(longer.end(), extra, 0);
      check_bad_record_mac(receiver->open(context, longer));
    }
  }
}

TEST_CASE("protections through the reader and writer: header bit flips are never accepted",
          "[record]") {
  const auto& provider = crypto::default_provider();
  for (const auto& suite : all_suites()) {
    if (suite.kind == SuiteKind::null) continue;
    RecordWriter writer;
    writer.set_pending(make_protection(provider, suite));
    REQUIRE(writer.write_change_cipher_spec());
    const std::size_t ccs_size = writer.pending_output().size();
    writer.consume_output(ccs_size);
    REQUIRE(writer.write_application_data(pattern(33, 1)));
    const ByteVec record(writer.pending_output().begin(), writer.pending_output().end());

    auto fresh_reader = [&]() {
      auto reader = std::make_unique<RecordReader>();
      reader->set_pending(make_protection(provider, suite));
      const auto ccs = make_record(ContentType::change_cipher_spec, ByteVec{1});
      REQUIRE_FALSE(read_all(*reader, ccs).error);
      return reader;
    };
    {
      auto reader = fresh_reader();
      const auto out = read_all(*reader, record);
      REQUIRE_FALSE(out.error);
      REQUIRE(out.events.size() == 1);
      CHECK(out.events[0].bytes == pattern(33, 1));
    }
    for (std::size_t bit = 0; bit < 5 * 8; ++bit) {
      auto flipped = record;
      flipped[bit / 8] ^= static_cast<std::uint8_t>(0x80 >> (bit % 8));
      auto reader = fresh_reader();
      const auto out = read_all(*reader, flipped);
      INFO(suite.name << " header bit " << bit);
      CHECK(out.events.empty());  // a fatal error, or still waiting for bytes
      if (!out.error) CHECK(reader->end_of_stream().error().code == ErrorCode::truncated);
    }
    // Truncation of the protected record at every byte: only ever "need more data".
    for (std::size_t n = 0; n < record.size(); ++n) {
      auto reader = fresh_reader();
      const auto out = read_all(*reader, std::span(record).first(n));
      REQUIRE_FALSE(out.error);
      CHECK(out.events.empty());
    }
  }
}
