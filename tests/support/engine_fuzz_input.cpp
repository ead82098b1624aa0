#include "support/engine_fuzz_input.hpp"

#include <algorithm>
#include <array>

#include "tlsx/crypto/seeded_provider.hpp"
#include "tlsx/engine.hpp"

namespace tlsx::test {
namespace {

constexpr std::uint8_t kChangeCipherSpec = 20;
constexpr std::uint8_t kAlert = 21;
constexpr std::size_t kHeader = 5;

void drain(Engine& engine, Bytes& log) {
  const auto out = engine.pending_output();
  log.insert(log.end(), out.begin(), out.end());
  engine.consume_output(out.size());
}

// A local fatal error must leave its alert as the last record we sent (in clear text before our
// ChangeCipherSpec, where it can be checked byte for byte).
std::optional<std::string> check_alert_queued(const Bytes& output, AlertDescription alert) {
  const auto records = split_records(output);
  if (records.empty() || records.back().size() < kHeader + 2 || records.back()[0] != kAlert) {
    return "local error without a trailing alert record";
  }
  for (std::size_t i = 0; i + 1 < records.size(); ++i) {
    if (records[i][0] == kChangeCipherSpec) return std::nullopt;  // the alert is encrypted
  }
  const Bytes& last = records.back();
  if (last.size() != kHeader + 2 || last[kHeader] != static_cast<std::uint8_t>(AlertLevel::fatal) ||
      last[kHeader + 1] != static_cast<std::uint8_t>(alert)) {
    return "the queued alert differs from the error's";
  }
  return std::nullopt;
}

}  // namespace

FuzzInput parse_fuzz_input(std::span<const std::uint8_t> data, std::size_t scenario_count) {
  FuzzInput in;
  if (data.empty()) return in;
  in.scenario = data[0] % scenario_count;
  std::size_t pos = 1;
  while (pos < data.size()) {
    if (data.size() - pos < 2) {
      in.frames.push_back(data.subspan(pos));
      break;
    }
    const std::size_t len = (std::size_t{data[pos]} << 8) | data[pos + 1];
    pos += 2;
    const std::size_t n = std::min(len, data.size() - pos);
    in.frames.push_back(data.subspan(pos, n));
    pos += n;
  }
  return in;
}

Bytes encode_fuzz_input(std::size_t scenario, const std::vector<Bytes>& frames) {
  Bytes out{static_cast<std::uint8_t>(scenario)};
  for (const auto& f : frames) {
    out.push_back(static_cast<std::uint8_t>(f.size() >> 8));
    out.push_back(static_cast<std::uint8_t>(f.size() & 0xff));
    out.insert(out.end(), f.begin(), f.end());
  }
  return out;
}

FuzzRun run_engine_fuzz_input(Role role, std::span<const std::uint8_t> data,
                              std::span<const Scenario> list) {
  return run_engine_fuzz_input(data, list.size(),
                               [role, list](std::size_t i, crypto::SeededProvider& provider) {
                                 return make_engine(role, list[i], provider);
                               });
}

FuzzRun run_engine_fuzz_input(std::span<const std::uint8_t> data, std::size_t scenario_count,
                              const EngineFactory& make) {
  FuzzRun run;
  const FuzzInput in = parse_fuzz_input(data, scenario_count);
  crypto::SeededProvider provider(0);
  auto made = make(in.scenario, provider);
  if (!made) {
    run.violation = "cannot make the engine: " + made.error().message();
    return run;
  }
  Engine& engine = *made;
  Bytes output;
  drain(engine, output);
  bool closed_before_error = false;
  std::array<std::uint8_t, 4096> plaintext{};
  for (const auto frame : in.frames) {
    if (engine.status().failed) break;
    closed_before_error = engine.status().closed;
    // Failure is sticky: the outcome is read from status()/error() at the end.
    [[maybe_unused]] auto fed = engine.feed(frame);
    for (;;) {
      auto n = engine.read(plaintext);
      if (!n || *n == 0) break;
      run.plaintext_read += *n;
    }
    drain(engine, output);
  }
  if (!engine.status().failed) {
    run.completed = engine.status().handshake_done;
    if (run.completed && !engine.status().closed) {
      // Exercise the write path under the negotiated protection too.
      static constexpr std::array<std::uint8_t, 6> kEcho = {'h', 'e', 'l', 'l', 'o', '\n'};
      [[maybe_unused]] auto written = engine.write(kEcho);
      drain(engine, output);
    }
    closed_before_error = engine.status().closed;
    [[maybe_unused]] auto ended = engine.end_of_input();
    drain(engine, output);
  }
  if (engine.status().failed != (engine.error() != nullptr)) {
    run.violation = "status().failed disagrees with error()";
    return run;
  }
  if (engine.error() == nullptr) return run;
  run.error = *engine.error();
  const Error& e = *run.error;
  if (e.code == ErrorCode::internal || e.alert == AlertDescription::internal_error) {
    run.violation = "internal error from peer bytes: " + e.message();
  } else if (e.origin == Origin::local && !closed_before_error) {
    run.violation = check_alert_queued(output, e.alert);
  }
  return run;
}

}  // namespace tlsx::test
