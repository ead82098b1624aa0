// Reading a BlockingConnection line by line.
#pragma once

#include <optional>
#include <string>

#include "tlsx/io/blocking.hpp"

namespace tlsx::examples {

class LineReader {
 public:
  explicit LineReader(io::BlockingConnection& conn) : conn_(conn) {}

  /// The next line with its '\n'; a line longer than max comes in max-byte pieces, and the last
  /// one before the end of the stream may lack the '\n'. nullopt: the peer closed the connection
  /// (close_notify) and nothing is left.
  Result<std::optional<std::string>> read_line(std::size_t max);

 private:
  io::BlockingConnection& conn_;
  std::string buffer_;
};

}  // namespace tlsx::examples
