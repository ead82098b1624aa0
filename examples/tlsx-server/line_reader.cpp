#include "line_reader.hpp"

#include <array>

namespace tlsx::examples {

Result<std::optional<std::string>> LineReader::read_line(std::size_t max) {
  for (;;) {
    const std::size_t newline = buffer_.find('\n');
    if (newline != std::string::npos || buffer_.size() >= max) {
      const std::size_t n = newline != std::string::npos ? std::min(newline + 1, max) : max;
      std::string line = buffer_.substr(0, n);
      buffer_.erase(0, n);
      return line;
    }
    std::array<std::uint8_t, 4096> chunk;
    auto got = conn_.read_some(chunk);
    if (!got) return std::unexpected(got.error());
    if (*got == 0) {
      if (buffer_.empty()) return std::optional<std::string>();
      return std::exchange(buffer_, std::string());
    }
    buffer_.append(reinterpret_cast<const char*>(chunk.data()), *got);
  }
}

}  // namespace tlsx::examples
