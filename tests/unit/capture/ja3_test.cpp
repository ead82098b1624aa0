// JA3 and JA3N: the JA3 README vectors, 70 real ClientHellos with Wireshark's JA3 (tshark 4.0.17)
// from tests/vectors/fingerprints, and hand-made inputs for the GREASE and empty-list rules.
#include <algorithm>
#include <sstream>
#include <string>
#include <vector>

#include <catch2/catch.hpp>

#include "capture/fingerprint_input.hpp"
#include "capture/ja3.hpp"
#include "hello_vectors.hpp"
#include "support/test_support.hpp"

using namespace tlsx::capture;
using namespace tlsx::test;

namespace {

std::vector<std::string> split(const std::string& text, char sep) {
  std::vector<std::string> out;
  std::string item;
  std::stringstream in(text);
  while (std::getline(in, item, sep)) out.push_back(item);
  if (!text.empty() && text.back() == sep) out.emplace_back();
  return out;
}

std::vector<unsigned> numbers(const std::string& dashed) {
  std::vector<unsigned> out;
  for (const std::string& item : split(dashed, '-')) {
    if (!item.empty()) out.push_back(static_cast<unsigned>(std::stoul(item)));
  }
  return out;
}

}  // namespace

TEST_CASE("JA3 digest of the salesforce/ja3 README strings", "[capture][ja3]") {
  CHECK(ja3_digest("769,47-53-5-10-49161-49162-49171-49172-50-56-19-4,0-10-11,23-24-25,0") ==
        "ada70206e40642a3e4461f35503241d5");
  CHECK(ja3_digest("769,4-5-10-9-100-98-3-6-19-18-99,,,") == "de350869b8c85de67a350c8d186f11e6");
}

TEST_CASE("JA3 of the README hello rebuilt as an input", "[capture][ja3]") {
  FingerprintInput in;
  in.client_version = 769;
  in.cipher_suites = {47, 53, 5, 10, 49161, 49162, 49171, 49172, 50, 56, 19, 4};
  in.extensions = {0, 10, 11};
  in.supported_groups = {23, 24, 25};
  in.ec_point_formats = {0};
  const Ja3 j = ja3(in);
  CHECK(j.text == "769,47-53-5-10-49161-49162-49171-49172-50-56-19-4,0-10-11,23-24-25,0");
  CHECK(j.hash == "ada70206e40642a3e4461f35503241d5");
}

TEST_CASE("JA3 drops GREASE from suites, extensions and groups, keeps empty fields",
          "[capture][ja3]") {
  FingerprintInput in;
  in.client_version = 0x0303;
  in.cipher_suites = {0x0a0a, 0x1301, 0xfafa, 0xc02f};
  in.extensions = {0x2a2a, 0x0000, 0x000a, 0xdada, 0x0017};
  in.supported_groups = {0x3a3a, 0x001d};
  // ec_point_formats empty (extension absent)
  CHECK(ja3(in).text == "771,4865-49199,0-10-23,29,");
  CHECK(ja3n(in).text == "771,4865-49199,0-10-23,29,");
  in.extensions = {0x0017, 0xff01, 0x0000};
  CHECK(ja3(in).text == "771,4865-49199,23-65281-0,29,");
  CHECK(ja3n(in).text == "771,4865-49199,0-23-65281,29,");
  in.cipher_suites.clear();
  in.extensions.clear();
  in.supported_groups.clear();
  CHECK(ja3(in).text == "771,,,,");
  CHECK(ja3(in).hash == ja3_digest("771,,,,"));
}

TEST_CASE("JA3 of 70 real ClientHellos matches Wireshark", "[capture][ja3]") {
  VectorTally tally{"fingerprints/client-hellos.json (JA3)"};
  for (const HelloVector& v : hello_vectors()) {
    INFO(v.id);
    const FingerprintInput in = fingerprint_input(v.hello);
    const Ja3 j = ja3(in);
    const bool ok = j.text == v.json["ja3_full"].get<std::string>() &&
                    j.hash == v.json["ja3"].get<std::string>();
    CHECK(j.text == v.json["ja3_full"].get<std::string>());
    CHECK(j.hash == v.json["ja3"].get<std::string>());
    // JA3N differs from JA3 only by the order of the extension field.
    const Ja3 n = ja3n(in);
    const auto wire = split(j.text, ',');
    const auto normalized = split(n.text, ',');
    REQUIRE(wire.size() == 5);
    REQUIRE(normalized.size() == 5);
    for (std::size_t i : {0u, 1u, 3u, 4u}) CHECK(wire[i] == normalized[i]);
    auto wire_extensions = numbers(wire[2]);
    std::sort(wire_extensions.begin(), wire_extensions.end());
    CHECK(numbers(normalized[2]) == wire_extensions);
    CHECK(n.hash == ja3_digest(n.text));
    ok ? ++tally.passed : ++tally.failed;
  }
  tally.print();
  CHECK(tally.passed == 70);
}

TEST_CASE("JA3N sorts the extensions numerically", "[capture][ja3]") {
  // Chrome's hello in the vectors, whose extensions are in a shuffled order.
  const HelloVector& chrome = hello_vectors().front();
  REQUIRE(chrome.json["capture"] == "chrome-grease-single.pcap");
  const Ja3 n = ja3n(fingerprint_input(chrome.hello));
  CHECK(n.text ==
        "771,4865-4866-4867-49195-49199-49196-49200-52393-52392-49171-49172-156-157-47-53-10,"
        "0-5-10-11-13-16-18-21-23-27-35-43-45-51-65281,29-23-24,0");
  CHECK(n.hash == ja3_digest(n.text));
}
