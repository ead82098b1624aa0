#include "support/test_support.hpp"

#include <fstream>
#include <iostream>
#include <sstream>
#include <stdexcept>

namespace tlsx::test {

ByteVec from_hex(std::string_view hex) {
  ByteVec out;
  int high = -1;
  for (char c : hex) {
    int v = -1;
    if (c >= '0' && c <= '9')
      v = c - '0';
    else if (c >= 'a' && c <= 'f')
      v = c - 'a' + 10;
    else if (c >= 'A' && c <= 'F')
      v = c - 'A' + 10;
    else if (c == ' ' || c == '\n' || c == '\t' || c == '\r' || c == ':')
      continue;
    else
      throw std::invalid_argument("bad hex character");
    if (high < 0) {
      high = v;
    } else {
      out.push_back(static_cast<std::uint8_t>(high << 4 | v));
      high = -1;
    }
  }
  if (high >= 0) throw std::invalid_argument("odd-length hex");
  return out;
}

std::string to_hex(const std::uint8_t* data, std::size_t size) {
  static constexpr char kDigits[] = "0123456789abcdef";
  std::string s;
  s.reserve(size * 2);
  for (std::size_t i = 0; i < size; ++i) {
    s.push_back(kDigits[data[i] >> 4]);
    s.push_back(kDigits[data[i] & 15]);
  }
  return s;
}

ByteVec bytes_of(std::string_view text) {
  return ByteVec(text.begin(), text.end());
}

std::filesystem::path vector_path(std::string_view relative) {
  return std::filesystem::path(TLSX_VECTOR_DIR) / relative;
}

std::string read_file(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw std::runtime_error("cannot open " + path.string());
  std::ostringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

nlohmann::json load_json_vector(std::string_view relative) {
  return nlohmann::json::parse(read_file(vector_path(relative)));
}

void VectorTally::print() const {
  std::cout << "[vectors] " << name << ": " << passed << " passed, " << failed << " failed, "
            << skipped << " skipped\n";
}

}  // namespace tlsx::test
