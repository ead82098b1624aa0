// Counts of captures per fingerprint and per outcome, as /stats shows them.
#pragma once

#include <cstdint>
#include <string>
#include <utility>
#include <vector>

#include "capture_json.hpp"

namespace hello_capture {

struct Stats {
  using Counts = std::vector<std::pair<std::string, std::uint64_t>>;  ///< most frequent first
  std::uint64_t captures = 0;
  Counts ja4;
  Counts ja3_hash;
  Counts outcome;

  [[nodiscard]] Json to_json() const;
};

}  // namespace hello_capture
