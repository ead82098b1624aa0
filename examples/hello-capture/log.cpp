#include "log.hpp"

#include <unistd.h>

#include <cerrno>
#include <string>

namespace hello_capture {

void log_line(std::string_view line) {
  // Below PIPE_BUF a write to a pipe is atomic; keep lines short enough for that.
  constexpr std::size_t kMax = 4000;
  std::string out(line.substr(0, kMax));
  out.push_back('\n');
  for (std::size_t done = 0; done < out.size();) {
    const ssize_t n = ::write(STDERR_FILENO, out.data() + done, out.size() - done);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) return;
    done += static_cast<std::size_t>(n);
  }
}

}  // namespace hello_capture
