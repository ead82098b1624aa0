// Internal view of the libsodium backend, for default_provider() and the tests.
#pragma once

namespace tlsx::crypto::sodium {

/// True when libsodium's AES-256-GCM can run here (it needs AES-NI and PCLMULQDQ). Calls
/// sodium_init() first if nobody has.
[[nodiscard]] bool aes256gcm_available() noexcept;

}  // namespace tlsx::crypto::sodium
