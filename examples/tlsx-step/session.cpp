#include "session.hpp"

#include <chrono>

#include <fmt/format.h>

#include "demo_pki.hpp"
#include "report.hpp"
#include "tlsx/x509.hpp"

namespace tlsx::step {

namespace {
// 2027-01-01T00:00:00Z: inside the demo certificates' validity, so that --seed runs verify the
// chain exactly as a live run does, and stay reproducible.
constexpr std::int64_t kFixedUnixTime = 1798761600;
// The server's stream must differ from the client's, or both would draw the same "random"
// values; an odd offset keeps seeds N and N+1 from overlapping.
constexpr std::uint64_t kServerSeedOffset = 0x9e3779b97f4a7c15ULL;
// The ticket keys' stream, apart from both sides' (--seed --resume --ticket).
constexpr std::uint64_t kTicketKeySeedOffset = 0x7f4a7c159e3779b9ULL;

std::chrono::system_clock::time_point fixed_now() {
  return std::chrono::system_clock::time_point(std::chrono::seconds(kFixedUnixTime));
}
}  // namespace

std::unique_ptr<Session> Session::make(const Options& options, std::string* error) {
  std::unique_ptr<Session> s(new Session());
  s->options_ = &options;
  if (options.seed) {
    s->client_random_ = std::make_unique<crypto::SeededProvider>(*options.seed);
    s->server_random_ = std::make_unique<crypto::SeededProvider>(*options.seed + kServerSeedOffset);
  }
  // Trust: --cafile, else the system store when connecting to a real server, else the demo CA.
  Result<TrustStore> trust = options.cafile    ? TrustStore::from_pem_file(*options.cafile)
                             : options.connect ? TrustStore::system()
                                               : TrustStore::from_pem(demo_ca_pem());
  if (!trust) {
    *error = examples::describe_load_error(trust.error());
    return nullptr;
  }
  s->trust_ = std::make_shared<const TrustStore>(std::move(*trust));
  // Demo keys sign with their side's provider, so that --seed also fixes RSA-PSS salts.
  auto demo_key = [](std::string_view chain_pem, std::string_view key_pem,
                     const crypto::SeededProvider* seeded) -> Result<CertifiedKey> {
    auto chain = CertificateChain::from_pem(chain_pem);
    if (!chain) return std::unexpected(chain.error());
    auto key = PrivateKey::from_pem(key_pem);
    if (!key) return std::unexpected(key.error());
    const crypto::Provider& provider = seeded ? *seeded : crypto::default_provider();
    return CertifiedKey{std::move(*chain), make_private_key_operations(std::move(*key), provider)};
  };
  Result<CertifiedKey> certified =
      options.cert
          ? CertifiedKey::from_pem_files(*options.cert, *options.key)
          : demo_key(demo_server_chain_pem(), demo_server_key_pem(), s->server_random_.get());
  if (!certified) {
    *error = examples::describe_load_error(certified.error());
    return nullptr;
  }
  s->certified_ = std::move(*certified);
  if (options.mtls) {
    auto client = demo_key(demo_client_chain_pem(), demo_client_key_pem(), s->client_random_.get());
    auto ca = TrustStore::from_pem(demo_ca_pem());
    if (!client || !ca) {
      *error = examples::describe_load_error(!client ? client.error() : ca.error());
      return nullptr;
    }
    s->client_certified_ = std::move(*client);
    s->demo_ca_ = std::make_shared<const TrustStore>(std::move(*ca));
  }
  if (options.resume) {
    // The server keeps sessions across the two connections: in its cache (session ID) or under
    // its ticket keys (ticket), made once here as a server process would at start.
    const Clock clock = options.seed ? Clock(fixed_now) : Clock();
    if (options.ticket) {
      if (options.seed) {
        s->ticket_random_ =
            std::make_unique<crypto::SeededProvider>(*options.seed + kTicketKeySeedOffset);
      }
      const crypto::Provider& provider =
          s->ticket_random_ ? *s->ticket_random_ : crypto::default_provider();
      auto keys = TicketKeys::create(provider, std::chrono::hours(12), clock);
      if (!keys) {
        *error = examples::describe_error(keys.error());
        return nullptr;
      }
      s->ticket_keys_ = std::move(*keys);
    } else {
      s->session_cache_ = make_memory_session_cache({}, clock);
    }
  }
  if (options.keylog) {
    s->keylog_ = std::fopen(options.keylog->c_str(), "a");
    if (s->keylog_ == nullptr) {
      *error = fmt::format("cannot open {} for the key log", *options.keylog);
      return nullptr;
    }
  }
  return s;
}

Session::~Session() {
  if (keylog_ != nullptr) static_cast<void>(std::fclose(keylog_));
}

void Session::common(CommonConfig& config, const crypto::Provider* provider, Observer* observer,
                     bool key_log) const {
  if (provider != nullptr) config.provider = provider;
  config.cipher_suites = options_->suites;
  config.ems = options_->ems ? EmsMode::on : EmsMode::off;
  config.observer = observer;
  if (options_->seed) {
    config.clock = fixed_now;
  }
  if (keylog_ != nullptr && key_log) {
    std::FILE* file = keylog_;
    config.key_log = [file](std::string_view line) {
      fmt::print(file, "{}\n", line);
      static_cast<void>(std::fflush(file));
    };
  }
}

ClientConfig Session::client_config(Observer* observer) const {
  ClientConfig config;
  // One side writes the key log: in-process both would log the same line.
  common(config, client_random_.get(), observer, !options_->listen);
  config.trust = trust_;
  config.verify_peer = !options_->insecure;
  config.certificate = client_certified_;
  // Tickets only for --resume --ticket: the other lessons keep the ClientHello they always had
  // (and --resume alone shows resumption by session ID).
  config.offer_session_tickets = options_->ticket;
  return config;
}

ClientConfig Session::resuming_client_config(Observer* observer,
                                             std::optional<tlsx::Session> session) const {
  ClientConfig config = client_config(observer);
  config.session = std::move(session);
  return config;
}

ServerConfig Session::server_config(Observer* observer) const {
  ServerConfig config;
  common(config, server_random_.get(), observer, options_->listen.has_value());
  config.certificates.push_back(certified_);
  if (options_->mtls) {
    config.client_auth = ClientAuth::require;
    config.client_trust = demo_ca_;
  }
  config.session_cache = session_cache_;
  config.ticket_keys = ticket_keys_;
  return config;
}

}  // namespace tlsx::step
