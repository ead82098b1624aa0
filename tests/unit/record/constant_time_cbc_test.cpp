// The constant-time CBC helpers against straightforward (variable-time) reference code, over
// every padding length and every MAC position they can see.
#include <catch2/catch.hpp>

#include <optional>

#include "record/constant_time_cbc.hpp"
#include "record_test_util.hpp"

using namespace tlsx;
using namespace tlsx::record;
using namespace tlsx::record::test;

namespace {

/// Reference: the padding is valid when every one of the last padding_length + 1 bytes equals
/// padding_length and there is room for the MAC in front.
std::optional<std::size_t> reference_unpadded(const ByteVec& decrypted, std::size_t mac_size) {
  const std::size_t p = decrypted.back();
  if (p + 1 + mac_size > decrypted.size()) return std::nullopt;
  for (std::size_t i = 0; i <= p; ++i) {
    if (decrypted[decrypted.size() - 1 - i] != p) return std::nullopt;
  }
  return decrypted.size() - p - 1;
}

}  // namespace

TEST_CASE("check_cbc_padding: every padding length, good and corrupted", "[record]") {
  for (std::size_t mac_size : {0u, 20u, 32u, 48u}) {
    for (std::size_t size : {16u, 64u, 80u, 256u, 272u, 304u, 512u}) {
      if (size < mac_size + 1) continue;
      for (std::size_t p = 0; p < 256; ++p) {
        ByteVec block(size, 0x5a);
        if (p + 1 <= size) {
          for (std::size_t i = 0; i <= p; ++i) block[size - 1 - i] = static_cast<std::uint8_t>(p);
        } else {
          block.back() = static_cast<std::uint8_t>(p);
        }
        const auto expect = reference_unpadded(block, mac_size);
        const auto got = check_cbc_padding(block, mac_size);
        INFO("mac " << mac_size << " size " << size << " p " << p);
        CHECK((got.good != 0) == expect.has_value());
        CHECK((got.good == 0 || got.good == ~std::uint64_t{0}));
        CHECK(got.unpadded_length == expect.value_or(size - 1));
        if (expect && p > 0) {
          // Corrupt each padding byte in turn (not the length byte itself).
          for (std::size_t i = 1; i <= p; ++i) {
            auto bad = block;
            bad[size - 1 - i] ^= 0x01;
            const auto r = check_cbc_padding(bad, mac_size);
            CHECK(r.good == 0);
            CHECK(r.unpadded_length == size - 1);
          }
        }
      }
    }
  }
}

TEST_CASE("extract_mac: every position in the scanned region", "[record]") {
  for (std::size_t mac_size : {1u, 20u, 32u, 48u}) {
    ByteVec data(400);
    for (std::size_t i = 0; i < data.size(); ++i) data[i] = static_cast<std::uint8_t>(i * 13 + 1);
    const std::size_t scan_start = 100;
    for (std::size_t start = scan_start; start + mac_size <= data.size(); ++start) {
      ByteVec mac(mac_size, 0xee);
      extract_mac(data, scan_start, start, mac);
      INFO("mac " << mac_size << " start " << start);
      CHECK(mac == ByteVec(data.begin() + static_cast<std::ptrdiff_t>(start),
                           data.begin() + static_cast<std::ptrdiff_t>(start + mac_size)));
    }
  }
}

TEST_CASE("equal_mask", "[record]") {
  const ByteVec a{1, 2, 3, 4};
  CHECK(equal_mask(a, a) == ~std::uint64_t{0});
  for (std::size_t i = 0; i < a.size(); ++i) {
    for (int bit = 0; bit < 8; ++bit) {
      auto b = a;
      b[i] ^= static_cast<std::uint8_t>(1 << bit);
      CHECK(equal_mask(a, b) == 0);
    }
  }
  CHECK(equal_mask(a, ByteVec{1, 2, 3}) == 0);
  CHECK(equal_mask(ByteVec{}, ByteVec{}) == ~std::uint64_t{0});
}
