// The seed corpora of the engine fuzzers (fuzz/corpus/{server,client,server_mtls}_engine/) stay
// valid: the recorded flights still complete a handshake through the fuzzers' own run function (so
// a change in the engine or the scenarios that breaks them fails here, not silently in a fuzz
// campaign), and every committed seed runs without breaking an invariant.
//
// Regenerate the recorded seeds and the fingerprint ClientHellos with
//   build/handshake_engine_fuzz_seeds_test "[.write_seeds]"
// and the ClientHellos of real clients with fuzz/capture_real_client_hellos.py
// (fuzz/corpus/ENGINE_SEEDS.md describes every file).
#include <filesystem>
#include <fstream>
#include <iterator>
#include <string>
#include <vector>

#include <catch2/catch.hpp>

#include "support/engine_fuzz_input.hpp"
#include "support/recorded_handshake.hpp"
#include "support/test_support.hpp"

using namespace tlsx;
using tlsx::test::Bytes;
using tlsx::test::Role;

namespace {

std::filesystem::path corpus_dir(const std::string& name) {
  return std::filesystem::path(TLSX_TEST_DATA_DIR) / ".." / ".." / "fuzz" / "corpus" / name;
}
std::filesystem::path corpus_dir(Role role) {
  return corpus_dir(role == Role::server ? "server_engine" : "client_engine");
}
// server_mtls_engine_fuzz: a server that requires a client certificate.
std::filesystem::path mtls_corpus_dir() {
  return corpus_dir("server_mtls_engine");
}

struct Seed {
  std::string name;
  Bytes bytes;
};

// One seed per scenario and role: the peer's recorded flights, one frame each.
std::vector<Seed> recorded_seeds(Role role,
                                 std::span<const test::Scenario> scenarios = test::scenarios()) {
  std::vector<Seed> out;
  for (std::size_t i = 0; i < scenarios.size(); ++i) {
    const auto rec = test::record_handshake(scenarios[i]);
    REQUIRE(rec.ok);
    std::vector<Bytes> frames;
    for (const auto& f : rec.sent_by(role == Role::server ? Role::client : Role::server))
      frames.push_back(f.joined());
    out.push_back(
        {"recorded_" + std::string(scenarios[i].name), test::encode_fuzz_input(i, frames)});
  }
  return out;
}

// The 70 real ClientHellos of tests/vectors/fingerprints, each in one TLS 1.0-versioned record as
// browsers send them, for scenario 0.
std::vector<Seed> fingerprint_seeds() {
  std::vector<Seed> out;
  const auto cases = test::load_json_vector("fingerprints/client-hellos.json");
  std::size_t n = 0;
  for (const auto& c : cases) {
    const auto hello = test::from_hex(c.at("client_hello_hex").get<std::string>());
    Bytes record = {22, 3, 1, static_cast<std::uint8_t>(hello.size() >> 8),
                    static_cast<std::uint8_t>(hello.size() & 0xff)};
    record.insert(record.end(), hello.begin(), hello.end());
    out.push_back({"fingerprint_" + std::to_string(n++), test::encode_fuzz_input(0, {record})});
  }
  return out;
}

Bytes read_file(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  return Bytes(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
}

}  // namespace

TEST_CASE("recorded engine fuzz seeds complete the handshake and are committed", "[engine][fuzz]") {
  for (Role role : {Role::server, Role::client}) {
    for (const auto& seed : recorded_seeds(role)) {
      INFO(seed.name << (role == Role::server ? " (server)" : " (client)"));
      const auto run = test::run_engine_fuzz_input(role, seed.bytes);
      CHECK_FALSE(run.violation.has_value());
      CHECK(run.completed);
      // The committed copy is the same, or the fuzzer starts from stale flights.
      CHECK(read_file(corpus_dir(role) / seed.name) == seed.bytes);
    }
  }
}

TEST_CASE("recorded mutual TLS fuzz seeds complete the handshake and are committed",
          "[engine][fuzz]") {
  const auto list = test::client_auth_scenarios();
  for (const auto& seed : recorded_seeds(Role::server, list)) {
    INFO(seed.name);
    const auto run = test::run_engine_fuzz_input(Role::server, seed.bytes, list);
    CHECK_FALSE(run.violation.has_value());
    CHECK(run.completed);
    CHECK(read_file(mtls_corpus_dir() / seed.name) == seed.bytes);
  }
}

TEST_CASE("every committed engine fuzz seed runs without breaking an invariant", "[engine][fuzz]") {
  for (Role role : {Role::server, Role::client}) {
    std::size_t seeds = 0;
    for (const auto& entry : std::filesystem::directory_iterator(corpus_dir(role))) {
      INFO(entry.path().filename().string());
      const auto run = test::run_engine_fuzz_input(role, read_file(entry.path()));
      if (run.violation) FAIL_CHECK(*run.violation);
      // Real hellos are for scenario 0's server: it must answer them, not reject them.
      const auto name = entry.path().filename().string();
      if (name.starts_with("real_")) {
        CHECK(run.error.has_value());
        CHECK(run.error->code == ErrorCode::truncated);  // it waits for the ClientKeyExchange
      }
      ++seeds;
    }
    CHECK(seeds >= (role == Role::server ? 4u + 70u : 4u));
  }
  std::size_t mtls_seeds = 0;
  for (const auto& entry : std::filesystem::directory_iterator(mtls_corpus_dir())) {
    INFO(entry.path().filename().string());
    const auto run = test::run_engine_fuzz_input(Role::server, read_file(entry.path()),
                                                 test::client_auth_scenarios());
    if (run.violation) FAIL_CHECK(*run.violation);
    ++mtls_seeds;
  }
  CHECK(mtls_seeds >= 2u);
}

TEST_CASE("write the engine fuzz seed corpora", "[.write_seeds]") {
  for (Role role : {Role::server, Role::client}) {
    std::filesystem::create_directories(corpus_dir(role));
    auto seeds = recorded_seeds(role);
    if (role == Role::server) {
      auto more = fingerprint_seeds();
      seeds.insert(seeds.end(), more.begin(), more.end());
    }
    for (const auto& seed : seeds) {
      std::ofstream out(corpus_dir(role) / seed.name, std::ios::binary | std::ios::trunc);
      out.write(reinterpret_cast<const char*>(seed.bytes.data()),
                static_cast<std::streamsize>(seed.bytes.size()));
      REQUIRE(out.good());
    }
  }
  std::filesystem::create_directories(mtls_corpus_dir());
  for (const auto& seed : recorded_seeds(Role::server, test::client_auth_scenarios())) {
    std::ofstream out(mtls_corpus_dir() / seed.name, std::ios::binary | std::ios::trunc);
    out.write(reinterpret_cast<const char*>(seed.bytes.data()),
              static_cast<std::streamsize>(seed.bytes.size()));
    REQUIRE(out.good());
  }
}
