// The decoded content of the ClientHello extensions tlsx has a codec for, as plain values. Decoding
// uses the same codecs as the engine's negotiation, so a body decodes here exactly when the engine
// would accept it; values are kept as sent (GREASE and unknown code points included, wire order).
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <variant>
#include <vector>

#include "tlsx/client_hello_view.hpp"
#include "tlsx/code_points.hpp"
#include "tlsx/error.hpp"

namespace tlsx {
namespace hello_ext {

using Bytes = std::vector<std::uint8_t>;

/// server_name (0, RFC 6066 §3).
struct ServerName {
  std::optional<std::string> host_name;  ///< the host_name entry (valid ASCII), if any
  std::size_t entries = 0;               ///< entries in server_name_list
};
/// status_request (5, RFC 6066 §8).
struct StatusRequest {
  std::uint8_t status_type = 1;      ///< 1 = ocsp
  std::vector<Bytes> responder_ids;  ///< ocsp: DER ResponderIDs
  Bytes request_extensions;          ///< ocsp: DER Extensions
  Bytes other_request;               ///< any other status_type: the request, undecoded
};
/// supported_groups (10, RFC 8422 §5.1.1).
struct SupportedGroups {
  std::vector<NamedGroup> groups;
};
/// ec_point_formats (11, RFC 8422 §5.1.2): 0 uncompressed, 1 and 2 the compressed forms.
struct EcPointFormats {
  std::vector<std::uint8_t> formats;
};
/// signature_algorithms (13, RFC 5246 §7.4.1.4.1) or signature_algorithms_cert (50, RFC 8446
/// §4.2.3), told apart by `type`.
struct SignatureAlgorithms {
  ExtensionType type = ExtensionType::signature_algorithms;
  std::vector<SignatureScheme> schemes;
};
/// application_layer_protocol_negotiation (16, RFC 7301): protocol names as bytes.
struct Alpn {
  std::vector<Bytes> protocols;
};
/// padding (21, RFC 7685).
struct Padding {
  std::size_t length = 0;
};
/// compress_certificate (27, RFC 8879): 1 zlib, 2 brotli, 3 zstd.
struct CompressCertificate {
  std::vector<std::uint16_t> algorithms;
};
/// record_size_limit (28, RFC 8449).
struct RecordSizeLimit {
  std::uint16_t limit = 0;
};
/// session_ticket (35, RFC 5077): empty when the client has none but wants one.
struct SessionTicket {
  Bytes ticket;
};
/// supported_versions (43, RFC 8446 §4.2.1), the ClientHello form.
struct SupportedVersions {
  std::vector<ProtocolVersion> versions;
};
/// psk_key_exchange_modes (45, RFC 8446 §4.2.9): 0 psk_ke, 1 psk_dhe_ke.
struct PskKeyExchangeModes {
  std::vector<std::uint8_t> modes;
};
/// key_share (51, RFC 8446 §4.2.8), the ClientHello form.
struct KeyShare {
  struct Entry {
    NamedGroup group{};
    Bytes key_exchange;
  };
  std::vector<Entry> shares;
};
/// renegotiation_info (0xff01, RFC 5746 §3.2).
struct RenegotiationInfo {
  Bytes renegotiated_connection;
};
/// An extension whose body is empty by definition: extended_master_secret (23), encrypt_then_mac
/// (22), post_handshake_auth (49).
struct Flag {
  ExtensionType type{};
};

}  // namespace hello_ext

using HelloExtensionContent =
    std::variant<hello_ext::ServerName, hello_ext::StatusRequest, hello_ext::SupportedGroups,
                 hello_ext::EcPointFormats, hello_ext::SignatureAlgorithms, hello_ext::Alpn,
                 hello_ext::Padding, hello_ext::CompressCertificate, hello_ext::RecordSizeLimit,
                 hello_ext::SessionTicket, hello_ext::SupportedVersions,
                 hello_ext::PskKeyExchangeModes, hello_ext::KeyShare, hello_ext::RenegotiationInfo,
                 hello_ext::Flag>;

/// Decodes a ClientHello extension's body with tlsx's codec for its type. nullopt when tlsx has no
/// codec for the type (unknown or GREASE types); the codec's error (decode_error, or
/// illegal_parameter for values the RFC forbids) when the body does not decode.
[[nodiscard]] Result<std::optional<HelloExtensionContent>> decode_hello_extension(
    const HelloExtension& ext);

}  // namespace tlsx
