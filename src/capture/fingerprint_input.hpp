// The ClientHello fields that TLS client fingerprints (JA3, JA4) are made of, pulled out of a
// parsed hello once, in wire order and with GREASE values kept: each fingerprint applies its own
// filtering and sorting rules, and tests can build an input by hand.
#pragma once

#include <cstdint>
#include <optional>
#include <vector>

#include "handshake/client_hello.hpp"
#include "tlsx/client_hello_view.hpp"

namespace tlsx::capture {

struct FingerprintInput {
  std::uint16_t client_version = 0;                 ///< ClientHello.client_version (legacy_version)
  std::vector<std::uint16_t> cipher_suites;         ///< wire order
  std::vector<std::uint16_t> extensions;            ///< extension types, wire order
  std::vector<std::uint16_t> supported_groups;      ///< supported_groups (10)
  std::vector<std::uint8_t> ec_point_formats;       ///< ec_point_formats (11)
  std::vector<std::uint16_t> signature_algorithms;  ///< signature_algorithms (13) only
  std::vector<std::uint16_t> supported_versions;    ///< supported_versions (43)
  bool has_server_name = false;                     ///< a server_name (0) extension was sent
  /// The ALPN protocol names (16) in wire order; nullopt without the extension.
  std::optional<std::vector<std::vector<std::uint8_t>>> alpn;
};

/// Extracts the fields. An extension whose content does not decode (a well-formed hello may still
/// carry e.g. an odd-length supported_groups) counts by its type, and contributes an empty list:
/// fingerprints describe what could be read, and never fail.
[[nodiscard]] FingerprintInput fingerprint_input(const ClientHelloView& hello);
/// The same for the engine's parsed form (tests and tools that hold one).
[[nodiscard]] FingerprintInput fingerprint_input(const handshake::ClientHello& hello);

}  // namespace tlsx::capture
