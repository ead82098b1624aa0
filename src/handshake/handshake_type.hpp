// HandshakeType is public (include/tlsx/handshake_type.hpp); handshake code names it unqualified.
#pragma once

#include "tlsx/handshake_type.hpp"

namespace tlsx::handshake {
using tlsx::HandshakeType;
}  // namespace tlsx::handshake
