// RecordWriter: fragmentation, ChangeCipherSpec switching, alerts closing the writer, output
// draining; read back with a RecordReader.
#include <catch2/catch.hpp>

#include "record/record_writer.hpp"
#include "record_test_util.hpp"

using namespace tlsx;
using namespace tlsx::record;
using namespace tlsx::record::test;
using tlsx::test::from_hex;
using tlsx::test::to_hex;

namespace {

/// Adds one marker byte per record so that the test can see which protection sealed it, and
/// records the sequence numbers.
class MarkingProtection final : public RecordProtection {
 public:
  MarkingProtection(std::uint8_t mark, std::vector<std::uint64_t>* seen)
      : mark_(mark), seen_(seen) {}
  std::string name() const override { return "marking"; }
  std::size_t sealed_size(std::size_t n) const noexcept override { return n + 1; }
  Result<void> seal(const RecordContext& context, std::span<const std::uint8_t> in,
                    std::span<std::uint8_t> out) override {
    seen_->push_back(context.sequence);
    out[0] = mark_;
    std::copy(in.begin(), in.end(), out.begin() + 1);
    return {};
  }
  Result<std::span<std::uint8_t>> open(const RecordContext&,
                                       std::span<std::uint8_t> fragment) override {
    if (fragment.empty() || fragment[0] != mark_) return fail_bad_record_mac();
    return fragment.subspan(1);
  }

 private:
  std::uint8_t mark_;
  std::vector<std::uint64_t>* seen_;
};

/// Splits a stream of records into (type, fragment) pairs.
std::vector<std::pair<ContentType, ByteVec>> split(std::span<const std::uint8_t> wire) {
  std::vector<std::pair<ContentType, ByteVec>> out;
  while (wire.size() >= 5) {
    const std::size_t length = static_cast<std::size_t>(wire[3]) << 8 | wire[4];
    REQUIRE(wire.size() >= 5 + length);
    out.emplace_back(
        static_cast<ContentType>(wire[0]),
        ByteVec(wire.begin() + 5, wire.begin() + 5 + static_cast<std::ptrdiff_t>(length)));
    wire = wire.subspan(5 + length);
  }
  REQUIRE(wire.empty());
  return out;
}

}  // namespace

TEST_CASE("writer: application data is fragmented at the maximum size", "[record]") {
  ByteVec data(40000);
  for (std::size_t i = 0; i < data.size(); ++i) data[i] = static_cast<std::uint8_t>(i);
  for (std::size_t max : {std::size_t{16384}, std::size_t{1000}, std::size_t{64}, std::size_t{1}}) {
    if (max == 1) data.resize(50);
    RecordWriter writer;
    REQUIRE(writer.set_max_fragment(max));
    REQUIRE(writer.write_application_data(data));
    const auto records = split(writer.pending_output());
    REQUIRE(records.size() == (data.size() + max - 1) / max);
    ByteVec joined;
    for (const auto& [type, fragment] : records) {
      CHECK(type == ContentType::application_data);
      CHECK(fragment.size() <= max);
      joined.insert(joined.end(), fragment.begin(), fragment.end());
    }
    CHECK(joined == data);
    CHECK(writer.state().sequence().peek() == records.size());
  }
  RecordWriter writer;
  CHECK_FALSE(writer.set_max_fragment(0));
  CHECK_FALSE(writer.set_max_fragment(16385));
  REQUIRE(writer.write_application_data({}));
  CHECK(writer.pending_output().empty());
}

TEST_CASE("writer: exact record bytes for plaintext records", "[record]") {
  RecordWriter writer;
  writer.set_version(0x0301);
  REQUIRE(writer.write_handshake(from_hex("0e000000")));
  writer.set_version(kTls12);
  REQUIRE(writer.write_alert({AlertLevel::warning, AlertDescription::close_notify}));
  CHECK(to_hex(writer.pending_output()) ==
        "16030100040e000000"
        "15030300020100");
  CHECK(writer.closed());
  auto more = writer.write_application_data(ByteVec{1});
  REQUIRE_FALSE(more);
  CHECK(more.error().code == ErrorCode::closed);
  CHECK_FALSE(writer.write_handshake({}));
}

