#include "capture/fingerprint_input.hpp"

#include "handshake/extensions/alpn.hpp"
#include "handshake/extensions/ec_point_formats.hpp"
#include "handshake/extensions/signature_algorithms.hpp"
#include "handshake/extensions/supported_groups.hpp"
#include "handshake/extensions/supported_versions.hpp"

namespace tlsx::capture {
namespace {

template <class Enum>
std::vector<std::uint16_t> as_u16(const std::vector<Enum>& values) {
  std::vector<std::uint16_t> out;
  out.reserve(values.size());
  for (Enum v : values) out.push_back(static_cast<std::uint16_t>(v));
  return out;
}

}  // namespace

FingerprintInput fingerprint_input(const handshake::ClientHello& hello) {
  return fingerprint_input(handshake::to_view(hello));
}

FingerprintInput fingerprint_input(const ClientHelloView& hello) {
  FingerprintInput in;
  in.client_version = static_cast<std::uint16_t>(hello.legacy_version);
  in.cipher_suites = as_u16(hello.cipher_suites);
  for (const HelloExtension& ext : hello.extensions) {
    in.extensions.push_back(static_cast<std::uint16_t>(ext.type));
    switch (ext.type) {
      case ExtensionType::server_name:
        in.has_server_name = true;
        break;
      case ExtensionType::supported_groups:
        if (auto groups = handshake::SupportedGroups::parse(ext.body)) {
          in.supported_groups = as_u16(groups->named_group_list);
        }
        break;
      case ExtensionType::ec_point_formats:
        if (auto formats = handshake::EcPointFormats::parse(ext.body)) {
          for (auto f : formats->ec_point_format_list) {
            in.ec_point_formats.push_back(static_cast<std::uint8_t>(f));
          }
        }
        break;
      case ExtensionType::signature_algorithms:
        if (auto schemes = handshake::SignatureAlgorithms::parse(ext.body)) {
          in.signature_algorithms = as_u16(schemes->supported_signature_algorithms);
        }
        break;
      case ExtensionType::supported_versions:
        if (auto versions = handshake::SupportedVersionsClient::parse(ext.body)) {
          in.supported_versions = as_u16(versions->versions);
        }
        break;
      case ExtensionType::application_layer_protocol_negotiation:
        if (auto list = handshake::ProtocolNameList::parse(ext.body)) {
          in.alpn = std::move(list->protocol_name_list);
        } else {
          in.alpn.emplace();
        }
        break;
      default:
        break;
    }
  }
  return in;
}

}  // namespace tlsx::capture
