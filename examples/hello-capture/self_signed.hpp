// The default certificate: a self-signed RSA certificate for localhost (and 127.0.0.1, ::1) kept
// in tlsx's state directory, made with `openssl req -x509` the first time it is needed.
#pragma once

#include <expected>
#include <string>

namespace hello_capture {

struct CertificateFiles {
  std::string cert;
  std::string key;
  bool created = false;  ///< made just now
};

/// ${XDG_STATE_HOME:-$HOME/.local/state}/tlsx
[[nodiscard]] std::expected<std::string, std::string> state_directory();

/// The files in the state directory, creating them if they do not exist.
[[nodiscard]] std::expected<CertificateFiles, std::string> ensure_self_signed_certificate();

}  // namespace hello_capture
