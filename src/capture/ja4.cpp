#include "capture/ja4.hpp"

#include <algorithm>
#include <string_view>

#include "capture/hex_digest.hpp"
#include "tlsx/code_points.hpp"

namespace tlsx::capture {
namespace {

constexpr std::string_view kEmptyHash = "000000000000";

std::vector<std::uint16_t> without_grease(const std::vector<std::uint16_t>& values) {
  std::vector<std::uint16_t> out;
  for (std::uint16_t v : values) {
    if (!is_grease(v)) out.push_back(v);
  }
  return out;
}

std::string comma_hex(const std::vector<std::uint16_t>& values) {
  std::string out;
  for (std::uint16_t v : values) {
    if (!out.empty()) out.push_back(',');
    out += hex4(v);
  }
  return out;
}

std::string two_digits(std::size_t n) {
  n = std::min<std::size_t>(n, 99);
  return {static_cast<char>('0' + n / 10), static_cast<char>('0' + n % 10)};
}

std::string sha256_12(std::string_view text) {
  return hex_digest(crypto::HashAlgorithm::sha256, text).substr(0, 12);
}

bool is_alphanumeric(std::uint8_t c) {
  return (c >= '0' && c <= '9') || (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z');
}

// The lists one JA4 variant hashes: ciphers, and extensions "_" signature algorithms.
struct Lists {
  std::string ciphers;
  std::string extensions_and_algorithms;
  bool has_extensions = false;
};

Lists lists(const FingerprintInput& in, bool sorted) {
  std::vector<std::uint16_t> ciphers = without_grease(in.cipher_suites);
  std::vector<std::uint16_t> extensions = without_grease(in.extensions);
  if (sorted) {
    // SNI and ALPN are already in part a; the sorted form leaves them out of part c.
    std::erase_if(extensions, [](std::uint16_t e) {
      return e == static_cast<std::uint16_t>(ExtensionType::server_name) ||
             e == static_cast<std::uint16_t>(ExtensionType::application_layer_protocol_negotiation);
    });
    std::sort(ciphers.begin(), ciphers.end());
    std::sort(extensions.begin(), extensions.end());
  }
  Lists out;
  out.ciphers = comma_hex(ciphers);
  out.has_extensions = !extensions.empty();
  out.extensions_and_algorithms = comma_hex(extensions);
  const std::vector<std::uint16_t> algorithms = without_grease(in.signature_algorithms);
  if (!algorithms.empty()) out.extensions_and_algorithms += '_' + comma_hex(algorithms);
  return out;
}

std::string part_a(const FingerprintInput& in) {
  std::uint16_t version = in.client_version;
  const std::vector<std::uint16_t> versions = without_grease(in.supported_versions);
  if (!versions.empty()) version = *std::max_element(versions.begin(), versions.end());
  std::optional<std::span<const std::uint8_t>> first;
  if (in.alpn) first = ja4_first_alpn(*in.alpn);
  return "t" + ja4_version(version) + (in.has_server_name ? "d" : "i") +
         two_digits(without_grease(in.cipher_suites).size()) +
         two_digits(without_grease(in.extensions).size()) + ja4_alpn(first);
}

}  // namespace

std::string ja4_version(std::uint16_t version) {
  switch (version) {
    case 0x0304:
      return "13";
    case 0x0303:
      return "12";
    case 0x0302:
      return "11";
    case 0x0301:
      return "10";
    case 0x0300:
      return "s3";
    case 0x0200:
      return "s2";
    case 0x0100:
      return "s1";
    default:
      return "00";
  }
}

std::optional<std::span<const std::uint8_t>> ja4_first_alpn(
    const std::vector<std::vector<std::uint8_t>>& names) {
  for (const auto& name : names) {
    const bool grease =
        name.size() == 2 && is_grease(static_cast<std::uint16_t>((name[0] << 8) | name[1]));
    if (!grease) return std::span<const std::uint8_t>(name);
  }
  return std::nullopt;
}

std::string ja4_alpn(const std::optional<std::span<const std::uint8_t>>& first) {
  if (!first || first->empty()) return "00";
  const std::uint8_t head = first->front();
  const std::uint8_t tail = first->back();
  if (is_alphanumeric(head) && is_alphanumeric(tail)) {
    return {static_cast<char>(head), static_cast<char>(tail)};
  }
  // Spec: the first and last characters of the value's hex form.
  static constexpr char kDigits[] = "0123456789abcdef";
  return {kDigits[head >> 4], kDigits[tail & 0x0f]};
}

Ja4 ja4(const FingerprintInput& in) {
  const std::string a = part_a(in);
  const Lists sorted = lists(in, /*sorted=*/true);
  const Lists original = lists(in, /*sorted=*/false);
  auto hashed = [&](const Lists& l) {
    const std::string b = l.ciphers.empty() ? std::string(kEmptyHash) : sha256_12(l.ciphers);
    const std::string c =
        l.has_extensions ? sha256_12(l.extensions_and_algorithms) : std::string(kEmptyHash);
    return a + '_' + b + '_' + c;
  };
  auto raw = [&](const Lists& l) {
    return a + '_' + l.ciphers + '_' + l.extensions_and_algorithms;
  };
  return Ja4{hashed(sorted), raw(sorted), hashed(original), raw(original)};
}

}  // namespace tlsx::capture
