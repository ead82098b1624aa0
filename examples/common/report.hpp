// Printing what a connection negotiated and why one failed, the same way in both programs.
#pragma once

#include <string>
#include <utility>
#include <vector>

#include "tlsx/engine.hpp"
#include "tlsx/error.hpp"

namespace tlsx::examples {

/// One line saying what went wrong and who said so, led by the alert name for TLS failures:
///   "certificate_expired (sent to peer): certificate 'CN=localhost' expired ..."
///   "handshake_failure (received from peer)"
///   "connection closed without close_notify (possible truncation)"
///   "io: connect 127.0.0.1:1: Connection refused"
[[nodiscard]] std::string describe_error(const Error& error);

/// A failure to load a certificate, key or trust store: "io: cannot open ...", "decode: ...".
[[nodiscard]] std::string describe_load_error(const Error& error);

/// One line for logs: "TLS 1.2 TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256 x25519 ems=yes sni=localhost
/// alpn=h2 resumed=no" (etm=yes|no only for CBC suites; sni/alpn "-" when absent; resumed=yes for
/// an abbreviated handshake that resumed a session).
[[nodiscard]] std::string connection_summary(const Negotiated& negotiated);

/// Label/value pairs: version, cipher suite, key exchange (with group and signature scheme),
/// extended master secret, encrypt-then-MAC (CBC suites), secure renegotiation, ALPN, SNI,
/// whether the session was resumed, and
/// the peer's leaf certificate subject when there is one.
[[nodiscard]] std::vector<std::pair<std::string, std::string>> negotiated_fields(
    const Negotiated& negotiated);

}  // namespace tlsx::examples
