#include "iana_names.hpp"

#include <algorithm>
#include <array>
#include <span>
#include <vector>

#include <fmt/format.h>

#include "tlsx/alert.hpp"
#include "tlsx/code_points.hpp"

namespace hello_capture {
namespace {

// The CSV rows sorted by value, built once.
std::span<const IanaEntry> sorted_table(NameTable table) {
  static const std::array<std::vector<IanaEntry>, 5> tables = [] {
    auto sorted = [](const IanaEntry* rows, std::size_t n) {
      std::vector<IanaEntry> v(rows, rows + n);
      std::sort(v.begin(), v.end(),  // values are unique in each table
                [](const IanaEntry& a, const IanaEntry& b) { return a.value < b.value; });
      return v;
    };
    using namespace generated;
    return std::array<std::vector<IanaEntry>, 5>{
        sorted(kCipherSuites, kCipherSuitesSize), sorted(kExtensionTypes, kExtensionTypesSize),
        sorted(kSupportedGroups, kSupportedGroupsSize),
        sorted(kSignatureSchemes, kSignatureSchemesSize),
        sorted(kAlertDescriptions, kAlertDescriptionsSize)};
  }();
  return tables[static_cast<std::size_t>(table)];
}

std::string_view tlsx_name(NameTable table, std::uint16_t value) {
  switch (table) {
    case NameTable::cipher_suite:
      return tlsx::name(static_cast<tlsx::CipherSuite>(value));
    case NameTable::extension_type:
      return tlsx::name(static_cast<tlsx::ExtensionType>(value));
    case NameTable::supported_group:
      return tlsx::name(static_cast<tlsx::NamedGroup>(value));
    case NameTable::signature_scheme:
      return tlsx::name(static_cast<tlsx::SignatureScheme>(value));
    case NameTable::alert_description:
      return value <= 0xff ? tlsx::alert_name(static_cast<tlsx::AlertDescription>(value))
                           : std::string_view();
  }
  return {};
}

}  // namespace

std::string_view iana_name(NameTable table, std::uint16_t value) {
  if (table != NameTable::alert_description && tlsx::is_grease(value)) return "GREASE";
  const auto rows = sorted_table(table);
  const auto it = std::lower_bound(rows.begin(), rows.end(), value,
                                   [](const IanaEntry& e, std::uint16_t v) { return e.value < v; });
  if (it != rows.end() && it->value == value) return it->name;
  return tlsx_name(table, value);
}

std::string hex_value(std::uint16_t value, int digits) {
  return digits == 2 ? fmt::format("0x{:02x}", value) : fmt::format("0x{:04x}", value);
}

std::string labelled(NameTable table, std::uint16_t value) {
  const std::string_view name = iana_name(table, value);
  return fmt::format("{} ({})", name.empty() ? std::string_view("unknown") : name,
                     hex_value(value));
}

}  // namespace hello_capture
