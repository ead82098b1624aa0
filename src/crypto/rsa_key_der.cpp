// PKCS#1 and PKCS#8 RSA private key parsing.
//
// The DER structure around the integers (tags, lengths) is public knowledge for a key of a given
// size, so parsing branches on it as usual; the integer contents are only sliced, never
// inspected, except for the leading sign octet which DER makes a function of the length anyway.
#include "crypto/rsa_key_der.hpp"

#include <fmt/format.h>

#include "crypto/der.hpp"
#include "crypto/oid.hpp"
#include "crypto/pem.hpp"

namespace tlsx::crypto {

namespace {

constexpr const char* kEcNotRsa = "an EC key, not an RSA key (PrivateKey::from_pem reads both)";

bool is_encrypted(const PemBlock& block) {
  // RFC 1421 "Proc-Type: 4,ENCRYPTED", as `openssl rsa -traditional -aes256` writes.
  return block.headers.find("ENCRYPTED") != std::string::npos;
}

std::unexpected<Error> malformed(std::string_view what, const std::string& why) {
  // A local file, not a peer's message: no alert would ever be sent for it.
  return fail(ErrorCode::decode, AlertDescription::internal_error,
              fmt::format("malformed {}: {}", what, why));
}

}  // namespace

Result<RsaPrivateComponents> parse_rsa_private_key_pkcs1(Bytes der) {
  der::Reader r(der);
  der::Reader seq;
  std::uint64_t version = 0;
  if (!(r.sequence(seq) && seq.small_integer(version))) {
    return malformed("RSA private key (PKCS#1)", r.error());
  }
  if (version != 0) {
    return fail_unsupported("multi-prime RSA private keys are not supported");
  }
  RsaPrivateComponents c;
  if (!(seq.unsigned_integer(c.n) && seq.unsigned_integer(c.e) && seq.unsigned_integer(c.d) &&
        seq.unsigned_integer(c.p) && seq.unsigned_integer(c.q) && seq.unsigned_integer(c.dp) &&
        seq.unsigned_integer(c.dq) && seq.unsigned_integer(c.qinv) && seq.done() && r.done())) {
    return malformed("RSA private key (PKCS#1)", r.error());
  }
  return c;
}

Result<RsaPrivateComponents> parse_private_key_pkcs8(Bytes der) {
  der::Reader r(der);
  der::Reader info, algorithm, attributes;
  std::uint64_t version = 0;
  der::Bytes id, key, public_key;
  bool present = false;
  if (!(r.sequence(info) && info.small_integer(version) && info.sequence(algorithm) &&
        algorithm.oid(id))) {
    return malformed("private key (PKCS#8)", r.error());
  }
  if (oid::equal(id, oid::kEcPublicKey)) return fail_unsupported(kEcNotRsa);
  if (oid::equal(id, oid::kEd25519) || oid::equal(id, oid::kEd448)) {
    return fail_unsupported("EdDSA keys are not supported");
  }
  if (oid::equal(id, oid::kRsaPss)) return fail_unsupported("RSA-PSS-only keys are not supported");
  if (!oid::equal(id, oid::kRsaEncryption)) {
    return fail_unsupported(
        fmt::format("private keys of algorithm {} are not supported", oid::to_dotted(id)));
  }
  if (version > 1) return malformed("private key (PKCS#8)", fmt::format("version {}", version));
  if (!(algorithm.null() && algorithm.done() && info.octet_string(key) &&
        info.optional_constructed(der::context_constructed(0), attributes, present))) {
    return malformed("private key (PKCS#8)", r.error());
  }
  while (present && !attributes.at_end()) {  // not used, but must be well-formed
    if (!attributes.skip()) return malformed("private key (PKCS#8)", r.error());
  }
  if (!((version == 0 || info.optional(der::context_primitive(1), public_key, present)) &&
        info.done() && r.done())) {
    return malformed("private key (PKCS#8)", r.error());
  }
  return parse_rsa_private_key_pkcs1(key);
}

Result<RsaPrivateKeyDer> rsa_private_key_from_pem(std::string_view pem) {
  auto blocks = pem_decode(pem);
  if (!blocks) return std::unexpected(std::move(blocks.error()));
  for (PemBlock& block : *blocks) {
    const bool key_label = block.label == "RSA PRIVATE KEY" || block.label == "PRIVATE KEY" ||
                           block.label == "EC PRIVATE KEY";
    if (block.label == "ENCRYPTED PRIVATE KEY" || (key_label && is_encrypted(block))) {
      return fail_unsupported("encrypted keys are not supported (decrypt with `openssl pkey`)");
    }
    if (!key_label) continue;  // certificates, "EC PARAMETERS", ... next to the key
    if (block.label == "EC PRIVATE KEY") return fail_unsupported(kEcNotRsa);
    if (!block.headers.empty()) return fail_decode("PEM: private key block with headers");
    RsaPrivateKeyDer key;
    key.der = std::move(block.der);
    auto components = block.label == "RSA PRIVATE KEY" ? parse_rsa_private_key_pkcs1(key.der.span())
                                                       : parse_private_key_pkcs8(key.der.span());
    if (!components) return std::unexpected(std::move(components.error()));
    key.components = *components;
    return key;
  }
  return fail_decode("PEM: no private key block (RSA PRIVATE KEY or PRIVATE KEY)");
}

}  // namespace tlsx::crypto
