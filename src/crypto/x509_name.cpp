// Distinguished names: parsing and RFC 4514 printing.
#include "crypto/x509_name.hpp"

#include <algorithm>
#include <array>

#include <fmt/format.h>

#include "crypto/oid.hpp"

namespace tlsx::crypto {

namespace {

bool is_string_tag(der::Tag t) {
  if (t.cls != der::TagClass::universal || t.constructed) return false;
  switch (t.number) {
    case 12:
    case 18:
    case 19:
    case 20:
    case 22:
    case 26:
    case 28:
    case 30:
      return true;
    default:
      return false;
  }
}

struct ShortName {
  std::span<const std::uint8_t> oid;
  std::string_view name;
};

// RFC 4514 §3 lists exactly these.
const std::array<ShortName, 9> kShortNames{{
    {oid::kCommonName, "CN"},
    {oid::kLocalityName, "L"},
    {oid::kStateOrProvinceName, "ST"},
    {oid::kOrganizationName, "O"},
    {oid::kOrganizationalUnitName, "OU"},
    {oid::kCountryName, "C"},
    {oid::kStreetAddress, "STREET"},
    {oid::kDomainComponent, "DC"},
    {oid::kUserId, "UID"},
}};

// RFC 4514 §2.4 escaping, plus \hh for control characters so names are safe to log.
void append_escaped(std::string& out, std::string_view value) {
  for (std::size_t i = 0; i < value.size(); ++i) {
    const char c = value[i];
    const auto u = static_cast<unsigned char>(c);
    const bool special = c == ',' || c == '+' || c == '"' || c == '\\' || c == '<' || c == '>' ||
                         c == ';' || (i == 0 && (c == '#' || c == ' ')) ||
                         (i + 1 == value.size() && c == ' ');
    if (u < 0x20 || u == 0x7f) {
      out += fmt::format("\\{:02x}", u);
    } else {
      if (special) out.push_back('\\');
      out.push_back(c);
    }
  }
}

}  // namespace

bool X509Name::same_as(const X509Name& other) const noexcept {
  return der.size() == other.der.size() && std::equal(der.begin(), der.end(), other.der.begin());
}

std::string X509Name::to_string() const {
  std::string out;
  for (auto rdn = rdns.rbegin(); rdn != rdns.rend(); ++rdn) {
    if (!out.empty()) out.push_back(',');
    bool first = true;
    for (const X509Attribute& a : *rdn) {
      if (!first) out.push_back('+');
      first = false;
      const auto known =
          std::find_if(kShortNames.begin(), kShortNames.end(),
                       [&](const ShortName& s) { return oid::equal(s.oid, a.type); });
      out += known != kShortNames.end() ? std::string(known->name) : oid::to_dotted(a.type);
      out.push_back('=');
      std::string text, why;
      if (der::decode_string(a.value_tag, a.value, text, why)) {
        append_escaped(out, text);
      } else {
        out.push_back('#');
        for (const std::uint8_t b : a.encoding) out += fmt::format("{:02x}", b);
      }
    }
  }
  return out;
}

std::string X509Name::common_name() const {
  for (const auto& rdn : rdns) {
    for (const X509Attribute& a : rdn) {
      std::string text, why;
      if (oid::equal(a.type, oid::kCommonName) &&
          der::decode_string(a.value_tag, a.value, text, why)) {
        return text;
      }
    }
  }
  return {};
}

bool parse_x509_name(der::Reader& r, X509Name& out) {
  der::Reader name;
  out.rdns.clear();
  if (!r.sequence(name, out.der)) return false;
  while (!name.at_end()) {
    der::Reader rdn;
    if (!name.set(rdn)) return false;
    // DER wants SET OF sorted by encoding; multi-valued RDNs are rare and no mainstream
    // verifier enforces the order, and names are matched as whole encodings anyway.
    std::vector<X509Attribute> attributes;
    do {
      der::Reader atv;
      X509Attribute a;
      if (!(rdn.sequence(atv) && atv.oid(a.type) && atv.any(a.value_tag, a.value, a.encoding) &&
            atv.done())) {
        return false;
      }
      if (is_string_tag(a.value_tag)) {
        std::string text, why;
        if (!der::decode_string(a.value_tag, a.value, text, why)) return r.fail("Name: " + why);
      }
      attributes.push_back(a);
    } while (!rdn.at_end());
    if (!rdn.done()) return false;
    out.rdns.push_back(std::move(attributes));
  }
  return name.done();
}

}  // namespace tlsx::crypto
