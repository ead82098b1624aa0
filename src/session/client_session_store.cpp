// ClientSessionStore: sessions a client may offer, keyed by "host:port".
#include <algorithm>
#include <string>

#include "tlsx/session.hpp"

namespace tlsx {
namespace {

std::string store_key(std::string_view host, std::uint16_t port) {
  std::string key(host);
  key += ':';
  key += std::to_string(port);
  return key;
}

}  // namespace

ClientSessionStore::ClientSessionStore(std::size_t max_entries) : max_entries_(max_entries) {}

std::optional<Session> ClientSessionStore::find(std::string_view host, std::uint16_t port) const {
  std::lock_guard lock(mutex_);
  auto it = entries_.find(store_key(host, port));
  if (it == entries_.end()) return std::nullopt;
  return it->second.session;
}

void ClientSessionStore::store(std::string_view host, std::uint16_t port, Session session) {
  if (max_entries_ == 0) return;
  std::lock_guard lock(mutex_);
  auto key = store_key(host, port);
  entries_.erase(key);
  // Bounded: the least recently stored entry goes. A linear scan is fine for a few hundred.
  while (entries_.size() >= max_entries_) {
    auto oldest = std::min_element(
        entries_.begin(), entries_.end(),
        [](const auto& a, const auto& b) { return a.second.stamp < b.second.stamp; });
    entries_.erase(oldest);
  }
  entries_.emplace(std::move(key), Entry{std::move(session), next_stamp_++});
}

void ClientSessionStore::erase(std::string_view host, std::uint16_t port) {
  std::lock_guard lock(mutex_);
  entries_.erase(store_key(host, port));
}

std::size_t ClientSessionStore::size() const {
  std::lock_guard lock(mutex_);
  return entries_.size();
}

}  // namespace tlsx
