// PEM (RFC 7468 textual encoding, as `openssl genrsa`, `openssl req -x509` and `openssl x509`
// write it):
//
//   -----BEGIN CERTIFICATE-----
//   MIIC...   (base64, any line length; openssl writes 64 characters per line)
//   -----END CERTIFICATE-----
//
// Text outside blocks is ignored (certificate bundles carry comments, `openssl x509 -text`
// prints a dump before the block). Legacy RFC 1421 headers ("Proc-Type: 4,ENCRYPTED") are
// kept so that key loading can say "encrypted keys are not supported" instead of failing on
// the ciphertext.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "tlsx/error.hpp"
#include "tlsx/secret.hpp"

namespace tlsx::crypto {

struct PemBlock {
  std::string label;    ///< "CERTIFICATE", "RSA PRIVATE KEY", ...
  std::string headers;  ///< RFC 1421 header lines joined with '\n'; empty for RFC 7468 blocks
  SecretBytes der;      ///< the decoded body (a SecretBytes: it may be a private key)
};

/// Every block in text, in order. Fails (alert decode_error, detail naming the block's label and
/// line) on a BEGIN without its END, mismatched labels, a character outside the base64 alphabet
/// in a body, or base64 that does not decode strictly (see base64_decode). No blocks is not an
/// error here: callers say what they expected.
Result<std::vector<PemBlock>> pem_decode(std::string_view text);

/// A whole file (for the *_from_pem_file loaders), in a SecretBytes because it may hold a key.
/// Fails with ErrorCode::io.
Result<SecretBytes> read_file(const std::string& path);

/// The bytes of a file read by read_file as text.
inline std::string_view as_text(const SecretBytes& bytes) noexcept {
  return {reinterpret_cast<const char*>(bytes.data()), bytes.size()};
}

/// One block with 64-character lines and a final newline.
std::string pem_encode(std::string_view label, std::span<const std::uint8_t> der);

}  // namespace tlsx::crypto
