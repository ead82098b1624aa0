// A record (RFC 5246 §6.2): header, then the fragment as the sender's protection shapes it.
// Protected fragments are shown by layout only (nonce, ciphertext, tag / IV, ciphertext, MAC):
// their plaintext is what the receiving engine decoded, which the stepper shows separately.
#include <fmt/format.h>

#include "dissect.hpp"

namespace tlsx::step {

namespace {

std::string content_type_text(std::uint64_t v) {
  switch (v) {
    case 20:
      return "change_cipher_spec (20)";
    case 21:
      return "alert (21)";
    case 22:
      return "handshake (22)";
    case 23:
      return "application_data (23)";
    default:
      return fmt::format("unknown ({})", v);
  }
}

void protected_fragment(FieldReader& r, Field& out, const DissectContext& context) {
  const auto* suite = context.suite;
  if (suite == nullptr) {
    r.rest(out, "encrypted fragment");
    return;
  }
  Bytes part;
  const std::size_t total = r.remaining();
  if (suite->is_aead()) {
    const std::size_t nonce = suite->record_iv_len;
    const std::size_t tag = 16;
    if (total < nonce + tag) {
      r.rest(out, "undecoded (too short)");
      return;
    }
    if (nonce > 0) {
      r.bytes(out, "explicit_nonce", nonce, part,
              "nonce = client/server_write_iv (4 bytes) + these 8 bytes");
    }
    r.bytes(out, "encrypted_content", total - nonce - tag, part,
            fmt::format("{} bytes of ciphertext", total - nonce - tag));
    r.bytes(out, "auth_tag", tag, part,
            "AEAD tag over seq_num + type + version + length + plaintext");
    return;
  }
  const std::size_t iv = suite->record_iv_len;
  const std::size_t mac = context.encrypt_then_mac ? suite->mac_len : 0;
  if (total < iv + mac) {
    r.rest(out, "undecoded (too short)");
    return;
  }
  r.bytes(out, "iv", iv, part, "per-record CBC IV (random)");
  r.bytes(out, "encrypted_content", total - iv - mac, part,
          context.encrypt_then_mac ? "CBC(plaintext + padding)"
                                   : "CBC(plaintext + HMAC + padding) (MAC-then-encrypt)");
  if (mac > 0) {
    r.bytes(out, "mac", mac, part, "HMAC over seq_num + header + IV + ciphertext (RFC 7366)");
  }
}

void plain_fragment(std::uint8_t type, FieldReader& r, Field& out) {
  Bytes part;
  switch (type) {
    case 20: {
      std::uint8_t v = 0;
      r.u8(out, "change_cipher_spec", v, [](std::uint64_t x) {
        return x == 1 ? std::string("change_cipher_spec (1)") : std::to_string(x);
      });
      break;
    }
    case 21: {
      std::uint8_t level = 0;
      std::uint8_t description = 0;
      r.u8(out, "level", level);
      r.u8(out, "description", description);
      break;
    }
    case 22:
      r.bytes(out, "handshake data", r.remaining(), part,
              "handshake message(s) or a fragment of one: decoded below");
      break;
    default:
      r.rest(out, "data");
      break;
  }
}

}  // namespace

Field dissect_record(Bytes record, bool is_protected, const DissectContext& context) {
  FieldReader r(record, 0);
  Field out{"Record", 0, record.size(), "", {}};
  Field header{"record header", 0, 5, "", {}};
  std::uint8_t type = 0;
  std::uint16_t version = 0;
  std::uint16_t length = 0;
  if (!(r.u8(header, "content_type", type, content_type_text) &&
        r.u16(header, "legacy_record_version", version, version_text) &&
        r.u16(header, "length", length))) {
    r.rest(out, "undecoded (truncated header)");
    return out;
  }
  out.name = fmt::format("Record: {}{}",
                         content_type_text(type).substr(0, content_type_text(type).find(' ')),
                         is_protected ? " (encrypted)" : "");
  out.children.push_back(std::move(header));
  Field fragment{"fragment", 5, record.size() - 5, byte_count(record.size() - 5), {}};
  if (is_protected) {
    protected_fragment(r, fragment, context);
  } else {
    plain_fragment(type, r, fragment);
  }
  if (!r.done()) r.rest(fragment, "undecoded");
  out.children.push_back(std::move(fragment));
  return out;
}

}  // namespace tlsx::step
