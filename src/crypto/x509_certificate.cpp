// Certificate parsing: the Certificate and TBSCertificate structure; the parts are decoded by
// x509_name, x509_signature_algorithm, x509_public_key and x509_extensions.
#include "crypto/x509_certificate.hpp"

#include <algorithm>

#include <fmt/format.h>

namespace tlsx::crypto {

namespace {

bool parse_version(der::Reader& tbs, int& version) {
  der::Reader explicit_version;
  bool present = false;
  std::uint64_t v = 0;
  version = 1;
  if (!tbs.optional_constructed(der::context_constructed(0), explicit_version, present)) {
    return false;
  }
  if (!present) return true;
  if (!(explicit_version.small_integer(v) && explicit_version.done())) return false;
  // Version ::= INTEGER { v1(0), v2(1), v3(2) }; v1 is the DEFAULT and so never encoded in DER.
  if (v == 0) return tbs.fail("explicit version v1 (DER omits the default)");
  if (v > 2) return tbs.fail(fmt::format("unknown certificate version {}", v + 1));
  version = static_cast<int>(v) + 1;
  return true;
}

bool parse_serial(der::Reader& tbs, der::Bytes& serial) {
  if (!tbs.integer(serial)) return false;
  // RFC 5280 §4.1.2.2: a positive integer. Zero is tolerated (some private CAs used it); a
  // negative one is refused as Go, webpki and the x509-limbo suite do.
  if (serial[0] >= 0x80) return tbs.fail("negative serial number");
  return true;
}

bool parse_validity(der::Reader& tbs, std::int64_t& not_before, std::int64_t& not_after) {
  der::Reader validity;
  return tbs.sequence(validity) && validity.time(not_before) && validity.time(not_after) &&
         validity.done();
}

}  // namespace

Result<std::shared_ptr<const X509Certificate>> X509Certificate::parse(der::Bytes input) {
  std::shared_ptr<X509Certificate> cert(new X509Certificate());
  cert->der_.assign(input.begin(), input.end());
  X509Certificate& c = *cert;

  der::Reader r(c.der_);
  der::Reader outer, tbs, extensions;
  der::Bytes ignored;
  SignatureAlgorithm inner_algorithm;
  bool present = false;
  const bool ok =
      r.sequence(outer) && outer.sequence(tbs, c.tbs_) && parse_version(tbs, c.version) &&
      parse_serial(tbs, c.serial) && parse_signature_algorithm(tbs, inner_algorithm) &&
      parse_x509_name(tbs, c.issuer) && parse_validity(tbs, c.not_before, c.not_after) &&
      parse_x509_name(tbs, c.subject) && parse_public_key_info(tbs, c.public_key) &&
      // Unique identifiers exist from v2 on, extensions only in v3.
      (c.version < 2 || (tbs.optional(der::context_primitive(1), ignored, present) &&
                         tbs.optional(der::context_primitive(2), ignored, present))) &&
      (c.version < 3 ||
       (tbs.optional_constructed(der::context_constructed(3), extensions, present) &&
        (!present || (parse_x509_extensions(extensions, c.extensions) && extensions.done())))) &&
      tbs.done() && parse_signature_algorithm(outer, c.signature_algorithm) &&
      outer.bit_string_octets(c.signature) && outer.done() && r.done();
  if (!ok) {
    return fail(ErrorCode::certificate, AlertDescription::bad_certificate,
                "malformed certificate: " + r.error());
  }
  // §4.1.1.2: the outer signatureAlgorithm MUST be the same as the signed one, or an attacker
  // could relabel the signature.
  if (!std::equal(c.signature_algorithm.encoding.begin(), c.signature_algorithm.encoding.end(),
                  inner_algorithm.encoding.begin(), inner_algorithm.encoding.end())) {
    return fail(ErrorCode::certificate, AlertDescription::bad_certificate,
                "malformed certificate: signatureAlgorithm differs from the TBS signature field");
  }
  return cert;
}

}  // namespace tlsx::crypto
