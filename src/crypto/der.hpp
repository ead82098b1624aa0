// Strict DER reader (ITU-T X.690 §10) over ByteReader: the only way tlsx reads ASN.1.
//
// Strictness is the point: DER gives every value exactly one encoding, and certificate signatures
// are computed over that encoding, so anything a BER decoder would tolerate (long-form lengths
// that fit the short form, indefinite lengths, constructed strings, non-minimal INTEGERs, BOOLEAN
// 0x01, unused BIT STRING bits that are not zero, times without seconds or 'Z') is rejected.
//
// Usage: readers chain with && like ByteReader. All readers made from one root (through
// sequence(), set(), constructed(), ...) share the root's error: the first failure anywhere is
// recorded with its reason and every later read on any of them fails, so a parser can check once:
//
//   der::Reader r(bytes);
//   der::Reader seq;
//   Bytes serial;
//   if (!(r.sequence(seq) && seq.integer(serial) && seq.done() && r.done()))
//     return fail_decode("certificate: " + r.error());
//
// A Reader views the bytes it was made from; they must outlive it and every span it hands out.
// Readers are not copyable (their error is shared by pointer with the root).
#pragma once

#include <cstdint>
#include <span>
#include <string>
#include <string_view>

#include "tlsx/byte_reader.hpp"

namespace tlsx::crypto::der {

using Bytes = std::span<const std::uint8_t>;

/// Tag class (X.690 §8.1.2.2).
enum class TagClass : std::uint8_t { universal = 0, application = 1, context = 2, private_use = 3 };

/// An identifier octet (or octets, for tag numbers >= 31).
struct Tag {
  TagClass cls = TagClass::universal;
  bool constructed = false;
  std::uint32_t number = 0;
  friend constexpr bool operator==(const Tag&, const Tag&) = default;
};

/// "SEQUENCE", "INTEGER", "[3] constructed", "[APPLICATION 2]"...
std::string to_string(Tag tag);

/// Universal tags tlsx reads (X.680 §8.6).
namespace tag {
inline constexpr Tag kBoolean{TagClass::universal, false, 1};
inline constexpr Tag kInteger{TagClass::universal, false, 2};
inline constexpr Tag kBitString{TagClass::universal, false, 3};
inline constexpr Tag kOctetString{TagClass::universal, false, 4};
inline constexpr Tag kNull{TagClass::universal, false, 5};
inline constexpr Tag kOid{TagClass::universal, false, 6};
inline constexpr Tag kUtf8String{TagClass::universal, false, 12};
inline constexpr Tag kSequence{TagClass::universal, true, 16};
inline constexpr Tag kSet{TagClass::universal, true, 17};
inline constexpr Tag kNumericString{TagClass::universal, false, 18};
inline constexpr Tag kPrintableString{TagClass::universal, false, 19};
inline constexpr Tag kTeletexString{TagClass::universal, false, 20};
inline constexpr Tag kIa5String{TagClass::universal, false, 22};
inline constexpr Tag kUtcTime{TagClass::universal, false, 23};
inline constexpr Tag kGeneralizedTime{TagClass::universal, false, 24};
inline constexpr Tag kVisibleString{TagClass::universal, false, 26};
inline constexpr Tag kUniversalString{TagClass::universal, false, 28};
inline constexpr Tag kBmpString{TagClass::universal, false, 30};
}  // namespace tag

/// [n] with the constructed bit (EXPLICIT tagging, or IMPLICIT over a SEQUENCE/SET).
constexpr Tag context_constructed(std::uint32_t n) noexcept {
  return Tag{TagClass::context, true, n};
}
/// [n] primitive (IMPLICIT over a primitive type, e.g. dNSName [2] IA5String).
constexpr Tag context_primitive(std::uint32_t n) noexcept {
  return Tag{TagClass::context, false, n};
}

/// Deepest nesting of constructed values accepted (a certificate needs about 8).
inline constexpr int kMaxDepth = 32;

class Reader {
 public:
  Reader() noexcept = default;
  explicit Reader(Bytes data) noexcept : r_(data) {}
  Reader(const Reader&) = delete;
  Reader& operator=(const Reader&) = delete;

  /// True when every byte was consumed and nothing failed: end every structure with it.
  [[nodiscard]] bool done();
  /// True when no bytes are left (whether or not something failed).
  [[nodiscard]] bool at_end() const noexcept { return r_.remaining() == 0; }
  [[nodiscard]] bool failed() const noexcept { return !error_->empty(); }
  /// The first failure's reason, shared by the whole reader tree ("" while all is well).
  [[nodiscard]] const std::string& error() const noexcept { return *error_; }
  /// Records a semantic failure found by the caller (first failure wins); returns false.
  bool fail(std::string_view reason);

