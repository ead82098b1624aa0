// Fuzzes the DER reader and the X.509 parser, then the verifier on what parses.
//
// Input: one or two DER certificates back to back (the first is the leaf, the second, if any,
// the trust anchor). Properties checked beyond "no crash, no UB, no leak":
//   - whatever X509Certificate::parse accepts is also accepted by a generic strict DER walk;
//   - tbs() lies inside der();
//   - verification of the leaf against the anchor ends in a path or a fault, never anything else.
// Seeds (fuzz/corpus/x509/): the Illustrated TLS 1.2 and Go test certificates, x509-limbo chains
// (RSA and ECDSA, leaf + issuer), openssl-made certificates with every extension tlsx decodes and
// with an RSASSA-PSS signature, and regression inputs.
#include <cstdint>
#include <cstdlib>
#include <span>
#include <string>

#include "crypto/der.hpp"
#include "crypto/hostname.hpp"
#include "crypto/x509_certificate.hpp"
#include "crypto/x509_name_constraints.hpp"
#include "crypto/x509_verify.hpp"

namespace {

using tlsx::crypto::der::Bytes;
namespace der = tlsx::crypto::der;

bool walk(der::Reader& r) {
  while (!r.at_end()) {
    der::Tag t;
    der::Bytes c;
    if (!r.peek(t)) return r.any(t, c);
    if (t.constructed) {
      der::Reader inner;
      if (!(r.constructed(t, inner) && walk(inner) && inner.done())) return false;
    } else if (!r.any(t, c)) {
      return false;
    }
  }
  return true;
}

// The first DER element of data (its whole encoding), or empty.
Bytes first_element(Bytes data, Bytes& rest) {
  der::Reader r(data);
  der::Tag t;
  Bytes contents, encoding;
  if (!r.any(t, contents, encoding)) return {};
  rest = data.subspan(encoding.size());
  return encoding;
}

void exercise(const tlsx::crypto::X509Certificate& c) {
  // Printing and matching touch every decoded field.
  (void)c.subject.to_string();
  (void)c.issuer.to_string();
  (void)c.subject.common_name();
  if (c.extensions.name_constraints) {
    (void)tlsx::crypto::check_name_constraints(*c.extensions.name_constraints, c);
  }
  for (const char* name : {"www.example.com", "192.0.2.1", "2001:db8::1"}) {
    auto peer = tlsx::crypto::parse_peer_name(name);
    if (peer) (void)tlsx::crypto::certificate_matches_peer_name(c, *peer);
  }
  const auto der = c.der();
  const auto tbs = c.tbs();
  if (tbs.data() < der.data() || tbs.data() + tbs.size() > der.data() + der.size()) std::abort();
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const Bytes input(data, size);
  {
    der::Reader r(input);
    (void)walk(r);
  }
  Bytes rest;
  const Bytes first = first_element(input, rest);
  auto leaf = tlsx::crypto::X509Certificate::parse(first.empty() ? input : first);
  if (!leaf) return 0;
  {
    der::Reader r((*leaf)->der());
    if (!(walk(r) && r.done())) std::abort();  // the X.509 parser accepted non-DER
  }
  exercise(**leaf);

  std::vector<tlsx::crypto::CertificatePtr> presented{*leaf};
  std::vector<tlsx::crypto::CertificatePtr> anchors;
  Bytes after;
  const Bytes second = rest.empty() ? Bytes{} : first_element(rest, after);
  if (!second.empty()) {
    auto anchor = tlsx::crypto::X509Certificate::parse(second);
    if (anchor) {
      exercise(**anchor);
      anchors.push_back(*anchor);
      presented.push_back(*anchor);
    }
  }
  tlsx::VerifyPolicy policy;
  policy.min_rsa_bits = 512;
  policy.allow_sha1 = true;
  auto peer = tlsx::crypto::parse_peer_name("www.example.com");
  tlsx::crypto::VerifyRequest req;
  req.presented = presented;
  req.anchors = anchors;
  req.policy = &policy;
  req.peer_name = peer ? &*peer : nullptr;
  req.now = (*leaf)->not_before;
  req.provider = &tlsx::crypto::default_provider();
  auto path = tlsx::crypto::verify_path(req);
  if (!path && path.error().error.detail.empty()) std::abort();
  return 0;
}
