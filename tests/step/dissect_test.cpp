// tlsx-step's dissector on The Illustrated TLS 1.2 Connection's records: known field values, every
// byte covered by exactly one leaf field, and every truncation of every message dissected
// without reading out of bounds.
#include <catch2/catch.hpp>

#include <string>
#include <vector>

#include "dissect.hpp"
#include "handshake/cipher_suites.hpp"
#include "support/test_support.hpp"

namespace {

using tlsx::step::Field;

std::vector<std::uint8_t> record(const std::string& name) {
  auto text =
      tlsx::test::read_file(tlsx::test::vector_path("illustrated-tls12/records/" + name + ".hex"));
  while (!text.empty() && (text.back() == '\n' || text.back() == '\r')) text.pop_back();
  return tlsx::test::from_hex(text);
}

void leaves(const Field& f, std::vector<const Field*>& out) {
  if (f.children.empty()) {
    out.push_back(&f);
    return;
  }
  for (const auto& c : f.children) leaves(c, out);
}

/// Leaves in order, back to back, from 0 to size: every byte labelled exactly once.
bool covers_exactly(const Field& root, std::size_t size) {
  std::vector<const Field*> all;
  leaves(root, all);
  std::size_t pos = 0;
  for (const auto* f : all) {
    if (f->offset != pos) return false;
    pos += f->length;
  }
  return pos == size;
}

bool any_named(const Field& f, const std::string& prefix) {
  if (f.name.rfind(prefix, 0) == 0) return true;
  for (const auto& c : f.children) {
    if (any_named(c, prefix)) return true;
  }
  return false;
}

const Field* find(const Field& f, const std::string& name) {
  if (f.name == name) return &f;
  for (const auto& c : f.children) {
    if (const auto* hit = find(c, name)) return hit;
  }
  return nullptr;
}

tlsx::step::DissectContext illustrated_context() {
  tlsx::step::DissectContext context;
  context.suite =
      tlsx::handshake::find_cipher_suite(tlsx::CipherSuite::TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA);
  return context;
}

const std::vector<std::string> kHandshakeRecords = {"clienthello",     "serverhello",
                                                    "servercert",      "serverkeyexchange",
                                                    "serverhellodone", "clientkeyexchange"};

}  // namespace

TEST_CASE("dissect: every byte of the Illustrated TLS 1.2 records has one field", "[step]") {
  const auto context = illustrated_context();
  for (const auto& name : kHandshakeRecords) {
    INFO(name);
    const auto bytes = record(name);
    const auto rec = tlsx::step::dissect_record(bytes, false, context);
    CHECK(covers_exactly(rec, bytes.size()));
    const auto message = std::span(bytes).subspan(5);
    const auto msg = tlsx::step::dissect_handshake(message, context);
    CHECK(covers_exactly(msg, message.size()));
    CHECK_FALSE(any_named(msg, "undecoded"));
  }
  for (const auto& name :
       {"clientfinished", "serverfinished", "clientdata", "serverdata", "clientalert"}) {
    INFO(name);
    const auto bytes = record(name);
    const auto rec = tlsx::step::dissect_record(bytes, true, context);
    CHECK(covers_exactly(rec, bytes.size()));
    REQUIRE(find(rec, "iv") != nullptr);
    CHECK(find(rec, "iv")->length == 16);
  }
}

TEST_CASE("dissect: Illustrated TLS 1.2 known field values", "[step]") {
  const auto context = illustrated_context();
  const auto hello = record("clienthello");
  const auto ch = tlsx::step::dissect_handshake(std::span(hello).subspan(5), context);
  const auto* random = find(ch, "random");
  REQUIRE(random != nullptr);
  CHECK(random->offset == 6);  // after the 4-byte header and client_version
  CHECK(random->length == 32);
  CHECK(hello[5 + random->offset] == 0x00);
  CHECK(hello[5 + random->offset + 31] == 0x1f);
  const auto* suites = find(ch, "cipher_suites");
  REQUIRE(suites != nullptr);
  CHECK(suites->value == "16 suites");
  const auto* sni = find(ch, "name");
  REQUIRE(sni != nullptr);
  CHECK(sni->value == "\"example.ulfheim.net\"");

  const auto sh_bytes = record("serverhello");
  const auto sh = tlsx::step::dissect_handshake(std::span(sh_bytes).subspan(5), context);
  REQUIRE(find(sh, "cipher_suite") != nullptr);
  CHECK(find(sh, "cipher_suite")->value == "TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA (0xc013)");

  const auto ske_bytes = record("serverkeyexchange");
  const auto ske = tlsx::step::dissect_handshake(std::span(ske_bytes).subspan(5), context);
  REQUIRE(find(ske, "named_curve") != nullptr);
  CHECK(find(ske, "named_curve")->value == "x25519 (0x001d)");
  CHECK(find(ske, "signature_scheme")->value == "rsa_pkcs1_sha256 (0x0401)");
  const auto* point = find(ske, "point");
  REQUIRE(point != nullptr);
  CHECK(point->length == 32);

  const auto cert_bytes = record("servercert");
  const auto cert = tlsx::step::dissect_handshake(std::span(cert_bytes).subspan(5), context);
  REQUIRE(find(cert, "der") != nullptr);
  CHECK(find(cert, "der")->value.find("example.ulfheim.net") != std::string::npos);

  const auto cke_bytes = record("clientkeyexchange");
  const auto cke = tlsx::step::dissect_handshake(std::span(cke_bytes).subspan(5), context);
  REQUIRE(find(cke, "ecdh_Yc") != nullptr);
  CHECK(find(cke, "ecdh_Yc")->length == 33);
}

TEST_CASE("dissect: truncated messages stay in bounds and are marked", "[step]") {
  const auto context = illustrated_context();
  for (const auto& name : kHandshakeRecords) {
    const auto bytes = record(name);
    const auto message = std::span(bytes).subspan(5);
    for (std::size_t n = 0; n < message.size(); ++n) {
      INFO(name << " truncated to " << n);
      // A copy of exactly n bytes, so that a read past the end is a sanitizer error.
      const std::vector<std::uint8_t> cut(message.begin(), message.begin() + static_cast<long>(n));
      const auto msg = tlsx::step::dissect_handshake(cut, context);
      std::vector<const Field*> all;
      leaves(msg, all);
      for (const auto* f : all) REQUIRE(f->offset + f->length <= n);
      // A cut message is never taken for a whole one.
      if (n >= 4) CHECK(any_named(msg, "undecoded"));
    }
  }
}
