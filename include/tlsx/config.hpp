// Configuration of a TLS 1.2 client or server engine.
//
// A config is a plain struct: fill in what you need, leave the rest at its defaults (which are
// safe: certificate verification on, extended master secret on, AEAD suites first). One config
// may serve many engines and threads at once; engines copy what they need and keep a shared_ptr
// to keys and trust stores, so those outlive the config. Raw pointers in a config (provider,
// observer) are borrowed: they must outlive every engine made from it.
#pragma once

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "tlsx/code_points.hpp"
#include "tlsx/crypto/provider.hpp"
#include "tlsx/error.hpp"
#include "tlsx/session.hpp"
#include "tlsx/x509.hpp"

namespace tlsx {

class Observer;

/// The private half of a certificate. tlsx calls it to sign ServerKeyExchange/CertificateVerify
/// and to decrypt an RSA-encrypted pre-master secret. Implement it to keep the key in an HSM or a
/// remote signer; make_private_key_operations() wraps a key loaded from a file.
class PrivateKeyOperations {
 public:
  virtual ~PrivateKeyOperations() = default;
  /// What the key is. Defaults to RSA so that implementations written before ECDSA keys still
  /// compile; an EC implementation must override it (tlsx picks suites and schemes by it).
  [[nodiscard]] virtual KeyAlgorithm algorithm() const noexcept { return KeyAlgorithm::rsa; }
  /// Modulus size of the RSA key, in bits (0 for an EC key).
  [[nodiscard]] virtual std::size_t rsa_bits() const noexcept = 0;
  /// Signs message (not pre-hashed) with a scheme that fits algorithm(): rsa_pkcs1_* or
  /// rsa_pss_rsae_* for RSA; ecdsa_secp256r1_sha256 for ecdsa_p256 and ecdsa_secp384r1_sha384
  /// for ecdsa_p384, giving a DER Ecdsa-Sig-Value (RFC 8422 §5.4). Another scheme is
  /// ErrorCode::invalid_argument.
  [[nodiscard]] virtual Result<std::vector<std::uint8_t>> sign(
      SignatureScheme scheme, std::span<const std::uint8_t> message) const = 0;
  /// PKCS#1 v1.5 decryption with implicit rejection (RFC 5246 §7.4.7.1): writes out.size()
  /// bytes and returns 0xff if the padding was valid and the message exactly out.size() bytes
  /// long, 0x00 otherwise, in time independent of which. Errors only for public problems (the
  /// ciphertext's length differs from the modulus, or it is not below the modulus) and for keys
  /// that cannot decrypt (EC: ErrorCode::invalid_argument).
  [[nodiscard]] virtual Result<std::uint8_t> decrypt_pkcs1_implicit(
      std::span<const std::uint8_t> ciphertext, std::span<std::uint8_t> out) const = 0;
};

/// Wraps a key loaded with PrivateKey::from_pem[_file] (RSA or EC); uses provider for hashing
/// and randomness (RSA blinding, PSS salts, the ECDSA nonce's extra entropy).
[[nodiscard]] std::shared_ptr<const PrivateKeyOperations> make_private_key_operations(
    PrivateKey key, const crypto::Provider& provider = crypto::default_provider());

/// A certificate chain (leaf first) with the operations of its leaf's private key.
struct CertifiedKey {
  CertificateChain chain;
  std::shared_ptr<const PrivateKeyOperations> key;

