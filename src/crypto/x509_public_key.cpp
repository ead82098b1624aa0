// SubjectPublicKeyInfo parsing.
#include "crypto/x509_public_key.hpp"

#include <bit>

#include <fmt/format.h>

#include "crypto/oid.hpp"

namespace tlsx::crypto {

namespace {

// Skips unknown parameters (checked to be well-formed DER).
void skip_rest(der::Reader& r) {
  while (!r.at_end() && r.skip()) {
  }
}

std::size_t bit_length(der::Bytes magnitude) {
  if (magnitude.empty() || (magnitude.size() == 1 && magnitude[0] == 0)) return 0;
  return (magnitude.size() - 1) * 8 + static_cast<std::size_t>(std::bit_width(magnitude[0]));
}

}  // namespace

bool parse_public_key_info(der::Reader& r, PublicKeyInfo& out) {
  der::Reader spki, alg;
  der::Bytes id, key;
  out = PublicKeyInfo{};
  if (!(r.sequence(spki, out.encoding) && spki.sequence(alg) && alg.oid(id))) return false;

  if (oid::equal(id, oid::kRsaEncryption)) {
    der::Reader rsa;
    if (!(alg.null() && alg.done() && spki.bit_string_octets(key) && spki.done())) return false;
    der::Reader inner(key);
    if (!(inner.sequence(rsa) && rsa.unsigned_integer(out.rsa_modulus) &&
          rsa.unsigned_integer(out.rsa_exponent) && rsa.done() && inner.done())) {
      return r.fail("RSAPublicKey: " + inner.error());
    }
    if (out.rsa_modulus[0] == 0 || out.rsa_exponent[0] == 0) {
      return r.fail("RSAPublicKey: zero modulus or exponent");
    }
    out.type = PublicKeyType::rsa;
    out.bits = bit_length(out.rsa_modulus);
    out.description = fmt::format("RSA {}", out.bits);
    return true;
  }

  if (oid::equal(id, oid::kEcPublicKey)) {
    // ECParameters: a named curve OID (implicit and specified curves are forbidden by
    // RFC 5480 §2.1.1, so anything else is left unrecognised).
    der::Bytes curve;
    out.type = PublicKeyType::ec;
    if (alg.next_is(der::tag::kOid)) {
      if (!alg.oid(curve)) return false;
      if (oid::equal(curve, oid::kSecp256r1)) {
        out.bits = 256, out.description = "EC secp256r1";
        out.ec_curve = ec::Curve::p256;
      } else if (oid::equal(curve, oid::kSecp384r1)) {
        out.bits = 384, out.description = "EC secp384r1";
        out.ec_curve = ec::Curve::p384;
      } else if (oid::equal(curve, oid::kSecp521r1)) {
        out.bits = 521, out.description = "EC secp521r1";
      } else {
        out.description = "EC " + oid::to_dotted(curve);
      }
    } else {
      out.description = "EC with explicit parameters";
      skip_rest(alg);
    }
    if (!(alg.done() && spki.bit_string_octets(key) && spki.done())) return false;
    out.ec_point = key;
    return true;
  }

  if (oid::equal(id, oid::kEd25519) || oid::equal(id, oid::kEd448)) {
    out.type = PublicKeyType::eddsa;
    out.description = oid::equal(id, oid::kEd25519) ? "Ed25519" : "Ed448";
    return alg.done() && spki.bit_string_octets(key) && spki.done();
  }

  out.description = oid::to_dotted(id);
  skip_rest(alg);
  unsigned unused = 0;
  return alg.done() && spki.bit_string(key, unused) && spki.done();
}

Result<RsaPublicKey> to_rsa_public_key(const PublicKeyInfo& key) {
  if (key.type != PublicKeyType::rsa) {
    return fail(ErrorCode::certificate, AlertDescription::unsupported_certificate,
                fmt::format("certificate key is {}, not RSA", key.description));
  }
  auto rsa = RsaPublicKey::make(key.rsa_modulus, key.rsa_exponent);
  if (!rsa) {
    return fail(ErrorCode::certificate, AlertDescription::bad_certificate,
                "unusable RSA key in certificate: " + rsa.error().detail);
  }
  return rsa;
}

Result<EcPublicKey> to_ec_public_key(const PublicKeyInfo& key) {
  if (key.type != PublicKeyType::ec || !key.ec_curve) {
    return fail(ErrorCode::certificate, AlertDescription::unsupported_certificate,
                fmt::format("certificate key is {}; only EC keys on P-256 and P-384 are supported",
                            key.description));
  }
  if (auto valid = ec::validate_public_point(*key.ec_curve, key.ec_point); !valid) {
    return fail(
        ErrorCode::certificate, AlertDescription::bad_certificate,
        fmt::format("invalid {} point in certificate: {}", key.description, valid.error().detail));
  }
  return EcPublicKey{*key.ec_curve, key.ec_point};
}

}  // namespace tlsx::crypto
