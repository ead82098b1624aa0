// tlsx::TrustStore (include/tlsx/x509.hpp).
#include <fmt/format.h>

#include "crypto/pem.hpp"
#include "crypto/x509_certificate.hpp"
#include "tlsx/x509.hpp"

namespace tlsx {

Result<TrustStore> TrustStore::from_pem(std::string_view pem) {
  auto blocks = crypto::pem_decode(pem);
  if (!blocks) return std::unexpected(std::move(blocks.error()));
  auto anchors = std::make_shared<std::vector<crypto::CertificatePtr>>();
  TrustStore store;
  for (const crypto::PemBlock& block : *blocks) {
    if (block.label != "CERTIFICATE" && block.label != "TRUSTED CERTIFICATE") continue;
    auto cert = crypto::X509Certificate::parse(block.der);
    if (!cert) {
      ++store.skipped_;
      continue;
    }
    anchors->push_back(std::move(*cert));
  }
  if (anchors->empty()) {
    return fail_decode(store.skipped_ == 0 ? "trust store: no CERTIFICATE block"
                                           : "trust store: no certificate could be parsed");
  }
  store.anchors_ = std::move(anchors);
  return store;
}

Result<TrustStore> TrustStore::from_pem_file(const std::string& path) {
  auto text = crypto::read_file(path);
  if (!text) return std::unexpected(std::move(text.error()));
  auto store = from_pem(crypto::as_text(*text));
  if (!store) store.error().detail = fmt::format("{}: {}", path, store.error().detail);
  return store;
}

Result<TrustStore> TrustStore::system() {
  return from_pem_file(kDefaultBundle);
}

std::span<const std::shared_ptr<const crypto::X509Certificate>> TrustStore::anchors()
    const noexcept {
  if (!anchors_) return {};
  return *anchors_;
}

}  // namespace tlsx
