// Strict DER reader: every rule with a positive case and its negative twins, OID printing, times,
// strings, the nesting limit, and truncation of a real certificate at every byte.
#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include <catch2/catch.hpp>

#include "crypto/der.hpp"
#include "crypto/oid.hpp"
#include "crypto/pem.hpp"
#include "support/test_support.hpp"

using tlsx::crypto::der::Bytes;
using tlsx::crypto::der::Reader;
using tlsx::crypto::der::Tag;
using tlsx::test::ByteVec;
using tlsx::test::from_hex;
namespace der = tlsx::crypto::der;
namespace oid = tlsx::crypto::oid;

namespace {

// Runs one read on hex input and says whether it succeeded and consumed everything.
bool reads(const std::string& hex, const std::function<bool(Reader&)>& read) {
  const ByteVec in = from_hex(hex);
  Reader r(in);
  return read(r) && r.done();
}

// Same, returning the error of a failed read.
std::string error_of(const std::string& hex, const std::function<bool(Reader&)>& read) {
  const ByteVec in = from_hex(hex);
  Reader r(in);
  const bool ok = read(r) && r.done();
  return ok ? std::string("(no error)") : r.error();
}

bool read_any(Reader& r) {
  Tag t;
  Bytes c;
  return r.any(t, c);
}

// Walks every element of a DER value, descending into constructed ones.
bool walk(Reader& r) {
  while (!r.at_end()) {
    Tag t;
    if (!r.peek(t)) return read_any(r);  // records the reason
    if (t.constructed) {
      Reader inner;
      if (!(r.constructed(t, inner) && walk(inner) && inner.done())) return false;
    } else if (!read_any(r)) {
      return false;
    }
  }
  return true;
}

ByteVec illustrated_certificate() {
  const std::string pem =
      tlsx::test::read_file(tlsx::test::vector_path("illustrated-tls12/server.crt"));
  auto blocks = tlsx::crypto::pem_decode(pem);
  REQUIRE(blocks);
  REQUIRE(blocks->size() == 1);
  const auto der = (*blocks)[0].der.span();
  return ByteVec(der.begin(), der.end());
}

}  // namespace

TEST_CASE("DER lengths: short and minimal long forms only", "[crypto][der]") {
  CHECK(reads("04 03 010203", read_any));
  CHECK(reads("04 81 80" + std::string(256, '0'), read_any));    // 128 octets: long form
  CHECK(reads("04 82 0100" + std::string(512, '0'), read_any));  // 256 octets
  CHECK_THAT(error_of("04 81 05 0102030405", read_any),          // 5 fits the short form
             Catch::Contains("not minimally encoded"));
  CHECK_THAT(error_of("04 82 0085" + std::string(0x85 * 2, '0'), read_any),
             Catch::Contains("leading zero"));
  CHECK_THAT(error_of("30 80 0000", read_any), Catch::Contains("indefinite"));
  CHECK_THAT(error_of("04 85 0000000001 00", read_any), Catch::Contains("too long"));
  CHECK_THAT(error_of("04 ff", read_any), Catch::Contains("too long"));
  CHECK_THAT(error_of("04 05 010203", read_any), Catch::Contains("truncated"));
  CHECK_THAT(error_of("04", read_any), Catch::Contains("truncated length"));
  CHECK_THAT(error_of("04 82 01", read_any), Catch::Contains("truncated length"));
  CHECK_THAT(error_of("", read_any), Catch::Contains("end of data"));
}

