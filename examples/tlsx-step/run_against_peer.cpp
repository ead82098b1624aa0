// One engine (client for --connect, server for --listen) against a real peer over TCP. Received
// bytes are cut into records and fed one at a time, as in-process, so that each step shows the
// records it consumed; what we send is decoded in the step that produced it.
#include <poll.h>
#include <sys/socket.h>

#include <chrono>
#include <deque>
#include <string>

#include <fmt/format.h>

#include "drivers.hpp"
#include "report.hpp"
#include "tlsx/io/blocking.hpp"
#include "wire.hpp"

namespace tlsx::step {

namespace {

constexpr std::string_view kClientRequest = "GET / HTTP/1.0\r\n\r\n";
constexpr std::string_view kServerReply = "hello from tlsx-step\n";

class PeerLink {
 public:
  PeerLink(Engine& engine, io::UniqueFd fd, Side local, Recorder& recorder,
           std::chrono::milliseconds timeout, std::size_t fragment)
      : engine_(engine),
        fd_(std::move(fd)),
        out_(local),
        in_(other(local)),
        recorder_(recorder),
        timeout_(timeout),
        fragment_(fragment) {}

  /// Sends whatever the engine queued; its records go to the step that produced them.
  bool flush(bool to_pending = false) {
    const auto out = engine_.pending_output();
    if (out.empty()) return true;
    // --fragment applies to what we send as well: a real peer must reassemble it too.
    std::vector<WireRecord> pieces;
    for (auto& r : out_.push(out)) {
      // cppcheck-suppress accessMoved ; each r is moved once, in its own iteration
      for (auto& piece : refragment(std::move(r), fragment_)) pieces.push_back(std::move(piece));
    }
    engine_.consume_output(out.size());
    std::vector<std::uint8_t> wire;
    for (const auto& piece : pieces)
      wire.insert(wire.end(), piece.bytes.begin(), piece.bytes.end());
    std::size_t sent = 0;
    while (sent < wire.size()) {
      const auto n = ::send(fd_.get(), wire.data() + sent, wire.size() - sent, MSG_NOSIGNAL);
      if (n <= 0) return false;
      sent += static_cast<std::size_t>(n);
    }
    recorder_.add_sent_records(std::move(pieces), to_pending);
    return true;
  }

  /// Receives more records; false on timeout, error or end of stream.
  bool receive() { return receive(timeout_); }
  bool receive(std::chrono::milliseconds wait) {
    pollfd p{fd_.get(), POLLIN, 0};
    if (::poll(&p, 1, static_cast<int>(wait.count())) <= 0) return false;
    std::uint8_t buf[16384];
    const auto n = ::recv(fd_.get(), buf, sizeof buf, 0);
    if (n <= 0) {
      eof_ = true;
      return false;
    }
    for (auto& r : in_.push(std::span(buf, static_cast<std::size_t>(n)))) {
      // cppcheck-suppress accessMoved ; each r is moved once, in its own iteration
      for (auto& piece : refragment(std::move(r), fragment_)) inbound_.push_back(std::move(piece));
    }
    return true;
  }

  /// Feeds the next received record; false when the engine failed.
  bool deliver() {
    WireRecord record = std::move(inbound_.front());
    inbound_.pop_front();
    const auto bytes = record.bytes;
    recorder_.add_record(std::move(record), /*outbound=*/false);
    return engine_.feed(bytes).has_value();
  }

  [[nodiscard]] bool has_inbound() const noexcept { return !inbound_.empty(); }
  [[nodiscard]] bool eof() const noexcept { return eof_; }

