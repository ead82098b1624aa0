// Time stamps as captures and logs print them.
#pragma once

#include <chrono>
#include <string>

namespace hello_capture {

/// "2026-11-23T10:15:30.123456Z" (UTC, microseconds).
[[nodiscard]] std::string iso8601(std::chrono::system_clock::time_point t);

}  // namespace hello_capture
