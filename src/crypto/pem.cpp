// PEM block scanner. Lines end in "\n" or "\r\n"; trailing spaces and tabs are ignored on every
// line (RFC 7468 §3 allows them); inside a body nothing else is.
#include "crypto/pem.hpp"

#include <cerrno>
#include <cstdio>
#include <memory>
#include <system_error>

#include <fmt/format.h>

#include "crypto/base64.hpp"

namespace tlsx::crypto {

namespace {

constexpr std::string_view kBegin = "-----BEGIN ";
constexpr std::string_view kEnd = "-----END ";
constexpr std::string_view kDashes = "-----";

// Splits text into lines without their terminator and trailing blanks.
class LineReader {
 public:
  explicit LineReader(std::string_view text) : text_(text) {}
  bool next(std::string_view& line) {
    if (pos_ >= text_.size()) return false;
    std::size_t end = text_.find('\n', pos_);
    if (end == std::string_view::npos) end = text_.size();
    line = text_.substr(pos_, end - pos_);
    pos_ = end + 1;
    ++number_;
    while (!line.empty() && (line.back() == '\r' || line.back() == ' ' || line.back() == '\t')) {
      line.remove_suffix(1);
    }
    return true;
  }
  [[nodiscard]] std::size_t number() const { return number_; }
  [[nodiscard]] std::size_t offset() const { return pos_ < text_.size() ? pos_ : text_.size(); }

 private:
  std::string_view text_;
  std::size_t pos_ = 0;
  std::size_t number_ = 0;
};

// "-----BEGIN X-----" -> X (same for END); empty when the line is not such a boundary.
std::string_view boundary_label(std::string_view line, std::string_view prefix) {
  if (line.size() < prefix.size() + kDashes.size() || !line.starts_with(prefix) ||
      !line.ends_with(kDashes)) {
    return {};
  }
  return line.substr(prefix.size(), line.size() - prefix.size() - kDashes.size());
}

bool valid_label(std::string_view label) {
  // RFC 7468 §3: printable ASCII except '-', with single spaces or hyphens between words.
  if (label.empty() || label.front() == ' ' || label.back() == ' ') return false;
  for (const char c : label) {
    if (c < 0x20 || c > 0x7e) return false;
  }
  return label.find("  ") == std::string_view::npos;
}

}  // namespace

Result<std::vector<PemBlock>> pem_decode(std::string_view text) {
  std::vector<PemBlock> blocks;
  LineReader lines(text);
  std::string_view line;
  while (lines.next(line)) {
    const std::string_view label = boundary_label(line, kBegin);
    if (label.empty()) {
      if (!boundary_label(line, kEnd).empty()) {
        return fail_decode(fmt::format("PEM: END line without BEGIN at line {}", lines.number()));
      }
      continue;  // text between blocks
    }
    if (!valid_label(label)) {
      return fail_decode(fmt::format("PEM: invalid label at line {}", lines.number()));
    }
    const std::size_t begin_line = lines.number();
    PemBlock block;
    block.label = std::string(label);
    // The base64 text is as secret as the key it encodes: keep it in a wiped buffer.
    // Its size is bounded by the distance to the next END line.
    const std::size_t end_at = text.find(kEnd, lines.offset());
    SecretBytes body((end_at == std::string_view::npos ? text.size() : end_at) - lines.offset());
    std::size_t body_size = 0;
    bool in_headers = true;  // RFC 1421 headers may only open the block
    bool ended = false;
    while (lines.next(line)) {
      if (!boundary_label(line, kEnd).empty()) {
        if (boundary_label(line, kEnd) != label) {
          return fail_decode(fmt::format("PEM: {} block ends with \"{}\" at line {}", label, line,
                                         lines.number()));
        }
        ended = true;
        break;
      }
      if (!boundary_label(line, kBegin).empty()) {
        return fail_decode(
            fmt::format("PEM: {} block from line {} has no END line", label, begin_line));
      }
      if (in_headers && line.find(':') != std::string_view::npos) {
        if (!block.headers.empty()) block.headers.push_back('\n');
        block.headers.append(line);
        continue;
      }
      if (in_headers && !block.headers.empty()) {
        in_headers = false;
        if (line.empty()) continue;  // the blank line that closes RFC 1421 headers
      }
      in_headers = false;
      if (line.empty()) {
        return fail_decode(
            fmt::format("PEM: blank line inside {} at line {}", label, lines.number()));
      }
      for (const char c : line) {
        if (c == ' ' || c == '\t') {
          return fail_decode(
              fmt::format("PEM: space inside the base64 of {} at line {}", label, lines.number()));
        }
        if (body_size == body.size()) {  // text such as "AAAA-----END" ran past the bound
          return fail_decode(
              fmt::format("PEM: malformed {} body at line {}", label, lines.number()));
        }
        body.data()[body_size++] = static_cast<std::uint8_t>(c);
      }
    }
    if (!ended) {
      return fail_decode(
          fmt::format("PEM: {} block from line {} has no END line", label, begin_line));
    }
    auto der =
        base64_decode(std::string_view(reinterpret_cast<const char*>(body.data()), body_size));
    if (!der) {
      return fail_decode(
          fmt::format("PEM: {} block from line {}: {}", label, begin_line, der.error().detail));
    }
    block.der = std::move(*der);
    blocks.push_back(std::move(block));
  }
  return blocks;
}

Result<SecretBytes> read_file(const std::string& path) {
  const auto io_error = [&](std::string_view what) {
    return fail(
        ErrorCode::io, AlertDescription::internal_error,
        fmt::format("cannot {} {}: {}", what, path, std::generic_category().message(errno)));
  };
  // Read straight into the wiped buffer: no stream buffer keeps a copy of a key.
  std::FILE* f = std::fopen(path.c_str(), "rb");
  if (f == nullptr) return io_error("open");
  std::unique_ptr<std::FILE, int (*)(std::FILE*)> closer(f, std::fclose);
  if (std::fseek(f, 0, SEEK_END) != 0) return io_error("seek in");
  const long size = std::ftell(f);
  if (size < 0 || std::fseek(f, 0, SEEK_SET) != 0) return io_error("seek in");
  SecretBytes data(static_cast<std::size_t>(size));
  if (std::fread(data.data(), 1, data.size(), f) != data.size()) return io_error("read");
  return data;
}

std::string pem_encode(std::string_view label, std::span<const std::uint8_t> der) {
  const std::string b64 = base64_encode(der);
  std::string out = fmt::format("-----BEGIN {}-----\n", label);
  for (std::size_t i = 0; i < b64.size(); i += 64) {
    out.append(b64, i, 64);
    out.push_back('\n');
  }
  out += fmt::format("-----END {}-----\n", label);
  return out;
}

}  // namespace tlsx::crypto
