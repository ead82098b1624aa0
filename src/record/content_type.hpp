// Record-layer content types (RFC 5246 §6.2.1) and the protocol version and size constants the
// record layer enforces.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>

namespace tlsx::record {

/// TLSPlaintext.type. The enum keeps unknown wire values; is_known() tells them apart.
enum class ContentType : std::uint8_t {
  change_cipher_spec = 20,
  alert = 21,
  handshake = 22,
  application_data = 23,
};

/// True for the four content types TLS 1.2 defines (RFC 5246 §6.2.1).
[[nodiscard]] constexpr bool is_known(ContentType type) noexcept {
  switch (type) {
    case ContentType::change_cipher_spec:
    case ContentType::alert:
    case ContentType::handshake:
    case ContentType::application_data:
      return true;
    default:
      return false;
  }
}

/// "handshake", "application_data", ... or "unknown(0x..)".
[[nodiscard]] std::string to_string(ContentType type);

/// ProtocolVersion {3, 3} = TLS 1.2 (RFC 5246 §6.2.1).
inline constexpr std::uint16_t kTls12 = 0x0303;
/// Size of the record header: type(1) || version(2) || length(2).
inline constexpr std::size_t kRecordHeaderSize = 5;
/// TLSPlaintext.length MUST NOT exceed 2^14 (RFC 5246 §6.2.1).
inline constexpr std::size_t kMaxPlaintextSize = std::size_t{1} << 14;
/// TLSCiphertext.length MUST NOT exceed 2^14 + 2048 (RFC 5246 §6.2.3).
inline constexpr std::size_t kMaxCiphertextSize = kMaxPlaintextSize + 2048;

}  // namespace tlsx::record