  /// The next element's tag without consuming anything; false at the end or on a bad tag.
  [[nodiscard]] bool peek(Tag& tag) const;
  /// True when the next element exists and has exactly this tag (no failure when it does not).
  [[nodiscard]] bool next_is(Tag tag) const;

  /// Any element: its tag and contents, and optionally its whole encoding (tag+length+contents).
  [[nodiscard]] bool any(Tag& tag, Bytes& contents);
  [[nodiscard]] bool any(Tag& tag, Bytes& contents, Bytes& encoding);
  /// Like any(), and a constructed element's contents are checked to be well-formed DER all
  /// the way down (for ANY fields that are kept or skipped without being decoded).
  [[nodiscard]] bool any_checked(Tag& tag, Bytes& contents, Bytes& encoding);
  /// Skips one well-formed element of any type (checked as any_checked() does).
  [[nodiscard]] bool skip();
  /// An element that must have this tag.
  [[nodiscard]] bool expect(Tag tag, Bytes& contents);
  /// The same, handing out the whole encoding too (signed TBS bytes, raw Names).
  [[nodiscard]] bool expect(Tag tag, Bytes& contents, Bytes& encoding);
  /// An element with this tag, if it is next; present says whether it was.
  [[nodiscard]] bool optional(Tag tag, Bytes& contents, bool& present);

  /// A constructed element with this tag, handing out a reader over its contents.
  [[nodiscard]] bool constructed(Tag tag, Reader& inner);
  [[nodiscard]] bool optional_constructed(Tag tag, Reader& inner, bool& present);
  [[nodiscard]] bool sequence(Reader& inner) { return constructed(tag::kSequence, inner); }
  [[nodiscard]] bool set(Reader& inner) { return constructed(tag::kSet, inner); }
  /// A SEQUENCE, also handing out its whole encoding.
  [[nodiscard]] bool sequence(Reader& inner, Bytes& encoding);

  /// BOOLEAN: exactly one octet, 0x00 or 0xff.
  [[nodiscard]] bool boolean(bool& value);
  /// NULL: empty contents.
  [[nodiscard]] bool null();
  /// INTEGER as minimal two's complement contents (at least one octet).
  [[nodiscard]] bool integer(Bytes& twos_complement);
  /// A non-negative INTEGER as unsigned big-endian magnitude (a sign octet 0x00 is dropped;
  /// zero comes out as one 0x00 octet).
  [[nodiscard]] bool unsigned_integer(Bytes& magnitude);
  /// A non-negative INTEGER that fits in 64 bits.
  [[nodiscard]] bool small_integer(std::uint64_t& value);
  /// OBJECT IDENTIFIER contents (validated: minimal subidentifiers, last one complete).
  [[nodiscard]] bool oid(Bytes& contents);
  /// The next element is an OBJECT IDENTIFIER with exactly these contents (nothing consumed
  /// otherwise and no failure).
  [[nodiscard]] bool next_is_oid(Bytes contents) const;
  /// BIT STRING: the octets after the unused-bits octet, and that count (0..7, those bits 0).
  [[nodiscard]] bool bit_string(Bytes& bits, unsigned& unused_bits);
  /// A BIT STRING that must be a whole number of octets (keys, signatures).
  [[nodiscard]] bool bit_string_octets(Bytes& octets);
  [[nodiscard]] bool octet_string(Bytes& contents);
  /// UTCTime or GeneralizedTime in the strict RFC 5280 form (seconds present, 'Z', no
  /// fraction), as seconds since 1970-01-01T00:00:00Z (negative before 1970).
  [[nodiscard]] bool time(std::int64_t& unix_seconds);
  /// Any character string type (UTF8, Printable, IA5, Numeric, Visible, Teletex as Latin-1,
  /// BMP as UTF-16, Universal as UCS-4), validated and converted to UTF-8.
  [[nodiscard]] bool string(std::string& utf8);

 private:
  const char* header(ByteReader& r, Tag& tag, std::size_t& length) const;
  bool enter(Bytes contents, Reader& inner);

  ByteReader r_;
  int depth_ = 0;
  std::string own_error_;
  std::string* error_ = &own_error_;
};

/// Decodes a string value of the given universal tag to UTF-8; false (and the reason in why)
/// for a non-string tag or invalid contents.
bool decode_string(Tag tag, Bytes contents, std::string& utf8, std::string& why);

/// Validated time contents -> Unix seconds (UTCTime: tag::kUtcTime, else GeneralizedTime).
bool decode_time(Tag tag, Bytes contents, std::int64_t& unix_seconds, std::string& why);

/// Days since 1970-01-01 of a proleptic Gregorian date (month 1..12, day 1..31).
std::int64_t days_from_civil(std::int64_t year, unsigned month, unsigned day) noexcept;

}  // namespace tlsx::crypto::der
