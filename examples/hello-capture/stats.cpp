#include "stats.hpp"

namespace hello_capture {
namespace {

Json counts_json(const Stats::Counts& counts, const char* key) {
  Json out = Json::array();
  for (const auto& [value, count] : counts) out.push_back({{key, value}, {"count", count}});
  return out;
}

}  // namespace

Json Stats::to_json() const {
  return {{"captures", captures},
          {"ja4", counts_json(ja4, "ja4")},
          {"ja3_hash", counts_json(ja3_hash, "ja3_hash")},
          {"outcome", counts_json(outcome, "result")}};
}

}  // namespace hello_capture
