#include "hello_json.hpp"

#include <type_traits>
#include <variant>

#include <fmt/format.h>

#include "hex_text.hpp"
#include "iana_names.hpp"
#include "tlsx/client_fingerprint.hpp"
#include "tlsx/client_hello_view.hpp"
#include "tlsx/hello_extension_content.hpp"

namespace hello_capture {
namespace {

using json = Json;
namespace ext = tlsx::hello_ext;

template <class Enum>
json labelled_list(NameTable table, const std::vector<Enum>& values) {
  json out = json::array();
  for (Enum v : values) out.push_back(labelled(table, static_cast<std::uint16_t>(v)));
  return out;
}

std::string version_label(std::uint16_t version) {
  if (tlsx::is_grease(version)) return fmt::format("GREASE ({})", hex_value(version));
  // A wire enum: any 16-bit value is valid (the names cover the known ones).
  // NOLINTNEXTLINE(clang-analyzer-optin.core.EnumCastOutOfRange)
  const std::string_view name = tlsx::name(static_cast<tlsx::ProtocolVersion>(version));
  return fmt::format("{} ({})", name.empty() ? std::string_view("unknown") : name,
                     hex_value(version));
}

std::string small_enum_label(std::uint8_t value, std::initializer_list<std::string_view> names) {
  const std::string_view name =
      value < names.size() ? *(names.begin() + value) : std::string_view("unknown");
  return fmt::format("{} ({})", name.empty() ? std::string_view("unknown") : name, value);
}

// Adds the decoded fields of one known extension to its entry.
struct ContentWriter {
  json& entry;

