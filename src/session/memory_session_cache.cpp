// make_memory_session_cache(): the in-process server session-ID cache.
//
// Entries are kept in insertion order (a list) with a map from session ID to list position, so
// eviction of the oldest entry and lookup are both cheap. Expired entries are dropped when met
// and from the old end on every store. One mutex guards everything: the critical sections are
// short (no crypto), and a server does one lookup per handshake.
#include <list>
#include <map>
#include <mutex>

#include "tlsx/session.hpp"

namespace tlsx {
namespace {

class MemorySessionCache final : public SessionCache {
 public:
  MemorySessionCache(MemorySessionCacheLimits limits, Clock clock)
      : limits_(limits), clock_(std::move(clock)) {}

  void store(std::span<const std::uint8_t> session_id, const Session& session) override {
    if (session_id.empty()) return;
    auto bytes = session.serialize();
    if (!bytes) return;
    const std::size_t cost = bytes->size() + session_id.size();
    crypto::secure_wipe(bytes->data(), bytes->size());
    if (cost > limits_.max_bytes || limits_.max_entries == 0) return;
    const auto now = this->now();
    std::lock_guard lock(mutex_);
    Key key(session_id.begin(), session_id.end());
    if (auto it = index_.find(key); it != index_.end()) remove_locked(it->second);
    drop_expired_locked(now);
    while (!order_.empty() &&
           (order_.size() >= limits_.max_entries || bytes_ + cost > limits_.max_bytes)) {
      remove_locked(order_.begin());
    }
    order_.push_back(Entry{key, session, now, cost});
    index_[key] = std::prev(order_.end());
    bytes_ += cost;
  }

  std::optional<Session> find(std::span<const std::uint8_t> session_id) override {
    const auto now = this->now();
    std::lock_guard lock(mutex_);
    auto it = index_.find(Key(session_id.begin(), session_id.end()));
    if (it == index_.end()) return std::nullopt;
    if (expired(*it->second, now)) {
      remove_locked(it->second);
      return std::nullopt;
    }
    return it->second->session;
  }

  void erase(std::span<const std::uint8_t> session_id) override {
    std::lock_guard lock(mutex_);
    auto it = index_.find(Key(session_id.begin(), session_id.end()));
    if (it != index_.end()) remove_locked(it->second);
  }

 private:
  using Key = std::vector<std::uint8_t>;
  struct Entry {
    Key id;
    Session session;
    std::chrono::system_clock::time_point stored;
    std::size_t cost;
  };
  using List = std::list<Entry>;

  [[nodiscard]] std::chrono::system_clock::time_point now() const {
    return clock_ ? clock_() : std::chrono::system_clock::now();
  }
  [[nodiscard]] bool expired(const Entry& e, std::chrono::system_clock::time_point now) const {
    // The session's own creation time counts, not when it was stored: a lifetime is a lifetime.
    return now - e.session.created() >= limits_.lifetime || now < e.stored - limits_.lifetime;
  }
  void drop_expired_locked(std::chrono::system_clock::time_point now) {
    while (!order_.empty() && expired(order_.front(), now)) remove_locked(order_.begin());
  }
  void remove_locked(List::iterator it) {
    bytes_ -= it->cost;
    index_.erase(it->id);
    order_.erase(it);
  }

  MemorySessionCacheLimits limits_;
  Clock clock_;
  std::mutex mutex_;
  List order_;
  std::map<Key, List::iterator> index_;
  std::size_t bytes_ = 0;
};

}  // namespace

std::shared_ptr<SessionCache> make_memory_session_cache(MemorySessionCacheLimits limits,
                                                        Clock clock) {
  return std::make_shared<MemorySessionCache>(limits, std::move(clock));
}

}  // namespace tlsx
