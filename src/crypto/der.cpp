// Strict DER reader: identifiers, lengths, structure and the primitive types (X.690 §8, §10).
// Times are in der_time.cpp, character strings in der_string.cpp.
#include "crypto/der.hpp"

#include <fmt/format.h>

namespace tlsx::crypto::der {

namespace {

std::string_view universal_name(std::uint32_t number) {
  switch (number) {
    case 1:
      return "BOOLEAN";
    case 2:
      return "INTEGER";
    case 3:
      return "BIT STRING";
    case 4:
      return "OCTET STRING";
    case 5:
      return "NULL";
    case 6:
      return "OBJECT IDENTIFIER";
    case 12:
      return "UTF8String";
    case 16:
      return "SEQUENCE";
    case 17:
      return "SET";
    case 18:
      return "NumericString";
    case 19:
      return "PrintableString";
    case 20:
      return "TeletexString";
    case 22:
      return "IA5String";
    case 23:
      return "UTCTime";
    case 24:
      return "GeneralizedTime";
    case 26:
      return "VisibleString";
    case 28:
      return "UniversalString";
    case 30:
      return "BMPString";
    default:
      return {};
  }
}

}  // namespace

std::string to_string(Tag tag) {
  const char* form = tag.constructed ? " constructed" : "";
  switch (tag.cls) {
    case TagClass::universal: {
      const std::string_view name = universal_name(tag.number);
      if (!name.empty()) {
        // SEQUENCE and SET are always constructed, the others always primitive in DER: only
        // mention the form when it is the wrong one.
        const bool normal = (tag.number == 16 || tag.number == 17) == tag.constructed;
        return normal ? std::string(name) : fmt::format("{}{}", name, form);
      }
      return fmt::format("[UNIVERSAL {}]{}", tag.number, form);
    }
    case TagClass::application:
      return fmt::format("[APPLICATION {}]{}", tag.number, form);
    case TagClass::context:
      return fmt::format("[{}]{}", tag.number, form);
    default:
      return fmt::format("[PRIVATE {}]{}", tag.number, form);
  }
}

bool Reader::fail(std::string_view reason) {
  if (error_->empty()) *error_ = reason.empty() ? std::string("DER error") : std::string(reason);
  return false;
}

bool Reader::done() {
  if (failed()) return false;
  if (!at_end()) return fail(fmt::format("{} trailing bytes", r_.remaining()));
  return true;
}

// Reads an identifier and a length from r (a copy when peeking). Returns nullptr on success,
// else the reason; the callers decide whether to record it.
const char* Reader::header(ByteReader& r, Tag& tag, std::size_t& length) const {
  std::uint8_t first = 0;
  if (!r.u8(first)) return "unexpected end of data";
  tag.cls = static_cast<TagClass>(first >> 6);
  tag.constructed = (first & 0x20) != 0;
  tag.number = first & 0x1f;
  if (tag.number == 0x1f) {
    // High-tag-number form (§8.1.2.4): base-128, no leading 0x80, at least 31, fits 28 bits.
    std::uint32_t number = 0;
    std::uint8_t b = 0;
    int count = 0;
    do {
      if (!r.u8(b)) return "truncated tag";
      if (++count > 4) return "tag number too large";
      if (count == 1 && b == 0x80) return "high tag number not minimally encoded";
      number = (number << 7) | (b & 0x7f);
    } while ((b & 0x80) != 0);
    if (number < 31) return "high tag number form used for a tag below 31";
    tag.number = number;
  } else if (tag.cls == TagClass::universal && tag.number == 0) {
    return "end-of-contents octets are not allowed in DER";  // only used by indefinite lengths
  }
  std::uint8_t len0 = 0;
  if (!r.u8(len0)) return "truncated length";
  if (len0 < 0x80) {
    length = len0;
  } else {
    const unsigned n = len0 & 0x7f;
    if (n == 0) return "indefinite length is not allowed in DER";
    if (n > 4) return "length field too long";
    std::uint32_t value = 0;
    for (unsigned i = 0; i < n; ++i) {
      std::uint8_t b = 0;
      if (!r.u8(b)) return "truncated length";
      if (i == 0 && b == 0) return "length not minimally encoded (leading zero octet)";
      value = (value << 8) | b;
    }
    if (value < 0x80) return "length not minimally encoded (long form below 128)";
    length = value;
  }
  if (length > r.remaining()) return "truncated: length exceeds the remaining data";
  return nullptr;
}

bool Reader::peek(Tag& tag) const {
  if (failed()) return false;
  ByteReader copy = r_;
  std::size_t length = 0;
  return header(copy, tag, length) == nullptr;
}

bool Reader::next_is(Tag tag) const {
  Tag actual;
  return peek(actual) && actual == tag;
}

bool Reader::any(Tag& tag, Bytes& contents, Bytes& encoding) {
  if (failed()) return false;
  if (at_end()) return fail("unexpected end of data");
  const Bytes start = r_.rest();
  ByteReader probe = r_;
  std::size_t length = 0;
  if (const char* why = header(probe, tag, length)) return fail(why);
  const std::size_t header_size = probe.position() - r_.position();
  if (!r_.skip(header_size) || !r_.bytes(contents, length)) return fail("truncated element");
  encoding = start.first(header_size + length);
  return true;
}

bool Reader::any(Tag& tag, Bytes& contents) {
  Bytes encoding;
  return any(tag, contents, encoding);
}

bool Reader::expect(Tag tag, Bytes& contents, Bytes& encoding) {
  if (failed()) return false;
  Tag actual;
  if (at_end()) return fail(fmt::format("missing {}", to_string(tag)));
  if (peek(actual) && actual != tag) {
    return fail(fmt::format("expected {}, found {}", to_string(tag), to_string(actual)));
  }
  return any(actual, contents, encoding);
}

bool Reader::expect(Tag tag, Bytes& contents) {
  Bytes encoding;
  return expect(tag, contents, encoding);
}

bool Reader::optional(Tag tag, Bytes& contents, bool& present) {
  present = false;
  if (failed()) return false;
  if (!next_is(tag)) return true;
  present = true;
  return expect(tag, contents);
}

bool Reader::enter(Bytes contents, Reader& inner) {
  if (depth_ + 1 > kMaxDepth) return fail("nesting too deep");
  inner.r_ = ByteReader(contents);
  inner.depth_ = depth_ + 1;
  inner.error_ = error_;
  return true;
}

bool Reader::constructed(Tag tag, Reader& inner) {
  Bytes contents;
  if (!tag.constructed) return fail("internal: constructed() with a primitive tag");
  return expect(tag, contents) && enter(contents, inner);
}

bool Reader::optional_constructed(Tag tag, Reader& inner, bool& present) {
  present = false;
  if (failed()) return false;
  if (!next_is(tag)) return true;
  present = true;
  return constructed(tag, inner);
}

bool Reader::sequence(Reader& inner, Bytes& encoding) {
  Bytes contents;
  return expect(tag::kSequence, contents, encoding) && enter(contents, inner);
}

bool Reader::boolean(bool& value) {
  Bytes c;
  if (!expect(tag::kBoolean, c)) return false;
  if (c.size() != 1) return fail("BOOLEAN must be one octet");
  if (c[0] != 0x00 && c[0] != 0xff) return fail("BOOLEAN must be 0x00 or 0xff in DER");
  value = c[0] == 0xff;
  return true;
}

bool Reader::null() {
  Bytes c;
  if (!expect(tag::kNull, c)) return false;
  if (!c.empty()) return fail("NULL with contents");
  return true;
}

bool Reader::integer(Bytes& twos_complement) {
  Bytes c;
  if (!expect(tag::kInteger, c)) return false;
  if (c.empty()) return fail("empty INTEGER");
  // §8.3.2: the first nine bits must not be all zeros or all ones.
  if (c.size() > 1 && ((c[0] == 0x00 && c[1] < 0x80) || (c[0] == 0xff && c[1] >= 0x80))) {
    return fail("INTEGER not minimally encoded");
  }
  twos_complement = c;
  return true;
}

bool Reader::unsigned_integer(Bytes& magnitude) {
  Bytes c;
  if (!integer(c)) return false;
  if (c[0] >= 0x80) return fail("negative INTEGER where a non-negative one is required");
  magnitude = (c.size() > 1 && c[0] == 0x00) ? c.subspan(1) : c;
  return true;
}

bool Reader::small_integer(std::uint64_t& value) {
  Bytes m;
  if (!unsigned_integer(m)) return false;
  if (m.size() > 8) return fail("INTEGER too large");
  std::uint64_t v = 0;
  for (const std::uint8_t b : m) v = (v << 8) | b;
  value = v;
  return true;
}

bool Reader::oid(Bytes& contents) {
  Bytes c;
  if (!expect(tag::kOid, c)) return false;
  if (c.empty()) return fail("empty OBJECT IDENTIFIER");
  bool starting = true;  // at the first octet of a subidentifier
  for (const std::uint8_t b : c) {
    if (starting && b == 0x80) return fail("OBJECT IDENTIFIER subidentifier not minimal");
    starting = (b & 0x80) == 0;
  }
  if (!starting) return fail("OBJECT IDENTIFIER ends inside a subidentifier");
  contents = c;
  return true;
}

bool Reader::next_is_oid(Bytes contents) const {
  if (!next_is(tag::kOid)) return false;
  ByteReader copy = r_;
  Tag t;
  std::size_t length = 0;
  Bytes actual;
  if (header(copy, t, length) != nullptr || !copy.bytes(actual, length)) return false;
  return actual.size() == contents.size() &&
         std::equal(actual.begin(), actual.end(), contents.begin());
}

bool Reader::bit_string(Bytes& bits, unsigned& unused_bits) {
  Bytes c;
  if (!expect(tag::kBitString, c)) return false;
  if (c.empty()) return fail("BIT STRING without the unused-bits octet");
  const unsigned unused = c[0];
  if (unused > 7) return fail("BIT STRING unused-bits count above 7");
  if (c.size() == 1 && unused != 0) return fail("empty BIT STRING with unused bits");
  // §11.2.1: the unused bits are zero in DER.
  if (unused != 0 && (c.back() & ((1u << unused) - 1)) != 0) {
    return fail("BIT STRING unused bits are not zero");
  }
  bits = c.subspan(1);
  unused_bits = unused;
  return true;
}

bool Reader::bit_string_octets(Bytes& octets) {
  unsigned unused = 0;
  if (!bit_string(octets, unused)) return false;
  if (unused != 0) return fail("BIT STRING is not a whole number of octets");
  return true;
}

bool Reader::octet_string(Bytes& contents) {
  return expect(tag::kOctetString, contents);
}

bool Reader::time(std::int64_t& unix_seconds) {
  Tag t;
  Bytes c;
  if (failed()) return false;
  if (!next_is(tag::kUtcTime) && !next_is(tag::kGeneralizedTime)) {
    if (at_end()) return fail("missing time");
    if (peek(t)) return fail(fmt::format("expected a time, found {}", to_string(t)));
  }
  if (!any(t, c)) return false;
  std::string why;
  if (!decode_time(t, c, unix_seconds, why)) return fail(why);
  return true;
}

bool Reader::string(std::string& utf8) {
  Tag t;
  Bytes c;
  if (!any(t, c)) return false;
  std::string why;
  if (!decode_string(t, c, utf8, why)) return fail(why);
  return true;
}

}  // namespace tlsx::crypto::der
