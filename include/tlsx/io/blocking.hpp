// Blocking I/O for a tlsx::Engine over a connected POSIX socket: the only socket code in tlsx.
//
// The engine itself never touches the network (see tlsx/engine.hpp). BlockingConnection is the
// simplest way to use it: one thread per connection, every call blocks until it is done, fails,
// or its deadline passes.
//
//   auto fd = tlsx::io::connect_tcp("example.com", 443, std::chrono::seconds(10));
//   auto engine = tlsx::Engine::client(config, "example.com");
//   tlsx::io::BlockingConnection conn(std::move(*engine), std::move(*fd));
//   conn.handshake(); conn.write_all(request); conn.read_some(buffer); conn.close();
//
// Ownership: a UniqueFd owns its descriptor and closes it when destroyed. BlockingConnection
// takes the UniqueFd it is given, so the connection closes the socket when it is destroyed (or
// hand the descriptor back with release_fd()). Destruction does no I/O: call close() first to
// send close_notify.
//
// Timeouts: every operation (handshake, read_some, write_all, close) has its own deadline, the
// connection's timeout counted from the start of the call. A timeout (ErrorCode::timeout) leaves
// the connection usable: the call may be repeated, e.g. to wait for more data.
//
// Errors: socket failures are ErrorCode::io and timeouts ErrorCode::timeout, with the failed
// system call and strerror(errno) in the detail; their alert field is internal_error and nothing
// is sent to the peer for them. TLS failures are the engine's error (Engine::error()); when the
// engine failed locally the fatal alert it queued is flushed to the peer (best effort, within the
// deadline) before the call returns. The end of the TCP stream without a close_notify is the
// engine's truncation error (ErrorCode::truncated).
//
// Signals: sends use MSG_NOSIGNAL, so a peer that went away yields ErrorCode::io (EPIPE), never
// SIGPIPE.
#pragma once

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>

#include "tlsx/engine.hpp"
#include "tlsx/error.hpp"

namespace tlsx::io {

/// An owned file descriptor: closed when destroyed. Movable, not copyable.
class UniqueFd {
 public:
  UniqueFd() noexcept = default;
  explicit UniqueFd(int fd) noexcept : fd_(fd) {}
  UniqueFd(UniqueFd&& other) noexcept : fd_(other.release()) {}
  UniqueFd& operator=(UniqueFd&& other) noexcept;
  UniqueFd(const UniqueFd&) = delete;
  UniqueFd& operator=(const UniqueFd&) = delete;
  ~UniqueFd() { reset(); }

  [[nodiscard]] int get() const noexcept { return fd_; }
  [[nodiscard]] bool valid() const noexcept { return fd_ >= 0; }
  /// Gives up ownership: the caller now closes the descriptor.
  [[nodiscard]] int release() noexcept;
  /// Closes the descriptor (if any).
  void reset() noexcept;

 private:
  int fd_ = -1;
};

/// Connects a TCP socket to host (a name resolved with getaddrinfo, or an IPv4/IPv6 literal) and
/// port, trying each address in turn until one accepts, all within timeout. The socket has
/// TCP_NODELAY set. Fails with ErrorCode::io (resolution or connection refused) or
/// ErrorCode::timeout.
Result<UniqueFd> connect_tcp(const std::string& host, std::uint16_t port,
                             std::chrono::milliseconds timeout);

/// A listening TCP socket bound to address (an IPv4/IPv6 literal or a name; "0.0.0.0" or "::"
/// for every interface) and port (0: the kernel picks one; see local_port()). SO_REUSEADDR is
/// set so that a restarted server can bind at once. Fails with ErrorCode::io.
Result<UniqueFd> listen_tcp(const std::string& address, std::uint16_t port, int backlog = 64);

/// The port a bound socket has (after listen_tcp with port 0).
Result<std::uint16_t> local_port(int fd);

/// A connection accepted from a listening socket.
struct Accepted {
  UniqueFd fd;       ///< owned by the caller; TCP_NODELAY is set
  std::string peer;  ///< "127.0.0.1:51234" or "[::1]:51234"
};

/// Waits for one connection on listen_fd (borrowed) for at most timeout (nullopt: forever).
/// Retries by itself on EINTR and on connections that were aborted before they were accepted.
Result<Accepted> accept_tcp(int listen_fd,
                            std::optional<std::chrono::milliseconds> timeout = std::nullopt);

/// An Engine driven over a connected stream socket, blocking with per-operation deadlines.
/// Not thread-safe: one thread uses a connection at a time.
class BlockingConnection {
 public:
  static constexpr std::chrono::milliseconds kDefaultTimeout{30'000};

  /// Takes the engine and the socket (which it owns from now on and switches to non-blocking
  /// mode; the object's calls block through poll()).
  BlockingConnection(Engine engine, UniqueFd fd,
                     std::chrono::milliseconds timeout = kDefaultTimeout) noexcept;

  BlockingConnection(BlockingConnection&&) noexcept = default;
  BlockingConnection& operator=(BlockingConnection&&) noexcept = default;
  BlockingConnection(const BlockingConnection&) = delete;
  BlockingConnection& operator=(const BlockingConnection&) = delete;
  ~BlockingConnection() = default;

  /// Runs the handshake to completion. Does nothing when it is already done. An observer that
  /// pauses the engine is resumed at once (pausing is for drivers that step the Engine itself).
  Result<void> handshake();

  /// Waits for application data and copies up to out.size() bytes into out. Returns the number
  /// of bytes (> 0), or 0 once the peer has closed the connection with close_notify (our own
  /// close_notify is then sent in reply). Runs the handshake first if it is not done.
  Result<std::size_t> read_some(std::span<std::uint8_t> out);

  /// Encrypts all of data and sends it. Runs the handshake first if it is not done. Blocks until
  /// the socket took every byte; a peer that does not read makes it time out.
  Result<void> write_all(std::span<const std::uint8_t> data);
  Result<void> write_all(std::string_view text);

  /// Sends close_notify (unless one was sent already or the engine failed), flushes what is
  /// queued, and shuts down the sending half of the socket. It then waits briefly (at most the
  /// smaller of the timeout and one second) for the peer's close_notify or end of stream, so that
  /// unread input does not make the kernel reset the connection before the peer has read our
  /// last bytes. The socket itself is closed by the destructor.
  Result<void> close();

  [[nodiscard]] Engine& engine() noexcept { return engine_; }
  [[nodiscard]] const Engine& engine() const noexcept { return engine_; }
  /// The socket (still owned by the connection).
  [[nodiscard]] int fd() const noexcept { return fd_.get(); }
  /// Gives the socket back to the caller, who must close it; the connection is unusable after.
  [[nodiscard]] int release_fd() noexcept { return fd_.release(); }

  [[nodiscard]] std::chrono::milliseconds timeout() const noexcept { return timeout_; }
  void set_timeout(std::chrono::milliseconds timeout) noexcept { timeout_ = timeout; }

 private:
  using Deadline = std::chrono::steady_clock::time_point;

  [[nodiscard]] Deadline deadline() const;
  /// Sends everything the engine has queued.
  Result<void> flush(Deadline deadline);
  /// Waits for bytes from the peer and feeds them to the engine (end of stream: end_of_input()).
  Result<void> receive(Deadline deadline);
  /// The engine failed: flush its fatal alert (best effort) and return its error.
  std::unexpected<Error> engine_failed(Deadline deadline);

  Engine engine_;
  UniqueFd fd_;
  std::chrono::milliseconds timeout_;
  bool eof_ = false;  ///< the peer shut down its sending half
};

}  // namespace tlsx::io
