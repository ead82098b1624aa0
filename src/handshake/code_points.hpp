// The wire code points are public (include/tlsx/code_points.hpp): applications configure suites,
// groups and schemes with them and observers see them. Handshake code names them unqualified.
#pragma once

#include "tlsx/code_points.hpp"

namespace tlsx::handshake {
using tlsx::CipherSuite;
using tlsx::CodePointName;
using tlsx::ExtensionType;
using tlsx::HandshakeType;
using tlsx::is_grease;
using tlsx::NamedGroup;
using tlsx::ProtocolVersion;
using tlsx::SignatureScheme;
}  // namespace tlsx::handshake
