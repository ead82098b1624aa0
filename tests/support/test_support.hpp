// Shared helpers for tlsx tests: hex conversion and test-vector file access.
#pragma once

#include <cstdint>
#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

namespace tlsx::test {

using ByteVec = std::vector<std::uint8_t>;

/// Decodes lowercase or uppercase hex (whitespace and ':' ignored); throws on bad input.
ByteVec from_hex(std::string_view hex);
/// Lowercase hex of bytes.
std::string to_hex(const std::uint8_t* data, std::size_t size);
template <class Container>
std::string to_hex(const Container& c) {
  return to_hex(reinterpret_cast<const std::uint8_t*>(c.data()), c.size());
}
/// Bytes of an ASCII string.
ByteVec bytes_of(std::string_view text);

/// Path of a file under tests/vectors/.
std::filesystem::path vector_path(std::string_view relative);
/// Whole file contents.
std::string read_file(const std::filesystem::path& path);
/// Parses a JSON file under tests/vectors/.
nlohmann::json load_json_vector(std::string_view relative);

/// Counts of a vector file's cases, printed at the end of a test so that skipped groups show.
struct VectorTally {
  std::string name;
  int passed = 0;
  int failed = 0;
  int skipped = 0;
  void print() const;
};

}  // namespace tlsx::test
