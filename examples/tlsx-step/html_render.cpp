#include "html_render.hpp"

#include <fmt/format.h>

#include "lesson_tables.hpp"

namespace tlsx::step {

namespace {

std::string escape(std::string_view text) {
  std::string out;
  for (char c : text) {
    switch (c) {
      case '&':
        out += "&amp;";
        break;
      case '<':
        out += "&lt;";
        break;
      case '>':
        out += "&gt;";
        break;
      case '"':
        out += "&quot;";
        break;
      default:
        out += c;
    }
  }
  return out;
}

constexpr std::string_view kStyle = R"CSS(
body{font-family:system-ui,sans-serif;margin:2em auto;max-width:1100px;color:#222;background:#fff}
h1{font-size:1.6em}h2{font-size:1.2em;border-top:3px solid #357;padding-top:.6em;margin-top:2em}
section .meta{display:grid;grid-template-columns:9em 1fr;gap:.2em 1em;margin:.5em 0}
.meta div:nth-child(odd){color:#666}
.hex{font-family:ui-monospace,monospace;font-size:13px;line-height:1.9;word-break:break-all;
  background:#f7f7f4;padding:.6em;border-radius:4px}
.hex span{padding:1px 0;border-radius:2px;cursor:default}
.c0{background:#dbe9f6}.c1{background:#f6e3d0}.c2{background:#dff2dc}.c3{background:#eee0f5}
.c4{background:#f8f0c8}.c5{background:#d8f0ef}
.hl{outline:2px solid #c33;background:#ffd0d0 !important}
table.fields{border-collapse:collapse;font-size:13px;margin:.4em 0 1em}
table.fields td{padding:1px 8px;vertical-align:top}
table.fields td.off{font-family:ui-monospace,monospace;color:#888}
.secret{font-family:ui-monospace,monospace;font-size:12px;word-break:break-all}
.formula{color:#355;font-size:13px}.code{color:#666;font-size:12px}
pre.plain{background:#f0f6f0;padding:.5em}
)CSS";

// Hovering a byte span or a field row highlights every element of the same field.
constexpr std::string_view kScript = R"JS(
document.addEventListener('mouseover', function (e) {
  var t = e.target.closest('[data-f]');
  document.querySelectorAll('.hl').forEach(function (n) { n.classList.remove('hl'); });
  if (!t) return;
  document.querySelectorAll('[data-f="' + t.getAttribute('data-f') + '"]')
    .forEach(function (n) { n.classList.add('hl'); });
});
)JS";

class Page {
 public:
  std::string out;

  void fields(const Field& root, std::span<const std::uint8_t> buf) {
    std::vector<const Field*> leaves;
    collect(root, leaves);
    const int base = next_id_;
    next_id_ += static_cast<int>(leaves.size());
    out += "<div class=\"hex\">";
    std::size_t pos = 0;
    for (std::size_t i = 0; i < leaves.size(); ++i) {
      const Field& f = *leaves[i];
      if (f.offset > pos && f.offset <= buf.size()) plain(buf.subspan(pos, f.offset - pos));
      const auto end = std::min(buf.size(), f.offset + f.length);
      if (f.offset >= end) continue;
      out += fmt::format("<span class=\"c{}\" data-f=\"f{}\" title=\"{}\">", i % 6, base + i,
                         escape(label(f)));
      plain(buf.subspan(f.offset, end - f.offset));
      out += "</span> ";
      pos = end;
    }
    if (pos < buf.size()) plain(buf.subspan(pos));
    out += "</div>\n<table class=\"fields\">";
    std::size_t leaf = 0;
    rows(root, 0, base, leaf);
    out += "</table>\n";
  }

 private:
  static std::string label(const Field& f) {
    return f.value.empty() ? f.name : f.name + ": " + f.value;
  }
  static void collect(const Field& f, std::vector<const Field*>& leaves) {
    if (f.children.empty()) {
      leaves.push_back(&f);
      return;
    }
    for (const auto& c : f.children) collect(c, leaves);
  }
  void plain(std::span<const std::uint8_t> bytes) {
    for (std::size_t i = 0; i < bytes.size(); ++i) {
      if (i > 0) out += ' ';
      out += fmt::format("{:02x}", bytes[i]);
    }
  }
  void rows(const Field& f, int depth, int base, std::size_t& leaf) {
    const bool is_leaf = f.children.empty();
    out += is_leaf ? fmt::format("<tr class=\"c{}\" data-f=\"f{}\">", leaf % 6, base + leaf)
                   : std::string("<tr>");
    out += fmt::format(
        "<td class=\"off\">{:04x}</td><td style=\"padding-left:{}em\">{}</td>"
        "<td>{}</td><td>{}</td></tr>",
        f.offset, depth * 1.2, escape(f.name), escape(f.value), byte_count(f.length));
    if (is_leaf) ++leaf;
    for (const auto& c : f.children) rows(c, depth + 1, base, leaf);
  }

  int next_id_ = 0;
};

void meta(std::string& out, std::string_view key, std::string_view value) {
  out += fmt::format("<div>{}</div><div>{}</div>", escape(key), escape(value));
}

}  // namespace

std::string render_html(const RunInfo& info, const std::vector<Step>& steps) {
  Page page;
  std::string& out = page.out;
  out +=
      "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
      "<title>tlsx-step: a TLS 1.2 handshake</title><style>";
  out += kStyle;
  out += "</style></head><body>\n<h1>A TLS 1.2 handshake, state by state, byte by byte</h1>\n";
  out += "<section class=\"meta\">";
  meta(out, "mode", info.mode);
  meta(out, "options", info.options);
  meta(out, "negotiated", info.negotiated);
  out +=
      "</section>\n<p>Hover over any byte to see its field; generated by "
      "<code>tlsx-step --html</code>.</p>\n";
  for (const auto& step : steps) {
    out += fmt::format("<section id=\"step{}\"><h2>Step {}: {}</h2><div class=\"meta\">",
                       step.number, step.number, escape(step.title));
    if (!step.message.empty()) {
      const auto lesson = message_lesson(step.message, step.sender == Side::client);
      meta(out, "message",
           fmt::format("{} \u2192 {}: {} ({})", side_name(step.sender),
                       side_name(other(step.sender)), step.message, step.rfc_section));
      if (!lesson.meaning.empty()) meta(out, "meaning", lesson.meaning);
      if (!lesson.sent_by.empty() && step.remote != step.sender) {
        meta(out, "built by", lesson.sent_by);
      }
      if (!lesson.handled_by.empty() && step.remote != other(step.sender)) {
        meta(out, "handled by", lesson.handled_by);
      }
    }
    if (step.actor) {
      meta(out, side_name(*step.actor),
           fmt::format("{} \u2192 {}", step.from_state, step.to_state));
      const Side peer = other(*step.actor);
      meta(out, side_name(peer), peer == Side::client ? step.client_state : step.server_state);
    } else {
      meta(out, "client", step.client_state);
      meta(out, "server", step.server_state);
    }
    for (const auto& note : step.notes) meta(out, "note", note);
    out += "</div>\n";
    auto record = [&](const WireRecord& r, std::string_view verb) {
      out += fmt::format("<h3>Record {} ({} \u2192 {}), {} bytes</h3>\n", verb, side_name(r.from),
                         side_name(other(r.from)), r.bytes.size());
      page.fields(dissect_record(r.bytes, r.is_protected, step.context), r.bytes);
    };
    auto message = [&](const MessageEvent& m) {
      out += fmt::format("<h3>Handshake message {} ({} bytes)</h3>\n", to_string(m.type),
                         m.raw.size());
      page.fields(dissect_handshake(m.raw, step.context), m.raw);
    };
    for (const auto& r : step.records_in) record(r, "received");
    for (const auto& m : step.received) message(m);
    if (step.dissect_sent) {
      for (const auto& m : step.sent) message(m);
      for (const auto& r : step.records_out) record(r, "sent");
    }
    if (!step.plaintext.empty()) {
      out +=
          fmt::format("<h3>Plaintext</h3><pre class=\"plain\">{}</pre>\n", escape(step.plaintext));
    }
    if (!step.secrets.empty()) {
      out += "<h3>Secrets derived</h3>\n";
      const bool rsa =
          step.context.suite != nullptr && step.context.suite->kx == handshake::KeyExchange::rsa;
      bool extended = false;
      for (const auto& s : step.secrets) extended |= s.kind == SecretKind::session_hash;
      std::size_t key_block_pos = 0;
      for (const auto& s : step.secrets) {
        const auto lesson = secret_lesson(s.kind, extended, rsa, s.side == Side::client);
        out += fmt::format("<p><b>{}</b> ({} bytes, {})<br><span class=\"secret\">{}</span><br>",
                           to_string(s.kind), s.value.size(), side_name(s.side),
                           s.value.empty() ? std::string("(none)") : hex_string(s.value));
        if (s.kind == SecretKind::key_block) key_block_pos = 0;
        const bool part =
            s.kind >= SecretKind::client_write_mac_key && s.kind <= SecretKind::server_write_iv;
        if (part) {
          // The six parts are consecutive slices of key_block, in this order (RFC 5246 §6.3).
          if (!s.value.empty()) {
            out += fmt::format("= key_block[{}..{}]<br>", key_block_pos,
                               key_block_pos + s.value.size() - 1);
          }
          key_block_pos += s.value.size();
        }
        if (part && s.kind != SecretKind::client_write_mac_key && !s.same_as_step) {
          out += "</p>\n";
        } else if (s.same_as_step) {
          out += fmt::format("= the value the {} derived in <a href=\"#step{}\">step {}</a></p>\n",
                             side_name(other(s.side)), *s.same_as_step, *s.same_as_step);
        } else {
          out += fmt::format(
              "<span class=\"formula\">{}</span><br><span class=\"code\">{}</span>"
              "</p>\n",
              escape(lesson.formula), escape(lesson.source));
        }
      }
    }
    if (!step.sent.empty()) {
      std::string names;
      for (const auto& m : step.sent) {
        if (!names.empty()) names += ", ";
        if (m.type == HandshakeType::finished && step.sent_change_cipher_spec) {
          names += "ChangeCipherSpec (record), ";
        }
        names += to_string(m.type);
      }
      out += fmt::format("<p>{} sent: {}</p>\n", side_name(step.sent.front().side), names);
    }
    out += "</section>\n";
  }
  out += "<script>";
  out += kScript;
  out += "</script>\n</body></html>\n";
  return out;
}

}  // namespace tlsx::step
