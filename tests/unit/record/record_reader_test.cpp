// RecordReader over plaintext records (and a stand-in protection where the test needs records
// that count as protected): dispatch, handshake reassembly across records, interleaving,
// alerts, ChangeCipherSpec, limits, end of stream.
#include <catch2/catch.hpp>

#include "record/null_protection.hpp"
#include "record/record_reader.hpp"
#include "record_test_util.hpp"

using namespace tlsx;
using namespace tlsx::record;
using namespace tlsx::record::test;
using tlsx::test::from_hex;

namespace {

/// Counts as protected (so the 2^14 + 2048 limit applies) but passes bytes through; records the
/// sequence numbers it saw.
class PassThroughProtection final : public RecordProtection {
 public:
  explicit PassThroughProtection(std::vector<std::uint64_t>* seen = nullptr) : seen_(seen) {}
  std::string name() const override { return "pass-through"; }
  std::size_t sealed_size(std::size_t n) const noexcept override { return n; }
  Result<void> seal(const RecordContext&, std::span<const std::uint8_t> in,
                    std::span<std::uint8_t> out) override {
    std::copy(in.begin(), in.end(), out.begin());
    return {};
  }
  Result<std::span<std::uint8_t>> open(const RecordContext& context,
                                       std::span<std::uint8_t> fragment) override {
    if (seen_) seen_->push_back(context.sequence);
    return fragment;
  }

 private:
  std::vector<std::uint64_t>* seen_;
};

const ByteVec kCcs = make_record(ContentType::change_cipher_spec, from_hex("01"));

ByteVec alert_record(std::uint8_t level, std::uint8_t description) {
  return make_record(ContentType::alert, ByteVec{level, description});
}

}  // namespace

TEST_CASE("reader: handshake messages across and within records, any chunking", "[record]") {
  const auto hello = make_handshake(2, ByteVec(90, 0x11));
  const auto cert = make_handshake(11, ByteVec(20000, 0x22));  // needs two records
  const auto done = make_handshake(14, {});
  const auto stream_bytes = concat({hello, cert, done});
  ByteVec wire;
  for (std::size_t at = 0; at < stream_bytes.size(); at += 16384) {
    const auto n = std::min<std::size_t>(16384, stream_bytes.size() - at);
    const auto rec = make_record(ContentType::handshake, std::span(stream_bytes).subspan(at, n));
    wire.insert(wire.end(), rec.begin(), rec.end());
  }
  for (std::size_t chunk : {std::size_t{1}, std::size_t{3}, std::size_t{1000}, wire.size()}) {
    RecordReader reader;
    const auto out = read_all(reader, wire, chunk);
    INFO("chunk " << chunk);
    REQUIRE_FALSE(out.error);
    REQUIRE(out.events.size() == 3);
    CHECK(out.events[0].kind == InboundKind::handshake);
    CHECK(out.events[0].handshake_type == 2);
    CHECK(out.events[0].bytes == hello);
    CHECK(out.events[1].bytes == cert);
    CHECK(out.events[2].bytes == done);
  }
}

TEST_CASE("reader: application data and empty records", "[record]") {
  RecordReader reader;
  const auto wire =
      concat({make_record(ContentType::application_data, tlsx::test::bytes_of("ping")),
              make_record(ContentType::application_data, {}),
              make_record(ContentType::application_data, tlsx::test::bytes_of("pong"))});
  const auto out = read_all(reader, wire);
  REQUIRE_FALSE(out.error);
  REQUIRE(out.events.size() == 2);
  CHECK(out.events[0].kind == InboundKind::application_data);
  CHECK(out.events[0].bytes == tlsx::test::bytes_of("ping"));
  CHECK(out.events[1].bytes == tlsx::test::bytes_of("pong"));
}