  /// Loads a chain and a key (RSA or EC, see PrivateKey::from_pem) from PEM files as `openssl
  /// req -x509`/`openssl genrsa`/`openssl ecparam -genkey` write them, and checks that the key
  /// matches the leaf's public key (RSA modulus, or EC curve and point).
  static Result<CertifiedKey> from_pem_files(const std::string& chain_path,
                                             const std::string& key_path);
};

/// Extended master secret (RFC 7627) policy.
enum class EmsMode : std::uint8_t {
  off,      ///< never offer or accept it (interop testing only: the handshake is then
            ///< vulnerable to triple-handshake attacks)
  on,       ///< offer/accept it; proceed without it when the peer does not support it
  require,  ///< abort with handshake_failure when the peer does not support it
};

/// The one-line security policy for default cipher suites.
enum class SuitePolicy : std::uint8_t {
  /// ECDHE with AEAD first, then ECDHE with CBC, then RSA key exchange at the lowest preference
  /// (RSA key exchange has no forward secrecy; RFC 9325 §4.1 says SHOULD NOT, and static RSA in
  /// TLS 1.2 is being deprecated in 2026 — keep it only for old peers).
  compat,
  /// RFC 9325 recommendations only: ECDHE with AEAD suites, nothing else.
  modern,
};

/// Resource limits that bound what a peer can make us do.
struct Limits {
  std::size_t max_handshake_message = 16 * 1024;    ///< any handshake message but Certificate
  std::size_t max_certificate_message = 64 * 1024;  ///< Certificate message body
  std::size_t max_certificate_chain_length = 10;    ///< certificates in a received chain
  std::size_t max_empty_records = 32;               ///< zero-length records in a row
  std::size_t max_warning_alerts = 16;              ///< warning alerts in a row
  std::size_t max_record_plaintext = 16 * 1024;     ///< largest record we send
  std::size_t max_buffered_application_data = 1024 * 1024;  ///< unread plaintext we hold
};

/// Called with each NSS key log line ("CLIENT_RANDOM <64 hex> <96 hex>", no newline), so that
/// Wireshark can decrypt a capture. Never set this in production unless you mean it.
using KeyLogCallback = std::function<void(std::string_view line)>;

/// Returns "now"; inject a fixed clock in tests and replays.
using Clock = std::function<std::chrono::system_clock::time_point()>;

/// Settings both roles share.
struct CommonConfig {
  /// Crypto implementation (borrowed).
  const crypto::Provider* provider = &crypto::default_provider();
  /// Cipher suites in preference order; empty means tlsx's defaults for the policy.
  std::vector<CipherSuite> cipher_suites;
  /// ECDHE groups in preference order (x25519, secp256r1, secp384r1); empty means all three, in
  /// that order.
  std::vector<NamedGroup> groups;
  /// Signature schemes we accept from the peer (and use ourselves), in preference order; empty
  /// means ecdsa_secp256r1_sha256, ecdsa_secp384r1_sha384, rsa_pss_rsae_sha256/384/512,
  /// rsa_pkcs1_sha256/384/512.
  std::vector<SignatureScheme> signature_schemes;
  /// ALPN protocol names in preference order (RFC 7301); empty: no ALPN.
  std::vector<std::string> alpn;
  EmsMode ems = EmsMode::on;
  /// Offer/accept encrypt-then-MAC (RFC 7366) for CBC suites.
  bool encrypt_then_mac = true;
  /// Which suites the defaults include (ignored when cipher_suites is set).
  SuitePolicy policy = SuitePolicy::compat;
  Limits limits;
  /// Borrowed; nullptr: nobody watches and the engine pays nothing for it.
  Observer* observer = nullptr;
  KeyLogCallback key_log;
  /// Empty: the system clock.
  Clock clock;
};

/// What a server's CertificateRequest asks for (RFC 5246 §7.4.4), as a client's certificate
/// selector sees it.
struct CertificateRequestInfo {
  /// ClientCertificateType bytes (1 = rsa_sign, 64 = ecdsa_sign, ...).
  std::vector<std::uint8_t> certificate_types;
  /// Signature schemes the server accepts in CertificateVerify, in its order.
  std::vector<SignatureScheme> signature_schemes;
  /// DER-encoded X.501 Names of the CAs the server trusts; empty: the server did not say.
  std::vector<std::vector<std::uint8_t>> certificate_authorities;
};

/// A client's choice of certificate for a server that asked for one. Return nullopt to answer
/// with an empty Certificate (no client authentication; a server may then refuse).
using ClientCertificateSelector =
    std::function<std::optional<CertifiedKey>(const CertificateRequestInfo& request)>;

struct ClientConfig : CommonConfig {
  /// Verify the server's chain and name (default). Switching it off makes the connection
  /// readable by anyone on the path; it exists for tests and debugging.
  bool verify_peer = true;
  /// Anchors for server verification; unset: TrustStore::system().
  std::shared_ptr<const TrustStore> trust;
  VerifyPolicy verify;
  /// Send server_name (RFC 6066) when the host name is a DNS name (never for IP literals).
  bool send_sni = true;
  /// Our certificate for servers that send a CertificateRequest (mutual TLS, RFC 5246 §7.4.6).
  /// Its key signs CertificateVerify through PrivateKeyOperations, so an HSM callback works.
  /// Unset (and no selector): we answer a CertificateRequest with an empty Certificate.
  std::optional<CertifiedKey> certificate;
  /// Chooses the certificate from the server's request (CA names, signature schemes, types);
  /// when set it replaces `certificate`. Called at most once per handshake, on the engine's
  /// thread.
  ClientCertificateSelector certificate_selector;
  /// Offer this session (its ID and/or ticket) for an abbreviated handshake; the server may
  /// still choose a full one. Engine::session() afterwards holds the session to offer next time.
  std::optional<Session> session;
  /// Send the session_ticket extension (RFC 5077): empty to ask for a ticket, or the session's.
  bool offer_session_tickets = true;
  /// Resume a session made without extended master secret (RFC 7627 §5.3 legacy opt-in; off:
  /// such sessions are not offered).
  bool resume_without_ems = false;
};

/// A server's choice of certificate, given the client's SNI (empty when absent). Return nullptr
/// to fall back to the first configured certificate.
using CertificateSelector = std::function<const CertifiedKey*(std::string_view server_name)>;

/// Whether a server asks for a client certificate (mutual TLS, RFC 5246 §7.4.4).
enum class ClientAuth : std::uint8_t {
  none,     ///< no CertificateRequest
  request,  ///< ask; a client without a certificate may continue, one with a bad one may not
  require,  ///< ask, and abort with handshake_failure when the client sends no certificate
};

struct ServerConfig : CommonConfig {
  /// Certificates; the first is the default. A certificate whose leaf has a DNS SAN matching the
  /// client's SNI is preferred, unless selector says otherwise.
  std::vector<CertifiedKey> certificates;
  CertificateSelector selector;
  /// Prefer our suite order over the client's (default; RFC 9325 §4.2 recommends it).
  bool prefer_server_order = true;
  /// Send the ServerHello extensions that only inform (default): the empty server_name
  /// acknowledgement (RFC 6066 §3) and ec_point_formats (RFC 8422 §5.2). Without them the
  /// ServerHello carries only what changes the protocol (renegotiation_info, extended master
  /// secret, encrypt-then-MAC, ALPN); clients assume uncompressed points when ec_point_formats is
  /// absent (RFC 8422 §5.1.2). Off reproduces servers that send neither, e.g. the one recorded in
  /// The Illustrated TLS 1.2 Connection (its replay test needs it).
  bool informational_hello_extensions = true;
  /// Client authentication. With request or require, client_trust must be set; the client's
  /// chain is verified against it for extendedKeyUsage clientAuth and shows up in
  /// Negotiated::peer_chain / verified_chain.
  ClientAuth client_auth = ClientAuth::none;
  /// Anchors for client certificates (not the system store: whom a server admits is its own
  /// decision).
  std::shared_ptr<const TrustStore> client_trust;
  /// Verification policy for client chains; its purpose is forced to client_auth.
  VerifyPolicy client_verify;
  /// List client_trust's subjects as certificate_authorities in the CertificateRequest (clients
  /// use them to pick a certificate). Switch off when the list is long or private: the field
  /// may then be empty (RFC 5246 §7.4.4).
  bool send_client_ca_names = true;
  /// Session-ID cache (make_memory_session_cache() or your own); null: no session IDs issued.
  std::shared_ptr<SessionCache> session_cache;
  /// RFC 5077 ticket keys (TicketKeys::create()); null: no tickets.
  std::shared_ptr<TicketKeys> ticket_keys;
  /// Send a new ticket when resuming from a ticket.
  bool reissue_tickets = false;
  /// Resume sessions made without extended master secret (RFC 7627 §5.3 legacy opt-in).
  bool resume_without_ems = false;
  /// ticket_lifetime_hint in NewSessionTicket; tickets older than this are refused.
  std::chrono::seconds ticket_lifetime_hint{7200};
};

}  // namespace tlsx
