// tlsx-step: runs a TLS 1.2 handshake one state at a time and shows every field, byte and
// derived secret (course mode). Exit status: 0 success, 1 handshake or I/O failure, 2 bad usage.
#include <algorithm>
#include <cstdio>
#include <fstream>
#include <span>
#include <string>

#include <fmt/format.h>

#include "drivers.hpp"
#include "handshake/flow.hpp"
#include "html_render.hpp"
#include "lesson_tables.hpp"
#include "options.hpp"
#include "report.hpp"
#include "text_render.hpp"

namespace {

using namespace tlsx;
using namespace tlsx::step;

std::string mode_text(const Options& o) {
  if (o.connect) {
    return fmt::format("client against the real server {}", examples::format_host_port(*o.connect));
  }
  if (o.listen) return fmt::format("server for one real client on 127.0.0.1:{}", *o.listen);
  return "client and server engines in this process (demo certificate for localhost)";
}

/// The flow table of the handshake that ran, and the step in which each entry happened. With
/// --resume only the steps of the first connection count here (see fill_resumed_flow).
void fill_flow(RunInfo& info, std::span<const Step> steps, bool ecdhe) {
  // The shape that ran: client authentication shows as its messages in the steps.
  auto ran = [&steps](std::string_view message) {
    for (const auto& step : steps) {
      if (step.message == message) return true;
    }
    return false;
  };
  const auto flow = handshake::flow_for(handshake::HandshakeShape{
      ecdhe, ran("CertificateRequest"), ran("CertificateVerify"), false, ran("NewSessionTicket")});
  std::vector<bool> used(steps.empty() ? 0 : static_cast<std::size_t>(steps.back().number) + 1,
                         false);
  for (const auto* entry : flow) {
    const bool client = entry->sender == handshake::Sender::client;
    info.flow.emplace_back(client ? "client -> server" : "server -> client", entry->name);
    int at = -1;
    for (const auto& step : steps) {
      const auto i = static_cast<std::size_t>(step.number);
      if (used[i]) continue;
      const bool sender_matches = (step.sender == Side::client) == client;
      if (step.actor && step.message == entry->name && sender_matches) {
        at = step.number;
        used[i] = true;
        break;
      }
    }
    // Against a real peer, what the local engine sends has no step of its own: find the step
    // that sent it.
    for (const auto& step : steps) {
      if (at >= 0) break;
      const bool ccs = entry->handshake_type == handshake::kChangeCipherSpecStep;
      for (const auto& m : step.sent) {
        if (!ccs && static_cast<std::uint8_t>(m.type) == entry->handshake_type &&
            (m.side == Side::client) == client) {
          at = step.number;
        }
      }
      for (const auto& r : step.records_out) {
        if (ccs && r.bytes[0] == 20 && (r.from == Side::client) == client) at = step.number;
      }
    }
    info.flow_steps.push_back(at);
  }
}

/// --resume: the full handshake's flow table again, for the second connection: the step where
/// each entry happened, or why the abbreviated handshake left it out.
void fill_resumed_flow(RunInfo& info, std::span<const Step> steps, bool ecdhe, bool ticket) {
  const auto flow =
      handshake::flow_for(handshake::HandshakeShape{ecdhe, false, false, false, ticket});
  bool key_exchange = false;
  for (const auto* entry : flow) {
    const bool client = entry->sender == handshake::Sender::client;
    info.resumed_flow.emplace_back(client ? "client -> server" : "server -> client", entry->name);
    int at = -1;
    for (const auto& step : steps) {
      if (step.actor && step.message == entry->name && (step.sender == Side::client) == client) {
        at = step.number;
        break;
      }
    }
    if (entry->name == "ClientKeyExchange" && at >= 0) key_exchange = true;
    const auto why = resumption_skip_reason(entry->name, client);
    info.resumed_flow_where.push_back(at >= 0        ? fmt::format("step {}", at)
                                      : !why.empty() ? fmt::format("skipped: {}", why)
                                                     : std::string("-"));
  }
  info.resumed = !steps.empty() && !key_exchange;
}

}  // namespace

int main(int argc, char** argv) {
  const Options options = parse_options(argc, argv);
  std::string error;
  const auto session = step::Session::make(options, &error);  // not tlsx::Session
  if (!session) {
    fmt::print(stderr, "tlsx-step: {}\n", error);
    return 1;
  }
  RunInfo info;
  info.mode = mode_text(options);
  info.options = describe(options);
  const std::string header = render_text_header(info);
  static_cast<void>(std::fwrite(header.data(), 1, header.size(), stdout));

  Recorder recorder;
  Presenter presenter(recorder, !options.auto_run);
  const bool remote = options.connect || options.listen;
  const int status = remote ? run_against_peer(options, *session, recorder, presenter)
                            : run_in_process(options, *session, recorder, presenter);
  presenter.show_new_steps();

  const auto& steps = recorder.steps();
  // --resume: the second connection starts at its marker step.
  const auto second = std::find_if(steps.begin(), steps.end(), [](const Step& s) {
    return s.title == "second connection: resumption";
  });
  const auto split = static_cast<std::size_t>(second - steps.begin());
  // What was negotiated is the first connection's (a resumed one takes the same parameters).
  const auto first_steps = std::span<const Step>(steps).first(split);
  bool ecdhe = true;
  for (const auto& step : first_steps) {
    if (step.context.suite != nullptr) {
      ecdhe = step.context.suite->kx != handshake::KeyExchange::rsa;
      info.negotiated =
          fmt::format("{} ({})", step.context.suite->iana_name, step.context.suite->openssl_name);
    }
  }
  // Whether EMS was used is only visible in the step that derived the master secret.
  for (const auto& step : first_steps) {
    for (const auto& s : step.secrets) {
      if (s.kind == SecretKind::master_secret && step.context.suite != nullptr) {
        const bool ems =
            std::any_of(step.secrets.begin(), step.secrets.end(),
                        [](const SecretEvent& e) { return e.kind == SecretKind::session_hash; });
        info.negotiated =
            fmt::format("{} ({}), extended master secret {}", step.context.suite->iana_name,
                        step.context.suite->openssl_name, ems ? "yes" : "no");
      }
    }
  }
  fill_flow(info, first_steps, ecdhe);
  if (options.resume) {
    info.resumption = options.ticket ? "by ticket (RFC 5077)" : "by session ID";
    fill_resumed_flow(info, std::span<const Step>(steps).subspan(split), ecdhe, options.ticket);
  }
  if (info.negotiated.empty()) info.negotiated = "(no cipher suite was agreed)";
  if (!steps.empty()) {
    const std::string summary = render_text_summary(info);
    static_cast<void>(std::fwrite(summary.data(), 1, summary.size(), stdout));
  }

  if (options.html) {
    std::ofstream file(*options.html, std::ios::binary);
    file << render_html(info, steps);
    if (!file) {
      fmt::print(stderr, "tlsx-step: cannot write {}\n", *options.html);
      return 1;
    }
  }
  return status;
}
