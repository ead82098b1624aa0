// What a client asks for after the handshake: an HTTP/1.x request (method, target and the few
// headers the echo looks at), or any other line of text ("hello\n"), which gets the capture as one
// JSON line. Only the request head is read; bodies are ignored.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

namespace hello_capture {

inline constexpr std::size_t kMaxRequestHead = 16 * 1024;

struct Request {
  enum class Kind {
    incomplete,  ///< need more bytes
    http,        ///< an HTTP/1.x request head
    line,        ///< a line that is not an HTTP request line
    too_large,   ///< no end of head within kMaxRequestHead bytes
  };
  Kind kind = Kind::incomplete;
  std::string method;   ///< "GET"
  std::string target;   ///< "/json?x=1"
  std::string path;     ///< "/json"
  std::string version;  ///< "HTTP/1.1"
  std::string accept;   ///< Accept header value
  std::string user_agent;
  std::string line;  ///< the first line (without CR LF), for logs

  /// Accept prefers JSON: it names application/json (a browser's "*/*" does not count).
  [[nodiscard]] bool wants_json() const;
};

/// Parses what arrived so far.
[[nodiscard]] Request parse_request(std::string_view buffered);

}  // namespace hello_capture
