#include "http_request.hpp"

#include <algorithm>
#include <cctype>

namespace hello_capture {
namespace {

std::string lower(std::string_view s) {
  std::string out(s);
  std::transform(out.begin(), out.end(), out.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return out;
}

std::string_view trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t' || s.back() == '\r'))
    s.remove_suffix(1);
  return s;
}

bool is_token_char(char c) {
  return std::isupper(static_cast<unsigned char>(c)) != 0;
}

// "METHOD SP target SP HTTP/d.d": returns false for anything else.
bool parse_request_line(std::string_view line, Request& r) {
  const auto sp1 = line.find(' ');
  if (sp1 == std::string_view::npos || sp1 == 0) return false;
  const auto sp2 = line.find(' ', sp1 + 1);
  if (sp2 == std::string_view::npos || sp2 == sp1 + 1) return false;
  const std::string_view method = line.substr(0, sp1);
  const std::string_view target = line.substr(sp1 + 1, sp2 - sp1 - 1);
  const std::string_view version = line.substr(sp2 + 1);
  if (!std::all_of(method.begin(), method.end(), is_token_char)) return false;
  if (version.size() != 8 || !version.starts_with("HTTP/") ||
      !std::isdigit(static_cast<unsigned char>(version[5])) || version[6] != '.' ||
      !std::isdigit(static_cast<unsigned char>(version[7]))) {
    return false;
  }
  if (target.find(' ') != std::string_view::npos) return false;
  r.method = method;
  r.target = target;
  r.path = target.substr(0, target.find_first_of("?#"));
  r.version = version;
  return true;
}

}  // namespace

bool Request::wants_json() const {
  return lower(accept).find("application/json") != std::string::npos;
}

Request parse_request(std::string_view buffered) {
  Request r;
  const auto eol = buffered.find('\n');
  if (eol == std::string_view::npos) {
    r.kind =
        buffered.size() >= kMaxRequestHead ? Request::Kind::too_large : Request::Kind::incomplete;
    return r;
  }
  std::string_view first = buffered.substr(0, eol);
  if (first.ends_with('\r')) first.remove_suffix(1);
  r.line = first;
  if (!parse_request_line(first, r)) {
    r.kind = Request::Kind::line;
    return r;
  }
  // The head ends with an empty line (CRLF CRLF, or bare LF LF from hand-typed requests).
  std::size_t end = std::string_view::npos;
  for (std::size_t pos = eol + 1; pos <= buffered.size();) {
    const auto next = buffered.find('\n', pos);
    if (next == std::string_view::npos) break;
    std::string_view header = buffered.substr(pos, next - pos);
    if (header.ends_with('\r')) header.remove_suffix(1);
    if (header.empty()) {
      end = next + 1;
      break;
    }
    const auto colon = header.find(':');
    if (colon != std::string_view::npos) {
      const std::string name = lower(trim(header.substr(0, colon)));
      const std::string_view value = trim(header.substr(colon + 1));
      if (name == "accept") r.accept = value;
      if (name == "user-agent") r.user_agent = value;
    }
    pos = next + 1;
  }
  if (end == std::string_view::npos) {
    r.kind =
        buffered.size() >= kMaxRequestHead ? Request::Kind::too_large : Request::Kind::incomplete;
    return r;
  }
  r.kind = Request::Kind::http;
  return r;
}

}  // namespace hello_capture
