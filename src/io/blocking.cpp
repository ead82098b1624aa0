#include "tlsx/io/blocking.hpp"

#include <arpa/inet.h>
#include <fcntl.h>
#include <netdb.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <algorithm>
#include <array>
#include <cerrno>
#include <cstring>
#include <memory>
#include <utility>

#include <fmt/format.h>

namespace tlsx::io {
namespace {

using Clock = std::chrono::steady_clock;
using std::chrono::milliseconds;

/// strerror() is not thread-safe; this is (GNU strerror_r returns the text it chose).
std::string errno_text(int err) {
  std::array<char, 256> buffer{};
  return ::strerror_r(err, buffer.data(), buffer.size());
}

std::unexpected<Error> fail_io(std::string_view what, int err) {
  return fail(ErrorCode::io, AlertDescription::internal_error,
              fmt::format("{}: {}", what, errno_text(err)));
}

/// Marks a result whose failure changes nothing: best-effort sends on a connection that is
/// ending anyway.
void ignore_failure(const Result<void>& /*result*/) noexcept {}

std::unexpected<Error> fail_timeout(std::string_view what, milliseconds timeout) {
  return fail(ErrorCode::timeout, AlertDescription::internal_error,
              fmt::format("{}: no progress within {} ms", what, timeout.count()));
}

/// Milliseconds left until deadline, for poll(): never negative.
int poll_budget(Clock::time_point deadline) {
  const auto left = std::chrono::duration_cast<milliseconds>(deadline - Clock::now()).count();
  return static_cast<int>(std::clamp<long long>(left, 0, 1'000'000'000));
}

/// poll() for one event; true when ready, false on timeout. Retries on EINTR.
Result<bool> wait_for(int fd, short events, Clock::time_point deadline, std::string_view what) {
  for (;;) {
    pollfd p{fd, events, 0};
    const int n = ::poll(&p, 1, poll_budget(deadline));
    if (n > 0) return true;  // readiness, or an error/hang-up the next call reports
    if (n == 0) return false;
    if (errno != EINTR) return fail_io(what, errno);
  }
}

Result<void> set_nonblocking(int fd) {
  const int flags = ::fcntl(fd, F_GETFL);
  if (flags < 0 || ::fcntl(fd, F_SETFL, flags | O_NONBLOCK) < 0) return fail_io("fcntl", errno);
  return {};
}

void set_nodelay(int fd) {
  const int one = 1;
  // Only a latency optimisation: a failure (e.g. not a TCP socket) is harmless.
  (void)::setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
}

struct AddrInfoDeleter {
  void operator()(addrinfo* info) const noexcept { ::freeaddrinfo(info); }
};
using AddrInfoList = std::unique_ptr<addrinfo, AddrInfoDeleter>;

Result<AddrInfoList> resolve(const std::string& host, std::uint16_t port, int flags) {
  addrinfo hints{};
  hints.ai_family = AF_UNSPEC;
  hints.ai_socktype = SOCK_STREAM;
  hints.ai_flags = flags;
  addrinfo* list = nullptr;
  const std::string service = std::to_string(port);
  const int rc =
      ::getaddrinfo(host.empty() ? nullptr : host.c_str(), service.c_str(), &hints, &list);
  if (rc != 0) {
    return fail(ErrorCode::io, AlertDescription::internal_error,
                fmt::format("cannot resolve '{}': {}", host, ::gai_strerror(rc)));
  }
  return AddrInfoList(list);
}

std::string format_address(const sockaddr* addr) {
  std::array<char, INET6_ADDRSTRLEN> text{};
  if (addr->sa_family == AF_INET) {
    const auto* in = reinterpret_cast<const sockaddr_in*>(addr);
    ::inet_ntop(AF_INET, &in->sin_addr, text.data(), text.size());
    return fmt::format("{}:{}", text.data(), ntohs(in->sin_port));
  }
  if (addr->sa_family == AF_INET6) {
    const auto* in6 = reinterpret_cast<const sockaddr_in6*>(addr);
    ::inet_ntop(AF_INET6, &in6->sin6_addr, text.data(), text.size());
    return fmt::format("[{}]:{}", text.data(), ntohs(in6->sin6_port));
  }
  return "unknown";
}

/// One non-blocking connect attempt, finished within deadline.
Result<UniqueFd> connect_one(const addrinfo& ai, Clock::time_point deadline, milliseconds timeout,
                             const std::string& where) {
  UniqueFd fd(
      ::socket(ai.ai_family, ai.ai_socktype | SOCK_CLOEXEC | SOCK_NONBLOCK, ai.ai_protocol));
  if (!fd.valid()) return fail_io("socket", errno);
  if (::connect(fd.get(), ai.ai_addr, ai.ai_addrlen) != 0) {
    if (errno != EINPROGRESS && errno != EINTR) {
      return fail_io(fmt::format("connect {}", where), errno);
    }
    auto ready = wait_for(fd.get(), POLLOUT, deadline, "connect");
    if (!ready) return std::unexpected(ready.error());
    if (!*ready) return fail_timeout(fmt::format("connect {}", where), timeout);
    int err = 0;
    socklen_t len = sizeof err;
    if (::getsockopt(fd.get(), SOL_SOCKET, SO_ERROR, &err, &len) != 0) err = errno;
    if (err != 0) return fail_io(fmt::format("connect {}", where), err);
  }
  set_nodelay(fd.get());
  return fd;
}

}  // namespace

// ---- UniqueFd -----------------------------------------------------------------------------------

UniqueFd& UniqueFd::operator=(UniqueFd&& other) noexcept {
  if (this != &other) {
    reset();
    fd_ = other.release();
  }
  return *this;
}

int UniqueFd::release() noexcept {
  return std::exchange(fd_, -1);
}

void UniqueFd::reset() noexcept {
  // close() is not retried on EINTR: on Linux the descriptor is released either way.
  if (fd_ >= 0) (void)::close(std::exchange(fd_, -1));
}

// ---- socket helpers -----------------------------------------------------------------------------

Result<UniqueFd> connect_tcp(const std::string& host, std::uint16_t port, milliseconds timeout) {
  const auto deadline = Clock::now() + timeout;
  // No AI_ADDRCONFIG: it ignores loopback, so on a host with only lo it would hide 127.0.0.1.
  auto list = resolve(host, port, 0);
  if (!list) return std::unexpected(list.error());
  std::optional<Error> last;
  for (const addrinfo* ai = list->get(); ai != nullptr; ai = ai->ai_next) {
    auto fd = connect_one(*ai, deadline, timeout, format_address(ai->ai_addr));
    if (fd) return fd;
    last = std::move(fd.error());
    if (last->code == ErrorCode::timeout) break;  // the deadline covers every address
  }
  if (last) return std::unexpected(std::move(*last));
  return fail(ErrorCode::io, AlertDescription::internal_error,
              fmt::format("'{}' has no address", host));
}

Result<UniqueFd> listen_tcp(const std::string& address, std::uint16_t port, int backlog) {
  auto list = resolve(address, port, AI_PASSIVE);
  if (!list) return std::unexpected(list.error());
  std::optional<Error> last;
  for (const addrinfo* ai = list->get(); ai != nullptr; ai = ai->ai_next) {
    UniqueFd fd(::socket(ai->ai_family, ai->ai_socktype | SOCK_CLOEXEC, ai->ai_protocol));
    if (!fd.valid()) {
      last = fail_io("socket", errno).error();
      continue;
    }
    const int one = 1;
    (void)::setsockopt(fd.get(), SOL_SOCKET, SO_REUSEADDR, &one, sizeof one);
    const std::string where = format_address(ai->ai_addr);
    if (::bind(fd.get(), ai->ai_addr, ai->ai_addrlen) != 0) {
      last = fail_io(fmt::format("bind {}", where), errno).error();
      continue;
    }
    if (::listen(fd.get(), backlog) != 0) {
      last = fail_io(fmt::format("listen {}", where), errno).error();
      continue;
    }
    return fd;
  }
  if (last) return std::unexpected(std::move(*last));
  return fail(ErrorCode::io, AlertDescription::internal_error,
              fmt::format("'{}' has no address", address));
}

Result<std::uint16_t> local_port(int fd) {
  sockaddr_storage addr{};
  socklen_t len = sizeof addr;
  if (::getsockname(fd, reinterpret_cast<sockaddr*>(&addr), &len) != 0) {
    return fail_io("getsockname", errno);
  }
  if (addr.ss_family == AF_INET) {
    return ntohs(reinterpret_cast<const sockaddr_in*>(&addr)->sin_port);
  }
  if (addr.ss_family == AF_INET6) {
    return ntohs(reinterpret_cast<const sockaddr_in6*>(&addr)->sin6_port);
  }
  return fail_argument("local_port: not an IP socket");
}

Result<Accepted> accept_tcp(int listen_fd, std::optional<milliseconds> timeout) {
  const auto deadline = timeout ? Clock::now() + *timeout : Clock::time_point::max();
  for (;;) {
    if (timeout) {
      auto ready = wait_for(listen_fd, POLLIN, deadline, "accept");
      if (!ready) return std::unexpected(ready.error());
      if (!*ready) return fail_timeout("accept", *timeout);
    }
    sockaddr_storage addr{};
    socklen_t len = sizeof addr;
    const int fd = ::accept4(listen_fd, reinterpret_cast<sockaddr*>(&addr), &len, SOCK_CLOEXEC);
    if (fd >= 0) {
      Accepted accepted{UniqueFd(fd), format_address(reinterpret_cast<const sockaddr*>(&addr))};
      set_nodelay(fd);
      return accepted;
    }
    // A connection reset before we took it, a signal, or a non-blocking listener that lost a
    // race: wait for the next one.
    if (errno == EINTR || errno == ECONNABORTED || errno == EAGAIN || errno == EWOULDBLOCK) {
      continue;
    }
    return fail_io("accept", errno);
  }
}

// ---- BlockingConnection -------------------------------------------------------------------------

BlockingConnection::BlockingConnection(Engine engine, UniqueFd fd, milliseconds timeout) noexcept
    : engine_(std::move(engine)), fd_(std::move(fd)), timeout_(timeout) {
  // Non-blocking I/O behind poll() is what gives each call its deadline. If this fails the
  // socket stays blocking, which still works (deadlines then bound only the waits in poll()).
  if (fd_.valid()) ignore_failure(set_nonblocking(fd_.get()));
}

BlockingConnection::Deadline BlockingConnection::deadline() const {
  return Clock::now() + timeout_;
}

Result<void> BlockingConnection::flush(Deadline deadline) {
  if (!fd_.valid()) return fail_argument("BlockingConnection: no socket");
  while (!engine_.pending_output().empty()) {
    const auto out = engine_.pending_output();
    const ssize_t n = ::send(fd_.get(), out.data(), out.size(), MSG_NOSIGNAL);
    if (n > 0) {
      engine_.consume_output(static_cast<std::size_t>(n));
      continue;
    }
    if (n < 0 && errno == EINTR) continue;
    if (n < 0 && errno != EAGAIN && errno != EWOULDBLOCK) return fail_io("send", errno);
    auto ready = wait_for(fd_.get(), POLLOUT, deadline, "send");
    if (!ready) return std::unexpected(ready.error());
    if (!*ready) return fail_timeout("send", timeout_);
  }
  return {};
}

Result<void> BlockingConnection::receive(Deadline deadline) {
  if (!fd_.valid()) return fail_argument("BlockingConnection: no socket");
  if (eof_) return engine_.end_of_input();
  std::array<std::uint8_t, 16 * 1024 + 512> buffer;  // one full record and its overhead
  for (;;) {
    const ssize_t n = ::recv(fd_.get(), buffer.data(), buffer.size(), 0);
    if (n > 0) {
      auto fed = engine_.feed(std::span(buffer).first(static_cast<std::size_t>(n)));
      if (!fed) return engine_failed(deadline);
      return {};
    }
    if (n == 0) {
      eof_ = true;
      return engine_.end_of_input();
    }
    if (errno == EINTR) continue;
    if (errno != EAGAIN && errno != EWOULDBLOCK) return fail_io("recv", errno);
    auto ready = wait_for(fd_.get(), POLLIN, deadline, "recv");
    if (!ready) return std::unexpected(ready.error());
    if (!*ready) return fail_timeout("recv", timeout_);
  }
}

std::unexpected<Error> BlockingConnection::engine_failed(Deadline deadline) {
  const Error* error = engine_.error();
  Error copy = error != nullptr ? *error
                                : Error{ErrorCode::internal, AlertDescription::internal_error,
                                        Origin::local, "engine failed without an error"};
  // Best effort: the peer learns why, unless the socket is already gone.
  if (fd_.valid()) ignore_failure(flush(deadline));
  return std::unexpected(std::move(copy));
}

Result<void> BlockingConnection::handshake() {
  const auto until = deadline();
  for (;;) {
    const Status status = engine_.status();
    if (status.failed) return engine_failed(until);
    if (status.paused) {
      if (!engine_.resume()) return engine_failed(until);
      continue;
    }
    if (auto sent = flush(until); !sent) return sent;
    if (status.handshake_done) return {};
    if (auto got = receive(until); !got) {
      if (engine_.status().failed) return engine_failed(until);
      return got;
    }
  }
}

Result<std::size_t> BlockingConnection::read_some(std::span<std::uint8_t> out) {
  if (auto done = handshake(); !done) return std::unexpected(done.error());
  const auto until = deadline();
  for (;;) {
    auto n = engine_.read(out);
    if (!n) return engine_failed(until);
    if (*n > 0 || out.empty()) return *n;
    if (engine_.status().peer_closed) {
      // Our close_notify reply is queued; the peer may already be gone, so failing to send it
      // does not change the outcome.
      ignore_failure(flush(until));
      return std::size_t{0};
    }
    // Anything the engine queued meanwhile (a no_renegotiation warning) goes out first.
    if (auto sent = flush(until); !sent) return std::unexpected(sent.error());
    if (auto got = receive(until); !got) {
      if (engine_.status().failed) return engine_failed(until);
      return std::unexpected(got.error());
    }
  }
}

Result<void> BlockingConnection::write_all(std::span<const std::uint8_t> data) {
  if (auto done = handshake(); !done) return done;
  const auto until = deadline();
  if (!data.empty()) {
    auto written = engine_.write(data);
    if (!written) {
      if (engine_.status().failed) return engine_failed(until);
      return std::unexpected(written.error());
    }
  }
  return flush(until);
}

Result<void> BlockingConnection::write_all(std::string_view text) {
  return write_all(std::span(reinterpret_cast<const std::uint8_t*>(text.data()), text.size()));
}

Result<void> BlockingConnection::close() {
  if (!fd_.valid()) return {};
  const auto until = deadline();
  Result<void> result;
  if (!engine_.status().failed) {
    if (auto closed = engine_.close(); !closed) result = std::unexpected(closed.error());
  }
  if (auto sent = flush(until); !sent && result) result = std::unexpected(sent.error());
  if (::shutdown(fd_.get(), SHUT_WR) != 0 && errno != ENOTCONN && result) {
    result = fail_io("shutdown", errno);
  }
  // Linger for the peer's close_notify or FIN (see the header): closing a socket with unread
  // input makes Linux send a reset, which can destroy our last records in flight.
  const auto linger = std::min(until, Clock::now() + std::min(timeout_, milliseconds(1000)));
  std::array<std::uint8_t, 4096> sink;
  while (!eof_ && Clock::now() < linger) {
    const ssize_t n = ::recv(fd_.get(), sink.data(), sink.size(), 0);
    if (n == 0) {
      eof_ = true;
      break;
    }
    if (n > 0) continue;  // whatever the peer still sends is of no use after our close_notify
    if (errno == EINTR) continue;
    if (errno != EAGAIN && errno != EWOULDBLOCK) break;
    auto ready = wait_for(fd_.get(), POLLIN, linger, "recv");
    if (!ready || !*ready) break;
  }
  return result;
}

}  // namespace tlsx::io
