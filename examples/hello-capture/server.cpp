#include "server.hpp"

#include <arpa/inet.h>
#include <fcntl.h>
#include <netdb.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <sys/epoll.h>
#include <sys/eventfd.h>
#include <sys/socket.h>
#include <unistd.h>

#include <array>
#include <cerrno>
#include <cstring>
#include <memory>
#include <stdexcept>
#include <system_error>
#include <unordered_map>

#include <fmt/format.h>

#include "log.hpp"

namespace hello_capture {
namespace {

std::string errno_text() {
  return std::generic_category().message(errno);
}

// "127.0.0.1:8443", "[::1]:8443".
std::string address_text(const sockaddr_storage& addr) {
  char host[INET6_ADDRSTRLEN] = "?";
  if (addr.ss_family == AF_INET) {
    const auto* in = reinterpret_cast<const sockaddr_in*>(&addr);
    inet_ntop(AF_INET, &in->sin_addr, host, sizeof host);
    return fmt::format("{}:{}", host, ntohs(in->sin_port));
  }
  if (addr.ss_family == AF_INET6) {
    const auto* in6 = reinterpret_cast<const sockaddr_in6*>(&addr);
    inet_ntop(AF_INET6, &in6->sin6_addr, host, sizeof host);
    return fmt::format("[{}]:{}", host, ntohs(in6->sin6_port));
  }
  return "unknown";
}

// Splits "host:port" / "[v6]:port".
std::pair<std::string, std::string> split_host_port(const std::string& listen) {
  if (listen.starts_with('[')) {
    const auto close = listen.find(']');
    if (close == std::string::npos || close + 1 >= listen.size() || listen[close + 1] != ':') {
      throw std::runtime_error("bad listen address '" + listen + "' (want [v6addr]:port)");
    }
    return {listen.substr(1, close - 1), listen.substr(close + 2)};
  }
  const auto colon = listen.rfind(':');
  if (colon == std::string::npos) {
    throw std::runtime_error("bad listen address '" + listen + "' (want host:port)");
  }
  return {listen.substr(0, colon), listen.substr(colon + 1)};
}

int remaining_ms(SteadyClock::time_point deadline, SteadyClock::time_point now) {
  if (deadline <= now) return 0;
  const auto ms = std::chrono::ceil<std::chrono::milliseconds>(deadline - now).count();
  return static_cast<int>(std::min<long long>(ms, 60'000));
}

}  // namespace

// ---- one worker: an epoll loop over its own connections -----------------------------------------

class Server::Worker {
 public:
  explicit Worker(Server& server) : server_(server) {
    epoll_fd_ = epoll_create1(EPOLL_CLOEXEC);
    if (epoll_fd_ < 0) throw std::runtime_error("epoll_create1: " + errno_text());
    epoll_event ev{};
    ev.events = EPOLLIN | EPOLLEXCLUSIVE;
    ev.data.fd = server_.listen_fd_;
    epoll_ctl(epoll_fd_, EPOLL_CTL_ADD, server_.listen_fd_, &ev);
    epoll_event stop{};
    stop.events = EPOLLIN;
    stop.data.fd = server_.stop_fd_;
    epoll_ctl(epoll_fd_, EPOLL_CTL_ADD, server_.stop_fd_, &stop);
  }
  ~Worker() { ::close(epoll_fd_); }

  void run() {
    std::array<epoll_event, 64> events{};
    bool stopping = false;
    while (!stopping) {
      const int n =
          epoll_wait(epoll_fd_, events.data(), static_cast<int>(events.size()), next_timeout_ms());
      if (n < 0 && errno != EINTR) {
        log_line("hello-capture: epoll_wait: " + errno_text());
        break;
      }
      const auto now = SteadyClock::now();
      for (int i = 0; i < n; ++i) {
        const int fd = events[i].data.fd;
        if (fd == server_.stop_fd_) {
          stopping = true;
        } else if (fd == server_.listen_fd_) {
          accept_some(now);
        } else {
          on_io(fd, events[i].events, now);
        }
      }
      expire(SteadyClock::now());
    }
    for (auto& [fd, entry] : connections_) {
      entry.connection->on_shutdown();
      finish(fd, entry, SteadyClock::now());
    }
    connections_.clear();
  }

 private:
  struct Entry {
    std::unique_ptr<Connection> connection;
    std::uint32_t interest = 0;
    bool registered = false;
    bool write_shut = false;
  };

  int next_timeout_ms() const {
    if (connections_.empty()) return -1;
    const auto now = SteadyClock::now();
    auto nearest = SteadyClock::time_point::max();
    for (const auto& [fd, entry] : connections_) {
      nearest = std::min(nearest, entry.connection->deadline());
    }
    return remaining_ms(nearest, now);
  }

  void accept_some(SteadyClock::time_point now) {
    for (int i = 0; i < 64; ++i) {
      sockaddr_storage addr{};
      socklen_t len = sizeof addr;
      const int fd = accept4(server_.listen_fd_, reinterpret_cast<sockaddr*>(&addr), &len,
                             SOCK_NONBLOCK | SOCK_CLOEXEC);
      if (fd < 0) {
        if (errno == EINTR || errno == ECONNABORTED) continue;
        if (errno != EAGAIN && errno != EWOULDBLOCK) {
          // EMFILE and friends: the connection stays in the backlog; try again shortly, and say
          // so at most once a second.
          const auto now_s = std::chrono::duration_cast<std::chrono::seconds>(
                                 SteadyClock::now().time_since_epoch())
                                 .count();
          if (server_.last_accept_error_.exchange(now_s) != now_s) {
            log_line("hello-capture: accept: " + errno_text());
          }
          ::usleep(10'000);
        }
        return;
      }
      const std::uint64_t id = server_.next_id_.fetch_add(1);
      const std::string peer = address_text(addr);
      if (server_.active_.fetch_add(1) >= server_.limits_.max_connections) {
        server_.active_.fetch_sub(1);
        ::close(fd);
        log_line(fmt::format("#{} {} refused: {} connections open (--max-conns)", id, peer,
                             server_.limits_.max_connections));
        continue;
      }
      const int one = 1;
      setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
      Entry entry;
      entry.connection = std::make_unique<Connection>(server_.settings_, id, peer, now);
      auto [it, inserted] = connections_.emplace(fd, std::move(entry));
      update(fd, it->second, now);
    }
  }

  void on_io(int fd, std::uint32_t events, SteadyClock::time_point now) {
    auto it = connections_.find(fd);
    if (it == connections_.end()) return;
    Entry& entry = it->second;
    Connection& c = *entry.connection;
    if ((events & (EPOLLIN | EPOLLHUP | EPOLLERR | EPOLLRDHUP)) != 0 && c.wants_input()) {
      std::array<std::uint8_t, 16 * 1024> buffer;
      // A few reads per wakeup keep one busy client from starving the others.
      for (int i = 0; i < 4 && c.wants_input(); ++i) {
        const Connection::Phase before = c.phase();
        const ssize_t n = ::read(fd, buffer.data(), buffer.size());
        if (n > 0) {
          c.on_bytes(std::span(buffer.data(), static_cast<std::size_t>(n)), now);
          // Answer before reading on: an EOF right behind a request must not cut the response.
          if (c.phase() != before) break;
          continue;
        }
        if (n == 0) {
          c.on_eof(now);
          break;
        }
        if (errno == EINTR) continue;
        if (errno != EAGAIN && errno != EWOULDBLOCK) c.on_eof(now);  // reset: like end of file
        break;
      }
    }
    update(fd, entry, now);
  }

  // Sends what is pending, moves the connection along, and sets what epoll watches.
  void update(int fd, Entry& entry, SteadyClock::time_point now) {
    Connection& c = *entry.connection;
    while (c.phase() != Connection::Phase::done) {
      const auto out = c.output();
      if (out.empty()) break;
      const ssize_t n = ::send(fd, out.data(), out.size(), MSG_NOSIGNAL);
      if (n > 0) {
        c.consume_output(static_cast<std::size_t>(n));
        continue;
      }
      if (n < 0 && errno == EINTR) continue;
      if (n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK)) break;
      c.on_write_error();
    }
    if (c.phase() == Connection::Phase::closing && c.output().empty() && !entry.write_shut) {
      ::shutdown(fd, SHUT_WR);
      entry.write_shut = true;
      c.on_write_side_closed(now);
    }
    if (c.phase() == Connection::Phase::done) {
      finish(fd, entry, now);
      connections_.erase(fd);
      return;
    }
    // Level-triggered; after the peer's end of file only EPOLLOUT (if anything) is of interest.
    std::uint32_t interest = 0;
    if (c.wants_input()) interest |= EPOLLIN | EPOLLRDHUP;
    if (!c.output().empty()) interest |= EPOLLOUT;
    if (!entry.registered || interest != entry.interest) {
      epoll_event ev{};
      ev.events = interest;
      ev.data.fd = fd;
      epoll_ctl(epoll_fd_, entry.registered ? EPOLL_CTL_MOD : EPOLL_CTL_ADD, fd, &ev);
      entry.interest = interest;
      entry.registered = true;
    }
  }

  void expire(SteadyClock::time_point now) {
    std::vector<int> due;
    for (const auto& [fd, entry] : connections_) {
      if (entry.connection->deadline() <= now) due.push_back(fd);
    }
    for (int fd : due) {
      auto it = connections_.find(fd);
      it->second.connection->on_deadline(now);
      update(fd, it->second, now);
    }
  }

  void finish(int fd, Entry& entry, SteadyClock::time_point now) {
    log_line(entry.connection->log_line(now));
    ::close(fd);  // also removes it from the epoll set
    server_.active_.fetch_sub(1);
  }

  Server& server_;
  int epoll_fd_ = -1;
  std::unordered_map<int, Entry> connections_;
};

// ---- the server ---------------------------------------------------------------------------------

Server::Server(const std::string& listen, const ConnectionSettings& settings, ServerLimits limits)
    : settings_(settings), limits_(limits) {
  const auto [host, port] = split_host_port(listen);
  addrinfo hints{};
  hints.ai_family = AF_UNSPEC;
  hints.ai_socktype = SOCK_STREAM;
  hints.ai_flags = AI_PASSIVE | AI_NUMERICSERV;
  addrinfo* found = nullptr;
  if (const int rc =
          getaddrinfo(host.empty() ? nullptr : host.c_str(), port.c_str(), &hints, &found);
      rc != 0) {
    throw std::runtime_error("cannot resolve '" + listen + "': " + gai_strerror(rc));
  }
  std::unique_ptr<addrinfo, decltype(&freeaddrinfo)> guard(found, freeaddrinfo);
  std::string last_error = "no address";
  for (const addrinfo* ai = found; ai != nullptr; ai = ai->ai_next) {
    const int fd = ::socket(ai->ai_family, ai->ai_socktype | SOCK_NONBLOCK | SOCK_CLOEXEC, 0);
    if (fd < 0) {
      last_error = errno_text();
      continue;
    }
    const int one = 1;
    setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one);
    if (::bind(fd, ai->ai_addr, ai->ai_addrlen) == 0 && ::listen(fd, SOMAXCONN) == 0) {
      listen_fd_ = fd;
      break;
    }
    last_error = errno_text();
    ::close(fd);
  }
  if (listen_fd_ < 0) throw std::runtime_error("cannot listen on " + listen + ": " + last_error);
  sockaddr_storage bound{};
  socklen_t len = sizeof bound;
  getsockname(listen_fd_, reinterpret_cast<sockaddr*>(&bound), &len);
  address_ = address_text(bound);
  stop_fd_ = eventfd(0, EFD_CLOEXEC | EFD_NONBLOCK);
  if (stop_fd_ < 0) throw std::runtime_error("eventfd: " + errno_text());
}

Server::~Server() {
  stop();
  join();
  if (listen_fd_ >= 0) ::close(listen_fd_);
  if (stop_fd_ >= 0) ::close(stop_fd_);
}

void Server::start() {
  for (unsigned i = 0; i < std::max(1u, limits_.threads); ++i) {
    // Each worker is created on the spawning thread so that a setup failure throws here.
    auto worker = std::make_shared<Worker>(*this);
    threads_.emplace_back([worker] { worker->run(); });
  }
}

void Server::stop() {
  if (stop_fd_ < 0) return;
  const std::uint64_t one = 1;
  (void)!::write(stop_fd_, &one, sizeof one);
}

void Server::join() {
  for (auto& t : threads_) {
    if (t.joinable()) t.join();
  }
  threads_.clear();
}

}  // namespace hello_capture
