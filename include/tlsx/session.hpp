// Session resumption (RFC 5246 §7.3 abbreviated handshake, RFC 5077 session tickets).
//
// A Session is what a finished full handshake leaves behind for a later abbreviated one: the
// suite, the master secret and the parameters that must match again. A server keeps sessions in
// a SessionCache (session IDs) or hands them to the client inside an encrypted ticket
// (TicketKeys); a client keeps them in a ClientSessionStore or serializes them itself.
//
// Thread safety: Session is a value (copies wipe their own secret); SessionCache
// implementations, TicketKeys and ClientSessionStore are safe to share between threads.
#pragma once

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "tlsx/code_points.hpp"
#include "tlsx/crypto/provider.hpp"
#include "tlsx/error.hpp"
#include "tlsx/secret.hpp"
#include "tlsx/x509.hpp"

namespace tlsx {

/// Returns "now" (the same alias as in config.hpp, which includes this header's users).
using Clock = std::function<std::chrono::system_clock::time_point()>;

/// What resumption needs from a finished full handshake: version, suite, master secret (wiped),
/// EMS flag, SNI, ALPN, peer chain (client cert on the server / server chain on the client),
/// creation time, lifetime hint, and on the client the session ID and/or ticket to offer.
class Session {
 public:
  /// Everything a session holds; the engine fills it in.
  struct Fields {
    ProtocolVersion version = ProtocolVersion::tls12;
    CipherSuite cipher_suite{};
    SecretBytes master_secret;  ///< 48 bytes
    bool extended_master_secret = false;
    std::string server_name;      ///< SNI of the original handshake (empty: none)
    std::string alpn;             ///< ALPN protocol of the original handshake (empty: none)
    CertificateChain peer_chain;  ///< server: the verified client chain; client: server chain
    std::chrono::system_clock::time_point created;  ///< when the full handshake finished
    std::chrono::seconds lifetime_hint{0};          ///< client: the ticket's hint; 0 = unspecified
    std::vector<std::uint8_t> session_id;           ///< 0..32 bytes
    std::vector<std::uint8_t> ticket;               ///< client: the RFC 5077 ticket to offer
  };

  Session() = default;
  explicit Session(Fields fields) : f_(std::move(fields)) {}
  Session(const Session& other);
  Session& operator=(const Session& other);
  Session(Session&&) noexcept = default;
  Session& operator=(Session&&) noexcept = default;
  ~Session() = default;

  [[nodiscard]] ProtocolVersion version() const noexcept { return f_.version; }
  [[nodiscard]] CipherSuite cipher_suite() const noexcept { return f_.cipher_suite; }
  [[nodiscard]] bool extended_master_secret() const noexcept { return f_.extended_master_secret; }
  [[nodiscard]] const std::string& server_name() const noexcept { return f_.server_name; }
  [[nodiscard]] const std::string& alpn() const noexcept { return f_.alpn; }
  [[nodiscard]] const CertificateChain& peer_chain() const noexcept { return f_.peer_chain; }
  [[nodiscard]] std::chrono::system_clock::time_point created() const noexcept {
    return f_.created;
  }
  [[nodiscard]] std::chrono::seconds lifetime_hint() const noexcept { return f_.lifetime_hint; }
  [[nodiscard]] std::span<const std::uint8_t> session_id() const noexcept { return f_.session_id; }
  [[nodiscard]] std::span<const std::uint8_t> ticket() const noexcept { return f_.ticket; }
  /// The master secret. Only the engine and storage code need it: never log it.
  [[nodiscard]] const SecretBytes& master_secret() const noexcept { return f_.master_secret; }
  [[nodiscard]] const Fields& fields() const noexcept { return f_; }
  [[nodiscard]] Fields& fields_mut() noexcept { return f_; }

  /// Serializes for storage across processes. The bytes contain the master secret: protect them.
  [[nodiscard]] Result<std::vector<std::uint8_t>> serialize() const;
  /// Parses serialize()'s output; decode_error on anything malformed, truncated or trailing.
  [[nodiscard]] static Result<Session> deserialize(std::span<const std::uint8_t> bytes);

