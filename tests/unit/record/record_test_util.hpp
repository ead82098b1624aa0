// Helpers shared by the record-layer tests (not a test executable itself).
#pragma once

#include <cstdint>
#include <span>
#include <vector>

#include "record/content_type.hpp"
#include "record/record_reader.hpp"
#include "support/test_support.hpp"

namespace tlsx::record::test {

using ByteVec = std::vector<std::uint8_t>;

/// header(type, version, payload.size()) || payload.
inline ByteVec make_record(ContentType type, std::span<const std::uint8_t> payload,
                           std::uint16_t version = kTls12) {
  ByteVec out{static_cast<std::uint8_t>(type), static_cast<std::uint8_t>(version >> 8),
              static_cast<std::uint8_t>(version), static_cast<std::uint8_t>(payload.size() >> 8),
              static_cast<std::uint8_t>(payload.size())};
  out.insert(out.end(), payload.begin(), payload.end());
  return out;
}

/// A handshake message: type || uint24 length || body.
inline ByteVec make_handshake(std::uint8_t type, std::span<const std::uint8_t> body) {
  ByteVec out{type, static_cast<std::uint8_t>(body.size() >> 16),
              static_cast<std::uint8_t>(body.size() >> 8), static_cast<std::uint8_t>(body.size())};
  out.insert(out.end(), body.begin(), body.end());
  return out;
}

inline ByteVec concat(std::initializer_list<ByteVec> parts) {
  ByteVec out;
  for (const auto& p : parts) out.insert(out.end(), p.begin(), p.end());
  return out;
}

/// An owned copy of an event (the reader's spans die with the next call).
struct OwnedEvent {
  InboundKind kind = InboundKind::need_more_data;
  std::uint8_t handshake_type = 0;
  ByteVec bytes;  ///< handshake raw bytes or application data
  AlertMessage alert;
};

/// Everything a reader produced from `input`, fed in chunks of `chunk` bytes; stops at the first
/// error, which is returned in `error`.
struct ReadOutcome {
  std::vector<OwnedEvent> events;
  std::optional<Error> error;
};

inline ReadOutcome read_all(RecordReader& reader, std::span<const std::uint8_t> input,
                            std::size_t chunk = SIZE_MAX) {
  ReadOutcome outcome;
  auto drain = [&]() -> bool {
    for (;;) {
      auto event = reader.next();
      if (!event) {
        outcome.error = event.error();
        return false;
      }
      if (event->kind == InboundKind::need_more_data) return true;
      OwnedEvent owned;
      owned.kind = event->kind;
      owned.alert = event->alert;
      if (event->kind == InboundKind::handshake) {
        owned.handshake_type = event->handshake.type;
        owned.bytes.assign(event->handshake.raw.begin(), event->handshake.raw.end());
      } else if (event->kind == InboundKind::application_data) {
        owned.bytes.assign(event->data.begin(), event->data.end());
      }
      outcome.events.push_back(std::move(owned));
    }
  };
  while (!input.empty()) {
    auto piece = input.first(std::min(chunk, input.size()));
    while (!piece.empty()) {
      auto taken = reader.feed(piece);
      if (!taken) {
        outcome.error = taken.error();
        return outcome;
      }
      piece = piece.subspan(*taken);
      input = input.subspan(*taken);
      if (!drain()) return outcome;
    }
  }
  return outcome;
}

}  // namespace tlsx::record::test
