// SEC 1 and PKCS#8 EC private key parsing.
//
// The DER around the scalar is public (its length is fixed by the curve), so parsing branches on
// it as usual; the scalar is only copied into a SecretBytes and handed to ec::public_key, which
// checks its range in constant time.
#include "crypto/ec_key_der.hpp"

#include <algorithm>

#include <fmt/format.h>

#include "crypto/oid.hpp"
#include "crypto/pem.hpp"

namespace tlsx::crypto {

namespace {

std::unexpected<Error> malformed(std::string_view what, const std::string& why) {
  // A local file, not a peer's message: no alert would ever be sent for it.
  return fail(ErrorCode::decode, AlertDescription::internal_error,
              fmt::format("malformed {}: {}", what, why));
}

std::unexpected<Error> inconsistent(std::string_view why) {
  return fail(ErrorCode::decode, AlertDescription::internal_error,
              fmt::format("EC private key: {}", why));
}

bool is_encrypted(const PemBlock& block) {
  return block.headers.find("ENCRYPTED") != std::string::npos;
}

}  // namespace

std::optional<ec::Curve> ec_curve_from_oid(der::Bytes oid) noexcept {
  if (oid::equal(oid, oid::kSecp256r1)) return ec::Curve::p256;
  if (oid::equal(oid, oid::kSecp384r1)) return ec::Curve::p384;
  return std::nullopt;
}

std::string_view ec_curve_name(ec::Curve curve) noexcept {
  return curve == ec::Curve::p256 ? "P-256" : "P-384";
}

Result<ec::Curve> parse_ec_parameters(der::Reader& r) {
  if (r.next_is(der::tag::kSequence)) {
    return fail_unsupported("EC keys with explicit curve parameters are not supported");
  }
  if (r.next_is(der::tag::kNull)) {
    return fail_unsupported("EC keys with implicit curve parameters are not supported");
  }
  der::Bytes id;
  if (!r.oid(id)) return malformed("ECParameters", r.error());
  auto curve = ec_curve_from_oid(id);
  if (!curve) {
    return fail_unsupported(fmt::format(
        "EC curve {} is not supported (only P-256 and P-384)",
        oid::equal(id, oid::kSecp521r1) ? std::string("secp521r1") : oid::to_dotted(id)));
  }
  return *curve;
}

Result<EcPrivateKey> parse_ec_private_key_sec1(der::Bytes der,
                                               std::optional<ec::Curve> outer_curve) {
  constexpr std::string_view kWhat = "EC private key (SEC 1)";
  der::Reader r(der);
  der::Reader seq, field;
  std::uint64_t version = 0;
  der::Bytes scalar, public_point;
  bool present = false;
  if (!(r.sequence(seq) && seq.small_integer(version) && seq.octet_string(scalar))) {
    return malformed(kWhat, r.error());
  }
  if (version != 1) return malformed(kWhat, fmt::format("version {}, not 1", version));

  std::optional<ec::Curve> curve = outer_curve;
  if (!seq.optional_constructed(der::context_constructed(0), field, present)) {
    return malformed(kWhat, r.error());
  }
  if (present) {
    auto inner = parse_ec_parameters(field);
    if (!inner) return std::unexpected(std::move(inner.error()));
    if (!field.done()) return malformed(kWhat, r.error());
    if (outer_curve && *outer_curve != *inner) {
      return inconsistent("the curve in the key differs from the one in its AlgorithmIdentifier");
    }
    curve = *inner;
  }
  if (!curve) return malformed(kWhat, "no curve parameters");

  bool has_public = false;
  if (!seq.optional_constructed(der::context_constructed(1), field, has_public)) {
    return malformed(kWhat, r.error());
  }
  if (has_public && !(field.bit_string_octets(public_point) && field.done())) {
    return malformed(kWhat, r.error());
  }
  if (!(seq.done() && r.done())) return malformed(kWhat, r.error());

  // RFC 5915 §3: the octet string is ceiling(log2(n)/8) long. Some old encoders dropped leading
  // zero octets, so shorter is padded back (the length is public: it is in the DER).
  const std::size_t size = ec::scalar_size(*curve);
  if (scalar.empty() || scalar.size() > size) {
    return inconsistent(
        fmt::format("private key of {} bytes for {}", scalar.size(), ec_curve_name(*curve)));
  }
  EcPrivateKey key;
  key.curve = *curve;
  key.scalar = SecretBytes(size);
  std::ranges::copy(scalar, key.scalar.span().subspan(size - scalar.size()).begin());
  auto point = ec::public_key(*curve, key.scalar);
  if (!point) return inconsistent("the private key is out of range");
  key.public_point = std::move(*point);
  if (has_public && !std::ranges::equal(public_point, key.public_point)) {
    return inconsistent("the public key does not belong to the private key");
  }
  return key;
}

Result<EcPrivateKey> parse_ec_private_key_pkcs8(der::Bytes der) {
  constexpr std::string_view kWhat = "private key (PKCS#8)";
  der::Reader r(der);
  der::Reader info, algorithm, attributes;
  std::uint64_t version = 0;
  der::Bytes id, key, public_key;
  bool present = false;
  if (!(r.sequence(info) && info.small_integer(version) && info.sequence(algorithm) &&
        algorithm.oid(id))) {
    return malformed(kWhat, r.error());
  }
  if (!oid::equal(id, oid::kEcPublicKey)) return malformed(kWhat, "not an id-ecPublicKey key");
  if (version > 1) return malformed(kWhat, fmt::format("version {}", version));
  auto curve = parse_ec_parameters(algorithm);
  if (!curve) return std::unexpected(std::move(curve.error()));
  if (!(algorithm.done() && info.octet_string(key) &&
        info.optional_constructed(der::context_constructed(0), attributes, present))) {
    return malformed(kWhat, r.error());
  }
  while (present && !attributes.at_end()) {  // not used, but must be well-formed
    if (!attributes.skip()) return malformed(kWhat, r.error());
  }
  if (!((version == 0 || info.optional(der::context_primitive(1), public_key, present)) &&
        info.done() && r.done())) {
    return malformed(kWhat, r.error());
  }
  return parse_ec_private_key_sec1(key, *curve);
}

bool is_pkcs8_ec_key(der::Bytes der) {
  der::Reader r(der);
  der::Reader info, algorithm;
  std::uint64_t version = 0;
  der::Bytes id;
  return r.sequence(info) && info.small_integer(version) && info.sequence(algorithm) &&
         algorithm.oid(id) && oid::equal(id, oid::kEcPublicKey);
}

Result<std::optional<EcPrivateKey>> ec_private_key_from_pem(std::string_view pem) {
  auto blocks = pem_decode(pem);
  if (!blocks) return std::unexpected(std::move(blocks.error()));
  for (const PemBlock& block : *blocks) {
    const bool sec1 = block.label == "EC PRIVATE KEY";
    const bool key_label = sec1 || block.label == "RSA PRIVATE KEY" ||
                           block.label == "PRIVATE KEY" || block.label == "ENCRYPTED PRIVATE KEY";
    if (!key_label) continue;  // "EC PARAMETERS" (openssl ecparam -genkey), certificates, ...
    if (block.label == "ENCRYPTED PRIVATE KEY" || is_encrypted(block)) return std::nullopt;
    if (!sec1 && !(block.label == "PRIVATE KEY" && is_pkcs8_ec_key(block.der.span()))) {
      return std::nullopt;
    }
    if (!block.headers.empty()) return fail_decode("PEM: private key block with headers");
    auto key = sec1 ? parse_ec_private_key_sec1(block.der.span(), std::nullopt)
                    : parse_ec_private_key_pkcs8(block.der.span());
    if (!key) return std::unexpected(std::move(key.error()));
    return std::optional<EcPrivateKey>(std::move(*key));
  }
  return std::nullopt;
}

}  // namespace tlsx::crypto