TEST_CASE("reader: zero-length application data is tolerated up to the limit", "[record]") {
  ReaderLimits limits;
  limits.max_empty_records = 32;
  ByteVec wire;
  for (int i = 0; i < 32; ++i) {
    const auto empty = make_record(ContentType::application_data, {});
    wire.insert(wire.end(), empty.begin(), empty.end());
  }
  {
    RecordReader reader(limits);
    CHECK_FALSE(read_all(reader, wire).error);
  }
  {
    // Data in between resets the count.
    RecordReader reader(limits);
    auto with_data = concat({wire, make_record(ContentType::application_data, ByteVec{1}), wire});
    CHECK_FALSE(read_all(reader, with_data).error);
  }
  {
    RecordReader reader(limits);
    const auto out =
        read_all(reader, concat({wire, make_record(ContentType::application_data, {})}));
    REQUIRE(out.error);
    CHECK(out.error->code == ErrorCode::limit);
    CHECK(out.error->alert == AlertDescription::unexpected_message);
  }
}

TEST_CASE("reader: zero-length handshake, alert and CCS records are unexpected_message",
          "[record]") {
  for (auto type : {ContentType::handshake, ContentType::alert, ContentType::change_cipher_spec}) {
    RecordReader reader;
    const auto out = read_all(reader, make_record(type, {}));
    REQUIRE(out.error);
    CHECK(out.error->alert == AlertDescription::unexpected_message);
  }
}

TEST_CASE("reader: alerts", "[record]") {
  SECTION("close_notify is a clean end; later bytes are ignored") {
    RecordReader reader;
    const auto out = read_all(
        reader,
        concat({make_record(ContentType::application_data, ByteVec{1, 2}), alert_record(1, 0),
                make_record(ContentType::application_data, ByteVec{3})}));
    REQUIRE_FALSE(out.error);
    REQUIRE(out.events.size() == 2);
    CHECK(out.events[1].kind == InboundKind::close_notify);
    CHECK(reader.close_notify_received());
    CHECK(reader.end_of_stream());
  }
  SECTION("a fatal alert ends the connection, reported as the peer's error") {
    RecordReader reader;
    const auto out = read_all(reader, alert_record(2, 40));
    REQUIRE(out.error);
    CHECK(out.error->code == ErrorCode::peer_alert);
    CHECK(out.error->origin == Origin::peer);
    CHECK(out.error->alert == AlertDescription::handshake_failure);
    CHECK(out.error->message() == "peer sent handshake_failure");
    // Sticky.
    CHECK_FALSE(reader.feed(alert_record(1, 0)));
    CHECK_FALSE(reader.next());
    REQUIRE(reader.error());
    CHECK(reader.error()->code == ErrorCode::peer_alert);
  }
  SECTION("a fatal alert with an unknown description is still fatal") {
    RecordReader reader;
    const auto out = read_all(reader, alert_record(2, 0xc8));
    REQUIRE(out.error);
    CHECK(static_cast<int>(out.error->alert) == 0xc8);
  }
  SECTION("warnings, known or not, are handed up (RFC 5246 7.2), with a bound in a row") {
    ReaderLimits limits;
    limits.max_warning_alerts = 4;
    RecordReader reader(limits);
    ByteVec four;
    for (std::uint8_t d : {90, 100, 0xc8, 0xfe}) {
      const auto a = alert_record(1, d);
      four.insert(four.end(), a.begin(), a.end());
    }
    const auto ok = read_all(reader, four);
    REQUIRE_FALSE(ok.error);
    REQUIRE(ok.events.size() == 4);
    CHECK(ok.events[0].kind == InboundKind::warning_alert);
    CHECK(ok.events[0].alert.description == AlertDescription::user_canceled);
    CHECK(static_cast<int>(ok.events[2].alert.description) == 0xc8);
    // Data resets the count ...
    const auto data_then_four =
        concat({make_record(ContentType::application_data, ByteVec{7}), four});
    CHECK_FALSE(read_all(reader, data_then_four).error);
    // ... and a fifth warning in a row is refused.
    const auto out = read_all(reader, alert_record(1, 90));
    REQUIRE(out.error);
    CHECK(out.error->code == ErrorCode::limit);
  }
  SECTION("alert records of the wrong length or level are decode_error") {
    for (const char* payload : {"01", "010000", "0100010000", "0328", "0028"}) {
      RecordReader reader;
      const auto out = read_all(reader, make_record(ContentType::alert, from_hex(payload)));
      INFO(payload);
      REQUIRE(out.error);
      CHECK(out.error->alert == AlertDescription::decode_error);
    }
  }
}