TEST_CASE("DER tags: low and high tag numbers, no end-of-contents", "[crypto][der]") {
  Tag t;
  Bytes c;
  {
    const ByteVec in = from_hex("9f 1f 01 aa");  // [31] primitive: the smallest high tag
    Reader r(in);
    REQUIRE(r.any(t, c));
    CHECK(t == Tag{der::TagClass::context, false, 31});
    CHECK(c.size() == 1);
  }
  {
    const ByteVec in = from_hex("bf 81 00 00");  // [128] constructed, two tag octets
    Reader r(in);
    REQUIRE(r.any(t, c));
    CHECK(t == Tag{der::TagClass::context, true, 128});
  }
  {
    const ByteVec in = from_hex("5f 21 00");  // [APPLICATION 33]
    Reader r(in);
    REQUIRE(r.any(t, c));
    CHECK(t == Tag{der::TagClass::application, false, 33});
  }
  CHECK_THAT(error_of("9f 1e 00", read_any), Catch::Contains("below 31"));
  CHECK_THAT(error_of("9f 80 1f 00", read_any), Catch::Contains("not minimally"));
  CHECK_THAT(error_of("9f 81 81 81 81 01 00", read_any), Catch::Contains("too large"));
  CHECK_THAT(error_of("9f 81", read_any), Catch::Contains("truncated tag"));
  CHECK_THAT(error_of("00 00", read_any), Catch::Contains("end-of-contents"));
  CHECK(der::to_string(der::tag::kSequence) == "SEQUENCE");
  CHECK(der::to_string(der::context_constructed(3)) == "[3] constructed");
  CHECK(der::to_string(Tag{der::TagClass::universal, true, 4}) == "OCTET STRING constructed");
}

TEST_CASE("DER expect() checks class, form and number", "[crypto][der]") {
  const auto octets = [](Reader& r) {
    Bytes c;
    return r.octet_string(c);
  };
  CHECK(reads("04 00", octets));
  // A constructed OCTET STRING is BER, never DER.
  CHECK_THAT(error_of("24 03 040101", octets),
             Catch::Contains("expected OCTET STRING, found OCTET STRING constructed"));
  const auto sequence = [](Reader& r) {
    Reader inner;
    return r.sequence(inner) && inner.done();
  };
  CHECK(reads("30 00", sequence));
  CHECK_THAT(error_of("10 00", sequence), Catch::Contains("expected SEQUENCE"));  // primitive form
  CHECK_THAT(error_of("31 00", sequence), Catch::Contains("found SET"));
  CHECK_THAT(error_of("30 03 020101", sequence), Catch::Contains("trailing"));
  CHECK_THAT(error_of("", sequence), Catch::Contains("missing SEQUENCE"));
}

TEST_CASE("DER optional elements and explicit/implicit context tags", "[crypto][der]") {
  const ByteVec in = from_hex("a0 03 020102  81 01 ff  30 00");
  Reader r(in);
  Reader version, absent, seq;
  bool present = false;
  std::uint64_t v = 0;
  Bytes implicit;
  REQUIRE(r.optional_constructed(der::context_constructed(0), version, present));
  CHECK(present);
  REQUIRE((version.small_integer(v) && version.done()));
  CHECK(v == 2);
  REQUIRE(r.optional_constructed(der::context_constructed(2), absent, present));
  CHECK_FALSE(present);
  REQUIRE(r.optional(der::context_primitive(1), implicit, present));
  CHECK(present);
  CHECK(implicit.size() == 1);
  REQUIRE(r.sequence(seq));
  CHECK(r.done());
}

TEST_CASE("DER INTEGER: minimal two's complement, sign rules", "[crypto][der]") {
  const auto integer = [](Reader& r) {
    Bytes c;
    return r.integer(c);
  };
  CHECK(reads("02 01 00", integer));
  CHECK(reads("02 01 7f", integer));
  CHECK(reads("02 02 0080", integer));
  CHECK(reads("02 01 80", integer));  // -128
  CHECK(reads("02 02 ff7f", integer));
  CHECK_THAT(error_of("02 00", integer), Catch::Contains("empty INTEGER"));
  CHECK_THAT(error_of("02 02 007f", integer), Catch::Contains("not minimally"));
  CHECK_THAT(error_of("02 02 ff80", integer), Catch::Contains("not minimally"));
  CHECK_THAT(error_of("02 03 000080", integer), Catch::Contains("not minimally"));

  const ByteVec in = from_hex("02 02 0080 02 01 05");
  Reader r(in);
  Bytes m;
  REQUIRE(r.unsigned_integer(m));
  CHECK(tlsx::test::to_hex(m) == "80");  // the sign octet is dropped
  REQUIRE(r.unsigned_integer(m));
  CHECK(tlsx::test::to_hex(m) == "05");
  const auto unsigned_int = [](Reader& rr) {
    Bytes mm;
    return rr.unsigned_integer(mm);
  };
  CHECK_THAT(error_of("02 01 ff", unsigned_int), Catch::Contains("negative"));
  const auto small = [](Reader& rr) {
    std::uint64_t v = 0;
    return rr.small_integer(v);
  };
  CHECK(reads("02 09 00ffffffffffffffff", small));
  CHECK_THAT(error_of("02 09 010000000000000000", small), Catch::Contains("too large"));
}

