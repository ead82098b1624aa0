// Which cipher suites, groups and signature schemes an engine offers or accepts, from its config
// and what its crypto provider implements.
#pragma once

#include <optional>
#include <vector>

#include "handshake/cipher_suites.hpp"
#include "tlsx/config.hpp"
#include "tlsx/crypto/provider.hpp"

namespace tlsx::handshake {

/// True when the provider implements the suite's record cipher and MAC.
[[nodiscard]] bool provider_supports(const crypto::Provider& provider,
                                     const CipherSuiteInfo& suite);

/// The suites an engine uses, in preference order: config.cipher_suites when set (unknown or
/// unimplemented ones are ErrorCode::invalid_argument), otherwise the defaults for config.policy.
/// Suites the provider cannot run are dropped; an empty result is ErrorCode::invalid_argument.
[[nodiscard]] Result<std::vector<const CipherSuiteInfo*>> enabled_suites(
    const CommonConfig& config);

/// The ECDHE groups tlsx implements that the config enables (default {x25519}).
[[nodiscard]] Result<std::vector<NamedGroup>> enabled_groups(const CommonConfig& config);

/// The RSA signature schemes the config enables (default PSS then PKCS#1, SHA-256/384/512).
[[nodiscard]] Result<std::vector<SignatureScheme>> enabled_signature_schemes(
    const CommonConfig& config);

/// How a scheme signs: its hash and whether it is RSASSA-PSS. nullopt for schemes tlsx cannot
/// produce or check (ECDSA for now, EdDSA, rsa_pss_pss_*).
struct RsaSchemeInfo {
  crypto::HashAlgorithm hash;
  bool pss;
};
[[nodiscard]] std::optional<RsaSchemeInfo> rsa_scheme_info(SignatureScheme scheme) noexcept;

}  // namespace tlsx::handshake