TEST_CASE("reader: end of stream without close_notify is truncation", "[record]") {
  const auto wire = make_record(ContentType::application_data, tlsx::test::bytes_of("hello"));
  for (std::size_t n = 0; n <= wire.size(); ++n) {
    RecordReader reader;
    const auto out = read_all(reader, std::span(wire).first(n));
    REQUIRE_FALSE(out.error);
    auto end = reader.end_of_stream();
    REQUIRE_FALSE(end);
    CHECK(end.error().code == ErrorCode::truncated);
  }
}

TEST_CASE("reader: nothing may interleave a fragmented handshake message", "[record]") {
  const auto message = make_handshake(11, ByteVec(100, 0x33));
  const auto first_half = make_record(ContentType::handshake, std::span(message).first(50));
  const auto second_half = make_record(ContentType::handshake, std::span(message).subspan(50));
  struct Case {
    const char* name;
    ByteVec intruder;
  };
  const Case cases[] = {
      {"warning alert", alert_record(1, 90)},
      {"close_notify", alert_record(1, 0)},
      {"fatal alert", alert_record(2, 40)},
      {"application data", make_record(ContentType::application_data, ByteVec{1})},
      {"empty application data", make_record(ContentType::application_data, {})},
      {"ChangeCipherSpec", kCcs},
  };
  for (const auto& c : cases) {
    RecordReader reader;
    reader.set_pending(std::make_unique<PassThroughProtection>());
    const auto out = read_all(reader, concat({first_half, c.intruder, second_half}));
    INFO(c.name);
    REQUIRE(out.error);
    CHECK(out.error->code == ErrorCode::unexpected_message);
    CHECK(out.error->alert == AlertDescription::unexpected_message);
    CHECK(out.events.empty());
  }
  // The same records without the intruder are fine.
  RecordReader reader;
  const auto out = read_all(reader, concat({first_half, second_half}));
  REQUIRE_FALSE(out.error);
  REQUIRE(out.events.size() == 1);
  CHECK(out.events[0].bytes == message);
}

TEST_CASE("reader: ChangeCipherSpec", "[record]") {
  SECTION("switches to the pending protection with sequence number 0") {
    std::vector<std::uint64_t> seen;
    RecordReader reader;
    const auto before = concat({make_record(ContentType::handshake, make_handshake(16, ByteVec(3))),
                                make_record(ContentType::application_data, ByteVec{9})});
    auto out = read_all(reader, before);
    REQUIRE_FALSE(out.error);
    CHECK(reader.state().sequence().peek() == 2);
    reader.set_pending(std::make_unique<PassThroughProtection>(&seen));
    out = read_all(
        reader, concat({kCcs, make_record(ContentType::handshake, make_handshake(20, ByteVec(12))),
                        make_record(ContentType::application_data, ByteVec{1})}));
    REQUIRE_FALSE(out.error);
    REQUIRE(out.events.size() == 3);
    CHECK(out.events[0].kind == InboundKind::change_cipher_spec);
    CHECK(out.events[1].handshake_type == 20);
    CHECK(seen == std::vector<std::uint64_t>{0, 1});
    CHECK(reader.state().current().name() == "pass-through");
  }
  SECTION("without pending keys it is unexpected_message") {
    RecordReader reader;
    const auto out = read_all(reader, kCcs);
    REQUIRE(out.error);
    CHECK(out.error->alert == AlertDescription::unexpected_message);
  }
  SECTION("a payload other than 0x01 is decode_error") {
    for (const char* payload : {"00", "02", "ff", "0101", "0100"}) {
      RecordReader reader;
      reader.set_pending(std::make_unique<PassThroughProtection>());
      const auto out =
          read_all(reader, make_record(ContentType::change_cipher_spec, from_hex(payload)));
      INFO(payload);
      REQUIRE(out.error);
      CHECK(out.error->alert == AlertDescription::decode_error);
    }
  }
  SECTION(
      "after it, records may be up to 2^14 + 2048 bytes, but plaintext over 2^14 is "
      "record_overflow") {
    RecordReader reader;
    reader.set_pending(std::make_unique<PassThroughProtection>());
    REQUIRE_FALSE(read_all(reader, kCcs).error);
    const auto ok = read_all(reader, make_record(ContentType::application_data, ByteVec(16384)));
    REQUIRE_FALSE(ok.error);
    const auto over = read_all(reader, make_record(ContentType::application_data, ByteVec(16385)));
    REQUIRE(over.error);
    CHECK(over.error->alert == AlertDescription::record_overflow);
  }
}