TEST_CASE("DER BOOLEAN and NULL", "[crypto][der]") {
  bool value = false;
  const auto boolean = [&](Reader& r) { return r.boolean(value); };
  CHECK(reads("01 01 ff", boolean));
  CHECK(value);
  CHECK(reads("01 01 00", boolean));
  CHECK_FALSE(value);
  CHECK_THAT(error_of("01 01 01", boolean), Catch::Contains("0x00 or 0xff"));
  CHECK_THAT(error_of("01 02 0000", boolean), Catch::Contains("one octet"));
  CHECK_THAT(error_of("01 00", boolean), Catch::Contains("one octet"));
  const auto null = [](Reader& r) { return r.null(); };
  CHECK(reads("05 00", null));
  CHECK_THAT(error_of("05 01 00", null), Catch::Contains("NULL with contents"));
}

TEST_CASE("DER OBJECT IDENTIFIER: validation and dotted form", "[crypto][der]") {
  std::string dotted;
  bool is_sha256_rsa = false;
  // The contents are views into the input, so inspect them inside the read.
  const auto read_oid = [&](Reader& r) {
    Bytes c;
    if (!r.oid(c)) return false;
    dotted = oid::to_dotted(c);
    is_sha256_rsa = oid::equal(c, oid::kSha256WithRsa);
    return true;
  };
  REQUIRE(reads("06 09 2a864886f70d01010b", read_oid));
  CHECK(dotted == "1.2.840.113549.1.1.11");
  CHECK(is_sha256_rsa);
  REQUIRE(reads("06 03 551d13", read_oid));
  CHECK(dotted == "2.5.29.19");
  CHECK_FALSE(is_sha256_rsa);
  REQUIRE(reads("06 01 00", read_oid));
  CHECK(dotted == "0.0");
  REQUIRE(reads("06 01 27", read_oid));
  CHECK(dotted == "0.39");
  REQUIRE(reads("06 01 28", read_oid));
  CHECK(dotted == "1.0");
  REQUIRE(reads("06 02 8837", read_oid));  // 2.999: first subidentifier 1079
  CHECK(dotted == "2.999");
  CHECK_THAT(error_of("06 00", read_oid), Catch::Contains("empty OBJECT IDENTIFIER"));
  CHECK_THAT(error_of("06 02 8001", read_oid), Catch::Contains("not minimal"));
  CHECK_THAT(error_of("06 01 81", read_oid), Catch::Contains("ends inside"));
  const ByteVec two = from_hex("06 03 551d13 05 00");
  Reader r(two);
  CHECK(r.next_is_oid(oid::kBasicConstraints));
  CHECK_FALSE(r.next_is_oid(oid::kKeyUsage));
}

TEST_CASE("OID printing handles arcs beyond 64 bits", "[crypto][der]") {
  // 2.25.329800735698586629295641978511506172918 (RFC 4122 §1 example UUID as an OID arc).
  // Encode it here: base-128 of the decimal value, then the first subidentifier 2*40+25 = 105.
  // 0xf81d4fae7dec11d0a76500a0c91e6bf6 in base 128, most significant group first:
  const ByteVec contents = from_hex("69 83 f0 9d a7 eb cf de e0 c7 a1 a7 b2 c0 94 8c c8 f9 d7 76");
  CHECK(oid::to_dotted(contents) == "2.25.329800735698586629295641978511506172918");
}

