// Fuzzes ByteReader/ByteWriter: parses input as a TLS-style tree of length-prefixed vectors and
// checks that re-serializing it gives back the same bytes, and that no read ever escapes the input.
#include <algorithm>
#include <cstdint>
#include <cstdlib>
#include <span>
#include <vector>

#include "tlsx/byte_reader.hpp"
#include "tlsx/byte_writer.hpp"

namespace {

// Grammar: item := tag(u8) then, by tag%4: 0 -> u16, 1 -> vec8, 2 -> vec16 of items, 3 -> u24.
bool copy_items(tlsx::ByteReader& r, tlsx::ByteWriter& w, int depth) {
  while (!r.empty()) {
    std::uint8_t tag = 0;
    if (!r.u8(tag)) return false;
    w.u8(tag);
    switch (tag % 4) {
      case 0: {
        std::uint16_t v = 0;
        if (!r.u16(v)) return false;
        w.u16(v);
        break;
      }
      case 1: {
        std::span<const std::uint8_t> body;
        if (!r.vec8(body, 0, 255)) return false;
        auto p = w.prefix8();
        w.bytes(body);
        break;
      }
      case 2: {
        tlsx::ByteReader sub;
        if (depth > 16 || !r.vec16(sub, 0, 0xffff)) return false;
        auto p = w.prefix16();
        if (!copy_items(sub, w, depth + 1)) return false;
        break;
      }
      default: {
        std::uint32_t v = 0;
        if (!r.u24(v)) return false;
        w.u24(v);
        break;
      }
    }
  }
  return true;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  tlsx::ByteReader r(std::span<const std::uint8_t>(data, size));
  std::vector<std::uint8_t> out;
  tlsx::ByteWriter w(out);
  if (copy_items(r, w, 0)) {
    if (!w.ok() || out.size() != size || !std::equal(out.begin(), out.end(), data)) std::abort();
  }
  return 0;
}
