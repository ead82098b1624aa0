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

/// The ECDHE groups tlsx implements that the config enables (default x25519, secp256r1,
/// secp384r1).
[[nodiscard]] Result<std::vector<NamedGroup>> enabled_groups(const CommonConfig& config);

/// The signature schemes the config enables (default ECDSA P-256/SHA-256 and P-384/SHA-384, then
/// RSA PSS and PKCS#1 with SHA-256/384/512).
[[nodiscard]] Result<std::vector<SignatureScheme>> enabled_signature_schemes(
    const CommonConfig& config);

/// How a scheme signs: its hash and whether it is RSASSA-PSS. nullopt for schemes tlsx cannot
/// produce or check with an RSA key (ECDSA, EdDSA, rsa_pss_pss_*).
struct RsaSchemeInfo {
  crypto::HashAlgorithm hash;
  bool pss;
};
[[nodiscard]] std::optional<RsaSchemeInfo> rsa_scheme_info(SignatureScheme scheme) noexcept;

/// The hash of an ECDSA scheme tlsx implements (ecdsa_secp256r1_sha256, ecdsa_secp384r1_sha384);
/// nullopt for every other scheme. In TLS 1.2 the code point is the pair {hash, ecdsa} (RFC 5246
/// §7.4.1.4.1): the curve in the TLS 1.3 name does not bind the key's curve.
[[nodiscard]] std::optional<crypto::HashAlgorithm> ecdsa_scheme_hash(
    SignatureScheme scheme) noexcept;

}  // namespace tlsx::handshake
