// psk_key_exchange_modes (RFC 8446 §4.2.9):
//
//   enum { psk_ke(0), psk_dhe_ke(1), (255) } PskKeyExchangeMode;
//
//   struct {
//       PskKeyExchangeMode ke_modes<1..255>;
//   } PskKeyExchangeModes;
//
// TLS 1.3 only; read for capture. Unknown modes are kept.
#pragma once

#include <cstdint>
#include <vector>

#include "handshake/code_points.hpp"
#include "handshake/wire.hpp"
#include "tlsx/error.hpp"

namespace tlsx::handshake {

/// PskKeyExchangeMode; a wire enum (unknown values kept).
enum class PskKeyExchangeMode : std::uint8_t { psk_ke = 0, psk_dhe_ke = 1 };

struct PskKeyExchangeModes {
  static constexpr ExtensionType kType = ExtensionType::psk_key_exchange_modes;

  std::vector<PskKeyExchangeMode> ke_modes;  ///< 1..255 entries

  [[nodiscard]] static Result<PskKeyExchangeModes> parse(ByteView data);
  [[nodiscard]] Result<void> serialize(std::vector<std::uint8_t>& out) const;

  friend bool operator==(const PskKeyExchangeModes&, const PskKeyExchangeModes&) = default;
};

}  // namespace tlsx::handshake
