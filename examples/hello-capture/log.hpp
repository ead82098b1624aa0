// The server log: one line per event on standard error, each written with a single write() so
// that lines from concurrent workers never interleave.
#pragma once

#include <string_view>

namespace hello_capture {

void log_line(std::string_view line);

}  // namespace hello_capture
