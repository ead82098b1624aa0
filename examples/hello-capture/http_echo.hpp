// The echo: the response to a request made after the handshake, built from the connection's own
// capture and the store's statistics.
//
//   GET /            HTML page of the client's ClientHello (JSON with Accept: application/json)
//   GET /json        the capture as JSON
//   GET /stats       counts per JA4 / JA3 / outcome (JSON with Accept: application/json, or
//                    /stats.json)
//   any other line   the capture as one JSON line (for `openssl s_client`, `gnutls-cli`, netcat)
#pragma once

#include <functional>
#include <string>

#include "capture_json.hpp"

#include "http_request.hpp"
#include "stats.hpp"

namespace hello_capture {

struct Response {
  std::string bytes;  ///< status line, headers and body (or a JSON line)
  int status = 0;     ///< HTTP status; 0 for a JSON line
};

[[nodiscard]] Response respond(const Request& request, const Json& capture,
                               const std::function<Stats()>& stats);

}  // namespace hello_capture
