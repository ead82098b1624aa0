// signature_algorithms (RFC 5246 §7.4.1.4.1) and signature_algorithms_cert (RFC 8446 §4.2.3),
// which share one syntax:
//
//   struct {
//         HashAlgorithm hash;
//         SignatureAlgorithm signature;
//   } SignatureAndHashAlgorithm;
//
//   SignatureAndHashAlgorithm
//     supported_signature_algorithms<2..2^16-2>;
//
// Each pair is read as one SignatureScheme code point (RFC 8446 kept the TLS 1.2 pairs' values).
// The list is kept in preference order with unknown and GREASE entries.
#pragma once

#include <cstdint>
#include <vector>

#include "handshake/code_points.hpp"
#include "handshake/wire.hpp"
#include "tlsx/error.hpp"

namespace tlsx::handshake {

template <ExtensionType Type>
struct SignatureSchemeList {
  static constexpr ExtensionType kType = Type;

  std::vector<SignatureScheme> supported_signature_algorithms;  ///< 1..32767 entries

  [[nodiscard]] static Result<SignatureSchemeList> parse(ByteView data);
  [[nodiscard]] Result<void> serialize(std::vector<std::uint8_t>& out) const;

  friend bool operator==(const SignatureSchemeList&, const SignatureSchemeList&) = default;
};

extern template struct SignatureSchemeList<ExtensionType::signature_algorithms>;
extern template struct SignatureSchemeList<ExtensionType::signature_algorithms_cert>;

using SignatureAlgorithms = SignatureSchemeList<ExtensionType::signature_algorithms>;
using SignatureAlgorithmsCert = SignatureSchemeList<ExtensionType::signature_algorithms_cert>;

}  // namespace tlsx::handshake
