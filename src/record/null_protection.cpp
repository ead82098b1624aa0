#include "record/null_protection.hpp"

#include <algorithm>

namespace tlsx::record {

Result<void> NullProtection::seal(const RecordContext& /*context*/,
                                  std::span<const std::uint8_t> plaintext,
                                  std::span<std::uint8_t> out) {
  if (out.size() != plaintext.size()) return fail_argument("NullProtection::seal: bad out size");
  std::copy(plaintext.begin(), plaintext.end(), out.begin());
  return {};
}

Result<std::span<std::uint8_t>> NullProtection::open(const RecordContext& /*context*/,
                                                     std::span<std::uint8_t> fragment) {
  return fragment;
}

std::unique_ptr<RecordProtection> make_null_protection() {
  return std::make_unique<NullProtection>();
}

}  // namespace tlsx::record
