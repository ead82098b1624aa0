// GeneralName parsing.
#include "crypto/x509_general_name.hpp"

#include <fmt/format.h>

namespace tlsx::crypto {

std::string_view to_string(GeneralName::Type type) noexcept {
  switch (type) {
    case GeneralName::Type::other_name:
      return "otherName";
    case GeneralName::Type::rfc822_name:
      return "rfc822Name";
    case GeneralName::Type::dns_name:
      return "dNSName";
    case GeneralName::Type::x400_address:
      return "x400Address";
    case GeneralName::Type::directory_name:
      return "directoryName";
    case GeneralName::Type::edi_party_name:
      return "ediPartyName";
    case GeneralName::Type::uri:
      return "uniformResourceIdentifier";
    case GeneralName::Type::ip_address:
      return "iPAddress";
    case GeneralName::Type::registered_id:
      return "registeredID";
  }
  return "unknown";
}

namespace {

// A mask of leading ones followed by zeros only (RFC 5280 §4.2.1.10 CIDR notation).
bool contiguous_mask(der::Bytes mask) {
  bool zeros = false;
  for (const std::uint8_t b : mask) {
    for (int bit = 7; bit >= 0; --bit) {
      const bool one = (b >> bit) & 1;
      if (one && zeros) return false;
      if (!one) zeros = true;
    }
  }
  return true;
}

}  // namespace

bool parse_general_name(der::Reader& r, GeneralName& out, bool for_constraints) {
  der::Tag tag;
  der::Bytes contents;
  if (!r.any(tag, contents)) return false;
  if (tag.cls != der::TagClass::context || tag.number > 8) {
    return r.fail(fmt::format("GeneralName with tag {}", der::to_string(tag)));
  }
  out.type = static_cast<GeneralName::Type>(tag.number);
  out.value = contents;
  // otherName, x400Address, directoryName ([4] EXPLICIT: Name is a CHOICE) and ediPartyName are
  // constructed; the rest are IMPLICIT primitives.
  const bool want_constructed =
      tag.number == 0 || tag.number == 3 || tag.number == 4 || tag.number == 5;
  if (tag.constructed != want_constructed) {
    return r.fail(fmt::format("{} with the wrong form", to_string(out.type)));
  }
  switch (out.type) {
    case GeneralName::Type::rfc822_name:
    case GeneralName::Type::dns_name:
    case GeneralName::Type::uri:
      for (const std::uint8_t c : contents) {
        if (c >= 0x80) return r.fail(fmt::format("{} is not IA5String", to_string(out.type)));
      }
      return true;
    case GeneralName::Type::ip_address:
      if (!for_constraints && contents.size() != 4 && contents.size() != 16) {
        return r.fail(fmt::format("iPAddress of {} octets", contents.size()));
      }
      if (for_constraints) {
        if (contents.size() != 8 && contents.size() != 32) {
          return r.fail(fmt::format("iPAddress constraint of {} octets", contents.size()));
        }
        if (!contiguous_mask(contents.subspan(contents.size() / 2))) {
          return r.fail("iPAddress constraint with a non-contiguous mask");
        }
      }
      return true;
    case GeneralName::Type::directory_name: {
      // The value is the Name's SEQUENCE; check it is one well-formed element.
      der::Reader inner(contents);
      der::Reader name;
      der::Bytes encoding;
      if (!(inner.sequence(name, encoding) && inner.done())) {
        return r.fail("directoryName: " + inner.error());
      }
      out.value = encoding;
      return true;
    }
    default:
      return true;
  }
}

}  // namespace tlsx::crypto
