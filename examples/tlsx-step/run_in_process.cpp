// Client and server engines in one process, bytes moved between them one record at a time.
#include <deque>
#include <optional>
#include <string>

#include <fmt/format.h>

#include "drivers.hpp"
#include "report.hpp"
#include "wire.hpp"

namespace tlsx::step {

namespace {

constexpr std::string_view kClientData = "hello from the tlsx-step client\n";
constexpr std::string_view kServerData = "hello from the tlsx-step server\n";

struct Link {
  Engine& engine;
  RecordSplitter splitter;         ///< what this engine sends
  std::deque<WireRecord> inbound;  ///< records on their way to this engine
};

void drain(Link& from, Link& to, std::size_t fragment, Recorder& recorder) {
  const auto out = from.engine.pending_output();
  if (out.empty()) return;
  auto records = from.splitter.push(out);
  from.engine.consume_output(out.size());
  recorder.note_sent_records(records);
  for (auto& r : records) {
    // cppcheck-suppress accessMoved ; each r is moved once, in its own iteration
    for (auto& piece : refragment(std::move(r), fragment)) to.inbound.push_back(std::move(piece));
  }
}

int report_failure(const Engine& engine, Side side, Recorder& recorder, Presenter& presenter) {
  const Error* error = engine.error();
  const std::string why =
      error != nullptr ? examples::describe_error(*error) : std::string("unknown error");
  recorder.add_note(fmt::format("{} failed: {}", side_name(side), why));
  recorder.manual_step(fmt::format("{} fails", side_name(side)));
  presenter.show_new_steps();
  fmt::print("{} failed: {}\n", side_name(side), why);
  return 1;
}

/// Delivers one record to link's engine; false when the engine failed.
bool deliver(Link& link, Recorder& recorder) {
  WireRecord record = std::move(link.inbound.front());
  link.inbound.pop_front();
  const auto bytes = record.bytes;
  recorder.add_record(std::move(record), /*outbound=*/false);
  return link.engine.feed(bytes).has_value();
}

std::string read_all(Engine& engine) {
  std::string text;
  std::uint8_t buf[4096];
  for (;;) {
    auto n = engine.read(buf);
    if (!n || *n == 0) return text;
    text.append(reinterpret_cast<const char*>(buf), *n);
  }
}

/// One connection in this process: the handshake step by step, application data both ways,
/// close_notify. Returns 0 or 1 (a failure, already reported); *session: the client's session
/// afterwards (for --resume).
int run_connection(const Options& options, Engine& client_engine, Engine& server_engine,
                   Recorder& recorder, Presenter& presenter,
                   std::optional<tlsx::Session>* session) {
  recorder.attach(Side::client, &client_engine);
  recorder.attach(Side::server, &server_engine);
  recorder.manual_step("client sends ClientHello (Engine::client queued it)");
  // The ClientHello has no transition: the client starts out waiting for the ServerHello.
  recorder.label_last("ClientHello", Side::client, "RFC 5246 §7.4.1.2");

  Link client{client_engine, RecordSplitter(Side::client), {}};
  Link server{server_engine, RecordSplitter(Side::server), {}};
  for (;;) {
    drain(client, server, options.fragment, recorder);
    drain(server, client, options.fragment, recorder);
    presenter.show_new_steps();
    if (client.engine.status().paused) {
      if (!client.engine.resume())
        return report_failure(client.engine, Side::client, recorder, presenter);
    } else if (server.engine.status().paused) {
      if (!server.engine.resume())
        return report_failure(server.engine, Side::server, recorder, presenter);
    } else if (!server.inbound.empty()) {
      if (!deliver(server, recorder))
        return report_failure(server.engine, Side::server, recorder, presenter);
    } else if (!client.inbound.empty()) {
      if (!deliver(client, recorder))
        return report_failure(client.engine, Side::client, recorder, presenter);
    } else {
      break;
    }
  }
  if (!client.engine.status().handshake_done || !server.engine.status().handshake_done) {
    fmt::print("the handshake stopped before completing\n");
    return 1;
  }
  *session = client.engine.session();

  // Application data, then close_notify: each a step with its encrypted record.
  auto exchange = [&](Link& from, Link& to, std::string_view text, std::string title) {
    if (!text.empty() && !from.engine.write(std::span(
                             reinterpret_cast<const std::uint8_t*>(text.data()), text.size()))) {
      return false;
    }
    if (text.empty() && !from.engine.close()) return false;
    drain(from, to, 0, recorder);
    while (!to.inbound.empty()) {
      if (!deliver(to, recorder)) return false;
    }
    recorder.manual_step(std::move(title), read_all(to.engine));
    presenter.show_new_steps();
    return true;
  };
  if (!exchange(client, server, kClientData, "application data: client -> server") ||
      !exchange(server, client, kServerData, "application data: server -> client") ||
      !exchange(client, server, "", "client closes: close_notify alert")) {
    return report_failure(client.engine, Side::client, recorder, presenter);
  }
  return 0;
}

}  // namespace

int run_in_process(const Options& options, const Session& session, Recorder& recorder,
                   Presenter& presenter) {
  StepObserver client_observer(Side::client, recorder, /*pause=*/true);
  StepObserver server_observer(Side::server, recorder, /*pause=*/true);
  std::optional<tlsx::Session> resumable;
  for (int connection = 0; connection < (options.resume ? 2 : 1); ++connection) {
    // The second connection (--resume) gets a fresh pair of engines; the server's configuration
    // shares the session cache and ticket keys of the first, and the client offers its session.
    auto server_engine = Engine::server(session.server_config(&server_observer));
    if (!server_engine) {
      fmt::print("server: {}\n", examples::describe_error(server_engine.error()));
      return 1;
    }
    auto client_engine =
        connection == 0
            ? Engine::client(session.client_config(&client_observer), options.servername)
            : Engine::client(session.resuming_client_config(&client_observer, resumable),
                             options.servername);
    if (!client_engine) {
      fmt::print("client: {}\n", examples::describe_error(client_engine.error()));
      return 1;
    }
    if (connection == 1) {
      if (!resumable) {
        fmt::print("the first connection left no session to resume\n");
        return 1;
      }
      recorder.attach(Side::client, &*client_engine);
      recorder.attach(Side::server, &*server_engine);
      recorder.add_note(
          options.ticket
              ? "second connection: the client offers the ticket the server gave it (RFC 5077)"
              : "second connection: the client offers the session ID of the first (RFC 5246 "
                "§7.4.1.2)");
      recorder.manual_step("second connection: resumption");
      presenter.show_new_steps();
    }
    const int status =
        run_connection(options, *client_engine, *server_engine, recorder, presenter, &resumable);
    recorder.attach(Side::client, nullptr);
    recorder.attach(Side::server, nullptr);
    if (status != 0) return status;
  }
  return 0;
}

}  // namespace tlsx::step