TEST_CASE("reader: record-level limits", "[record]") {
  SECTION("a plaintext record over 2^14 is refused from its header") {
    RecordReader reader;
    auto taken = reader.feed(from_hex("1703034001"));
    REQUIRE_FALSE(taken);
    CHECK(taken.error().alert == AlertDescription::record_overflow);
  }
  SECTION("a lowered plaintext limit (record_size_limit)") {
    RecordReader reader;
    REQUIRE(reader.set_max_plaintext(256));
    CHECK_FALSE(read_all(reader, make_record(ContentType::application_data, ByteVec(256))).error);
    const auto out = read_all(reader, make_record(ContentType::application_data, ByteVec(257)));
    REQUIRE(out.error);
    CHECK(out.error->alert == AlertDescription::record_overflow);
    RecordReader other;
    CHECK_FALSE(other.set_max_plaintext(0));
    CHECK_FALSE(other.set_max_plaintext(16385));
  }
  SECTION("an oversized handshake message") {
    RecordReader reader;
    const auto out = read_all(reader, make_record(ContentType::handshake, from_hex("01004001")));
    REQUIRE(out.error);
    CHECK(out.error->code == ErrorCode::limit);
    CHECK(out.error->alert == AlertDescription::decode_error);
  }
  SECTION("wrong version and content type") {
    RecordReader reader;
    auto out = read_all(reader, make_record(ContentType::handshake, ByteVec{1}, 0x0301));
    REQUIRE(out.error);
    CHECK(out.error->alert == AlertDescription::protocol_version);
    RecordReader r2;
    out = read_all(r2, make_record(static_cast<ContentType>(24), ByteVec{1}));
    REQUIRE(out.error);
    CHECK(out.error->alert == AlertDescription::unexpected_message);
  }
  SECTION("tls_family accepts 0x0301 for a first ClientHello, then tls12 is enforced") {
    RecordReader reader;
    reader.set_version_check(VersionCheck::tls_family);
    auto out = read_all(reader,
                        make_record(ContentType::handshake, make_handshake(1, ByteVec(4)), 0x0301));
    REQUIRE_FALSE(out.error);
    REQUIRE(out.events.size() == 1);
    reader.set_version_check(VersionCheck::tls12);
    out = read_all(reader,
                   make_record(ContentType::handshake, make_handshake(16, ByteVec(4)), 0x0301));
    REQUIRE(out.error);
    CHECK(out.error->alert == AlertDescription::protocol_version);
  }
}

TEST_CASE("reader: sequence number exhaustion is refused", "[record]") {
  RecordReader reader;
  reader.state_for_testing().sequence().set_for_testing(~std::uint64_t{0});
  const auto one = make_record(ContentType::application_data, ByteVec{1});
  auto out = read_all(reader, one);  // uses 2^64 - 1: allowed
  REQUIRE_FALSE(out.error);
  out = read_all(reader, one);
  REQUIRE(out.error);
  CHECK(out.error->code == ErrorCode::limit);
}

TEST_CASE(
    "reader: truncating a record stream at every byte never yields an error or a "
    "partial event",
    "[record]") {
  const auto wire = concat(
      {make_record(ContentType::handshake,
                   concat({make_handshake(2, ByteVec(10, 1)), make_handshake(11, ByteVec(30, 2))})),
       make_record(ContentType::application_data, ByteVec(20, 3))});
  for (std::size_t n = 0; n <= wire.size(); ++n) {
    RecordReader reader;
    const auto out = read_all(reader, std::span(wire).first(n));
    REQUIRE_FALSE(out.error);
    for (const auto& e : out.events) {
      if (e.kind == InboundKind::handshake) CHECK((e.bytes.size() == 14 || e.bytes.size() == 34));
      if (e.kind == InboundKind::application_data) CHECK(e.bytes.size() == 20);
    }
  }
}