  void operator()(const ext::ServerName& v) const {
    if (v.host_name)
      entry["server_name"] = *v.host_name;
    else
      entry["server_name"] = nullptr;
    if (v.entries > 1) entry["names"] = v.entries;
  }
  void operator()(const ext::StatusRequest& v) const {
    entry["status_type"] = small_enum_label(v.status_type, {"", "ocsp"});
    if (v.status_type == 1) {
      entry["responder_ids"] = v.responder_ids.size();
      entry["request_extensions_length"] = v.request_extensions.size();
    } else {
      entry["request"] = to_hex(v.other_request);
    }
  }
  void operator()(const ext::SupportedGroups& v) const {
    entry["supported_groups"] = labelled_list(NameTable::supported_group, v.groups);
  }
  void operator()(const ext::EcPointFormats& v) const {
    json formats = json::array();
    for (std::uint8_t f : v.formats) {
      formats.push_back(small_enum_label(
          f, {"uncompressed", "ansiX962_compressed_prime", "ansiX962_compressed_char2"}));
    }
    entry["ec_point_formats"] = std::move(formats);
  }
  void operator()(const ext::SignatureAlgorithms& v) const {
    entry["signature_algorithms"] = labelled_list(NameTable::signature_scheme, v.schemes);
  }
  void operator()(const ext::Alpn& v) const {
    json names = json::array();
    for (const auto& name : v.protocols) names.push_back(printable(name));
    entry["protocols"] = std::move(names);
  }
  void operator()(const ext::Padding& v) const { entry["padding_length"] = v.length; }
  void operator()(const ext::CompressCertificate& v) const {
    json algorithms = json::array();
    for (std::uint16_t a : v.algorithms) {
      algorithms.push_back(small_enum_label(a <= 0xff ? static_cast<std::uint8_t>(a) : 0xff,
                                            {"", "zlib", "brotli", "zstd"}));
    }
    entry["algorithms"] = std::move(algorithms);
  }
  void operator()(const ext::RecordSizeLimit& v) const { entry["record_size_limit"] = v.limit; }
  void operator()(const ext::SessionTicket& v) const { entry["ticket_length"] = v.ticket.size(); }
  void operator()(const ext::SupportedVersions& v) const {
    json versions = json::array();
    for (auto version : v.versions)
      versions.push_back(version_label(static_cast<std::uint16_t>(version)));
    entry["versions"] = std::move(versions);
  }
  void operator()(const ext::PskKeyExchangeModes& v) const {
    json modes = json::array();
    for (std::uint8_t m : v.modes) modes.push_back(small_enum_label(m, {"psk_ke", "psk_dhe_ke"}));
    entry["modes"] = std::move(modes);
  }
  void operator()(const ext::KeyShare& v) const {
    json shares = json::array();
    for (const auto& share : v.shares) {
      shares.push_back(
          {{"group", labelled(NameTable::supported_group, static_cast<std::uint16_t>(share.group))},
           {"length", share.key_exchange.size()}});
    }
    entry["key_shares"] = std::move(shares);
  }
  void operator()(const ext::RenegotiationInfo& v) const {
    entry["renegotiated_connection"] = to_hex(v.renegotiated_connection);
  }
  // Empty by definition (extended_master_secret, encrypt_then_mac, post_handshake_auth).
  void operator()(const ext::Flag&) const {}
};

json describe_cipher_suite(std::uint16_t value) {
  json suite = {{"value", hex_value(value)}};
  const std::string_view name = iana_name(NameTable::cipher_suite, value);
  suite["name"] = name.empty() ? std::string_view("unknown") : name;
  if (tlsx::is_grease(value)) suite["grease"] = true;
  return suite;
}

}  // namespace

std::string printable(std::span<const std::uint8_t> bytes) {
  std::string out;
  for (std::uint8_t b : bytes) {
    if (b >= 0x20 && b < 0x7f && b != '\\')
      out.push_back(static_cast<char>(b));
    else
      out += fmt::format("\\x{:02x}", b);
  }
  return out;
}

json describe_extension(const tlsx::HelloExtension& ext) {
  const auto value = static_cast<std::uint16_t>(ext.type);
  json entry = {{"value", hex_value(value)}};
  const std::string_view name = iana_name(NameTable::extension_type, value);
  entry["name"] = name.empty() ? std::string_view("unknown") : name;
  entry["length"] = ext.body.size();
  if (tlsx::is_grease(value)) {
    entry["grease"] = true;
    entry["data"] = to_hex(ext.body);
    return entry;
  }
  auto decoded = tlsx::decode_hello_extension(ext);
  if (!decoded) {
    entry["data"] = to_hex(ext.body);
    entry["decode_error"] = decoded.error().message();
  } else if (const auto& content = *decoded; content.has_value()) {
    std::visit(ContentWriter{entry}, content.value());
  } else {
    entry["data"] = to_hex(ext.body);  // no codec: unknown or not decoded by tlsx
  }
  return entry;
}

DescribedHello describe_hello_message(std::span<const std::uint8_t> message) {
  DescribedHello out;
  json& tls = out.tls;
  tls = json::object();
  const tlsx::Result<tlsx::ClientHelloView> parsed = tlsx::parse_client_hello(message);
  if (!parsed) {
    const std::string error = parsed.error().message();
    out.parse_error = error;
    tls["raw"] = to_hex(message);
    tls["parse_error"] = error;
    return out;
  }
  const tlsx::ClientHelloView& hello = *parsed;
  tls["client_version"] = hex_value(static_cast<std::uint16_t>(hello.legacy_version));
  tls["client_random"] = to_hex(hello.random);
  tls["session_id"] = to_hex(hello.session_id);
  json suites = json::array();
  for (auto suite : hello.cipher_suites) {
    suites.push_back(describe_cipher_suite(static_cast<std::uint16_t>(suite)));
  }
  tls["cipher_suites"] = std::move(suites);
  json compression = json::array();
  for (std::uint8_t method : hello.compression_methods) compression.push_back(hex_value(method, 2));
  tls["compression_methods"] = std::move(compression);
  json extensions = json::array();
  for (const tlsx::HelloExtension& ext : hello.extensions) {
    extensions.push_back(describe_extension(ext));
  }
  tls["extensions"] = std::move(extensions);

  const tlsx::ClientFingerprints fp = tlsx::fingerprint_client_hello(hello);
  tls["ja3"] = fp.ja3;
  tls["ja3_hash"] = fp.ja3_hash;
  tls["ja3n"] = fp.ja3n;
  tls["ja3n_hash"] = fp.ja3n_hash;
  tls["ja4"] = fp.ja4;
  tls["ja4_r"] = fp.ja4_r;
  tls["ja4_o"] = fp.ja4_o;
  tls["ja4_ro"] = fp.ja4_ro;
  tls["raw"] = to_hex(message);
  return out;
}

}  // namespace hello_capture
