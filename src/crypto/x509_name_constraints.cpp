// Name constraint matching.
#include "crypto/x509_name_constraints.hpp"

#include <algorithm>

#include <fmt/format.h>

#include "crypto/oid.hpp"

namespace tlsx::crypto {

namespace {

using Type = GeneralName::Type;

char lower(char c) {
  return (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c;
}

bool iends_with(std::string_view s, std::string_view suffix) {
  return s.size() >= suffix.size() &&
         std::equal(suffix.begin(), suffix.end(),
                    s.end() - static_cast<std::ptrdiff_t>(suffix.size()),
                    [](char a, char b) { return lower(a) == lower(b); });
}

// Could the excluded subtree contain a name that the wildcard pattern matches? "*.example.com"
// reaches "bad.example.com" although it is not inside that subtree.
bool wildcard_reaches(std::string_view pattern, std::string_view constraint) {
  if (!pattern.starts_with("*.") || constraint.starts_with(".")) return false;
  const std::string_view rest = pattern.substr(1);  // ".example.com"
  if (!iends_with(constraint, rest) || constraint.size() == rest.size()) return false;
  const std::string_view label = constraint.substr(0, constraint.size() - rest.size());
  return label.find('.') == std::string_view::npos;
}

bool ip_within(der::Bytes address, der::Bytes constraint) {
  if (constraint.size() != address.size() * 2) return false;  // other family
  for (std::size_t i = 0; i < address.size(); ++i) {
    const std::uint8_t mask = constraint[address.size() + i];
    if ((address[i] & mask) != (constraint[i] & mask)) return false;
  }
  return true;
}

bool attribute_equal(const X509Attribute& a, const X509Attribute& b) {
  if (!oid::equal(a.type, b.type)) return false;
  std::string sa, sb, why;
  if (der::decode_string(a.value_tag, a.value, sa, why) &&
      der::decode_string(b.value_tag, b.value, sb, why)) {
    // A simplification of RFC 4518 matching: ASCII case folding, no other normalisation.
    return sa.size() == sb.size() &&
           std::equal(sa.begin(), sa.end(), sb.begin(),
                      [](char x, char y) { return lower(x) == lower(y); });
  }
  return std::equal(a.encoding.begin(), a.encoding.end(), b.encoding.begin(), b.encoding.end());
}

// Is base a prefix (in RDN order) of name? An unparseable base matches nothing.
bool directory_within(const X509Name& name, der::Bytes base_encoding) {
  der::Reader r(base_encoding);
  X509Name base;
  if (!(parse_x509_name(r, base) && r.done())) return false;
  if (base.rdns.size() > name.rdns.size()) return false;
  for (std::size_t i = 0; i < base.rdns.size(); ++i) {
    const auto& x = base.rdns[i];
    const auto& y = name.rdns[i];
    if (x.size() != y.size()) return false;
    for (std::size_t k = 0; k < x.size(); ++k) {
      if (!attribute_equal(x[k], y[k])) return false;
    }
  }
  return true;
}

// A name of the certificate, in one of the forms constraints talk about.
struct CertName {
  Type type;
  der::Bytes value;         // dNSName text, IP octets, or a directoryName's Name encoding
  const X509Name* subject;  // for the subject itself (value unused)
};

std::vector<CertName> names_of(const X509Certificate& cert) {
  std::vector<CertName> names;
  if (!cert.subject.empty()) names.push_back({Type::directory_name, {}, &cert.subject});
  // An emailAddress in the subject is an rfc822Name for constraint purposes (§4.2.1.10).
  for (const auto& rdn : cert.subject.rdns) {
    for (const X509Attribute& a : rdn) {
      if (oid::equal(a.type, oid::kEmailAddress))
        names.push_back({Type::rfc822_name, a.value, nullptr});
    }
  }
  if (cert.extensions.subject_alt_names) {
    for (const GeneralName& san : *cert.extensions.subject_alt_names) {
      names.push_back({san.type, san.value, nullptr});
    }
  }
  return names;
}

std::string_view as_text(der::Bytes b) {
  return {reinterpret_cast<const char*>(b.data()), b.size()};
}

std::string describe(const CertName& n) {
  switch (n.type) {
    case Type::dns_name:
      return fmt::format("dNSName \"{}\"", as_text(n.value));
    case Type::ip_address: {
      std::string s = "iPAddress ";
      for (std::size_t i = 0; i < n.value.size(); ++i) {
        s += n.value.size() == 4 ? fmt::format("{}{}", i ? "." : "", n.value[i])
                                 : fmt::format("{}{:02x}", i && i % 2 == 0 ? ":" : "", n.value[i]);
      }
      return s;
    }
    case Type::directory_name:
      if (n.subject != nullptr) return fmt::format("subject \"{}\"", n.subject->to_string());
      return "directoryName";
    default:
      return std::string(to_string(n.type));
  }
}

// Does the name fall in the subtree? For excluded subtrees, a wildcard that could reach into the
// subtree counts as inside.
bool within(const CertName& n, const GeneralName& base, bool excluded) {
  switch (n.type) {
    case Type::dns_name:
      return dns_name_within(as_text(n.value), base.text()) ||
             (excluded && wildcard_reaches(as_text(n.value), base.text()));
    case Type::ip_address:
      return ip_within(n.value, base.value);
    case Type::directory_name: {
      if (n.subject != nullptr) return directory_within(*n.subject, base.value);
      der::Reader r(n.value);
      X509Name name;
      return parse_x509_name(r, name) && r.done() && directory_within(name, base.value);
    }
    default:
      return false;
  }
}

bool implemented(Type t) {
  return t == Type::dns_name || t == Type::ip_address || t == Type::directory_name;
}

}  // namespace

bool dns_name_within(std::string_view name, std::string_view constraint) {
  if (constraint.empty()) return true;
  if (constraint.front() == '.')
    return name.size() > constraint.size() && iends_with(name, constraint);
  if (name.size() == constraint.size()) return iends_with(name, constraint);
  return name.size() > constraint.size() && iends_with(name, constraint) &&
         name[name.size() - constraint.size() - 1] == '.';
}

NameConstraintCheck check_name_constraints(const NameConstraints& nc, const X509Certificate& cert) {
  NameConstraintCheck result;
  const auto constrained = [&](Type t) {
    const auto of_type = [t](const GeneralName& g) { return g.type == t; };
    return std::any_of(nc.permitted.begin(), nc.permitted.end(), of_type) ||
           std::any_of(nc.excluded.begin(), nc.excluded.end(), of_type);
  };
  for (const CertName& name : names_of(cert)) {
    if (!constrained(name.type)) continue;
    if (!implemented(name.type)) {
      result.ok = false;
      result.unsupported = true;
      result.detail =
          fmt::format("{} names are constrained and tlsx cannot check them", to_string(name.type));
      return result;
    }
    for (const GeneralName& base : nc.excluded) {
      if (base.type == name.type && within(name, base, true)) {
        result.ok = false;
        result.detail = fmt::format("{} is in an excluded subtree", describe(name));
        return result;
      }
    }
    bool has_permitted = false, permitted = false;
    for (const GeneralName& base : nc.permitted) {
      if (base.type != name.type) continue;
      has_permitted = true;
      permitted = permitted || within(name, base, false);
    }
    if (has_permitted && !permitted) {
      result.ok = false;
      result.detail = fmt::format("{} is outside the permitted subtrees", describe(name));
      return result;
    }
  }
  return result;
}

}  // namespace tlsx::crypto
