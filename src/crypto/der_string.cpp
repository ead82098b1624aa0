// ASN.1 character strings (X.680 §41) -> UTF-8, with each type's character set enforced.
#include <fmt/format.h>

#include "crypto/der.hpp"

namespace tlsx::crypto::der {

namespace {

void append_utf8(std::string& out, std::uint32_t cp) {
  if (cp < 0x80) {
    out.push_back(static_cast<char>(cp));
  } else if (cp < 0x800) {
    out.push_back(static_cast<char>(0xc0 | (cp >> 6)));
    out.push_back(static_cast<char>(0x80 | (cp & 0x3f)));
  } else if (cp < 0x10000) {
    out.push_back(static_cast<char>(0xe0 | (cp >> 12)));
    out.push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3f)));
    out.push_back(static_cast<char>(0x80 | (cp & 0x3f)));
  } else {
    out.push_back(static_cast<char>(0xf0 | (cp >> 18)));
    out.push_back(static_cast<char>(0x80 | ((cp >> 12) & 0x3f)));
    out.push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3f)));
    out.push_back(static_cast<char>(0x80 | (cp & 0x3f)));
  }
}

bool is_scalar_value(std::uint32_t cp) {
  return cp <= 0x10ffff && (cp < 0xd800 || cp > 0xdfff);
}

// RFC 3629: shortest form only, no surrogates, nothing above U+10FFFF.
bool valid_utf8(Bytes s) {
  std::size_t i = 0;
  while (i < s.size()) {
    const std::uint8_t b = s[i];
    std::size_t n = 0;
    std::uint32_t cp = 0, min = 0;
    if (b < 0x80) {
      ++i;
      continue;
    } else if ((b & 0xe0) == 0xc0) {
      n = 1, cp = b & 0x1f, min = 0x80;
    } else if ((b & 0xf0) == 0xe0) {
      n = 2, cp = b & 0x0f, min = 0x800;
    } else if ((b & 0xf8) == 0xf0) {
      n = 3, cp = b & 0x07, min = 0x10000;
    } else {
      return false;
    }
    if (s.size() - i - 1 < n) return false;
    for (std::size_t k = 1; k <= n; ++k) {
      const std::uint8_t c = s[i + k];
      if ((c & 0xc0) != 0x80) return false;
      cp = (cp << 6) | (c & 0x3f);
    }
    if (cp < min || !is_scalar_value(cp)) return false;
    i += n + 1;
  }
  return true;
}

// PrintableString (X.680 §41.4): letters, digits, space and '()+,-./:=? plus, as most verifiers
// do for compatibility with deployed CAs, '*' (wildcard CNs) and '&' ("AT&T").
bool printable_char(std::uint8_t c) {
  if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')) return true;
  switch (c) {
    case ' ':
    case '\'':
    case '(':
    case ')':
    case '+':
    case ',':
    case '-':
    case '.':
    case '/':
    case ':':
    case '=':
    case '?':
    case '*':
    case '&':
      return true;
    default:
      return false;
  }
}

template <class Pred>
bool all_of(Bytes s, Pred pred) {
  for (const std::uint8_t c : s) {
    if (!pred(c)) return false;
  }
  return true;
}

}  // namespace

bool decode_string(Tag tag, Bytes c, std::string& utf8, std::string& why) {
  const auto ascii = [&](auto pred, const char* name) {
    if (!all_of(c, pred)) {
      why = fmt::format("invalid character in {}", name);
      return false;
    }
    utf8.assign(c.begin(), c.end());
    return true;
  };
  utf8.clear();
  if (tag.cls != TagClass::universal || tag.constructed) {
    why = fmt::format("expected a string, found {}", to_string(tag));
    return false;
  }
  switch (tag.number) {
    case tag::kUtf8String.number:
      if (!valid_utf8(c)) {
        why = "invalid UTF-8 in UTF8String";
        return false;
      }
      utf8.assign(c.begin(), c.end());
      return true;
    case tag::kPrintableString.number:
      return ascii(printable_char, "PrintableString");
    case tag::kIa5String.number:
      return ascii([](std::uint8_t ch) { return ch < 0x80; }, "IA5String");
    case tag::kNumericString.number:
      return ascii([](std::uint8_t ch) { return ch == ' ' || (ch >= '0' && ch <= '9'); },
                   "NumericString");
    case tag::kVisibleString.number:
      return ascii([](std::uint8_t ch) { return ch >= 0x20 && ch < 0x7f; }, "VisibleString");
    case tag::kTeletexString.number:
      // T.61 proper is a stateful mess; deployed certificates use it for Latin-1 text.
      for (const std::uint8_t ch : c) append_utf8(utf8, ch);
      return true;
    case tag::kBmpString.number: {
      // UCS-2 in the standard, UTF-16BE in practice (surrogate pairs decoded, lone ones refused).
      if (c.size() % 2 != 0) {
        why = "BMPString with an odd number of octets";
        return false;
      }
      for (std::size_t i = 0; i < c.size(); i += 2) {
        std::uint32_t cp = static_cast<std::uint32_t>(c[i] << 8 | c[i + 1]);
        if (cp >= 0xd800 && cp <= 0xdbff && i + 3 < c.size()) {
          const std::uint32_t low = static_cast<std::uint32_t>(c[i + 2] << 8 | c[i + 3]);
          if (low >= 0xdc00 && low <= 0xdfff) {
            cp = 0x10000 + ((cp - 0xd800) << 10) + (low - 0xdc00);
            i += 2;
          }
        }
        if (!is_scalar_value(cp)) {
          why = "invalid code point in BMPString";
          return false;
        }
        append_utf8(utf8, cp);
      }
      return true;
    }
    case tag::kUniversalString.number:
      if (c.size() % 4 != 0) {
        why = "UniversalString length not a multiple of 4";
        return false;
      }
      for (std::size_t i = 0; i < c.size(); i += 4) {
        const std::uint32_t cp = static_cast<std::uint32_t>(c[i]) << 24 |
                                 static_cast<std::uint32_t>(c[i + 1]) << 16 |
                                 static_cast<std::uint32_t>(c[i + 2]) << 8 | c[i + 3];
        if (!is_scalar_value(cp)) {
          why = "invalid code point in UniversalString";
          return false;
        }
        append_utf8(utf8, cp);
      }
      return true;
    default:
      why = fmt::format("expected a string, found {}", to_string(tag));
      return false;
  }
}

}  // namespace tlsx::crypto::der
