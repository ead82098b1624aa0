// What tlsx-server does with a connection once the handshake is done: answer an HTTP request
// with a page describing the connection, or echo lines back.
#pragma once

#include <string>

#include "tlsx/io/blocking.hpp"

namespace tlsx::examples {

struct SessionOutcome {
  bool ok = false;
  std::string description;  ///< for the log line: 'http "GET /" 200', "echo 3 lines", errors
};

/// Reads the first line; if it looks like an HTTP/1.x request line, reads the header block and
/// answers with a text/plain page naming the negotiated parameters (Connection: close);
/// otherwise echoes that line and every following one until the peer closes or goes idle for
/// the connection's timeout. Ends with close() (close_notify).
SessionOutcome http_or_echo(io::BlockingConnection& conn);

/// True for "GET / HTTP/1.1" and the like (method in capitals, a target, HTTP/1.x).
bool looks_like_http_request(std::string_view line);

}  // namespace tlsx::examples
