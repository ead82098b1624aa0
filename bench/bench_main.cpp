// Benchmark driver. Every benchmark is registered in pairs named "<operation>/tlsx" and
// "<operation>/openssl"; after the run this prints, per operation, tlsx's throughput divided by
// OpenSSL's (1.0 = as fast as OpenSSL, higher is faster). "<operation>_observer/tlsx" is
// compared with "<operation>/tlsx" instead.
#include <benchmark/benchmark.h>

#include <cstdio>
#include <map>
#include <string>
#include <vector>

namespace {

class RatioReporter : public benchmark::ConsoleReporter {
 public:
  void ReportRuns(const std::vector<Run>& runs) override {
    ConsoleReporter::ReportRuns(runs);
    for (const auto& run : runs) {
      if (run.run_type != Run::RT_Iteration || run.error_occurred) continue;
      const std::string name = run.benchmark_name();
      const auto slash = name.rfind('/');
      if (slash == std::string::npos) continue;
      const std::string op = name.substr(0, slash);
      const std::string impl = name.substr(slash + 1);
      // Operations per CPU second (CPU time, so that a busy machine distorts less).
      const double seconds =
          run.GetAdjustedCPUTime() / benchmark::GetTimeUnitMultiplier(run.time_unit);
      if (seconds <= 0) continue;
      rates_[op][impl] = 1.0 / seconds;
    }
  }

  void Finalize() override {
    ConsoleReporter::Finalize();
    std::printf("\n%-40s %14s %14s %8s\n", "operation (per second)", "tlsx", "openssl", "ratio");
    for (const auto& [op, impls] : rates_) {
      const auto t = impls.find("tlsx");
      const auto o = impls.find("openssl");
      if (t == impls.end() || o == impls.end()) continue;
      std::printf("%-40s %14.1f %14.1f %7.2fx\n", op.c_str(), t->second, o->second,
                  t->second / o->second);
    }
    // "<op>_observer/tlsx" has no OpenSSL twin: it is compared with "<op>/tlsx" (the cost of a
    // no-op Observer; 1.0 = free).
    const std::string suffix = "_observer";
    for (const auto& [op, impls] : rates_) {
      if (op.size() <= suffix.size() || !op.ends_with(suffix)) continue;
      const auto with = impls.find("tlsx");
      const auto base = rates_.find(op.substr(0, op.size() - suffix.size()));
      if (with == impls.end() || base == rates_.end()) continue;
      const auto without = base->second.find("tlsx");
      if (without == base->second.end()) continue;
      std::printf("%-40s %14.1f %14.1f %7.2fx   (tlsx with / without observer)\n", op.c_str(),
                  with->second, without->second, with->second / without->second);
    }
  }

 private:
  std::map<std::string, std::map<std::string, double>> rates_;
};

}  // namespace

int main(int argc, char** argv) {
  benchmark::Initialize(&argc, argv);
  if (benchmark::ReportUnrecognizedArguments(argc, argv)) return 1;
  RatioReporter reporter;
  benchmark::RunSpecifiedBenchmarks(&reporter);
  benchmark::Shutdown();
  return 0;
}
