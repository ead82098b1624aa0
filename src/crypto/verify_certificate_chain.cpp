// tlsx::verify_certificate_chain (include/tlsx/x509.hpp) over crypto::verify_path.
#include <chrono>

#include "crypto/x509_verify.hpp"

namespace tlsx {

Result<CertificateChain> verify_certificate_chain(const CertificateChain& peer,
                                                  const TrustStore& trust,
                                                  const VerifyPolicy& policy,
                                                  std::string_view peer_name) {
  std::optional<crypto::PeerName> name;
  if (!peer_name.empty()) {
    auto parsed = crypto::parse_peer_name(peer_name);
    if (!parsed) return std::unexpected(std::move(parsed.error()));
    name = std::move(*parsed);
  } else if (policy.purpose == CertificatePurpose::server_auth) {
    return fail_argument("verifying a server certificate needs the server's name");
  }
  crypto::VerifyRequest req;
  req.presented = peer.certificates();
  req.anchors = trust.anchors();
  req.policy = &policy;
  req.peer_name = name ? &*name : nullptr;
  req.now = policy.time ? *policy.time
                        : std::chrono::duration_cast<std::chrono::seconds>(
                              std::chrono::system_clock::now().time_since_epoch())
                              .count();
  req.provider = &crypto::default_provider();
  auto path = crypto::verify_path(req);
  if (!path) return std::unexpected(std::move(path.error().error));
  return CertificateChain::from_certificates(std::move(*path));
}

}  // namespace tlsx
