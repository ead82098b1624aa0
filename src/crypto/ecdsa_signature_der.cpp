// Ecdsa-Sig-Value encoding and strict parsing.
#include "crypto/ecdsa_signature_der.hpp"

#include <algorithm>

#include "crypto/der.hpp"

namespace tlsx::crypto::ec::detail {

namespace {

/// INTEGER of an unsigned magnitude: minimal, with a 0x00 octet when the top bit is set. The
/// values here are at most 49 octets long, so every length is the short form.
void append_integer(std::vector<std::uint8_t>& out, std::span<const std::uint8_t> magnitude) {
  std::size_t start = 0;
  while (start + 1 < magnitude.size() && magnitude[start] == 0) ++start;
  const auto digits = magnitude.subspan(start);
  const bool pad = digits.empty() || (digits[0] & 0x80) != 0;
  out.push_back(0x02);
  out.push_back(static_cast<std::uint8_t>(digits.size() + (pad ? 1 : 0)));
  if (pad) out.push_back(0x00);
  for (std::uint8_t b : digits) out.push_back(b);
}

Result<void> copy_padded(der::Bytes magnitude, std::span<std::uint8_t> out) {
  if (magnitude.size() > out.size()) {
    return fail(ErrorCode::decrypt_error, AlertDescription::decrypt_error,
                "ECDSA signature: integer larger than the group order");
  }
  std::fill(out.begin(), out.end(), std::uint8_t{0});
  std::copy(magnitude.begin(), magnitude.end(),
            out.end() - static_cast<std::ptrdiff_t>(magnitude.size()));
  return {};
}

}  // namespace

std::vector<std::uint8_t> encode_ecdsa_signature(std::span<const std::uint8_t> r,
                                                 std::span<const std::uint8_t> s) {
  std::vector<std::uint8_t> body;
  body.reserve(2 * r.size() + 6);
  append_integer(body, r);
  append_integer(body, s);
  std::vector<std::uint8_t> out;
  out.reserve(body.size() + 2);
  out.push_back(0x30);
  out.push_back(static_cast<std::uint8_t>(body.size()));  // <= 102 for P-384
  for (std::uint8_t b : body) out.push_back(b);
  return out;
}

Result<void> parse_ecdsa_signature(std::span<const std::uint8_t> der, std::span<std::uint8_t> r_out,
                                   std::span<std::uint8_t> s_out) {
  der::Reader reader(der);
  der::Reader seq;
  der::Bytes r;
  der::Bytes s;
  if (!(reader.sequence(seq) && seq.unsigned_integer(r) && seq.unsigned_integer(s) && seq.done() &&
        reader.done())) {
    return fail_decode("ECDSA signature: " + reader.error());
  }
  if (auto ok = copy_padded(r, r_out); !ok) return ok;
  return copy_padded(s, s_out);
}

}  // namespace tlsx::crypto::ec::detail