 private:
  Fields f_;
};

/// Server-side session-ID cache; implement it to share sessions across processes.
/// Implementations must be thread-safe.
class SessionCache {
 public:
  virtual ~SessionCache() = default;
  virtual void store(std::span<const std::uint8_t> session_id, const Session& session) = 0;
  virtual std::optional<Session> find(std::span<const std::uint8_t> session_id) = 0;
  virtual void erase(std::span<const std::uint8_t> session_id) = 0;
};

/// Bounds of make_memory_session_cache(): the oldest entries go first when a bound is reached.
struct MemorySessionCacheLimits {
  std::size_t max_entries = 20000;
  std::size_t max_bytes = 8 << 20;  ///< serialized size of the stored sessions
  std::chrono::seconds lifetime{7200};
};

/// An in-process SessionCache: bounded by entries and bytes, entries expire after
/// limits.lifetime (by clock; empty: the system clock), least recently stored evicted first.
[[nodiscard]] std::shared_ptr<SessionCache> make_memory_session_cache(
    MemorySessionCacheLimits limits = {}, Clock clock = {});

/// RFC 5077 ticket keys: current + previous, rotated every `rotation`; thread-safe.
///
/// A ticket is key_name(16) || nonce(12) || AEAD(serialized session state) || tag(16), sealed
/// with AES-256-GCM (or ChaCha20-Poly1305 when the provider lacks AES-GCM). Keys come from the
/// provider's RNG and live only in memory. A ticket under a key older than the previous one no
/// longer opens: its holder falls back to a full handshake.
class TicketKeys {
 public:
  static Result<std::shared_ptr<TicketKeys>> create(
      const crypto::Provider& provider, std::chrono::seconds rotation = std::chrono::hours(12),
      Clock clock = {});

  /// Makes a fresh current key; the current one becomes the previous one.
  void rotate();
  /// Seals plaintext into a ticket under the current key (rotating first when it is due).
  [[nodiscard]] Result<std::vector<std::uint8_t>> seal(std::span<const std::uint8_t> plaintext);
  /// Opens a ticket sealed under the current or previous key; nullopt for anything else
  /// (unknown key name, tampering, truncation).
  [[nodiscard]] std::optional<SecretBytes> open(std::span<const std::uint8_t> ticket);
  /// How long a key encrypts new tickets; tickets stay readable for up to twice that.
  [[nodiscard]] std::chrono::seconds rotation() const noexcept { return rotation_; }

  struct Key;  // defined in src/session/ticket_keys.cpp
  TicketKeys(const crypto::Provider& provider, std::chrono::seconds rotation, Clock clock);
  ~TicketKeys();
  TicketKeys(const TicketKeys&) = delete;
  TicketKeys& operator=(const TicketKeys&) = delete;

 private:
  Result<void> rotate_locked();
  std::chrono::system_clock::time_point now() const;

  const crypto::Provider* provider_;
  std::chrono::seconds rotation_;
  Clock clock_;
  crypto::AeadAlgorithm algorithm_ = crypto::AeadAlgorithm::aes256_gcm;
  mutable std::mutex mutex_;
  std::unique_ptr<Key> current_;
  std::unique_ptr<Key> previous_;
};

/// Client-side store keyed by (server name, port); thread-safe, bounded (the least recently
/// stored entry goes first).
class ClientSessionStore {
 public:
  explicit ClientSessionStore(std::size_t max_entries = 256);
  [[nodiscard]] std::optional<Session> find(std::string_view host, std::uint16_t port) const;
  void store(std::string_view host, std::uint16_t port, Session session);
  void erase(std::string_view host, std::uint16_t port);
  [[nodiscard]] std::size_t size() const;

 private:
  struct Entry {
    Session session;
    std::uint64_t stamp = 0;
  };
  std::size_t max_entries_;
  mutable std::mutex mutex_;
  std::map<std::string, Entry, std::less<>> entries_;
  std::uint64_t next_stamp_ = 0;
};

}  // namespace tlsx
