// The system trust store, loaded once per process and shared by every client engine that does
// not bring its own (parsing ~150 anchors per connection would dominate a handshake).
#pragma once

#include <memory>

#include "tlsx/x509.hpp"

namespace tlsx::handshake {

/// TrustStore::system(), loaded on first use; a load failure is returned every time.
[[nodiscard]] Result<std::shared_ptr<const TrustStore>> system_trust_store();

}  // namespace tlsx::handshake
