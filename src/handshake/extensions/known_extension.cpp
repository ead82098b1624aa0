#include "handshake/extensions/known_extension.hpp"

namespace tlsx::handshake {
namespace {

template <class Codec>
Result<std::optional<KnownExtension>> decode_as(const Extension& ext) {
  auto parsed = Codec::parse(ext.data);
  if (!parsed) return std::unexpected(std::move(parsed.error()));
  return std::optional<KnownExtension>(std::move(*parsed));
}

Result<std::optional<KnownExtension>> server_alpn(const Extension& ext) {
  auto parsed = ProtocolNameList::parse_server(ext.data);
  if (!parsed) return std::unexpected(std::move(parsed.error()));
  return std::optional<KnownExtension>(std::move(*parsed));
}

}  // namespace

Result<std::optional<KnownExtension>> decode_extension(const Extension& ext,
                                                       HandshakeType message) {
  const bool client = message == HandshakeType::client_hello;
  switch (ext.type) {
    case ExtensionType::server_name:
      return client ? decode_as<ServerNameList>(ext) : decode_as<ServerNameAck>(ext);
    case ExtensionType::status_request:
      return client ? decode_as<CertificateStatusRequest>(ext) : decode_as<StatusRequestAck>(ext);
    case ExtensionType::supported_groups:
      return decode_as<SupportedGroups>(ext);
    case ExtensionType::ec_point_formats:
      return decode_as<EcPointFormats>(ext);
    case ExtensionType::signature_algorithms:
      return decode_as<SignatureAlgorithms>(ext);
    case ExtensionType::signature_algorithms_cert:
      return decode_as<SignatureAlgorithmsCert>(ext);
    case ExtensionType::application_layer_protocol_negotiation:
      return client ? decode_as<ProtocolNameList>(ext) : server_alpn(ext);
    case ExtensionType::padding:
      return decode_as<Padding>(ext);
    case ExtensionType::encrypt_then_mac:
      return decode_as<EncryptThenMac>(ext);
    case ExtensionType::extended_master_secret:
      return decode_as<ExtendedMasterSecret>(ext);
    case ExtensionType::compress_certificate:
      return decode_as<CompressCertificate>(ext);
    case ExtensionType::record_size_limit:
      return decode_as<RecordSizeLimit>(ext);
    case ExtensionType::session_ticket:
      return decode_as<SessionTicket>(ext);
    case ExtensionType::supported_versions:
      return client ? decode_as<SupportedVersionsClient>(ext)
                    : decode_as<SupportedVersionsServer>(ext);
    case ExtensionType::psk_key_exchange_modes:
      return decode_as<PskKeyExchangeModes>(ext);
    case ExtensionType::post_handshake_auth:
      return decode_as<PostHandshakeAuth>(ext);
    case ExtensionType::key_share:
      if (client) return decode_as<KeyShareClientHello>(ext);
      return std::optional<KnownExtension>();
    case ExtensionType::renegotiation_info:
      return decode_as<RenegotiationInfo>(ext);
    default:
      return std::optional<KnownExtension>();
  }
}

Result<Extension> encode_extension(const KnownExtension& ext) {
  return std::visit([](const auto& codec) { return make_extension(codec); }, ext);
}

}  // namespace tlsx::handshake
