#include "handshake/trust_cache.hpp"

namespace tlsx::handshake {

Result<std::shared_ptr<const TrustStore>> system_trust_store() {
  static const Result<std::shared_ptr<const TrustStore>> cached =
      []() -> Result<std::shared_ptr<const TrustStore>> {
    auto store = TrustStore::system();
    if (!store) return std::unexpected(store.error());
    return std::make_shared<const TrustStore>(std::move(*store));
  }();
  return cached;
}

}  // namespace tlsx::handshake
