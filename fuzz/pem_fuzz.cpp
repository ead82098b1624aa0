// Fuzzes PEM and base64 decoding and private-key/certificate loading from PEM text.
//
// Properties beyond "no crash, no UB":
//   - base64 is canonical: decode(x) succeeding means encode(decode(x)) == x;
//   - every decoded block re-encodes (pem_encode) to text that decodes to the same block.
// Seeds (fuzz/corpus/pem/): certificates and chains, PKCS#1 and PKCS#8 test keys (the published
// Illustrated TLS and Go test keys), and a legacy "Proc-Type: 4,ENCRYPTED" block.
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include "crypto/base64.hpp"
#include "crypto/pem.hpp"
#include "crypto/rsa_key_der.hpp"
#include "tlsx/x509.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);

  if (auto raw = tlsx::crypto::base64_decode(text)) {
    if (tlsx::crypto::base64_encode(raw->span()) != text) std::abort();
  }

  auto blocks = tlsx::crypto::pem_decode(text);
  if (blocks) {
    for (const auto& block : *blocks) {
      const std::string again = tlsx::crypto::pem_encode(block.label, block.der);
      auto round = tlsx::crypto::pem_decode(again);
      if (!round || round->size() != 1 || (*round)[0].label != block.label ||
          !std::equal((*round)[0].der.span().begin(), (*round)[0].der.span().end(),
                      block.der.span().begin(), block.der.span().end())) {
        std::abort();
      }
    }
  }
  (void)tlsx::crypto::rsa_private_key_from_pem(text);
  (void)tlsx::CertificateChain::from_pem(text);
  (void)tlsx::TrustStore::from_pem(text);
  return 0;
}
