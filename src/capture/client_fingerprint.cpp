// The public fingerprint entry point: one FingerprintInput, then each fingerprint's own rules
// (capture/ja3.hpp, capture/ja4.hpp).
#include "tlsx/client_fingerprint.hpp"

#include <utility>

#include "capture/fingerprint_input.hpp"
#include "capture/ja3.hpp"
#include "capture/ja4.hpp"

namespace tlsx {

ClientFingerprints fingerprint_client_hello(const ClientHelloView& hello) {
  const capture::FingerprintInput in = capture::fingerprint_input(hello);
  capture::Ja3 ja3 = capture::ja3(in);
  capture::Ja3 ja3n = capture::ja3n(in);
  capture::Ja4 ja4 = capture::ja4(in);
  return {std::move(ja3.text), std::move(ja3.hash),  std::move(ja3n.text), std::move(ja3n.hash),
          std::move(ja4.ja4),  std::move(ja4.ja4_r), std::move(ja4.ja4_o), std::move(ja4.ja4_ro)};
}

}  // namespace tlsx
