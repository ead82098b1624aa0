// compress_certificate (RFC 8879 §3):
//
//   enum {
//       zlib(1),
//       brotli(2),
//       zstd(3),
//       (65535)
//   } CertificateCompressionAlgorithm;
//
//   struct {
//       CertificateCompressionAlgorithm algorithms<2..2^8-2>;
//   } CertificateCompressionAlgorithms;
//
// TLS 1.3 only (certificate compression does not exist in TLS 1.2); read for capture.
#pragma once

#include <cstdint>
#include <vector>

#include "handshake/code_points.hpp"
#include "handshake/wire.hpp"
#include "tlsx/error.hpp"

namespace tlsx::handshake {

/// CertificateCompressionAlgorithm; a wire enum (unknown values kept).
enum class CertificateCompressionAlgorithm : std::uint16_t { zlib = 1, brotli = 2, zstd = 3 };

struct CompressCertificate {
  static constexpr ExtensionType kType = ExtensionType::compress_certificate;

  std::vector<CertificateCompressionAlgorithm> algorithms;  ///< 1..127 entries

  [[nodiscard]] static Result<CompressCertificate> parse(ByteView data);
  [[nodiscard]] Result<void> serialize(std::vector<std::uint8_t>& out) const;

  friend bool operator==(const CompressCertificate&, const CompressCertificate&) = default;
};

}  // namespace tlsx::handshake