TEST_CASE("DER BIT STRING: unused bits count and zero padding", "[crypto][der]") {
  Bytes bits;
  unsigned unused = 9;
  const auto bit_string = [&](Reader& r) { return r.bit_string(bits, unused); };
  REQUIRE(reads("03 01 00", bit_string));
  CHECK(bits.empty());
  REQUIRE(reads("03 02 01 02", bit_string));
  CHECK(unused == 1);
  REQUIRE(reads("03 02 07 80", bit_string));
  CHECK_THAT(error_of("03 00", bit_string), Catch::Contains("without the unused-bits"));
  CHECK_THAT(error_of("03 01 01", bit_string), Catch::Contains("empty BIT STRING with unused"));
  CHECK_THAT(error_of("03 02 08 00", bit_string), Catch::Contains("above 7"));
  CHECK_THAT(error_of("03 02 01 01", bit_string), Catch::Contains("not zero"));
  CHECK_THAT(error_of("03 02 04 18", bit_string), Catch::Contains("not zero"));
  const auto octets = [&](Reader& r) { return r.bit_string_octets(bits); };
  CHECK(reads("03 03 00 abcd", octets));
  CHECK_THAT(error_of("03 02 01 02", octets), Catch::Contains("whole number of octets"));
}

TEST_CASE("DER times: strict UTCTime and GeneralizedTime", "[crypto][der]") {
  std::int64_t t = 0;
  const auto time = [&](Reader& r) { return r.time(t); };
  const auto utc = [](const std::string& s) {
    return "17 " + tlsx::test::to_hex(std::string(1, static_cast<char>(s.size()))) +
           tlsx::test::to_hex(s);
  };
  const auto gen = [](const std::string& s) {
    return "18 " + tlsx::test::to_hex(std::string(1, static_cast<char>(s.size()))) +
           tlsx::test::to_hex(s);
  };
  REQUIRE(reads(utc("700101000000Z"), time));
  CHECK(t == 0);
  REQUIRE(reads(utc("181005013816Z"), time));  // the Illustrated TLS server's notBefore
  CHECK(t == 1538703496);
  REQUIRE(reads(utc("491231235959Z"), time));  // YY < 50: 20YY
  CHECK(t == 2524607999);
  REQUIRE(reads(utc("500101000000Z"), time));  // YY >= 50: 19YY
  CHECK(t == -631152000);
  REQUIRE(reads(gen("20500101000000Z"), time));
  CHECK(t == 2524608000);
  REQUIRE(reads(gen("29691231235959Z"), time));  // x509-limbo's far-future notAfter
  REQUIRE(reads(gen("20240229120000Z"), time));  // leap day
  REQUIRE(reads(gen("20000229000000Z"), time));  // 2000 is a leap year
  CHECK_THAT(error_of(gen("19000229000000Z"), time), Catch::Contains("not a valid date"));
  CHECK_THAT(error_of(gen("20230229000000Z"), time), Catch::Contains("not a valid date"));
  CHECK_THAT(error_of(utc("2301020304Z"), time), Catch::Contains("must have the form"));
  CHECK_THAT(error_of(utc("230102030405+0000"), time), Catch::Contains("must have the form"));
  CHECK_THAT(error_of(utc("230102030405"), time), Catch::Contains("must have the form"));
  CHECK_THAT(error_of(gen("20500101000000.5Z"), time), Catch::Contains("must have the form"));
  CHECK_THAT(error_of(gen("205001010000Z"), time), Catch::Contains("must have the form"));
  CHECK_THAT(error_of(utc("23010203040aZ"), time), Catch::Contains("non-digit"));
  CHECK_THAT(error_of(utc("231302030405Z"), time), Catch::Contains("not a valid date"));
  CHECK_THAT(error_of(utc("230100030405Z"), time), Catch::Contains("not a valid date"));
  CHECK_THAT(error_of(utc("230431030405Z"), time), Catch::Contains("not a valid date"));
  CHECK_THAT(error_of(utc("230102240000Z"), time), Catch::Contains("not a valid date"));
  CHECK_THAT(error_of(utc("230102236000Z"), time), Catch::Contains("not a valid date"));
  CHECK_THAT(error_of(utc("230102235960Z"), time), Catch::Contains("not a valid date"));
  CHECK_THAT(error_of("04 00", time), Catch::Contains("expected a time"));
  CHECK(der::days_from_civil(1970, 1, 1) == 0);
  CHECK(der::days_from_civil(1969, 12, 31) == -1);
  CHECK(der::days_from_civil(2000, 3, 1) == 11017);
  CHECK(der::days_from_civil(1600, 1, 1) == -135140);
}

