// tlsx::CertificateChain (include/tlsx/x509.hpp).
#include <fmt/format.h>

#include "crypto/pem.hpp"
#include "crypto/x509_certificate.hpp"
#include "tlsx/x509.hpp"

namespace tlsx {

Result<CertificateChain> CertificateChain::from_pem(std::string_view pem) {
  auto blocks = crypto::pem_decode(pem);
  if (!blocks) return std::unexpected(std::move(blocks.error()));
  CertificateChain chain;
  for (const crypto::PemBlock& block : *blocks) {
    if (block.label != "CERTIFICATE") continue;
    if (!block.headers.empty()) return fail_decode("PEM: CERTIFICATE block with headers");
    auto appended = chain.append_der(block.der);
    if (!appended) {
      appended.error().detail = fmt::format("certificate {} of the PEM text: {}", chain.size() + 1,
                                            appended.error().detail);
      return std::unexpected(std::move(appended.error()));
    }
  }
  if (chain.empty()) return fail_decode("PEM: no CERTIFICATE block");
  return chain;
}

Result<CertificateChain> CertificateChain::from_pem_file(const std::string& path) {
  auto text = crypto::read_file(path);
  if (!text) return std::unexpected(std::move(text.error()));
  auto chain = from_pem(crypto::as_text(*text));
  if (!chain) chain.error().detail = fmt::format("{}: {}", path, chain.error().detail);
  return chain;
}

Result<void> CertificateChain::append_der(std::span<const std::uint8_t> der) {
  auto cert = crypto::X509Certificate::parse(der);
  if (!cert) return std::unexpected(std::move(cert.error()));
  certs_.push_back(std::move(*cert));
  return {};
}

CertificateChain CertificateChain::from_certificates(
    std::vector<std::shared_ptr<const crypto::X509Certificate>> certs) {
  CertificateChain chain;
  chain.certs_ = std::move(certs);
  return chain;
}

std::span<const std::uint8_t> CertificateChain::der(std::size_t i) const {
  return i < certs_.size() ? certs_[i]->der() : std::span<const std::uint8_t>{};
}

std::string CertificateChain::subject(std::size_t i) const {
  return i < certs_.size() ? certs_[i]->subject.to_string() : std::string{};
}

std::string CertificateChain::issuer(std::size_t i) const {
  return i < certs_.size() ? certs_[i]->issuer.to_string() : std::string{};
}

}  // namespace tlsx
