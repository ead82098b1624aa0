// The capture server's event loops: a listening socket shared by a few worker threads, each with
// its own epoll set of non-blocking connections (no thread per connection, so a thousand idle or
// slow clients cost a thousand small objects, and deadlines end the slow ones). Workers accept
// from the shared socket (EPOLLEXCLUSIVE wakes one), enforce the connection limit, and drive each
// Connection with bytes, end of file and deadlines.
#pragma once

#include <atomic>
#include <cstdint>
#include <string>
#include <thread>
#include <vector>

#include "connection.hpp"

namespace hello_capture {

struct ServerLimits {
  std::size_t max_connections = 1024;
  unsigned threads = 2;
};

class Server {
 public:
  /// Binds and listens on "host:port" ("127.0.0.1:8443", "[::1]:0", "0.0.0.0:443"); port 0 picks
  /// a free port (see address()). Throws std::runtime_error on failure.
  Server(const std::string& listen, const ConnectionSettings& settings, ServerLimits limits);
  ~Server();
  Server(const Server&) = delete;
  Server& operator=(const Server&) = delete;

  /// The address actually bound, "127.0.0.1:41234".
  [[nodiscard]] const std::string& address() const { return address_; }
  /// Starts the worker threads.
  void start();
  /// Asks the workers to stop; each ends its connections (capturing what is in flight) and exits.
  void stop();
  /// Waits for the workers.
  void join();

  [[nodiscard]] std::uint64_t connections_accepted() const { return next_id_.load() - 1; }

 private:
  class Worker;
  friend class Worker;

  ConnectionSettings settings_;
  ServerLimits limits_;
  int listen_fd_ = -1;
  int stop_fd_ = -1;  ///< eventfd: readable once stop() was called
  std::string address_;
  std::atomic<std::uint64_t> next_id_{1};
  std::atomic<std::size_t> active_{0};
  std::atomic<long long> last_accept_error_{0};  ///< second of the last accept() error logged
  std::vector<std::thread> threads_;
};

}  // namespace hello_capture
