// ClientHello and ServerHello (RFC 5246 §7.4.1.2, §7.4.1.3).
#include <fmt/format.h>

#include "dissect.hpp"

namespace tlsx::step {

namespace {

// random: the first 4 bytes were gmt_unix_time in RFC 5246; today they are random too (RFC 8446
// §4.1.2 note), which the text says so that a student does not read a date into them.
void random_field(FieldReader& r, Field& out) {
  Bytes random;
  r.bytes(out, "random", 32, random, "32 bytes (client/server random, used by every PRF call)");
}

void session_id_field(FieldReader& r, Field& out) {
  FieldReader body({}, 0);
  Field* field = nullptr;
  if (!r.vec(out, "session_id", 1, body, field)) return;
  field->value = field->value == "0 bytes" ? "empty (no session resumption)" : field->value;
  if (!body.done()) {
    Bytes id;
    body.bytes(*field, "id", body.remaining(), id);
  }
}

}  // namespace

void dissect_client_hello(FieldReader& r, Field& out) {
  std::uint16_t version = 0;
  r.u16(out, "client_version", version, version_text);
  random_field(r, out);
  session_id_field(r, out);
  FieldReader suites({}, 0);
  Field* list = nullptr;
  if (r.vec(out, "cipher_suites", 2, suites, list)) {
    const auto count = suites.remaining() / 2;
    list->value = fmt::format("{} suite{}", count, count == 1 ? "" : "s");
    std::uint16_t suite = 0;
    while (!suites.done() && suites.u16(*list, "cipher_suite", suite, suite_text)) {
    }
  }
  FieldReader methods({}, 0);
  if (r.vec(out, "compression_methods", 1, methods, list)) {
    std::uint8_t method = 0;
    while (!methods.done() && methods.u8(*list, "compression_method", method, [](std::uint64_t v) {
      return v == 0 ? std::string("null (0)") : std::to_string(v);
    })) {
    }
  }
  if (!r.done()) dissect_extensions(r, out, /*from_client=*/true);
}

void dissect_server_hello(FieldReader& r, Field& out) {
  std::uint16_t version = 0;
  r.u16(out, "server_version", version, version_text);
  random_field(r, out);
  session_id_field(r, out);
  std::uint16_t suite = 0;
  r.u16(out, "cipher_suite", suite, suite_text);
  std::uint8_t method = 0;
  r.u8(out, "compression_method", method);
  if (!r.done()) dissect_extensions(r, out, /*from_client=*/false);
}

}  // namespace tlsx::step
