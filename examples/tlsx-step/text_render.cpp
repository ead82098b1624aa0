#include "text_render.hpp"

#include <algorithm>

#include <fmt/format.h>

#include "lesson_tables.hpp"

namespace tlsx::step {

namespace {

constexpr std::size_t kBytesPerLine = 16;
constexpr std::size_t kMaxLines = 4;  // longer byte strings are elided in text (HTML has all)

std::string hex_line(std::span<const std::uint8_t> bytes) {
  std::string out;
  for (std::size_t i = 0; i < bytes.size(); ++i) {
    if (i > 0) out += ' ';
    out += fmt::format("{:02x}", bytes[i]);
  }
  return out;
}

void wrap(std::string& out, std::string_view indent, std::string_view text, std::size_t width) {
  // Word-wraps formula and source lines so that the text stays readable at 100 columns.
  std::size_t col = 0;
  std::size_t pos = 0;
  out += indent;
  while (pos < text.size()) {
    auto end = text.find(' ', pos);
    if (end == std::string_view::npos) end = text.size();
    const auto word = text.substr(pos, end - pos);
    if (col > 0 && col + 1 + word.size() > width) {
      out += '\n';
      out += std::string(indent.size() + 2, ' ');
      col = 2;
    } else if (col > 0) {
      out += ' ';
      ++col;
    }
    out += word;
    col += word.size();
    pos = end + 1;
  }
  out += '\n';
}

bool is_key_block_part(SecretKind kind) {
  switch (kind) {
    case SecretKind::client_write_mac_key:
    case SecretKind::server_write_mac_key:
    case SecretKind::client_write_key:
    case SecretKind::server_write_key:
    case SecretKind::client_write_iv:
    case SecretKind::server_write_iv:
      return true;
    default:
      return false;
  }
}

/// key_block_pos: where the next key block part starts (the parts come in key block order).
void secret_lines(const SecretEvent& s, const Step& step, std::size_t& key_block_pos,
                  std::string& out) {
  const bool rsa =
      step.context.suite != nullptr && step.context.suite->kx == handshake::KeyExchange::rsa;
  const bool extended = std::any_of(step.secrets.begin(), step.secrets.end(), [](const auto& e) {
    return e.kind == SecretKind::session_hash;
  });
  const auto lesson = secret_lesson(s.kind, extended, rsa, s.side == Side::client);
  out +=
      fmt::format("    {} ({} bytes, {})\n", to_string(s.kind), s.value.size(), side_name(s.side));
  if (s.value.empty()) {
    out += "      (none: this suite has no MAC key, the AEAD authenticates)\n";
  }
  for (std::size_t i = 0; i < s.value.size(); i += 32) {
    const auto n = std::min<std::size_t>(32, s.value.size() - i);
    out += fmt::format("      {}\n", hex_string(std::span(s.value).subspan(i, n)));
  }
  if (s.kind == SecretKind::key_block) key_block_pos = 0;
  if (is_key_block_part(s.kind)) {
    if (!s.value.empty()) {
      out += fmt::format("      = key_block[{}..{}]\n", key_block_pos,
                         key_block_pos + s.value.size() - 1);
    }
    key_block_pos += s.value.size();
    if (s.same_as_step || s.kind != SecretKind::client_write_mac_key) return;
  }
  if (s.same_as_step) {
    out += fmt::format("      = the value the {} derived in step {}\n", side_name(other(s.side)),
                       *s.same_as_step);
    return;
  }
  wrap(out, "      formula: ", lesson.formula, 80);
  wrap(out, "      code:    ", lesson.source, 80);
}

std::string message_list(const Step& step) {
  std::string out;
  for (const auto& m : step.sent) {
    if (!out.empty()) out += ", ";
    // ChangeCipherSpec is a record of its own, sent just before Finished (RFC 5246 §7.1).
    if (m.type == HandshakeType::finished && step.sent_change_cipher_spec) {
      out += "ChangeCipherSpec (record), ";
    }
    out += to_string(m.type);
  }
  return out;
}

void record_block(const WireRecord& r, const Step& step, std::string_view verb, std::string& out) {
  out += fmt::format("  record {} ({} -> {}), {} bytes\n", verb, side_name(r.from),
                     side_name(other(r.from)), r.bytes.size());
  render_field_lines(dissect_record(r.bytes, r.is_protected, step.context), r.bytes, 2, out);
}

void message_block(const MessageEvent& m, const Step& step, std::string& out) {
  out += fmt::format("  handshake message {} ({} bytes{})\n", to_string(m.type), m.raw.size(),
                     m.direction == Direction::inbound && step.context.suite != nullptr &&
                             m.type == HandshakeType::finished
                         ? ", decrypted"
                         : "");
  render_field_lines(dissect_handshake(m.raw, step.context), m.raw, 2, out);
}

std::string render_text_step_untrimmed(const Step& step);

}  // namespace

void render_field_lines(const Field& field, std::span<const std::uint8_t> buf, int depth,
                        std::string& out) {
  const std::string indent(static_cast<std::size_t>(depth) * 2, ' ');
  const std::string label =
      field.value.empty() ? field.name : fmt::format("{}: {}", field.name, field.value);
  if (!field.children.empty()) {
    out += fmt::format("{}{:04x}  {:<48}  {}{}\n", "  ", field.offset, "", indent,
                       fmt::format("{} [{}]", label, byte_count(field.length)));
    for (const auto& child : field.children) render_field_lines(child, buf, depth + 1, out);
    return;
  }
  const auto bytes =
      buf.subspan(std::min(field.offset, buf.size()),
                  std::min(field.length, buf.size() - std::min(field.offset, buf.size())));
  const std::size_t lines = (bytes.size() + kBytesPerLine - 1) / kBytesPerLine;
  for (std::size_t line = 0; line < std::max<std::size_t>(lines, 1); ++line) {
    if (line == kMaxLines && lines > kMaxLines + 1) {
      out +=
          fmt::format("  {:<4}  ... {} more bytes\n", "", bytes.size() - kMaxLines * kBytesPerLine);
      break;
    }
    const auto chunk = bytes.subspan(
        std::min(line * kBytesPerLine, bytes.size()),
        std::min(kBytesPerLine, bytes.size() - std::min(line * kBytesPerLine, bytes.size())));
    out += fmt::format("  {:04x}  {:<48}  {}{}\n", field.offset + line * kBytesPerLine,
                       hex_line(chunk), indent, line == 0 ? label : "");
  }
}

std::string render_text_header(const RunInfo& info) {
  return fmt::format(
      "tlsx-step: a TLS 1.2 handshake, state by state\n  mode: {}\n  options: {}\n\n", info.mode,
      info.options);
}

namespace {
std::string trim_line_ends(const std::string& text) {
  std::string out;
  out.reserve(text.size());
  std::size_t start = 0;
  while (start < text.size()) {
    auto end = text.find('\n', start);
    if (end == std::string::npos) end = text.size();
    auto last = text.find_last_not_of(' ', end == 0 ? 0 : end - 1);
    const std::size_t keep = (last == std::string::npos || last < start) ? start : last + 1;
    out.append(text, start, keep - start);
    if (end < text.size()) out += '\n';
    start = end + 1;
  }
  return out;
}

}  // namespace

std::string render_text_step(const Step& step) {
  return trim_line_ends(render_text_step_untrimmed(step));
}

namespace {
std::string render_text_step_untrimmed(const Step& step) {
  std::string out;
  const std::string title = fmt::format("== Step {}: {} ", step.number, step.title);
  out += title + std::string(title.size() < 100 ? 100 - title.size() : 0, '=') + "\n";
  if (!step.message.empty()) {
    const bool from_client = step.sender == Side::client;
    const auto lesson = message_lesson(step.message, from_client);
    out += fmt::format("  message:  {} -> {}: {} ({})\n", side_name(step.sender),
                       side_name(other(step.sender)), step.message, step.rfc_section);
    if (!lesson.meaning.empty()) wrap(out, "  meaning:  ", lesson.meaning, 90);
  }
  if (step.actor) {
    out +=
        fmt::format("  {}:   {} -> {}\n", side_name(*step.actor), step.from_state, step.to_state);
    const Side peer = other(*step.actor);
    out += fmt::format("  {}:   {}\n", side_name(peer),
                       peer == Side::client ? step.client_state : step.server_state);
  } else {
    out += fmt::format("  client:   {}\n  server:   {}\n", step.client_state, step.server_state);
  }
  if (!step.message.empty()) {
    const auto lesson = message_lesson(step.message, step.sender == Side::client);
    // A real peer's code is not tlsx's: name only the functions of the local side.
    if (!lesson.sent_by.empty() && step.remote != step.sender) {
      wrap(out, "  built by: ", lesson.sent_by, 90);
    }
    if (!lesson.handled_by.empty() && step.remote != other(step.sender)) {
      wrap(out, "  handled:  ", lesson.handled_by, 90);
    }
  }
  for (const auto& note : step.notes) out += fmt::format("  note:     {}\n", note);
  for (const auto& r : step.records_in) {
    out += '\n';
    record_block(r, step, "received", out);
  }
  for (const auto& m : step.received) {
    out += '\n';
    message_block(m, step, out);
  }
  if (step.dissect_sent) {
    for (const auto& m : step.sent) {
      out += '\n';
      message_block(m, step, out);
    }
    for (const auto& r : step.records_out) {
      out += '\n';
      record_block(r, step, "sent", out);
    }
  }
  if (!step.plaintext.empty()) {
    out += "\n  plaintext (decrypted by the receiver):\n";
    std::string text;
    for (char c : step.plaintext)
      text += c == '\n' ? std::string("\\n") : c == '\r' ? "\\r" : std::string(1, c);
    out += fmt::format("    \"{}\"\n", text);
  }
  if (!step.secrets.empty()) {
    out += "\n  secrets derived in this step:\n";
    std::size_t key_block_pos = 0;
    for (const auto& s : step.secrets) secret_lines(s, step, key_block_pos, out);
  }
  if (!step.sent.empty()) {
    out += fmt::format("\n  {} sent: {}\n", side_name(step.sent.front().side), message_list(step));
  }
  out += '\n';
  return out;
}

}  // namespace

std::string render_text_summary(const RunInfo& info) {
  std::string out = "== Summary " + std::string(89, '=') + "\n";
  out +=
      fmt::format("  negotiated: {}\n  flow table for this handshake (step where it happened):\n",
                  info.negotiated);
  for (std::size_t i = 0; i < info.flow.size(); ++i) {
    const int at = i < info.flow_steps.size() ? info.flow_steps[i] : -1;
    out += fmt::format("    {:<18} {:<18} {}\n", info.flow[i].first, info.flow[i].second,
                       at >= 0 ? fmt::format("step {}", at) : std::string("-"));
  }
  if (!info.resumption.empty()) {
    out += fmt::format(
        "  second connection, resumption {}: {}\n  the same flow table for it (step where it "
        "happened, or why it was skipped):\n",
        info.resumption, info.resumed ? "resumed (abbreviated handshake)" : "NOT resumed");
    for (std::size_t i = 0; i < info.resumed_flow.size(); ++i) {
      const std::string where =
          i < info.resumed_flow_where.size() ? info.resumed_flow_where[i] : std::string("-");
      if (where.size() <= 60) {
        out += fmt::format("    {:<18} {:<18} {}\n", info.resumed_flow[i].first,
                           info.resumed_flow[i].second, where);
      } else {
        // A reason does not fit behind the message: it goes on its own lines.
        out +=
            fmt::format("    {:<18} {}\n", info.resumed_flow[i].first, info.resumed_flow[i].second);
        wrap(out, "      ", where, 92);
      }
    }
    wrap(out, "  ", resumption_order_note(), 96);
  }
  return out;
}

}  // namespace tlsx::step