TEST_CASE("writer: ChangeCipherSpec goes out in the clear, then records use the new state",
          "[record]") {
  std::vector<std::uint64_t> seen;
  RecordWriter writer;
  CHECK_FALSE(writer.write_change_cipher_spec());  // no pending state: caller's bug
  REQUIRE(writer.write_handshake(make_handshake(16, ByteVec(5, 1))));
  writer.set_pending(std::make_unique<MarkingProtection>(0xAA, &seen));
  REQUIRE(writer.write_change_cipher_spec());
  REQUIRE(writer.write_handshake(make_handshake(20, ByteVec(12, 2))));
  REQUIRE(writer.write_application_data(ByteVec(3, 3)));
  const auto records = split(writer.pending_output());
  REQUIRE(records.size() == 4);
  CHECK(records[1].first == ContentType::change_cipher_spec);
  CHECK(to_hex(records[1].second) == "01");
  CHECK(records[2].second[0] == 0xAA);
  CHECK(records[3].second[0] == 0xAA);
  CHECK(seen == std::vector<std::uint64_t>{0, 1});

  // The reader on the other side, with the matching pending state, gets everything back.
  std::vector<std::uint64_t> read_seen;
  RecordReader reader;
  const auto wire = ByteVec(writer.pending_output().begin(), writer.pending_output().end());
  auto first = read_all(reader, std::span(wire).first(5 + 9));
  REQUIRE_FALSE(first.error);
  reader.set_pending(std::make_unique<MarkingProtection>(0xAA, &read_seen));
  auto rest = read_all(reader, std::span(wire).subspan(5 + 9));
  REQUIRE_FALSE(rest.error);
  REQUIRE(rest.events.size() == 3);
  CHECK(rest.events[1].bytes == make_handshake(20, ByteVec(12, 2)));
  CHECK(rest.events[2].bytes == ByteVec(3, 3));
}

TEST_CASE("writer: output is drained piecewise", "[record]") {
  RecordWriter writer;
  REQUIRE(writer.write_application_data(ByteVec(100, 7)));
  const ByteVec all(writer.pending_output().begin(), writer.pending_output().end());
  ByteVec sent;
  while (!writer.pending_output().empty()) {
    const auto out = writer.pending_output();
    const std::size_t n = std::min<std::size_t>(13, out.size());
    sent.insert(sent.end(), out.begin(), out.begin() + static_cast<std::ptrdiff_t>(n));
    writer.consume_output(n);
  }
  CHECK(sent == all);
  writer.consume_output(1000);  // clamped
  CHECK(writer.pending_output().empty());
}

TEST_CASE("writer: a fatal alert closes the writer, a warning does not", "[record]") {
  RecordWriter writer;
  REQUIRE(writer.write_alert({AlertLevel::warning, AlertDescription::user_canceled}));
  CHECK_FALSE(writer.closed());
  REQUIRE(writer.write_alert({AlertLevel::fatal, AlertDescription::bad_record_mac}));
  CHECK(writer.closed());
  CHECK(to_hex(writer.pending_output()) ==
        "150303000201"
        "5a"
        "150303000202"
        "14");
}

TEST_CASE("writer: sequence number exhaustion is refused, not wrapped", "[record]") {
  RecordWriter writer;
  writer.state_for_testing().sequence().set_for_testing(~std::uint64_t{0} - 1);
  REQUIRE(writer.write_application_data(ByteVec{1}));
  REQUIRE(writer.write_application_data(ByteVec{2}));  // seq 2^64 - 1
  auto third = writer.write_application_data(ByteVec{3});
  REQUIRE_FALSE(third);
  CHECK(third.error().code == ErrorCode::limit);
  CHECK(split(writer.pending_output()).size() == 2);
  // Sticky.
  CHECK_FALSE(writer.write_application_data(ByteVec{4}));
  REQUIRE(writer.error());
}
