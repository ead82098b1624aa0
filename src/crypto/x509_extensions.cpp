// Certificate extensions. Each decoder reads the extnValue's contents as its own DER value,
// which must be exactly one element.
#include "crypto/x509_extensions.hpp"

#include <algorithm>

#include <fmt/format.h>

#include "crypto/oid.hpp"

namespace tlsx::crypto {

namespace {

// BasicConstraints ::= SEQUENCE { cA BOOLEAN DEFAULT FALSE,
//                                 pathLenConstraint INTEGER (0..MAX) OPTIONAL }
bool parse_basic_constraints(der::Reader& r, X509Extensions& out) {
  der::Reader seq;
  BasicConstraints bc;
  if (!r.sequence(seq)) return false;
  // DER omits a DEFAULT value, so an explicit cA FALSE is not DER; deployed CAs emitted it for
  // years and every verifier accepts it, so tlsx does too (it means the same thing).
  if (seq.next_is(der::tag::kBoolean) && !seq.boolean(bc.ca)) return false;
  if (seq.next_is(der::tag::kInteger)) {
    std::uint64_t len = 0;
    if (!seq.small_integer(len)) return false;
    bc.path_len = len;
  }
  out.basic_constraints = bc;
  return seq.done();
}

// KeyUsage ::= BIT STRING { digitalSignature (0), ..., decipherOnly (8) }
bool parse_key_usage(der::Reader& r, X509Extensions& out) {
  der::Bytes bits;
  unsigned unused = 0;
  if (!r.bit_string(bits, unused)) return false;
  std::uint16_t usage = 0;
  const std::size_t total = bits.size() * 8 - unused;
  for (std::size_t n = 0; n < total && n < 9; ++n) {
    if ((bits[n / 8] >> (7 - n % 8)) & 1) usage = static_cast<std::uint16_t>(usage | (1u << n));
  }
  out.key_usage = usage;
  return true;
}

// ExtKeyUsageSyntax ::= SEQUENCE SIZE (1..MAX) OF KeyPurposeId
bool parse_extended_key_usage(der::Reader& r, X509Extensions& out) {
  der::Reader seq;
  ExtendedKeyUsage eku;
  if (!r.sequence(seq)) return false;
  if (seq.at_end()) return r.fail("empty extKeyUsage");
  while (!seq.at_end()) {
    der::Bytes purpose;
    if (!seq.oid(purpose)) return false;
    eku.server_auth |= oid::equal(purpose, oid::kServerAuth);
    eku.client_auth |= oid::equal(purpose, oid::kClientAuth);
    eku.any |= oid::equal(purpose, oid::kAnyExtendedKeyUsage);
  }
  out.extended_key_usage = eku;
  return seq.done();
}

// GeneralNames ::= SEQUENCE SIZE (1..MAX) OF GeneralName
bool parse_general_names(der::Reader& r, std::vector<GeneralName>& names, const char* what) {
  der::Reader seq;
  if (!r.sequence(seq)) return false;
  if (seq.at_end()) return r.fail(fmt::format("empty {}", what));
  while (!seq.at_end()) {
    GeneralName name;
    if (!parse_general_name(seq, name, false)) return false;
    names.push_back(name);
  }
  return seq.done();
}

// GeneralSubtrees ::= SEQUENCE SIZE (1..MAX) OF GeneralSubtree
// GeneralSubtree ::= SEQUENCE { base GeneralName, minimum [0] BaseDistance DEFAULT 0,
//                               maximum [1] BaseDistance OPTIONAL }
bool parse_subtrees(der::Reader& r, std::vector<GeneralName>& bases) {
  if (r.at_end()) return r.fail("empty GeneralSubtrees");
  while (!r.at_end()) {
    der::Reader subtree;
    GeneralName base;
    if (!(r.sequence(subtree) && parse_general_name(subtree, base, true))) return false;
    // §4.2.1.10: minimum MUST be zero (so absent, in DER) and maximum MUST be absent.
    if (!subtree.at_end()) return r.fail("GeneralSubtree with minimum or maximum");
    bases.push_back(base);
  }
  return r.done();
}

// NameConstraints ::= SEQUENCE { permittedSubtrees [0] GeneralSubtrees OPTIONAL,
//                                excludedSubtrees  [1] GeneralSubtrees OPTIONAL }
bool parse_name_constraints(der::Reader& r, X509Extensions& out) {
  der::Reader seq, subtrees;
  NameConstraints nc;
  bool permitted = false, excluded = false;
  if (!(r.sequence(seq) &&
        seq.optional_constructed(der::context_constructed(0), subtrees, permitted))) {
    return false;
  }
  if (permitted && !parse_subtrees(subtrees, nc.permitted)) return false;
  if (!seq.optional_constructed(der::context_constructed(1), subtrees, excluded)) return false;
  if (excluded && !parse_subtrees(subtrees, nc.excluded)) return false;
  if (!permitted && !excluded) return r.fail("empty nameConstraints");
  out.name_constraints = std::move(nc);
  return seq.done();
}

// AuthorityKeyIdentifier ::= SEQUENCE { keyIdentifier [0] KeyIdentifier OPTIONAL,
//     authorityCertIssuer [1] GeneralNames OPTIONAL,
//     authorityCertSerialNumber [2] CertificateSerialNumber OPTIONAL }
bool parse_authority_key_id(der::Reader& r, X509Extensions& out) {
  der::Reader seq, issuer;
  der::Bytes serial;
  bool present = false;
  if (!(r.sequence(seq) && seq.optional(der::context_primitive(0), out.authority_key_id, present) &&
        seq.optional_constructed(der::context_constructed(1), issuer, present) &&
        seq.optional(der::context_primitive(2), serial, present))) {
    return false;
  }
  return seq.done();
}

// SubjectKeyIdentifier ::= KeyIdentifier ::= OCTET STRING
bool parse_subject_key_id(der::Reader& r, X509Extensions& out) {
  return r.octet_string(out.subject_key_id);
}

struct Decoder {
  std::span<const std::uint8_t> oid;
  bool (*parse)(der::Reader&, X509Extensions&);  // nullptr: recognised, not enforced
};

bool parse_subject_alt_name(der::Reader& r, X509Extensions& out) {
  std::vector<GeneralName> names;
  if (!parse_general_names(r, names, "subjectAltName")) return false;
  out.subject_alt_names = std::move(names);
  return true;
}

const Decoder kDecoders[] = {
    {oid::kBasicConstraints, parse_basic_constraints},
    {oid::kKeyUsage, parse_key_usage},
    {oid::kExtKeyUsage, parse_extended_key_usage},
    {oid::kSubjectAltName, parse_subject_alt_name},
    {oid::kNameConstraints, parse_name_constraints},
    {oid::kAuthorityKeyIdentifier, parse_authority_key_id},
    {oid::kSubjectKeyIdentifier, parse_subject_key_id},
    {oid::kCertificatePolicies, nullptr},
};

}  // namespace

bool parse_x509_extensions(der::Reader& r, X509Extensions& out) {
  der::Reader list;
  std::vector<der::Bytes> seen;
  if (!r.sequence(list)) return false;
  if (list.at_end()) return r.fail("empty extensions");
  while (!list.at_end()) {
    der::Reader ext;
    der::Bytes id, value;
    bool critical = false;
    if (!(list.sequence(ext) && ext.oid(id))) return false;
    // As for cA above: an explicit critical FALSE is tolerated.
    if (ext.next_is(der::tag::kBoolean) && !ext.boolean(critical)) return false;
    if (!(ext.octet_string(value) && ext.done())) return false;
    if (std::any_of(seen.begin(), seen.end(), [&](der::Bytes s) { return oid::equal(s, id); })) {
      return r.fail(fmt::format("extension {} appears twice", oid::to_dotted(id)));
    }
    seen.push_back(id);
    const auto decoder = std::find_if(std::begin(kDecoders), std::end(kDecoders),
                                      [&](const Decoder& d) { return oid::equal(d.oid, id); });
    if (decoder == std::end(kDecoders)) {
      if (critical) out.unhandled_critical.push_back(oid::to_dotted(id));
      continue;
    }
    if (decoder->parse == nullptr) continue;
    der::Reader inner(value);
    if (!(decoder->parse(inner, out) && inner.done())) {
      return r.fail(fmt::format("extension {}: {}", oid::to_dotted(id), inner.error()));
    }
  }
  return list.done();
}

}  // namespace tlsx::crypto
