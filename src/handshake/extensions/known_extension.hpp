// Every extension tlsx has a typed codec for, as one variant, decoded from the generic
// (type, data) form by type and by the hello it came in (several extensions have a different
// syntax in the ServerHello). For generic consumers: the observer's decoded view, capture output,
// course mode, tests and the fuzzer. The negotiation calls the typed codecs directly.
#pragma once

#include <optional>
#include <variant>

#include "handshake/extension.hpp"
#include "handshake/extensions/alpn.hpp"
#include "handshake/extensions/compress_certificate.hpp"
#include "handshake/extensions/ec_point_formats.hpp"
#include "handshake/extensions/empty_extension.hpp"
#include "handshake/extensions/key_share.hpp"
#include "handshake/extensions/padding.hpp"
#include "handshake/extensions/psk_key_exchange_modes.hpp"
#include "handshake/extensions/record_size_limit.hpp"
#include "handshake/extensions/renegotiation_info.hpp"
#include "handshake/extensions/server_name.hpp"
#include "handshake/extensions/session_ticket.hpp"
#include "handshake/extensions/signature_algorithms.hpp"
#include "handshake/extensions/status_request.hpp"
#include "handshake/extensions/supported_groups.hpp"
#include "handshake/extensions/supported_versions.hpp"
#include "handshake/handshake_type.hpp"

namespace tlsx::handshake {

using KnownExtension =
    std::variant<ServerNameList, ServerNameAck, CertificateStatusRequest, StatusRequestAck,
                 SupportedGroups, EcPointFormats, SignatureAlgorithms, SignatureAlgorithmsCert,
                 ProtocolNameList, Padding, EncryptThenMac, ExtendedMasterSecret,
                 CompressCertificate, RecordSizeLimit, SessionTicket, SupportedVersionsClient,
                 SupportedVersionsServer, PskKeyExchangeModes, PostHandshakeAuth,
                 KeyShareClientHello, RenegotiationInfo>;

/// Decodes ext with the codec for its type as sent in `message` (client_hello or server_hello).
/// nullopt when tlsx has no codec for that type in that message (unknown, GREASE, or a
/// ServerHello form tlsx does not read, such as a TLS 1.3 key_share); an error when the codec
/// rejects the data.
[[nodiscard]] Result<std::optional<KnownExtension>> decode_extension(const Extension& ext,
                                                                     HandshakeType message);

/// Re-encodes a decoded extension into the generic form.
[[nodiscard]] Result<Extension> encode_extension(const KnownExtension& ext);

}  // namespace tlsx::handshake