TEST_CASE("DER strings: character sets and conversion to UTF-8", "[crypto][der]") {
  std::string s;
  const auto str = [&](Reader& r) { return r.string(s); };
  REQUIRE(reads("13 0a 4578616d706c65204341", str));
  CHECK(s == "Example CA");
  REQUIRE(reads("13 03 2a2e61", str));  // '*' tolerated in PrintableString
  CHECK(s == "*.a");
  CHECK_THAT(error_of("13 01 40", str), Catch::Contains("PrintableString"));  // '@'
  CHECK_THAT(error_of("13 01 5f", str), Catch::Contains("PrintableString"));  // '_'
  REQUIRE(reads("0c 02 c3a9", str));
  CHECK(s == "\xc3\xa9");
  CHECK_THAT(error_of("0c 02 c080", str), Catch::Contains("UTF-8"));      // overlong NUL
  CHECK_THAT(error_of("0c 03 eda080", str), Catch::Contains("UTF-8"));    // surrogate
  CHECK_THAT(error_of("0c 04 f4908080", str), Catch::Contains("UTF-8"));  // > U+10FFFF
  CHECK_THAT(error_of("0c 01 c3", str), Catch::Contains("UTF-8"));        // truncated
  CHECK_THAT(error_of("0c 02 c341", str), Catch::Contains("UTF-8"));      // bad continuation
  REQUIRE(reads("16 03 612e62", str));
  CHECK_THAT(error_of("16 01 80", str), Catch::Contains("IA5String"));
  REQUIRE(reads("1e 04 00410042", str));
  CHECK(s == "AB");
  REQUIRE(reads("1e 04 d83dde00", str));  // UTF-16 surrogate pair: U+1F600
  CHECK(s == "\xf0\x9f\x98\x80");
  CHECK_THAT(error_of("1e 03 004100", str), Catch::Contains("odd"));
  CHECK_THAT(error_of("1e 02 d83d", str), Catch::Contains("BMPString"));  // lone surrogate
  REQUIRE(reads("1c 04 000000e9", str));
  CHECK(s == "\xc3\xa9");
  CHECK_THAT(error_of("1c 04 00110000", str), Catch::Contains("UniversalString"));
  REQUIRE(reads("14 01 e9", str));  // Teletex read as Latin-1
  CHECK(s == "\xc3\xa9");
  REQUIRE(reads("12 03 312032", str));
  CHECK_THAT(error_of("12 01 41", str), Catch::Contains("NumericString"));
  CHECK_THAT(error_of("1a 01 7f", str), Catch::Contains("VisibleString"));
  CHECK_THAT(error_of("04 01 41", str), Catch::Contains("expected a string"));
}

