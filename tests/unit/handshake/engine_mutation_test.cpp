// Every handshake message a role receives, truncated at each byte and bit-flipped, replayed into a
// fresh deterministic engine: it must end in a clean error whose alert the RFC allows for that
// message (never internal_error) and which is queued for the peer — never a crash, never a
// completed handshake, except for one precisely documented harmless class.
//
// The peer flights come from tests/support/recorded_handshake (SeededProvider on both sides and a
// fixed clock), so an unmutated replay completes, and any failure is caused by the mutation.
//
// Mutations of the record carrying message k of the peer's flights:
//   cut_stream   the byte stream ends after i bytes of the record (i = 0 .. size-1): the engine
//                waits for more, end_of_input() must then fail cleanly (ErrorCode::truncated);
//   cut_message  the message body (or a protected record's payload) is cut to j bytes with the
//                handshake and record lengths fixed up, so the parser sees a short message; the
//                rest of the flights follows;
//   bit_flip     one bit of the record (header included) flipped; the rest of the flights follows.
//                Every bit up to kFullFlipLimit bytes, a fixed sample of larger records (the
//                Certificate).
// The harmless class: a flip in the record-layer version minor byte of the first hello record
// (before the hello fixes the version any {03,xx} record version is acceptable, RFC 5246
// Appendix E.1, and the record version is not part of the transcript or any MAC at that point).
#include <algorithm>
#include <cstdint>
#include <cstdio>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include <catch2/catch.hpp>

#include "support/recorded_handshake.hpp"
#include "tlsx/alert.hpp"
#include "tlsx/crypto/seeded_provider.hpp"
#include "tlsx/engine.hpp"

using namespace tlsx;
using tlsx::test::Bytes;
using tlsx::test::Flight;
using tlsx::test::Role;
using tlsx::test::Scenario;

