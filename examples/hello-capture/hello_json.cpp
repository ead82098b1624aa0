#include "hello_json.hpp"

#include <type_traits>
#include <variant>

#include <fmt/format.h>

#include "capture/fingerprint_input.hpp"
#include "capture/hex_digest.hpp"
#include "capture/ja3.hpp"
#include "capture/ja4.hpp"
#include "handshake/client_hello.hpp"
#include "handshake/extensions/known_extension.hpp"
#include "iana_names.hpp"

namespace hello_capture {
namespace {

using json = Json;
namespace hs = tlsx::handshake;
using tlsx::capture::to_hex;

constexpr std::size_t kHandshakeHeaderSize = 4;

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

  void operator()(const hs::ServerNameList& v) const {
    if (auto host = v.host_name())
      entry["server_name"] = std::string(*host);
    else
      entry["server_name"] = nullptr;
    if (v.server_name_list.size() > 1) entry["names"] = v.server_name_list.size();
  }
  void operator()(const hs::CertificateStatusRequest& v) const {
    entry["status_type"] = small_enum_label(static_cast<std::uint8_t>(v.status_type), {"", "ocsp"});
    if (v.status_type == hs::CertificateStatusType::ocsp) {
      entry["responder_ids"] = v.responder_id_list.size();
      entry["request_extensions_length"] = v.request_extensions.size();
    } else {
      entry["request"] = to_hex(v.unknown_request);
    }
  }
  void operator()(const hs::SupportedGroups& v) const {
    entry["supported_groups"] = labelled_list(NameTable::supported_group, v.named_group_list);
  }
  void operator()(const hs::EcPointFormats& v) const {
    json formats = json::array();
    for (auto f : v.ec_point_format_list) {
      formats.push_back(small_enum_label(
          static_cast<std::uint8_t>(f),
          {"uncompressed", "ansiX962_compressed_prime", "ansiX962_compressed_char2"}));
    }
    entry["ec_point_formats"] = std::move(formats);
  }
  void operator()(const hs::SignatureAlgorithms& v) const {
    entry["signature_algorithms"] =
        labelled_list(NameTable::signature_scheme, v.supported_signature_algorithms);
  }
  void operator()(const hs::SignatureAlgorithmsCert& v) const {
    entry["signature_algorithms"] =
        labelled_list(NameTable::signature_scheme, v.supported_signature_algorithms);
  }
  void operator()(const hs::ProtocolNameList& v) const {
    json names = json::array();
    for (const auto& name : v.protocol_name_list) names.push_back(printable(name));
    entry["protocols"] = std::move(names);
  }
  void operator()(const hs::Padding& v) const { entry["padding_length"] = v.length; }
  void operator()(const hs::CompressCertificate& v) const {
    json algorithms = json::array();
    for (auto a : v.algorithms) {
      const auto value = static_cast<std::uint16_t>(a);
      algorithms.push_back(small_enum_label(value <= 0xff ? static_cast<std::uint8_t>(value) : 0xff,
                                            {"", "zlib", "brotli", "zstd"}));
    }
    entry["algorithms"] = std::move(algorithms);
  }
  void operator()(const hs::RecordSizeLimit& v) const { entry["record_size_limit"] = v.limit; }
  void operator()(const hs::SessionTicket& v) const { entry["ticket_length"] = v.ticket.size(); }
  void operator()(const hs::SupportedVersionsClient& v) const {
    json versions = json::array();
    for (auto version : v.versions)
      versions.push_back(version_label(static_cast<std::uint16_t>(version)));
    entry["versions"] = std::move(versions);
  }
  void operator()(const hs::PskKeyExchangeModes& v) const {
    json modes = json::array();
    for (auto m : v.ke_modes) {
      modes.push_back(small_enum_label(static_cast<std::uint8_t>(m), {"psk_ke", "psk_dhe_ke"}));
    }
    entry["modes"] = std::move(modes);
  }
  void operator()(const hs::KeyShareClientHello& v) const {
    json shares = json::array();
    for (const auto& share : v.client_shares) {
      shares.push_back(
          {{"group", labelled(NameTable::supported_group, static_cast<std::uint16_t>(share.group))},
           {"length", share.key_exchange.size()}});
    }
    entry["key_shares"] = std::move(shares);
  }
  void operator()(const hs::RenegotiationInfo& v) const {
    entry["renegotiated_connection"] = to_hex(v.renegotiated_connection);
  }
  // Empty by definition (extended_master_secret, encrypt_then_mac, post_handshake_auth), and the
  // ServerHello forms, which a ClientHello never decodes to.
  template <class Other>
  void operator()(const Other&) const {}
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

json describe_extension(const hs::Extension& ext) {
  const auto value = static_cast<std::uint16_t>(ext.type);
  json entry = {{"value", hex_value(value)}};
  const std::string_view name = iana_name(NameTable::extension_type, value);
  entry["name"] = name.empty() ? std::string_view("unknown") : name;
  entry["length"] = ext.data.size();
  if (tlsx::is_grease(value)) {
    entry["grease"] = true;
    entry["data"] = to_hex(ext.data);
    return entry;
  }
  auto decoded = hs::decode_extension(ext, tlsx::HandshakeType::client_hello);
  if (!decoded) {
    entry["data"] = to_hex(ext.data);
    entry["decode_error"] = decoded.error().message();
  } else if (const std::optional<hs::KnownExtension>& known = *decoded; known.has_value()) {
    std::visit(ContentWriter{entry}, known.value());
  } else {
    entry["data"] = to_hex(ext.data);  // no codec: unknown or not decoded by tlsx
  }
  return entry;
}

DescribedHello describe_hello_message(std::span<const std::uint8_t> message) {
  DescribedHello out;
  json& tls = out.tls;
  tls = json::object();
  auto body_or_error = [&]() -> tlsx::Result<hs::ClientHello> {
    if (message.size() < kHandshakeHeaderSize || message[0] != 1) {
      return tlsx::fail_decode("not a ClientHello handshake message");
    }
    return hs::ClientHello::parse(message.subspan(kHandshakeHeaderSize));
  }();
  if (!body_or_error) {
    const std::string error = body_or_error.error().message();
    out.parse_error = error;
    tls["raw"] = to_hex(message);
    tls["parse_error"] = error;
    return out;
  }
  const hs::ClientHello& hello = *body_or_error;
  tls["client_version"] = hex_value(static_cast<std::uint16_t>(hello.client_version));
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
  for (const hs::Extension& ext : hello.extensions) extensions.push_back(describe_extension(ext));
  tls["extensions"] = std::move(extensions);

  const tlsx::capture::FingerprintInput in = tlsx::capture::fingerprint_input(hello);
  const tlsx::capture::Ja3 ja3 = tlsx::capture::ja3(in);
  const tlsx::capture::Ja3 ja3n = tlsx::capture::ja3n(in);
  const tlsx::capture::Ja4 ja4 = tlsx::capture::ja4(in);
  tls["ja3"] = ja3.text;
  tls["ja3_hash"] = ja3.hash;
  tls["ja3n"] = ja3n.text;
  tls["ja3n_hash"] = ja3n.hash;
  tls["ja4"] = ja4.ja4;
  tls["ja4_r"] = ja4.ja4_r;
  tls["ja4_o"] = ja4.ja4_o;
  tls["ja4_ro"] = ja4.ja4_ro;
  tls["raw"] = to_hex(message);
  return out;
}

}  // namespace hello_capture