TEST_CASE("DER skip() and any_checked() validate constructed contents all the way down",
          "[crypto][der]") {
  const auto skip = [](Reader& r) { return r.skip(); };
  CHECK(reads("a0 03 020105", skip));
  CHECK(reads("30 07 a0 05 30 03 020100", skip));
  CHECK(reads("04 03 020905", skip));  // primitive: the contents are opaque octets
  // any() only checks the outer element; skip() also finds the broken INTEGER inside (found by
  // x509_fuzz in an EC key's parameters, which tlsx skips).
  CHECK(reads("a0 03 020505", read_any));
  CHECK_THAT(error_of("a0 03 020505", skip), Catch::Contains("truncated"));
  CHECK_THAT(error_of("30 06 a0 04 02020001", skip), Catch::Contains("not minimally"));
  CHECK_THAT(error_of("a0 02 3080", skip), Catch::Contains("indefinite"));
  // Primitive universal contents are checked too, and the form of universal types.
  CHECK_THAT(error_of("30 03 010101", skip), Catch::Contains("0x00 or 0xff"));
  CHECK_THAT(error_of("30 03 060180", skip), Catch::Contains("OBJECT IDENTIFIER"));
  CHECK_THAT(error_of("30 03 030107", skip), Catch::Contains("BIT STRING"));
  CHECK_THAT(error_of("30 03 050100", skip), Catch::Contains("NULL with contents"));
  CHECK_THAT(error_of("30 03 130140", skip), Catch::Contains("PrintableString"));
  CHECK_THAT(error_of("30 04 17023030", skip), Catch::Contains("UTCTime"));
  CHECK_THAT(error_of("24 03 040100", skip),
             Catch::Contains("OCTET STRING constructed in constructed form"));
  CHECK_THAT(error_of("10 00", skip), Catch::Contains("in primitive form"));
  CHECK(reads("30 0a 0101ff 0500 0603551d13", skip));
  CHECK(reads("80 01 ff", skip));  // implicitly tagged: the type is unknown, contents opaque
}

TEST_CASE("DER nesting depth is bounded", "[crypto][der]") {
  const auto nested = [](int depth) {
    ByteVec v;
    for (int i = 0; i < depth; ++i) {
      ByteVec outer = {0x30, static_cast<std::uint8_t>(v.size())};
      outer.insert(outer.end(), v.begin(), v.end());
      v = outer;
    }
    return v;
  };
  {
    const ByteVec in = nested(der::kMaxDepth);
    Reader r(in);
    CHECK(walk(r));
    CHECK(r.done());
  }
  {
    const ByteVec in = nested(der::kMaxDepth + 1);
    Reader r(in);
    CHECK_FALSE(walk(r));
    CHECK_THAT(r.error(), Catch::Contains("nesting too deep"));
  }
}

TEST_CASE("DER errors are sticky and shared by the reader tree", "[crypto][der]") {
  const ByteVec in = from_hex("30 06 02 02 007f 05 00  04 00");
  Reader r(in);
  Reader seq;
  Bytes c;
  REQUIRE(r.sequence(seq));
  CHECK_FALSE(seq.integer(c));  // non-minimal
  CHECK(r.failed());            // the parent sees it
  CHECK_FALSE(seq.null());
  CHECK_FALSE(r.octet_string(c));  // later reads fail too
  CHECK_THAT(r.error(), Catch::Contains("INTEGER not minimally"));
  Tag t;
  CHECK_FALSE(r.peek(t));
  CHECK_FALSE(r.done());
}

TEST_CASE("DER walk of a real certificate, every truncation fails cleanly", "[crypto][der]") {
  const ByteVec cert = illustrated_certificate();
  {
    Reader r(cert);
    REQUIRE(walk(r));
    REQUIRE(r.done());
  }
  int failures = 0;
  for (std::size_t n = 0; n < cert.size(); ++n) {
    const Bytes prefix(cert.data(), n);
    Reader r(prefix);
    const bool ok = walk(r) && r.done();
    if (!ok) {
      ++failures;
      CHECK_FALSE(r.error().empty());
    }
    // The empty prefix is a valid (empty) sequence of elements; every other prefix cuts the
    // outer SEQUENCE short.
    CHECK(ok == (n == 0));
  }
  CHECK(failures == static_cast<int>(cert.size()) - 1);
}