namespace {

constexpr std::uint8_t kChangeCipherSpec = 20;
constexpr std::uint8_t kAlertType = 21;
constexpr std::uint8_t kHandshake = 22;
constexpr std::size_t kHeader = 5;
constexpr std::size_t kHandshakeHeader = 4;

#if defined(__SANITIZE_ADDRESS__)
constexpr bool kSanitized = true;
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
constexpr bool kSanitized = true;
#else
constexpr bool kSanitized = false;
#endif
#else
constexpr bool kSanitized = false;
#endif

// Records up to this size get every bit flipped; larger ones a deterministic sample.
constexpr std::size_t kFullFlipLimit = 512;
// Sampled flips of large records: all bits of the first 64 bytes (headers and lengths), then one
// bit in every kSampleStride bytes, chosen by a fixed LCG. Sanitizer builds are ~4x slower and
// sample every record (reported in the summary line): every 5th bit (5 is prime to 8, so every
// bit position still occurs) and every 5th cut past the first 16 bytes.
constexpr std::size_t kSampleStride = kSanitized ? 16 : 4;
constexpr std::size_t kSanitizedBitStride = 5;
constexpr std::size_t kSanitizedCutStride = 5;

bool cut_sampled(std::size_t at) {
  return !kSanitized || at < 16 || at % kSanitizedCutStride == 0;
}

enum class Kind : std::uint8_t { cut_stream, cut_message, bit_flip };

const char* kind_name(Kind k) {
  switch (k) {
    case Kind::cut_stream:
      return "cut_stream";
    case Kind::cut_message:
      return "cut_message";
    case Kind::bit_flip:
      return "bit_flip";
  }
  return "?";
}

struct Mutation {
  Kind kind;
  std::size_t record;  // index into the peer's records, all flights in order
  std::size_t at;      // byte count for cuts, bit index for flips
};

struct PeerRecord {
  std::size_t flight;
  Bytes bytes;
  bool is_protected;
  std::string label;
};

std::vector<PeerRecord> peer_records(const std::vector<Flight>& flights) {
  std::vector<PeerRecord> out;
  bool protected_now = false;
  for (std::size_t f = 0; f < flights.size(); ++f) {
    for (const auto& r : flights[f].records) {
      std::string label(test::record_label(r, protected_now));
      if (protected_now) label = "finished";  // the only protected record of a handshake
      out.push_back({f, r, protected_now, label});
      if (r[0] == kChangeCipherSpec) protected_now = true;
    }
  }
  return out;
}

void put_length(Bytes& b, std::size_t at, std::size_t len, std::size_t width) {
  for (std::size_t i = 0; i < width; ++i)
    b[at + i] = static_cast<std::uint8_t>(len >> (8 * (width - 1 - i)));
}

// The record with its message body (or protected payload) cut to j bytes, lengths fixed up.
Bytes cut_message(const PeerRecord& r, std::size_t j) {
  const bool handshake = !r.is_protected && r.bytes[0] == kHandshake;
  const std::size_t keep = kHeader + (handshake ? kHandshakeHeader : 0) + j;
  Bytes b(r.bytes.begin(), r.bytes.begin() + static_cast<std::ptrdiff_t>(keep));
  put_length(b, 3, keep - kHeader, 2);
  if (handshake) put_length(b, kHeader + 1, j, 3);
  return b;
}

std::size_t cut_message_cases(const PeerRecord& r) {
  const bool handshake = !r.is_protected && r.bytes[0] == kHandshake;
  const std::size_t overhead = kHeader + (handshake ? kHandshakeHeader : 0);
  return r.bytes.size() > overhead ? r.bytes.size() - overhead : 0;
}

std::vector<std::size_t> flip_bits(const PeerRecord& r) {
  const std::size_t bits = r.bytes.size() * 8;
  std::vector<std::size_t> out;
  if (r.bytes.size() <= kFullFlipLimit) {
    const std::size_t stride = kSanitized ? kSanitizedBitStride : 1;
    for (std::size_t b = 0; b < bits; b += stride) out.push_back(b);
    return out;
  }
  for (std::size_t b = 0; b < 64 * 8; ++b) out.push_back(b);
  std::uint32_t lcg = 12345;
  for (std::size_t byte = 64; byte < r.bytes.size(); byte += kSampleStride) {
    lcg = lcg * 1103515245u + 12345u;
    out.push_back(byte * 8 + ((lcg >> 16) & 7));
  }
  return out;
}

struct Outcome {
  bool completed = false;
  bool used_eof = false;
  std::optional<Error> error;
  Bytes output;  // everything the engine queued, in order
};

void drain(Engine& engine, Bytes& log) {
  const auto out = engine.pending_output();
  log.insert(log.end(), out.begin(), out.end());
  engine.consume_output(out.size());
}

Outcome replay(Role role, const Scenario& scenario, const std::vector<PeerRecord>& records,
               const Mutation* m, crypto::SeededProvider& provider) {
  Outcome o;
  auto made = test::make_engine(role, scenario, provider);
  REQUIRE(made);
  Engine& engine = *made;
  drain(engine, o.output);
  bool stream_ended = false;
  std::size_t flight = 0;
  Bytes chunk;
  auto flush = [&] {
    if (!chunk.empty() && !engine.status().failed) (void)engine.feed(chunk);
    chunk.clear();
    drain(engine, o.output);
  };
  for (std::size_t k = 0; k < records.size() && !stream_ended; ++k) {
    const PeerRecord& r = records[k];
    if (r.flight != flight) {
      flush();
      flight = r.flight;
    }
    if (m == nullptr || m->record != k) {
      chunk.insert(chunk.end(), r.bytes.begin(), r.bytes.end());
      continue;
    }
    switch (m->kind) {
      case Kind::cut_stream:
        chunk.insert(chunk.end(), r.bytes.begin(), r.bytes.begin() + static_cast<long>(m->at));
        stream_ended = true;
        break;
      case Kind::cut_message: {
        const Bytes b = cut_message(r, m->at);
        chunk.insert(chunk.end(), b.begin(), b.end());
        break;
      }
      case Kind::bit_flip: {
        Bytes b = r.bytes;
        b[m->at / 8] ^= static_cast<std::uint8_t>(1u << (m->at % 8));
        chunk.insert(chunk.end(), b.begin(), b.end());
        break;
      }
    }
  }
  flush();
  if (!engine.status().failed && !engine.status().handshake_done) {
    o.used_eof = true;
    (void)engine.end_of_input();
    drain(engine, o.output);
  }
  o.completed = engine.status().handshake_done && !engine.status().failed;
  if (engine.error() != nullptr) o.error = *engine.error();
  return o;
}

// The alerts the RFCs allow for a mutated message of each kind. Common to all: the record layer
// (a flipped content type: unexpected_message; a flipped record version after the hello:
// protocol_version; a length past 2^14: record_overflow; short or long bodies: decode_error) and
// the end of the handshake, where any earlier change surfaces as a wrong key (bad_record_mac on
// the Finished record) or a wrong verify_data (decrypt_error), RFC 5246 §7.2.2, §7.4.9.
const std::set<AlertDescription>& allowed_alerts(const std::string& label) {
  using A = AlertDescription;
  static const std::set<A> base = {A::unexpected_message, A::decode_error,   A::record_overflow,
                                   A::protocol_version,   A::bad_record_mac, A::decrypt_error};
  static const std::map<std::string, std::set<A>> extra = {
      // version, suites, compression, extensions (RFC 5246 §7.4.1.2, RFC 7627, 7301, 5746).
      {"client_hello", {A::handshake_failure, A::illegal_parameter, A::no_application_protocol}},
      {"server_hello",
       {A::handshake_failure, A::illegal_parameter, A::unsupported_extension,
        A::no_application_protocol}},
      // RFC 5246 §7.2.2: a damaged certificate is bad_certificate; one we cannot use is
      // unsupported_certificate; a signature that does not verify up to the anchor unknown_ca.
      {"certificate",
       {A::bad_certificate, A::unsupported_certificate, A::certificate_unknown, A::unknown_ca,
        A::certificate_expired, A::illegal_parameter, A::handshake_failure}},
      // A changed group, point, scheme or signature (RFC 8422 §5.4, RFC 5246 §7.4.3).
      {"server_key_exchange", {A::illegal_parameter, A::handshake_failure}},
      {"client_key_exchange", {A::illegal_parameter}},
      {"change_cipher_spec", {A::illegal_parameter}},
  };
  static std::map<std::string, std::set<A>> merged;
  auto it = merged.find(label);
  if (it != merged.end()) return it->second;
  std::set<A> s = base;
  if (auto e = extra.find(label); e != extra.end()) s.insert(e->second.begin(), e->second.end());
  return merged.emplace(label, std::move(s)).first->second;
}

enum class AlertCheck : std::uint8_t { plaintext, peer_replica, encrypted };

// Checks that the engine's output ends with a fatal alert record carrying `alert`. A plaintext
// alert is compared byte for byte. A protected one (the client fails after its own
// ChangeCipherSpec) is handed to a fresh peer replica fed with everything this engine sent, which
// must report exactly that alert from its peer; that works when everything before the alert is
// what the recorded peer saw (`recorded_output`). Otherwise (a mutated ServerHello that still
// parses leads to other keys) only the record type is checked.
AlertCheck check_alert_sent(Role role, const Scenario& scenario, const Outcome& o,
                            AlertDescription alert, const Bytes& recorded_output,
                            crypto::SeededProvider& peer_provider) {
  const auto records = test::split_records(o.output);
  REQUIRE_FALSE(records.empty());
  const Bytes& last = records.back();
  REQUIRE(last.size() >= kHeader + 2);
  CHECK(last[0] == kAlertType);
  const bool sent_ccs = std::any_of(records.begin(), records.end() - 1,
                                    [](const Bytes& r) { return r[0] == kChangeCipherSpec; });
  if (!sent_ccs) {
    CHECK(last.size() == kHeader + 2);
    CHECK(last[kHeader] == static_cast<std::uint8_t>(AlertLevel::fatal));
    CHECK(last[kHeader + 1] == static_cast<std::uint8_t>(alert));
    return AlertCheck::plaintext;
  }
  const std::size_t before_alert = o.output.size() - last.size();
  if (before_alert > recorded_output.size() ||
      !std::equal(o.output.begin(), o.output.begin() + static_cast<std::ptrdiff_t>(before_alert),
                  recorded_output.begin())) {
    return AlertCheck::encrypted;
  }
  const Role peer_role = role == Role::client ? Role::server : Role::client;
  auto peer = test::make_engine(peer_role, scenario, peer_provider);
  REQUIRE(peer);
  (void)peer->feed(o.output);
  REQUIRE(peer->error() != nullptr);
  INFO("the peer replica: " << peer->error()->message());
  CHECK(peer->error()->origin == Origin::peer);
  CHECK(peer->error()->alert == alert);
  return AlertCheck::peer_replica;
}

struct Tally {
  std::size_t cases = 0;
  std::size_t completed_harmless = 0;
  std::size_t eof_truncated = 0;
  std::size_t alert_plaintext = 0;            // alert record checked byte for byte
  std::size_t alert_peer_replica = 0;         // encrypted alert decrypted by a peer replica
  std::size_t alert_encrypted = 0;            // encrypted alert, only its record type checked
  std::map<std::string, std::size_t> alerts;  // "Label: alert" -> count
};

void run_role(Role role, Tally& tally) {
  crypto::SeededProvider provider(0);
  crypto::SeededProvider peer_provider(0);
  for (const Scenario& scenario : test::scenarios()) {
    INFO("scenario " << scenario.name << ", role " << (role == Role::client ? "client" : "server"));
    const auto rec = test::record_handshake(scenario);
    REQUIRE(rec.ok);
    const Role peer = role == Role::client ? Role::server : Role::client;
    const auto records = peer_records(rec.sent_by(peer));

    // The unmutated replay completes and sends exactly what was recorded (determinism).
    Bytes recorded;
    for (const auto& f : rec.sent_by(role)) {
      const Bytes j = f.joined();
      recorded.insert(recorded.end(), j.begin(), j.end());
    }
    {
      const Outcome o = replay(role, scenario, records, nullptr, provider);
      REQUIRE(o.completed);
      REQUIRE(o.output == recorded);
    }

    std::vector<Mutation> mutations;
    for (std::size_t k = 0; k < records.size(); ++k) {
      for (std::size_t i = 0; i < records[k].bytes.size(); ++i)
        if (cut_sampled(i)) mutations.push_back({Kind::cut_stream, k, i});
      for (std::size_t j = 0; j < cut_message_cases(records[k]); ++j)
        if (cut_sampled(j)) mutations.push_back({Kind::cut_message, k, j});
      for (std::size_t b : flip_bits(records[k])) mutations.push_back({Kind::bit_flip, k, b});
    }

    for (const Mutation& m : mutations) {
      const PeerRecord& r = records[m.record];
      const Outcome o = replay(role, scenario, records, &m, provider);
      ++tally.cases;
      // The harmless class: record version minor byte of the first record the role receives.
      const bool harmless = m.kind == Kind::bit_flip && m.record == 0 && m.at / 8 == 2;
      if (harmless != o.completed) {
        FAIL_CHECK(r.label << " " << kind_name(m.kind) << " at " << m.at
                           << (o.completed ? ": handshake completed" : ": harmless mutation failed")
                           << (o.error ? " (" + o.error->message() + ")" : std::string()));
        continue;
      }
      if (o.completed) {
        ++tally.completed_harmless;
        continue;
      }
      REQUIRE(o.error.has_value());
      const Error& e = *o.error;
      if (e.code == ErrorCode::internal || e.alert == AlertDescription::internal_error) {
        FAIL_CHECK(r.label << " " << kind_name(m.kind) << " at " << m.at << ": " << e.message());
        continue;
      }
      if (o.used_eof) {
        // Waiting for bytes that never came: the clean end is a truncation error.
        if (e.code != ErrorCode::truncated || e.origin != Origin::peer) {
          FAIL_CHECK(r.label << " " << kind_name(m.kind) << " at " << m.at << ": " << e.message());
        }
        ++tally.eof_truncated;
        continue;
      }
      if (m.kind == Kind::cut_stream) {
        FAIL_CHECK(r.label << " cut_stream at " << m.at
                           << ": failed before the end of input: " << e.message());
        continue;
      }
      if (e.origin != Origin::local || allowed_alerts(r.label).count(e.alert) == 0) {
        FAIL_CHECK(r.label << " " << kind_name(m.kind) << " at " << m.at
                           << ": alert not allowed: " << e.message());
        continue;
      }
      ++tally.alerts[r.label + ": " + to_string(e.alert)];
      INFO(r.label << " " << kind_name(m.kind) << " at " << m.at << ": " << e.message());
      switch (check_alert_sent(role, scenario, o, e.alert, recorded, peer_provider)) {
        case AlertCheck::plaintext:
          ++tally.alert_plaintext;
          break;
        case AlertCheck::peer_replica:
          ++tally.alert_peer_replica;
          break;
        case AlertCheck::encrypted:
          ++tally.alert_encrypted;
          break;
      }
    }
  }
}

void print(const char* role, const Tally& t) {
  std::printf(
      "engine mutations, %s role%s: %zu cases, %zu completed (harmless class), "
      "%zu ended by end_of_input (truncated)\n",
      role, kSanitized ? " (sanitizer build: every 5th bit and cut)" : "", t.cases,
      t.completed_harmless, t.eof_truncated);
  std::printf(
      "  alerts sent: %zu in clear (checked byte for byte), %zu encrypted and read back by "
      "a peer replica, %zu encrypted (record type checked)\n",
      t.alert_plaintext, t.alert_peer_replica, t.alert_encrypted);
  for (const auto& [key, n] : t.alerts) std::printf("  %-48s %zu\n", key.c_str(), n);
}

}  // namespace

TEST_CASE("server engine survives every truncation and bit flip of the client flights",
          "[engine][mutation]") {
  Tally tally;
  run_role(Role::server, tally);
  print("server", tally);
  CHECK(tally.cases > 1000);
}

TEST_CASE("client engine survives every truncation and bit flip of the server flights",
          "[engine][mutation]") {
  Tally tally;
  run_role(Role::client, tally);
  print("client", tally);
  CHECK(tally.cases > 1000);
}
