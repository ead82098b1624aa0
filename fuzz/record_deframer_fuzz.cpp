// Fuzzes the inbound record layer without cryptography: RecordReader (deframer, header checks,
// handshake reassembly, alerts, ChangeCipherSpec, limits) fed arbitrary bytes in arbitrary chunks.
//
// Input: byte 0 = options (version check, chunk size, small limits), the rest is the stream.
// Properties checked:
//   - every event is well-formed (a handshake message is its 4-byte header plus body, application
//     data is non-empty and at most 2^14 bytes);
//   - after the first error nothing more is accepted;
//   - parse -> serialize: the handshake messages written again with a RecordWriter (small
//     fragments) and read back by a fresh reader come out identical.
#include <algorithm>
#include <cstdint>
#include <cstdlib>
#include <span>
#include <vector>

#include "record/null_protection.hpp"
#include "record/record_reader.hpp"
#include "record/record_writer.hpp"

using namespace tlsx::record;

namespace {

using ByteVec = std::vector<std::uint8_t>;

void check(bool ok) {
  if (!ok) std::abort();
}

/// Reads everything; returns the raw handshake messages.
std::vector<ByteVec> read_stream(RecordReader& reader, std::span<const std::uint8_t> input,
                                 std::size_t chunk) {
  std::vector<ByteVec> messages;
  while (!input.empty()) {
    auto piece = input.first(std::min(chunk, input.size()));
    auto taken = reader.feed(piece);
    if (!taken) {
      check(!reader.next().has_value());  // sticky
      return messages;
    }
    check(*taken <= piece.size());
    input = input.subspan(*taken);
    for (;;) {
      auto event = reader.next();
      if (!event) {
        check(!reader.feed(input).has_value());  // sticky
        return messages;
      }
      if (event->kind == InboundKind::need_more_data) break;
      switch (event->kind) {
        case InboundKind::handshake: {
          const auto& m = event->handshake;
          check(m.raw.size() == 4 + m.body.size());
          check(m.raw.data() + 4 == m.body.data());
          messages.emplace_back(m.raw.begin(), m.raw.end());
          break;
        }
        case InboundKind::application_data:
          check(!event->data.empty() && event->data.size() <= kMaxPlaintextSize);
          break;
        case InboundKind::change_cipher_spec:
          // Keep a pending state available so that the next ChangeCipherSpec is legal too.
          reader.set_pending(make_null_protection());
          break;
        default:
          break;
      }
    }
  }
  return messages;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size < 1) return 0;
  const std::uint8_t options = data[0];
  const std::span<const std::uint8_t> stream(data + 1, size - 1);

  ReaderLimits limits;
  if (options & 0x10) {
    limits.handshake = HandshakeSizeLimits::uniform(64);
    limits.max_empty_records = 2;
    limits.max_warning_alerts = 2;
  }
  static constexpr std::size_t kChunks[] = {1, 2, 3, 5, 7, 64, 1000, SIZE_MAX};
  const std::size_t chunk = kChunks[options & 7];

  RecordReader reader(limits);
  reader.set_version_check((options & 8) ? VersionCheck::tls_family : VersionCheck::tls12);
  reader.set_pending(make_null_protection());
  const auto messages = read_stream(reader, stream, chunk);
  if (messages.empty()) return 0;

  // parse -> serialize -> parse.
  ByteVec joined;
  for (const auto& m : messages) joined.insert(joined.end(), m.begin(), m.end());
  RecordWriter writer;
  check(writer.set_max_fragment(1 + (options >> 5) * 37).has_value());
  check(writer.write_handshake(joined).has_value());
  const ByteVec wire(writer.pending_output().begin(), writer.pending_output().end());
  RecordReader again(limits);
  const auto reread = read_stream(again, wire, SIZE_MAX);
  check(reread == messages);
  return 0;
}