 private:
  Engine& engine_;
  io::UniqueFd fd_;
  RecordSplitter out_, in_;
  std::deque<WireRecord> inbound_;
  Recorder& recorder_;
  std::chrono::milliseconds timeout_;
  std::size_t fragment_;
  bool eof_ = false;
};

int failed(const Engine& engine, std::string_view what, Recorder& recorder, Presenter& presenter) {
  const Error* error = engine.error();
  const std::string why =
      error != nullptr ? examples::describe_error(*error) : std::string("no TLS error");
  // What led to the failure (the records and the message refused) is a step of its own.
  recorder.add_note(fmt::format("{}: {}", what, why));
  recorder.manual_step(std::string(what));
  presenter.show_new_steps();
  fmt::print("{}: {}\n", what, why);
  return 1;
}

/// Reads plaintext until the peer closes, or stays silent for a moment once data came (peers
/// that keep the connection open after answering), or for the whole timeout before any came.
std::string receive_data(Engine& engine, PeerLink& link) {
  constexpr std::chrono::milliseconds kQuiet(300);
  std::string text;
  std::uint8_t buf[4096];
  for (;;) {
    while (link.has_inbound()) {
      if (!link.deliver()) return text;
    }
    for (auto n = engine.read(buf); n && *n > 0; n = engine.read(buf)) {
      text.append(reinterpret_cast<const char*>(buf), *n);
    }
    if (engine.status().peer_closed || engine.status().failed) return text;
    const bool got = text.empty() ? link.receive() : link.receive(kQuiet);
    if (!got) return text;
  }
}

}  // namespace

int run_against_peer(const Options& options, const Session& session, Recorder& recorder,
                     Presenter& presenter) {
  const auto timeout =
      std::chrono::milliseconds(static_cast<std::int64_t>(options.timeout_seconds * 1000));
  const Side local = options.connect ? Side::client : Side::server;
  StepObserver observer(local, recorder, /*pause=*/true);
  recorder.set_remote_peer(true);

  io::UniqueFd fd;
  std::optional<Engine> engine;
  if (options.connect) {
    auto connected = io::connect_tcp(options.connect->host, options.connect->port, timeout);
    if (!connected) {
      fmt::print("{}\n", examples::describe_error(connected.error()));
      return 1;
    }
    fd = std::move(*connected);
    auto made = Engine::client(session.client_config(&observer), options.servername);
    if (!made) {
      fmt::print("client: {}\n", examples::describe_error(made.error()));
      return 1;
    }
    engine.emplace(std::move(*made));
    recorder.attach(Side::client, &*engine);
    recorder.manual_step("client sends ClientHello (Engine::client queued it)");
    recorder.label_last("ClientHello", Side::client, "RFC 5246 §7.4.1.2");
  } else {
    const std::uint16_t port = options.listen.value_or(0);
    auto listener = io::listen_tcp("127.0.0.1", port);
    if (!listener) {
      fmt::print("{}\n", examples::describe_error(listener.error()));
      return 1;
    }
    fmt::print("listening on 127.0.0.1:{}\n", port);
    static_cast<void>(std::fflush(stdout));
    auto accepted = io::accept_tcp(listener->get(), timeout);
    if (!accepted) {
      fmt::print("{}\n", examples::describe_error(accepted.error()));
      return 1;
    }
    fd = std::move(accepted->fd);
    auto made = Engine::server(session.server_config(&observer));
    if (!made) {
      fmt::print("server: {}\n", examples::describe_error(made.error()));
      return 1;
    }
    engine.emplace(std::move(*made));
    recorder.attach(Side::server, &*engine);
    recorder.add_note(fmt::format("accepted a connection from {}", accepted->peer));
  }

  PeerLink link(*engine, std::move(fd), local, recorder, timeout, options.fragment);
  while (!engine->status().handshake_done) {
    if (!link.flush()) return failed(*engine, "send failed", recorder, presenter);
    presenter.show_new_steps();
    if (engine->status().failed) return failed(*engine, "handshake failed", recorder, presenter);
    if (engine->status().paused) {
      if (!engine->resume()) return failed(*engine, "handshake failed", recorder, presenter);
    } else if (link.has_inbound()) {
      if (!link.deliver()) {
        link.flush(/*to_pending=*/true);  // the fatal alert, for the peer's sake
        return failed(*engine, "handshake failed", recorder, presenter);
      }
    } else if (!link.receive()) {
      return failed(*engine,
                    link.eof() ? "the peer closed the connection during the handshake"
                               : "no answer from the peer (timeout)",
                    recorder, presenter);
    }
  }
  if (!link.flush()) return failed(*engine, "send failed", recorder, presenter);
  presenter.show_new_steps();
  // The last transition (to Connected) paused the engine too.
  if (engine->status().paused && !engine->resume()) {
    return failed(*engine, "handshake failed", recorder, presenter);
  }

  auto send_text = [&](std::string_view text, std::string title) {
    auto ok =
        engine->write(std::span(reinterpret_cast<const std::uint8_t*>(text.data()), text.size()));
    recorder.manual_step(std::move(title), std::string(text));
    if (!ok || !link.flush()) return false;
    presenter.show_new_steps();
    return true;
  };
  if (local == Side::client) {
    const std::string request = options.send_given ? options.send : std::string(kClientRequest);
    if (!request.empty() && !send_text(request, "application data: client -> server")) {
      return failed(*engine, "write failed", recorder, presenter);
    }
    const auto reply = receive_data(*engine, link);
    recorder.manual_step("application data: server -> client", reply);
  } else {
    const auto request = receive_data(*engine, link);
    recorder.manual_step("application data: client -> server", request);
    presenter.show_new_steps();
    const std::string reply = options.send_given ? options.send : std::string(kServerReply);
    if (!send_text(reply, "application data: server -> client")) {
      return failed(*engine, "write failed", recorder, presenter);
    }
  }
  // Best effort: the data went through; a close that fails changes nothing for the lesson.
  [[maybe_unused]] auto closed = engine->close();
  link.flush();
  presenter.show_new_steps();
  return 0;
}

}  // namespace tlsx::step
