// Base64 with a branch-free, table-free character mapping (the decoder sees private keys).
#include "crypto/base64.hpp"

namespace tlsx::crypto {

namespace {

// All-ones (as int) when lo <= c <= hi, else 0. Both differences are negative only inside the
// range; an arithmetic right shift (C++20) spreads the sign bit.
constexpr int in_range(int c, int lo, int hi) noexcept {
  return ((lo - 1 - c) & (c - hi - 1)) >> 8;
}

// Value 0..63 of a base64 character, or -1 when c is not in the alphabet.
constexpr int decode_char(int c) noexcept {
  int v = -1;
  v += in_range(c, 'A', 'Z') & (c - 'A' + 1);
  v += in_range(c, 'a', 'z') & (c - 'a' + 26 + 1);
  v += in_range(c, '0', '9') & (c - '0' + 52 + 1);
  v += in_range(c, '+', '+') & (62 + 1);
  v += in_range(c, '/', '/') & (63 + 1);
  return v;
}

constexpr char encode_value(unsigned v) noexcept {
  // 'A' + v, moved to the right range of the alphabet by offsets selected with masks.
  const int x = static_cast<int>(v);
  int c = x + 'A';
  c += in_range(x, 26, 51) & ('a' - 'A' - 26);
  c += in_range(x, 52, 61) & ('0' - 'A' - 52);
  c += in_range(x, 62, 62) & ('+' - 'A' - 62);
  c += in_range(x, 63, 63) & ('/' - 'A' - 63);
  return static_cast<char>(c);
}

static_assert(decode_char('A') == 0 && decode_char('z') == 51 && decode_char('9') == 61 &&
              decode_char('+') == 62 && decode_char('/') == 63 && decode_char('=') == -1 &&
              decode_char('-') == -1 && decode_char(0x80) == -1);
static_assert(encode_value(0) == 'A' && encode_value(26) == 'a' && encode_value(52) == '0' &&
              encode_value(62) == '+' && encode_value(63) == '/');

}  // namespace

Result<SecretBytes> base64_decode(std::string_view text) {
  if (text.size() % 4 != 0) return fail_decode("base64: length is not a multiple of 4");
  std::size_t padding = 0;
  if (!text.empty() && text.back() == '=') padding = text[text.size() - 2] == '=' ? 2 : 1;
  const std::size_t body = text.size() - padding;  // the characters that carry data
  SecretBytes out(text.size() / 4 * 3 - padding);

  int bad = 0;  // negative once any data character is outside the alphabet
  std::uint32_t acc = 0;
  std::size_t o = 0;
  for (std::size_t i = 0; i < body; ++i) {
    const int v = decode_char(static_cast<unsigned char>(text[i]));
    bad |= v;
    acc = (acc << 6) | static_cast<std::uint32_t>(v & 0x3f);
    if (i % 4 == 3) {
      out.data()[o++] = static_cast<std::uint8_t>(acc >> 16);
      out.data()[o++] = static_cast<std::uint8_t>(acc >> 8);
      out.data()[o++] = static_cast<std::uint8_t>(acc);
      acc = 0;
    }
  }
  // The final quantum: 2 characters -> 1 byte (4 spare bits), 3 characters -> 2 bytes (2 bits).
  std::uint32_t spare_bits = 0;
  if (padding == 2) {
    out.data()[o++] = static_cast<std::uint8_t>(acc >> 4);
    spare_bits = acc & 0x0f;
  } else if (padding == 1) {
    out.data()[o++] = static_cast<std::uint8_t>(acc >> 10);
    out.data()[o++] = static_cast<std::uint8_t>(acc >> 2);
    spare_bits = acc & 0x03;
  }
  if (bad < 0) {
    // '=' inside the data is the usual way to get here: say so, it is the common mistake.
    const bool inner_pad = text.substr(0, body).find('=') != std::string_view::npos;
    return fail_decode(inner_pad ? "base64: '=' before the end" : "base64: invalid character");
  }
  if (spare_bits != 0) return fail_decode("base64: non-zero bits after the last byte");
  return out;
}

std::string base64_encode(std::span<const std::uint8_t> data) {
  std::string out;
  out.reserve((data.size() + 2) / 3 * 4);
  std::size_t i = 0;
  for (; i + 3 <= data.size(); i += 3) {
    const std::uint32_t v = static_cast<std::uint32_t>(data[i]) << 16 |
                            static_cast<std::uint32_t>(data[i + 1]) << 8 | data[i + 2];
    for (int shift = 18; shift >= 0; shift -= 6) out.push_back(encode_value((v >> shift) & 0x3f));
  }
  const std::size_t rest = data.size() - i;
  if (rest != 0) {
    std::uint32_t v = static_cast<std::uint32_t>(data[i]) << 16;
    if (rest == 2) v |= static_cast<std::uint32_t>(data[i + 1]) << 8;
    out.push_back(encode_value((v >> 18) & 0x3f));
    out.push_back(encode_value((v >> 12) & 0x3f));
    out.push_back(rest == 2 ? encode_value((v >> 6) & 0x3f) : '=');
    out.push_back('=');
  }
  return out;
}

}  // namespace tlsx::crypto
