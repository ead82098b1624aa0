#include "http_or_echo.hpp"

#include <optional>

#include <fmt/format.h>

#include "line_reader.hpp"
#include "report.hpp"

namespace tlsx::examples {
namespace {

constexpr std::size_t kMaxLine = 8 * 1024;
constexpr std::size_t kMaxHeaderLines = 100;

std::string_view trim_line_end(std::string_view line) {
  while (!line.empty() && (line.back() == '\n' || line.back() == '\r')) line.remove_suffix(1);
  return line;
}

std::string failure(std::string_view what, const Error& error) {
  return fmt::format("{}, then {}", what, describe_error(error));
}

std::string page_body(const io::BlockingConnection& conn) {
  std::string body = "Hello from tlsx-server. This connection:\n";
  if (const Negotiated* n = conn.engine().negotiated(); n != nullptr) {
    for (const auto& [label, value] : negotiated_fields(*n)) {
      body += fmt::format("{}: {}\n", label, value);
    }
  }
  return body;
}

SessionOutcome answer_http(io::BlockingConnection& conn, LineReader& reader,
                           std::string_view request_line) {
  const std::string_view method = request_line.substr(0, request_line.find(' '));
  const std::string what =
      fmt::format("http \"{}\"", request_line.substr(0, request_line.rfind(' ')));
  // The header block ends with an empty line; we need none of the headers.
  for (std::size_t i = 0;; ++i) {
    auto line = reader.read_line(kMaxLine);
    if (!line) return {false, failure(what, line.error())};
    const std::optional<std::string>& text = *line;
    if (!text) return {false, what + ", then the client closed before the headers ended"};
    if (trim_line_end(*text).empty()) break;
    if (i == kMaxHeaderLines) return {false, what + ", then too many header lines"};
  }
  const std::string body = page_body(conn);
  std::string response = fmt::format(
      "HTTP/1.1 200 OK\r\nContent-Type: text/plain; charset=utf-8\r\nContent-Length: {}\r\n"
      "Connection: close\r\nServer: tlsx-server\r\n\r\n",
      body.size());
  if (method != "HEAD") response += body;
  if (auto sent = conn.write_all(response); !sent) return {false, failure(what, sent.error())};
  if (auto closed = conn.close(); !closed) return {false, failure(what + " 200", closed.error())};
  return {true, what + " 200"};
}

std::string echo_summary(std::size_t lines) {
  return fmt::format("echo {} line{}", lines, lines == 1 ? "" : "s");
}

SessionOutcome echo(io::BlockingConnection& conn, LineReader& reader, std::string first) {
  std::size_t lines = 0;
  std::string line = std::move(first);
  for (;;) {
    if (auto sent = conn.write_all(line); !sent) {
      return {false, failure(echo_summary(lines), sent.error())};
    }
    ++lines;
    auto next = reader.read_line(kMaxLine);
    if (!next) return {false, failure(echo_summary(lines), next.error())};
    std::optional<std::string>& next_line = *next;
    if (!next_line) break;  // close_notify
    line = std::move(*next_line);
  }
  const std::string what = echo_summary(lines);
  if (auto closed = conn.close(); !closed) return {false, failure(what, closed.error())};
  return {true, what};
}

}  // namespace

bool looks_like_http_request(std::string_view line) {
  line = trim_line_end(line);
  const std::size_t first_space = line.find(' ');
  const std::size_t last_space = line.rfind(' ');
  if (first_space == std::string_view::npos || first_space == last_space) return false;
  const std::string_view method = line.substr(0, first_space);
  if (method.empty() || method.size() > 16) return false;
  for (char c : method) {
    if (c < 'A' || c > 'Z') return false;
  }
  const std::string_view version = line.substr(last_space + 1);
  return version == "HTTP/1.0" || version == "HTTP/1.1";
}

SessionOutcome http_or_echo(io::BlockingConnection& conn) {
  LineReader reader(conn);
  auto first = reader.read_line(kMaxLine);
  if (!first) return {false, failure("no request", first.error())};
  std::optional<std::string>& first_line = *first;
  if (!first_line) {
    (void)conn.close();
    return {true, "closed by the client without data"};
  }
  if (looks_like_http_request(*first_line)) {
    const std::string request_line(trim_line_end(*first_line));
    return answer_http(conn, reader, request_line);
  }
  return echo(conn, reader, std::move(*first_line));
}

}  // namespace tlsx::examples
