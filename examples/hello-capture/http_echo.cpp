#include "http_echo.hpp"

#include <fmt/format.h>

#include "capture_store.hpp"
#include "html_page.hpp"

namespace hello_capture {
namespace {

std::string_view reason(int status) {
  switch (status) {
    case 200:
      return "OK";
    case 404:
      return "Not Found";
    case 405:
      return "Method Not Allowed";
    case 431:
      return "Request Header Fields Too Large";
    default:
      return "Error";
  }
}

Response http(const Request& request, int status, std::string_view content_type,
              const std::string& body) {
  Response r;
  r.status = status;
  r.bytes = fmt::format(
      "HTTP/1.1 {} {}\r\nContent-Type: {}\r\nContent-Length: {}\r\nConnection: close\r\n"
      "Cache-Control: no-store\r\nX-Content-Type-Options: nosniff\r\n\r\n",
      status, reason(status), content_type, body.size());
  if (request.method != "HEAD") r.bytes += body;
  return r;
}

constexpr std::string_view kJson = "application/json";
constexpr std::string_view kHtml = "text/html; charset=utf-8";
constexpr std::string_view kText = "text/plain; charset=utf-8";

}  // namespace

Response respond(const Request& request, const Json& capture, const std::function<Stats()>& stats) {
  using Kind = Request::Kind;
  if (request.kind == Kind::line) return Response{CaptureStore::to_line(capture), 0};
  if (request.kind == Kind::too_large) {
    return http(request, 431, kText, "request head too large\n");
  }
  if (request.method != "GET" && request.method != "HEAD") {
    return http(request, 405, kText, "only GET and HEAD\n");
  }
  auto pretty = [](const Json& j) {
    return j.dump(2, ' ', false, Json::error_handler_t::replace) + '\n';
  };
  if (request.path == "/json" || (request.path == "/" && request.wants_json())) {
    return http(request, 200, kJson, pretty(capture));
  }
  if (request.path == "/") return http(request, 200, kHtml, render_capture_page(capture));
  if (request.path == "/stats.json" || (request.path == "/stats" && request.wants_json())) {
    return http(request, 200, kJson, pretty(stats().to_json()));
  }
  if (request.path == "/stats") return http(request, 200, kHtml, render_stats_page(stats()));
  return http(request, 404, kText, "not found; try /, /json or /stats\n");
}

}  // namespace hello_capture
