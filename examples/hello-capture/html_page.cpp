#include "html_page.hpp"

#include <fmt/format.h>

namespace hello_capture {
namespace {

using json = Json;

constexpr std::string_view kStyle = R"(<style>
body{font-family:system-ui,sans-serif;margin:2em;max-width:80em;color:#222}
table{border-collapse:collapse;margin:.5em 0 1.5em}
td,th{border:1px solid #ccc;padding:.2em .6em;text-align:left;vertical-align:top}
th{background:#f3f3f3}
code,pre,.mono{font-family:ui-monospace,monospace;font-size:.9em;word-break:break-all}
table{max-width:100%}
pre{white-space:pre-wrap;word-break:break-all;background:#f8f8f8;padding:1em}
tr.grease{color:#888}
.tag{background:#eee;border-radius:.3em;padding:0 .3em;font-size:.8em}
</style>)";

// A JSON scalar or array as text.
std::string text_of(const json& value) {
  if (value.is_string()) return value.get<std::string>();
  if (value.is_array()) {
    std::string out;
    for (const auto& item : value) {
      if (!out.empty()) out += ", ";
      out += item.is_object() ? item.dump() : text_of(item);
    }
    return out;
  }
  if (value.is_null()) return "-";
  return value.dump();
}

std::string get_text(const json& object, const char* key) {
  if (!object.is_object() || !object.contains(key)) return "-";
  return text_of(object[key]);
}

void row(std::string& out, std::string_view label, const std::string& value, bool mono = false) {
  out += fmt::format("<tr><th>{}</th><td{}>{}</td></tr>\n", html_escape(label),
                     mono ? " class=\"mono\"" : "", html_escape(value));
}

std::string outcome_text(const json& outcome) {
  std::string out;
  for (const auto& [key, value] : outcome.items()) {
    if (!out.empty()) out += "; ";
    out += key + ": " + text_of(value);
  }
  return out;
}

std::string server_name_of(const json& tls) {
  if (!tls.contains("extensions")) return "-";
  for (const auto& ext : tls["extensions"]) {
    if (ext.contains("server_name") && ext["server_name"].is_string()) {
      return ext["server_name"].get<std::string>();
    }
  }
  return "(none)";
}

void cipher_suite_table(std::string& out, const json& tls) {
  out += "<h2>Cipher suites</h2>\n<table><tr><th>#</th><th>value</th><th>name</th></tr>\n";
  int i = 0;
  for (const auto& suite : tls["cipher_suites"]) {
    const bool grease = suite.value("grease", false);
    out += fmt::format("<tr{}><td>{}</td><td class=\"mono\">{}</td><td>{}{}</td></tr>\n",
                       grease ? " class=\"grease\"" : "", ++i,
                       html_escape(get_text(suite, "value")), html_escape(get_text(suite, "name")),
                       grease ? " <span class=\"tag\">GREASE</span>" : "");
  }
  out += "</table>\n";
}

void extension_table(std::string& out, const json& tls) {
  out +=
      "<h2>Extensions (wire order)</h2>\n<table><tr><th>#</th><th>value</th><th>name</th>"
      "<th>length</th><th>content</th></tr>\n";
  int i = 0;
  for (const auto& ext : tls["extensions"]) {
    const bool grease = ext.value("grease", false);
    std::string content;
    for (const auto& [key, value] : ext.items()) {
      if (key == "value" || key == "name" || key == "length" || key == "grease") continue;
      content += fmt::format("<div><b>{}</b>: <span class=\"mono\">{}</span></div>",
                             html_escape(key), html_escape(text_of(value)));
    }
    out += fmt::format(
        "<tr{}><td>{}</td><td class=\"mono\">{}</td><td>{}{}</td><td>{}</td><td>{}</td></tr>\n",
        grease ? " class=\"grease\"" : "", ++i, html_escape(get_text(ext, "value")),
        html_escape(get_text(ext, "name")), grease ? " <span class=\"tag\">GREASE</span>" : "",
        html_escape(get_text(ext, "length")), content);
  }
  out += "</table>\n";
}

// Hex in lines of 32 bytes.
std::string wrapped_hex(const std::string& hex) {
  std::string out;
  for (std::size_t i = 0; i < hex.size(); i += 64) {
    out += hex.substr(i, 64);
    out += '\n';
  }
  return out;
}

std::string page(std::string_view title, const std::string& body) {
  return fmt::format(
      "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
      "<meta name=\"viewport\" content=\"width=device-width\"><title>{}</title>{}</head>\n"
      "<body>\n<h1>{}</h1>\n{}<p><a href=\"/\">your hello</a> · <a href=\"/json\">JSON</a> · "
      "<a href=\"/stats\">stats</a></p>\n</body></html>\n",
      html_escape(title), kStyle, html_escape(title), body);
}

}  // namespace

std::string render_capture_page(const json& capture) {
  const json& tls = capture.contains("tls") ? capture["tls"] : json::object();
  std::string body = "<h2>Connection</h2>\n<table>\n";
  row(body, "time", get_text(capture, "time"));
  row(body, "peer", get_text(capture, "peer"));
  row(body, "server name (SNI)", server_name_of(tls));
  row(body, "record version", get_text(tls, "record_version"), true);
  row(body, "client_version", get_text(tls, "client_version"), true);
  row(body, "client random", get_text(tls, "client_random"), true);
  row(body, "session id", get_text(tls, "session_id"), true);
  row(body, "compression methods", get_text(tls, "compression_methods"), true);
  row(body, "outcome", outcome_text(capture.value("outcome", json::object())));
  body += "</table>\n<h2>Fingerprints</h2>\n<table>\n";
  for (const char* key :
       {"ja4", "ja4_r", "ja4_o", "ja4_ro", "ja3_hash", "ja3", "ja3n_hash", "ja3n"}) {
    row(body, key, get_text(tls, key), true);
  }
  body += "</table>\n";
  if (tls.contains("cipher_suites")) cipher_suite_table(body, tls);
  if (tls.contains("extensions")) extension_table(body, tls);
  if (tls.contains("parse_error")) row(body, "parse error", get_text(tls, "parse_error"));
  body += "<h2>Raw ClientHello (handshake message)</h2>\n<pre>" +
          html_escape(wrapped_hex(tls.value("raw", std::string()))) + "</pre>\n";
  return page("Your TLS ClientHello", body);
}

std::string render_stats_page(const Stats& stats) {
  std::string body = fmt::format("<p>{} captures in the store.</p>\n", stats.captures);
  auto table = [&](std::string_view title, const Stats::Counts& counts) {
    body += fmt::format("<h2>{}</h2>\n<table><tr><th>count</th><th>value</th></tr>\n",
                        html_escape(title));
    for (const auto& [value, count] : counts) {
      body += fmt::format("<tr><td>{}</td><td class=\"mono\">{}</td></tr>\n", count,
                          html_escape(value));
    }
    body += "</table>\n";
  };
  table("JA4", stats.ja4);
  table("JA3 (MD5)", stats.ja3_hash);
  table("Outcome", stats.outcome);
  return page("hello-capture statistics", body);
}

}  // namespace hello_capture
