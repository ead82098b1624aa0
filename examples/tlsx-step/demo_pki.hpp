// The built-in demo PKI (tests/data/pki, compiled in): a root CA, a localhost server
// certificate and a client certificate whose private key is public test data. It lets tlsx-step run
// with no files at all; it protects nothing.
#pragma once

#include <string_view>

namespace tlsx::step {

[[nodiscard]] std::string_view demo_ca_pem() noexcept;
[[nodiscard]] std::string_view demo_server_chain_pem() noexcept;
[[nodiscard]] std::string_view demo_server_key_pem() noexcept;
/// A client certificate (extendedKeyUsage clientAuth) from the same CA, for --mtls.
[[nodiscard]] std::string_view demo_client_chain_pem() noexcept;
[[nodiscard]] std::string_view demo_client_key_pem() noexcept;

}  // namespace tlsx::step
