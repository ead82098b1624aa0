// OID contents -> dotted decimal (X.690 §8.19: base-128 subidentifiers; the first one packs the
// first two arcs as 40 * X + Y, with X <= 2 and Y unbounded when X == 2).
#include "crypto/oid.hpp"

#include <algorithm>
#include <vector>

namespace tlsx::crypto::oid {

namespace {

// A non-negative decimal number of any size, least significant digit first. Arcs can exceed 64
// bits (UUID arcs under 2.25 are 128-bit), and printing them exactly costs a few lines.
struct Decimal {
  std::vector<std::uint8_t> digits{0};

  void times_add(unsigned factor, unsigned addend) {
    unsigned carry = addend;
    for (std::uint8_t& d : digits) {
      const unsigned v = d * factor + carry;
      d = static_cast<std::uint8_t>(v % 10);
      carry = v / 10;
    }
    while (carry != 0) {
      digits.push_back(static_cast<std::uint8_t>(carry % 10));
      carry /= 10;
    }
  }
  // Subtracts a small value known not to exceed this number.
  void subtract(unsigned value) {
    for (std::uint8_t& d : digits) {
      const unsigned sub = value % 10;
      value /= 10;
      if (d >= sub) {
        d = static_cast<std::uint8_t>(d - sub);
      } else {
        d = static_cast<std::uint8_t>(d + 10 - sub);
        ++value;  // borrow
      }
    }
    while (digits.size() > 1 && digits.back() == 0) digits.pop_back();
  }
  [[nodiscard]] bool below(unsigned value) const {
    if (digits.size() > 9) return false;
    unsigned v = 0;
    for (auto it = digits.rbegin(); it != digits.rend(); ++it) v = v * 10 + *it;
    return v < value;
  }
  void append_to(std::string& out) const {
    for (auto it = digits.rbegin(); it != digits.rend(); ++it) out.push_back(char('0' + *it));
  }
};

}  // namespace

std::string to_dotted(Bytes contents) {
  std::string out;
  Decimal arc;
  bool first = true;
  for (const std::uint8_t b : contents) {
    arc.times_add(128, b & 0x7f);
    if ((b & 0x80) != 0) continue;
    if (first) {
      // Split the first subidentifier into the first two arcs.
      unsigned top = 2;
      if (arc.below(40)) {
        top = 0;
      } else if (arc.below(80)) {
        top = 1;
      }
      arc.subtract(top * 40);
      out.push_back(char('0' + top));
      first = false;
    }
    out.push_back('.');
    arc.append_to(out);
    arc = Decimal{};
  }
  return out;
}

bool equal(Bytes a, Bytes b) noexcept {
  return a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin());
}

}  // namespace tlsx::crypto::oid
