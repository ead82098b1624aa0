// The engine configurations tlsx-step runs with, from its options: suites, EMS, the seeded
// provider and fixed clock for --seed, the observer and the key log.
#pragma once

#include <cstdio>
#include <memory>
#include <optional>
#include <string>

#include "options.hpp"
#include "tlsx/config.hpp"
#include "tlsx/crypto/seeded_provider.hpp"
#include "tlsx/session.hpp"

namespace tlsx::step {

class Session {
 public:
  /// Fails (message in *error) when a file cannot be read.
  static std::unique_ptr<Session> make(const Options& options, std::string* error);
  ~Session();
  Session(const Session&) = delete;
  Session& operator=(const Session&) = delete;

  /// observer: borrowed, must outlive the engines.
  [[nodiscard]] ClientConfig client_config(Observer* observer) const;
  [[nodiscard]] ServerConfig server_config(Observer* observer) const;
  /// --resume: the client configuration offering `session` (from the first connection).
  [[nodiscard]] ClientConfig resuming_client_config(Observer* observer,
                                                    std::optional<tlsx::Session> session) const;

 private:
  Session() = default;
  void common(CommonConfig& config, const crypto::Provider* provider, Observer* observer,
              bool key_log) const;

  const Options* options_ = nullptr;
  std::unique_ptr<crypto::SeededProvider> client_random_, server_random_;
  std::shared_ptr<const TrustStore> trust_;
  CertifiedKey certified_;
  std::optional<CertifiedKey> client_certified_;  ///< --mtls
  std::shared_ptr<const TrustStore> demo_ca_;     ///< --mtls: anchors for client chains
  std::shared_ptr<SessionCache> session_cache_;   ///< --resume: the server's (both connections)
  std::shared_ptr<TicketKeys> ticket_keys_;       ///< --resume --ticket
  std::unique_ptr<crypto::SeededProvider> ticket_random_;  ///< --seed: the ticket keys' stream
  std::FILE* keylog_ = nullptr;
};

}  // namespace tlsx::step
