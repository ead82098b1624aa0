// Checks every handshake codec test runs on valid bytes: round trip, every truncation, a trailing
// byte, every single-bit flip. Not a test itself (no _test.cpp suffix); included by the tests.
#pragma once

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <set>
#include <span>
#include <string>
#include <vector>

#include <catch2/catch.hpp>

#include "handshake/wire.hpp"
#include "support/test_support.hpp"
#include "tlsx/error.hpp"

namespace tlsx::test {

using handshake::ByteView;

/// Parses bytes that must be valid and checks that serializing gives them back. Returns the
/// parsed value.
template <class Parse>
auto require_round_trip(const ByteVec& bytes, Parse parse) {
  auto parsed = parse(ByteView(bytes));
  INFO("input " << to_hex(bytes));
  if (!parsed) FAIL("parse failed: " << parsed.error().message());
  auto out = handshake::encode(*parsed);
  if (!out) FAIL("serialize failed: " << out.error().message());
  CHECK(to_hex(*out) == to_hex(bytes));
  return *parsed;
}

/// Outcome counts of a sweep, checked with one assertion each so that large sweeps stay fast.
struct SweepResult {
  int inputs = 0;
  int rejected = 0;           ///< parse failed with the expected alert
  int wrong_alert = 0;        ///< parse failed with another alert
  int accepted = 0;           ///< parse succeeded and re-serialized to the same bytes
  int not_round_tripped = 0;  ///< parse succeeded but serialize failed or differed
  std::string first_problem;
};

template <class Parse>
void classify(SweepResult& s, ByteView input, const Parse& parse, AlertDescription expected_alert) {
  ++s.inputs;
  auto parsed = parse(input);
  if (!parsed) {
    if (parsed.error().alert == expected_alert) {
      ++s.rejected;
    } else {
      ++s.wrong_alert;
      if (s.first_problem.empty()) {
        s.first_problem = to_hex(input) + " -> " + parsed.error().message();
      }
    }
    return;
  }
  auto out = handshake::encode(*parsed);
  if (out && std::equal(out->begin(), out->end(), input.begin(), input.end())) {
    ++s.accepted;
  } else {
    ++s.not_round_tripped;
    if (s.first_problem.empty()) s.first_problem = to_hex(input) + " did not round-trip";
  }
}

/// Every proper prefix of valid bytes must be rejected with decode_error, except the lengths in
/// `valid_prefixes` (e.g. a hello cut right before its optional extensions), which must parse
/// and round-trip.
template <class Parse>
void check_truncations(const ByteVec& bytes, Parse parse,
                       const std::set<std::size_t>& valid_prefixes = {}) {
  SweepResult s;
  int valid_seen = 0;
  for (std::size_t n = 0; n < bytes.size(); ++n) {
    const ByteView prefix(bytes.data(), n);
    if (valid_prefixes.contains(n)) {
      auto parsed = parse(prefix);
      INFO("prefix of " << n << " bytes");
      CHECK(parsed.has_value());
      ++valid_seen;
      continue;
    }
    classify(s, prefix, parse, AlertDescription::decode_error);
  }
  INFO(s.first_problem);
  CHECK(s.rejected == s.inputs);
  CHECK(valid_seen == static_cast<int>(valid_prefixes.size()));
}

/// Valid bytes plus one trailing byte must be rejected with decode_error.
template <class Parse>
void check_trailing_byte(const ByteVec& bytes, Parse parse) {
  ByteVec longer = bytes;
  longer.push_back(0x00);
  auto parsed = parse(ByteView(longer));
  INFO("input " << to_hex(longer));
  REQUIRE_FALSE(parsed.has_value());
  CHECK(parsed.error().alert == AlertDescription::decode_error);
}

/// Flips every bit once: each result must either be rejected cleanly (any alert, since a flipped
/// bit can make a well-formed but illegal value) or parse and round-trip exactly. Under ASan and
/// UBSan this is also the no-crash check.
template <class Parse>
SweepResult check_bit_flips(const ByteVec& bytes, Parse parse) {
  SweepResult s;
  ByteVec flipped = bytes;
  for (std::size_t i = 0; i < bytes.size(); ++i) {
    for (int bit = 0; bit < 8; ++bit) {
      flipped[i] ^= static_cast<std::uint8_t>(1u << bit);
      ++s.inputs;
      auto parsed = parse(ByteView(flipped));
      if (!parsed) {
        ++s.rejected;
      } else {
        auto out = handshake::encode(*parsed);
        if (out && *out == flipped) {
          ++s.accepted;
        } else {
          ++s.not_round_tripped;
          if (s.first_problem.empty()) s.first_problem = to_hex(flipped) + " did not round-trip";
        }
      }
      flipped[i] ^= static_cast<std::uint8_t>(1u << bit);
    }
  }
  INFO(s.first_problem);
  CHECK(s.not_round_tripped == 0);
  CHECK(s.inputs == static_cast<int>(bytes.size() * 8));
  return s;
}

/// All four checks for bytes that are a complete, valid encoding with no valid proper prefix.
template <class Parse>
void check_codec(const ByteVec& bytes, Parse parse) {
  require_round_trip(bytes, parse);
  check_truncations(bytes, parse);
  check_trailing_byte(bytes, parse);
  check_bit_flips(bytes, parse);
}

/// Expects parse to fail with a specific alert.
template <class Parse>
void check_rejected(const ByteVec& bytes, Parse parse, AlertDescription alert) {
  auto parsed = parse(ByteView(bytes));
  INFO("input " << to_hex(bytes));
  REQUIRE_FALSE(parsed.has_value());
  INFO("error " << parsed.error().message());
  CHECK(parsed.error().alert == alert);
}

/// The bytes of a PEM text's first block (base64 between its BEGIN and END lines).
inline ByteVec pem_first_block(const std::string& pem) {
  const auto begin = pem.find("-----BEGIN");
  const auto body = pem.find('\n', begin) + 1;
  const auto end = pem.find("-----END", body);
  ByteVec out;
  std::uint32_t acc = 0;
  int bits = 0;
  for (std::size_t i = body; i < end; ++i) {
    const char c = pem[i];
    int v = -1;
    if (c >= 'A' && c <= 'Z') v = c - 'A';
    if (c >= 'a' && c <= 'z') v = c - 'a' + 26;
    if (c >= '0' && c <= '9') v = c - '0' + 52;
    if (c == '+') v = 62;
    if (c == '/') v = 63;
    if (v < 0) continue;  // newlines and '=' padding
    acc = (acc << 6) | static_cast<std::uint32_t>(v);
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      out.push_back(static_cast<std::uint8_t>(acc >> bits));
    }
  }
  return out;
}

}  // namespace tlsx::test
