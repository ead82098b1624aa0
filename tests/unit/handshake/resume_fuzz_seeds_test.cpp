// The seed corpus of server_resume_engine_fuzz (fuzz/corpus/server_resume_engine/) stays valid:
// each recorded client flight of a resumed handshake still resumes through the fuzzer's own run
// function and equals the committed file, and every committed seed runs without breaking an
// invariant. Regenerate with
//   build/handshake_resume_fuzz_seeds_test "[.write_seeds]"
// (fuzz/corpus/ENGINE_SEEDS.md).
#include <filesystem>
#include <fstream>
#include <iterator>
#include <string>
#include <vector>

#include <catch2/catch.hpp>

#include "support/resumption_scenarios.hpp"
#include "support/test_support.hpp"

using namespace tlsx;
using tlsx::test::Bytes;

namespace {

std::filesystem::path corpus_dir() {
  return std::filesystem::path(TLSX_TEST_DATA_DIR) / ".." / ".." / "fuzz" / "corpus" /
         "server_resume_engine";
}

struct Seed {
  std::string name;
  Bytes bytes;
};

// One seed per scenario: the client's flights of the resumed handshake, one frame each.
std::vector<Seed> recorded_seeds() {
  std::vector<Seed> out;
  const auto list = test::resumption_scenarios();
  for (std::size_t i = 0; i < list.size(); ++i) {
    const auto rec = test::record_resumed_handshake(i);
    INFO(list[i].base.name);
    REQUIRE(rec.ok);
    // Abbreviated: ClientHello, then ChangeCipherSpec + Finished.
    REQUIRE(rec.client_flights.size() == 2);
    std::vector<Bytes> frames;
    for (const auto& f : rec.client_flights) frames.push_back(f.joined());
    out.push_back(
        {"recorded_" + std::string(list[i].base.name), test::encode_fuzz_input(i, frames)});
  }
  return out;
}

Bytes read_file(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  return Bytes(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
}

}  // namespace

TEST_CASE("recorded resumption fuzz seeds resume and are committed", "[engine][fuzz]") {
  for (const auto& seed : recorded_seeds()) {
    INFO(seed.name);
    const auto run = test::run_resumption_fuzz_input(seed.bytes);
    CHECK_FALSE(run.violation.has_value());
    CHECK(run.completed);
    CHECK(read_file(corpus_dir() / seed.name) == seed.bytes);
  }
}

TEST_CASE("a resumption seed with a damaged Finished fails cleanly", "[engine][fuzz]") {
  auto seeds = recorded_seeds();
  REQUIRE_FALSE(seeds.empty());
  Bytes bytes = seeds.front().bytes;
  bytes.back() ^= 0x01;  // the last byte of the client's encrypted Finished record
  const auto run = test::run_resumption_fuzz_input(bytes);
  CHECK_FALSE(run.violation.has_value());
  CHECK_FALSE(run.completed);
  REQUIRE(run.error.has_value());
  CHECK(run.error->alert == AlertDescription::bad_record_mac);
}

TEST_CASE("every committed resumption fuzz seed runs without breaking an invariant",
          "[engine][fuzz]") {
  std::size_t seeds = 0;
  for (const auto& entry : std::filesystem::directory_iterator(corpus_dir())) {
    INFO(entry.path().filename().string());
    const auto run = test::run_resumption_fuzz_input(read_file(entry.path()));
    if (run.violation) FAIL_CHECK(*run.violation);
    ++seeds;
  }
  CHECK(seeds >= test::resumption_scenarios().size());
}

TEST_CASE("write the resumption fuzz seed corpus", "[.write_seeds]") {
  std::filesystem::create_directories(corpus_dir());
  for (const auto& seed : recorded_seeds()) {
    std::ofstream out(corpus_dir() / seed.name, std::ios::binary | std::ios::trunc);
    out.write(reinterpret_cast<const char*>(seed.bytes.data()),
              static_cast<std::streamsize>(seed.bytes.size()));
    REQUIRE(out.good());
  }
}
