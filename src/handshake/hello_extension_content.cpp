// decode_hello_extension(): the engine's extension codecs (extensions/known_extension.hpp),
// translated into the public plain-value forms.
#include "tlsx/hello_extension_content.hpp"

#include <string>
#include <utility>

#include "handshake/extensions/known_extension.hpp"

namespace tlsx {
namespace {

namespace hs = handshake;
using Content = std::optional<HelloExtensionContent>;

template <class Enum>
std::vector<std::uint8_t> as_bytes(const std::vector<Enum>& values) {
  std::vector<std::uint8_t> out;
  out.reserve(values.size());
  for (Enum v : values) out.push_back(static_cast<std::uint8_t>(v));
  return out;
}

struct ToPublic {
  Content operator()(hs::ServerNameList& v) const {
    hello_ext::ServerName out;
    if (auto host = v.host_name()) out.host_name = std::string(*host);
    out.entries = v.server_name_list.size();
    return out;
  }
  Content operator()(hs::CertificateStatusRequest& v) const {
    return hello_ext::StatusRequest{static_cast<std::uint8_t>(v.status_type),
                                    std::move(v.responder_id_list), std::move(v.request_extensions),
                                    std::move(v.unknown_request)};
  }
  Content operator()(hs::SupportedGroups& v) const {
    return hello_ext::SupportedGroups{std::move(v.named_group_list)};
  }
  // Non-const like the others: the catch-all template would win over a const& overload.
  // cppcheck-suppress constParameter
  Content operator()(hs::EcPointFormats& v) const {
    return hello_ext::EcPointFormats{as_bytes(v.ec_point_format_list)};
  }
  Content operator()(hs::SignatureAlgorithms& v) const {
    return hello_ext::SignatureAlgorithms{ExtensionType::signature_algorithms,
                                          std::move(v.supported_signature_algorithms)};
  }
  Content operator()(hs::SignatureAlgorithmsCert& v) const {
    return hello_ext::SignatureAlgorithms{ExtensionType::signature_algorithms_cert,
                                          std::move(v.supported_signature_algorithms)};
  }
  Content operator()(hs::ProtocolNameList& v) const {
    return hello_ext::Alpn{std::move(v.protocol_name_list)};
  }
  Content operator()(hs::Padding& v) const { return hello_ext::Padding{v.length}; }
  Content operator()(hs::CompressCertificate& v) const {
    hello_ext::CompressCertificate out;
    for (auto a : v.algorithms) out.algorithms.push_back(static_cast<std::uint16_t>(a));
    return out;
  }
  Content operator()(hs::RecordSizeLimit& v) const { return hello_ext::RecordSizeLimit{v.limit}; }
  Content operator()(hs::SessionTicket& v) const {
    return hello_ext::SessionTicket{std::move(v.ticket)};
  }
  Content operator()(hs::SupportedVersionsClient& v) const {
    return hello_ext::SupportedVersions{std::move(v.versions)};
  }
  // Non-const like the others: the catch-all template would win over a const& overload.
  // cppcheck-suppress constParameter
  Content operator()(hs::PskKeyExchangeModes& v) const {
    return hello_ext::PskKeyExchangeModes{as_bytes(v.ke_modes)};
  }
  Content operator()(hs::KeyShareClientHello& v) const {
    hello_ext::KeyShare out;
    for (auto& share : v.client_shares) {
      out.shares.push_back({share.group, std::move(share.key_exchange)});
    }
    return out;
  }
  Content operator()(hs::RenegotiationInfo& v) const {
    return hello_ext::RenegotiationInfo{std::move(v.renegotiated_connection)};
  }
  Content operator()(hs::ExtendedMasterSecret&) const {
    return hello_ext::Flag{ExtensionType::extended_master_secret};
  }
  Content operator()(hs::EncryptThenMac&) const {
    return hello_ext::Flag{ExtensionType::encrypt_then_mac};
  }
  Content operator()(hs::PostHandshakeAuth&) const {
    return hello_ext::Flag{ExtensionType::post_handshake_auth};
  }
  // The ServerHello forms, which decoding as client_hello never produces.
  template <class ServerForm>
  Content operator()(ServerForm&) const {
    return std::nullopt;
  }
};

}  // namespace

Result<std::optional<HelloExtensionContent>> decode_hello_extension(const HelloExtension& ext) {
  auto decoded =
      hs::decode_extension(hs::Extension{ext.type, ext.body}, HandshakeType::client_hello);
  if (!decoded) return std::unexpected(std::move(decoded.error()));
  if (!decoded->has_value()) return Content();
  return std::visit(ToPublic{}, **decoded);
}

}  // namespace tlsx
