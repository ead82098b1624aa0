#include "capture/ja3.hpp"

#include <algorithm>
#include <string>
#include <vector>

#include "capture/hex_digest.hpp"
#include "tlsx/code_points.hpp"

namespace tlsx::capture {
namespace {

// "a-b-c" in decimal, GREASE values left out when drop_grease.
template <class T>
std::string dash_list(const std::vector<T>& values, bool drop_grease) {
  std::string out;
  for (T v : values) {
    if (drop_grease && is_grease(static_cast<std::uint16_t>(v))) continue;
    if (!out.empty()) out.push_back('-');
    out += std::to_string(static_cast<unsigned>(v));
  }
  return out;
}

Ja3 make(const FingerprintInput& in, const std::vector<std::uint16_t>& extensions) {
  Ja3 out;
  out.text = std::to_string(in.client_version) + ',' + dash_list(in.cipher_suites, true) + ',' +
             dash_list(extensions, true) + ',' + dash_list(in.supported_groups, true) + ',' +
             dash_list(in.ec_point_formats, false);
  out.hash = ja3_digest(out.text);
  return out;
}

}  // namespace

Ja3 ja3(const FingerprintInput& in) {
  return make(in, in.extensions);
}

Ja3 ja3n(const FingerprintInput& in) {
  std::vector<std::uint16_t> sorted = in.extensions;
  std::sort(sorted.begin(), sorted.end());
  return make(in, sorted);
}

std::string ja3_digest(std::string_view text) {
  return hex_digest(crypto::HashAlgorithm::md5, text);
}

}  // namespace tlsx::capture
