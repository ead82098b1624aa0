// Signature algorithm identifiers, including the RSASSA-PSS parameters of RFC 4055 §3.1:
//
//   RSASSA-PSS-params ::= SEQUENCE {
//     hashAlgorithm     [0] HashAlgorithm    DEFAULT sha1,
//     maskGenAlgorithm  [1] MaskGenAlgorithm DEFAULT mgf1SHA1,
//     saltLength        [2] INTEGER          DEFAULT 20,
//     trailerField      [3] TrailerField     DEFAULT trailerFieldBC }
#include "crypto/x509_signature_algorithm.hpp"

#include <fmt/format.h>

#include "crypto/oid.hpp"

namespace tlsx::crypto {

namespace {

struct KnownAlgorithm {
  std::span<const std::uint8_t> oid;
  SignatureKind kind;
  HashAlgorithm hash;
  std::string_view name;
  std::string_view unsupported;  // empty when tlsx can verify it
};

const KnownAlgorithm kKnown[] = {
    {oid::kSha256WithRsa, SignatureKind::rsa_pkcs1, HashAlgorithm::sha256,
     "sha256WithRSAEncryption", ""},
    {oid::kSha384WithRsa, SignatureKind::rsa_pkcs1, HashAlgorithm::sha384,
     "sha384WithRSAEncryption", ""},
    {oid::kSha512WithRsa, SignatureKind::rsa_pkcs1, HashAlgorithm::sha512,
     "sha512WithRSAEncryption", ""},
    {oid::kSha1WithRsa, SignatureKind::rsa_pkcs1, HashAlgorithm::sha1, "sha1WithRSAEncryption", ""},
    {oid::kSha224WithRsa, SignatureKind::rsa_pkcs1, HashAlgorithm::sha256,
     "sha224WithRSAEncryption", "SHA-224 is not supported"},
    {oid::kMd5WithRsa, SignatureKind::rsa_pkcs1, HashAlgorithm::md5, "md5WithRSAEncryption",
     "MD5 signatures are insecure and not supported"},
    {oid::kEcdsaWithSha256, SignatureKind::ecdsa, HashAlgorithm::sha256, "ecdsa-with-SHA256", ""},
    {oid::kEcdsaWithSha384, SignatureKind::ecdsa, HashAlgorithm::sha384, "ecdsa-with-SHA384", ""},
    {oid::kEcdsaWithSha512, SignatureKind::ecdsa, HashAlgorithm::sha512, "ecdsa-with-SHA512", ""},
    {oid::kEcdsaWithSha1, SignatureKind::ecdsa, HashAlgorithm::sha1, "ecdsa-with-SHA1", ""},
    {oid::kEd25519, SignatureKind::eddsa, HashAlgorithm::sha512, "Ed25519",
     "EdDSA signatures are not supported"},
    {oid::kEd448, SignatureKind::eddsa, HashAlgorithm::sha512, "Ed448",
     "EdDSA signatures are not supported"},
};

// HashAlgorithm ::= AlgorithmIdentifier with NULL or absent parameters. Sets known = false for a
// hash tlsx does not implement (SHA-224, SHA-512/256, ...).
bool parse_hash_identifier(der::Reader& r, HashAlgorithm& hash, bool& known) {
  der::Reader alg;
  der::Bytes id;
  if (!(r.sequence(alg) && alg.oid(id))) return false;
  if (!alg.at_end() && !alg.null()) return false;
  if (!alg.done()) return false;
  known = true;
  if (oid::equal(id, oid::kSha256)) {
    hash = HashAlgorithm::sha256;
  } else if (oid::equal(id, oid::kSha384)) {
    hash = HashAlgorithm::sha384;
  } else if (oid::equal(id, oid::kSha512)) {
    hash = HashAlgorithm::sha512;
  } else if (oid::equal(id, oid::kSha1)) {
    hash = HashAlgorithm::sha1;
  } else {
    known = false;
  }
  return true;
}

bool parse_pss_parameters(der::Reader& r, SignatureAlgorithm& out) {
  der::Reader params, field;
  bool present = false;
  HashAlgorithm hash = HashAlgorithm::sha1, mgf_hash = HashAlgorithm::sha1;
  bool hash_known = true, mgf_known = true, mgf1 = true;
  std::uint64_t salt = 20, trailer = 1;
  if (!r.sequence(params)) return false;
  if (!params.optional_constructed(der::context_constructed(0), field, present)) return false;
  if (present && !(parse_hash_identifier(field, hash, hash_known) && field.done())) return false;
  if (!params.optional_constructed(der::context_constructed(1), field, present)) return false;
  if (present) {
    der::Reader mgf;
    der::Bytes mgf_id;
    if (!(field.sequence(mgf) && mgf.oid(mgf_id))) return false;
    mgf1 = oid::equal(mgf_id, oid::kMgf1);
    if (mgf1) {
      if (!(parse_hash_identifier(mgf, mgf_hash, mgf_known) && mgf.done())) return false;
    } else {
      while (!mgf.at_end()) {
        if (!mgf.skip()) return false;
      }
    }
    if (!field.done()) return false;
  }
  if (!params.optional_constructed(der::context_constructed(2), field, present)) return false;
  if (present && !(field.small_integer(salt) && field.done())) return false;
  if (!params.optional_constructed(der::context_constructed(3), field, present)) return false;
  if (present && !(field.small_integer(trailer) && field.done())) return false;
  if (!params.done()) return false;

  out.kind = SignatureKind::rsa_pss;
  out.hash = hash;
  out.name = hash_known ? fmt::format("RSASSA-PSS {}", to_string(hash)) : "RSASSA-PSS";
  if (trailer != 1) return r.fail("RSASSA-PSS trailerField must be 1");
  // TLS's rsa_pss_rsae_* (and tlsx's rsa_pss_verify) fix MGF1 with the same hash and a salt as
  // long as the digest; that is also what every CA issuing PSS certificates uses.
  if (!hash_known || hash == HashAlgorithm::sha1) {
    out.unsupported = "RSASSA-PSS with this hash is not supported";
  } else if (!mgf1 || !mgf_known || mgf_hash != hash) {
    out.unsupported = "RSASSA-PSS with a mask generation function other than MGF1(same hash)";
  } else if (salt != digest_size(hash)) {
    out.unsupported = "RSASSA-PSS with a salt length other than the hash length";
  }
  return true;
}

}  // namespace

bool parse_signature_algorithm(der::Reader& r, SignatureAlgorithm& out) {
  der::Reader alg;
  der::Bytes id;
  out = SignatureAlgorithm{};
  if (!(r.sequence(alg, out.encoding) && alg.oid(id))) return false;
  if (oid::equal(id, oid::kRsaPss)) return parse_pss_parameters(alg, out) && alg.done();
  for (const KnownAlgorithm& k : kKnown) {
    if (!oid::equal(id, k.oid)) continue;
    out.kind = k.kind;
    out.hash = k.hash;
    out.name = std::string(k.name);
    out.unsupported = std::string(k.unsupported);
    if (k.kind == SignatureKind::rsa_pkcs1) {
      // RFC 4055 §5: the parameters MUST be NULL. Some old encoders omitted them, and every
      // major verifier still accepts that, so absent is tolerated too.
      if (!alg.at_end() && !alg.null()) return false;
    }
    // ECDSA and EdDSA identifiers have no parameters (RFC 5758 §3.2, RFC 8410 §3).
    if (!alg.done()) return r.fail(fmt::format("{} with parameters", k.name));
    return true;
  }
  out.name = oid::to_dotted(id);
  out.unsupported = fmt::format("unknown signature algorithm {}", out.name);
  while (!alg.at_end()) {
    if (!alg.skip()) return false;
  }
  return alg.done();
}

}  // namespace tlsx::crypto
