// tlsx_flow_doc: writes docs/STATE-MACHINE.md from the handshake flow table (src/handshake/flow.*)
// and from what the engines do with it.
//
//   tlsx_flow_doc PKI_DIR                  Markdown on stdout
//   tlsx_flow_doc PKI_DIR --output FILE    writes FILE (the state-machine-doc build target)
//   tlsx_flow_doc PKI_DIR --check FILE     exit 1 if FILE differs from what would be written
//
// For every handshake shape the engine can run, a client and a server engine complete an
// in-memory handshake with observers that record, for each step, which state the sender was in
// when it sent the message and which transition the receiver made; the generator checks that
// these steps are exactly the flow table's steps for that shape, so the document cannot drift
// from the code. Nothing random is printed, so the output is stable.
#include <cstdio>
#include <fstream>
#include <iterator>
#include <memory>
#include <optional>
#include <span>
#include <sstream>
#include <string>
#include <string_view>
#include <vector>

#include "handshake/flow.hpp"
#include "tlsx/code_points.hpp"
#include "tlsx/config.hpp"
#include "tlsx/engine.hpp"
#include "tlsx/observer.hpp"
#include "tlsx/session.hpp"

namespace {

using tlsx::Direction;
using tlsx::handshake::FlowStepInfo;
using tlsx::handshake::HandshakeShape;
using tlsx::handshake::Sender;

/// What one engine did at each step, in order.
struct RoleLog {
  struct Sent {
    std::string message;
    std::string state;  ///< the sender's state while it sent the message
  };
  struct Received {
    std::string message, from, to;
  };
  std::vector<Sent> sent;
  std::vector<Received> received;
};

class StepRecorder final : public tlsx::Observer {
 public:
  void attach(const tlsx::Engine* engine) { engine_ = engine; }
  void on_message(Direction dir, tlsx::HandshakeType type,
                  std::span<const std::uint8_t> /*raw*/) override {
    if (dir == Direction::outbound) log.sent.push_back({message_name(type), current_state()});
  }
  void on_protection_change(Direction dir, std::string_view /*from*/,
                            std::string_view /*to*/) override {
    if (dir == Direction::outbound) log.sent.push_back({"ChangeCipherSpec", current_state()});
  }
  tlsx::Action on_transition(std::string_view from, std::string_view to,
                             const tlsx::FlowStep& step) override {
    log.received.push_back({std::string(step.message), std::string(from), std::string(to)});
    return tlsx::Action::proceed;
  }
  RoleLog log;

 private:
  std::string current_state() const {
    // The client's ClientHello is queued inside Engine::client(), before an Engine exists.
    return engine_ != nullptr ? std::string(engine_->state()) : std::string("Engine::client()");
  }
  static std::string message_name(tlsx::HandshakeType type) {
    const auto name = tlsx::to_string(type);
    // The flow table's names, which drop the "client_"/"server_" prefixes and use CamelCase.
    std::string out;
    bool upper = true;
    for (char c : name) {
      if (c == '_') {
        upper = true;
        continue;
      }
      out += upper ? static_cast<char>(c - 'a' + 'A') : c;
      upper = false;
    }
    return out;
  }
  const tlsx::Engine* engine_ = nullptr;
};

/// How the run answers client authentication: not asked, a certificate, or an empty Certificate.
enum class ClientAuthRun : std::uint8_t { none, certificate, empty };

/// Whether the run resumes: a first, unrecorded full handshake leaves the session that the
/// recorded one offers.
enum class ResumeRun : std::uint8_t {
  none,
  ticket_issued,   ///< full handshake; the server has ticket keys and issues a ticket
  session_id,      ///< abbreviated handshake resuming by session ID
  ticket_reissue,  ///< abbreviated handshake resuming by ticket; the server issues a new one
};

struct Shape {
  std::string title;
  HandshakeShape shape;
  tlsx::CipherSuite suite;
  ClientAuthRun client_auth;
  ResumeRun resume = ResumeRun::none;
};

struct ShapeRun {
  RoleLog client, server;
};

std::size_t move_all(tlsx::Engine& from, tlsx::Engine& to) {
  const auto out = from.pending_output();
  const std::vector<std::uint8_t> piece(out.begin(), out.end());
  from.consume_output(piece.size());
  if (!piece.empty()) (void)to.feed(piece);
  return piece.size();
}

std::optional<ShapeRun> run_shape(const std::string& pki, const Shape& shape, std::string& error) {
  auto cert = tlsx::CertifiedKey::from_pem_files(pki + "/server.pem", pki + "/server.key");
  auto trust = tlsx::TrustStore::from_pem_file(pki + "/ca.pem");
  if (!cert || !trust) {
    error = "cannot load the test PKI from " + pki;
    return std::nullopt;
  }
  StepRecorder client_rec, server_rec;
  tlsx::ClientConfig cc;
  cc.trust = std::make_shared<const tlsx::TrustStore>(std::move(*trust));
  cc.cipher_suites = {shape.suite};
  cc.observer = &client_rec;
  tlsx::ServerConfig sc;
  sc.certificates.push_back(std::move(*cert));
  sc.observer = &server_rec;
  if (shape.client_auth != ClientAuthRun::none) {
    sc.client_auth = tlsx::ClientAuth::request;
    sc.client_trust = cc.trust;
  }
  if (shape.client_auth == ClientAuthRun::certificate) {
    auto client_cert = tlsx::CertifiedKey::from_pem_files(pki + "/client.pem", pki + "/client.key");
    if (!client_cert) {
      error = "cannot load the test client certificate from " + pki;
      return std::nullopt;
    }
    cc.certificate = std::move(*client_cert);
  }
  if (shape.resume == ResumeRun::session_id) sc.session_cache = tlsx::make_memory_session_cache();
  if (shape.resume == ResumeRun::ticket_issued || shape.resume == ResumeRun::ticket_reissue) {
    auto keys = tlsx::TicketKeys::create(*sc.provider);
    if (!keys) {
      error = "cannot create ticket keys";
      return std::nullopt;
    }
    sc.ticket_keys = *keys;
    sc.reissue_tickets = true;
  }
  if (shape.resume == ResumeRun::session_id || shape.resume == ResumeRun::ticket_reissue) {
    tlsx::ClientConfig first_cc = cc;
    tlsx::ServerConfig first_sc = sc;
    first_cc.observer = nullptr;
    first_sc.observer = nullptr;
    auto first_client = tlsx::Engine::client(first_cc, "localhost");
    auto first_server = tlsx::Engine::server(first_sc);
    if (!first_client || !first_server) {
      error = "cannot create the engines";
      return std::nullopt;
    }
    for (int round = 0; round < 100; ++round) {
      if (move_all(*first_client, *first_server) + move_all(*first_server, *first_client) == 0) {
        break;
      }
    }
    cc.session = first_client->session();
    if (!cc.session) {
      error = "the first handshake left no session to resume";
      return std::nullopt;
    }
  }
  auto client = tlsx::Engine::client(cc, "localhost");
  auto server = tlsx::Engine::server(sc);
  if (!client || !server) {
    error = "cannot create the engines";
    return std::nullopt;
  }
  client_rec.attach(&*client);
  server_rec.attach(&*server);
  for (int round = 0; round < 100; ++round) {
    if (move_all(*client, *server) + move_all(*server, *client) == 0) break;
  }
  if (!client->status().handshake_done || !server->status().handshake_done) {
    error = std::string("handshake failed: ") + (client->error()   ? client->error()->detail
                                                 : server->error() ? server->error()->detail
                                                                   : "no progress");
    return std::nullopt;
  }
  return ShapeRun{std::move(client_rec.log), std::move(server_rec.log)};
}

/// One row of a shape's table: a flow step with what the engines did at it.
struct Row {
  const FlowStepInfo* step;
  std::string sender_state;  ///< empty when the shape was not run
  std::string receiver_from, receiver_to;
};

/// Lines the engines' logs up with the flow table; fails if they disagree.
std::optional<std::vector<Row>> rows_for(const Shape& s, const ShapeRun* run, std::string& error) {
  std::vector<Row> rows;
  std::size_t sent[2] = {0, 0}, received[2] = {0, 0};
  for (const FlowStepInfo* step : tlsx::handshake::flow_for(s.shape)) {
    Row row{step, "", "", ""};
    if (run != nullptr) {
      const bool by_client = step->sender == Sender::client;
      const RoleLog& sender = by_client ? run->client : run->server;
      const RoleLog& receiver = by_client ? run->server : run->client;
      std::size_t& si = sent[by_client ? 0 : 1];
      std::size_t& ri = received[by_client ? 1 : 0];
      if (si >= sender.sent.size() || sender.sent[si].message != step->name ||
          ri >= receiver.received.size() || receiver.received[ri].message != step->name) {
        error = s.title + ": the engines' steps differ from the flow table at " +
                std::string(step->name);
        return std::nullopt;
      }
      row.sender_state = sender.sent[si++].state;
      row.receiver_from = receiver.received[ri].from;
      row.receiver_to = receiver.received[ri++].to;
    }
    rows.push_back(std::move(row));
  }
  if (run != nullptr &&
      (sent[0] != run->client.sent.size() || sent[1] != run->server.sent.size() ||
       received[0] != run->client.received.size() || received[1] != run->server.received.size())) {
    error = s.title + ": the engines took steps that the flow table does not list";
    return std::nullopt;
  }
  return rows;
}

std::string condition_text(tlsx::handshake::StepCondition c) {
  switch (c) {
    case tlsx::handshake::StepCondition::always:
      return "always";
    case tlsx::handshake::StepCondition::ecdhe:
      return "ECDHE key exchange";
    case tlsx::handshake::StepCondition::client_auth:
      return "client authentication";
    case tlsx::handshake::StepCondition::client_verify:
      return "client sent a certificate";
    case tlsx::handshake::StepCondition::full:
      return "full handshake";
    case tlsx::handshake::StepCondition::resumed:
      return "abbreviated handshake";
    case tlsx::handshake::StepCondition::full_ticket:
      return "full handshake, server issues a ticket";
    case tlsx::handshake::StepCondition::resumed_ticket:
      return "abbreviated handshake, server issues a ticket";
  }
  return "?";
}

/// A Mermaid state diagram of one role: received messages move it, sent ones ride along.
void mermaid(std::ostringstream& out, const std::vector<Row>& rows, Sender role) {
  out << "```mermaid\nstateDiagram-v2\n";
  std::vector<std::string> pending_sends;
  auto flush_initial = [&](const std::string& to) {
    out << "    [*] --> " << to;
    if (!pending_sends.empty()) {
      out << " : send ";
      for (std::size_t i = 0; i < pending_sends.size(); ++i)
        out << (i ? ", " : "") << pending_sends[i];
    }
    out << "\n";
    pending_sends.clear();
  };
  // Sends made in a state are attached to the transition that led out of it.
  std::vector<std::pair<std::string, std::string>> edges;  // label, "from --> to"
  bool started = false;
  std::string last_to;
  for (const Row& row : rows) {
    if (row.step->sender == role) {
      pending_sends.push_back(std::string(row.step->name));
      continue;
    }
    if (!started) {
      flush_initial(row.receiver_from);
      started = true;
    } else if (!pending_sends.empty()) {
      // Sends made after the previous transition belong to that transition's output.
      std::string& label = edges.back().first;
      label += " / send ";
      for (std::size_t i = 0; i < pending_sends.size(); ++i)
        label += (i ? ", " : "") + pending_sends[i];
      pending_sends.clear();
    }
    edges.push_back({std::string(row.step->name), row.receiver_from + " --> " + row.receiver_to});
    last_to = row.receiver_to;
  }
  if (!pending_sends.empty() && !edges.empty()) {
    std::string& label = edges.back().first;
    label += " / send ";
    for (std::size_t i = 0; i < pending_sends.size(); ++i)
      label += (i ? ", " : "") + pending_sends[i];
  }
  for (const auto& [label, edge] : edges) out << "    " << edge << " : " << label << "\n";
  out << "    " << last_to << " --> [*]\n```\n\n";
}

std::string generate(const std::string& pki, std::string& error) {
  constexpr auto rsa_suite = tlsx::CipherSuite::TLS_RSA_WITH_AES_128_GCM_SHA256;
  constexpr auto ecdhe_suite = tlsx::CipherSuite::TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256;
  const std::vector<Shape> shapes = {
      {"RSA key exchange", {false, false, false}, rsa_suite, ClientAuthRun::none},
      {"ECDHE_RSA key exchange", {true, false, false}, ecdhe_suite, ClientAuthRun::none},
      {"RSA key exchange with client authentication",
       {false, true, true},
       rsa_suite,
       ClientAuthRun::certificate},
      {"ECDHE_RSA key exchange with client authentication",
       {true, true, true},
       ecdhe_suite,
       ClientAuthRun::certificate},
      {"ECDHE_RSA key exchange, client authentication requested, no client certificate",
       {true, true, false},
       ecdhe_suite,
       ClientAuthRun::empty},
      {"ECDHE_RSA key exchange, the server issues a session ticket (RFC 5077)",
       {true, false, false, false, true},
       ecdhe_suite,
       ClientAuthRun::none,
       ResumeRun::ticket_issued},
      {"Abbreviated handshake: resumption by session ID",
       {false, false, false, true, false},
       ecdhe_suite,
       ClientAuthRun::none,
       ResumeRun::session_id},
      {"Abbreviated handshake: resumption by session ticket, new ticket issued",
       {false, false, false, true, true},
       ecdhe_suite,
       ClientAuthRun::none,
       ResumeRun::ticket_reissue},
  };
  std::ostringstream out;
  out << "# The TLS 1.2 handshake state machine\n\n"
         "<!-- Generated by tools/tlsx_flow_doc.cpp from src/handshake/flow.cpp and real "
         "in-memory handshakes; do not edit. Regenerate with: "
         "cmake --build build --target state-machine-doc -->\n\n"
         "tlsx checks every handshake message it sends or receives against one table, the flow "
         "table in `src/handshake/flow.cpp` (RFC 5246 §7.3, Figure 1 for a full handshake, "
         "Figure 2 for an abbreviated one that resumes a session): the next step of the "
         "handshake's shape must be that message from that sender, otherwise the handshake "
         "ends with `unexpected_message`. The states are the `Expect*` alternatives of "
         "`ClientHandshake` and `ServerHandshake` (`src/handshake/client_handshake.hpp`, "
         "`server_handshake.hpp`); an observer sees each transition (`Observer::on_transition`) "
         "and may pause the engine there.\n\n"
         "A role changes state only when it receives a step; what it sends is sent while it "
         "handles the step before (the server's whole first flight answers the ClientHello). "
         "The diagrams label each transition with the message received and the messages sent "
         "in reply.\n\n"
         "## The flow table\n\n"
         "| # | Message | Sender | Occurs | RFC |\n|---|---|---|---|---|\n";
  int n = 0;
  for (const auto& step : tlsx::handshake::full_handshake_steps()) {
    out << "| " << ++n << " | " << step.name << " | "
        << (step.sender == Sender::client ? "client" : "server") << " | "
        << condition_text(step.condition) << " | " << step.rfc_section << " |\n";
  }
  out << "\n";
  for (const Shape& s : shapes) {
    const std::optional<ShapeRun> run = run_shape(pki, s, error);
    if (!run) return {};
    auto rows = rows_for(s, &*run, error);
    if (!rows) return {};
    out << "## " << s.title << "\n\n";
    out << "Run with `" << tlsx::to_string(s.suite) << "`.\n\n"
        << "| # | Message | Direction | Sender's state when sending | Receiver's transition | "
           "RFC |\n|---|---|---|---|---|---|\n";
    int i = 0;
    for (const Row& row : *rows) {
      const bool by_client = row.step->sender == Sender::client;
      out << "| " << ++i << " | " << row.step->name << " | "
          << (by_client ? "client → server" : "server → client") << " | "
          << (by_client ? "client " : "server ") << "`" << row.sender_state << "` | "
          << (by_client ? "server " : "client ") << "`" << row.receiver_from << "` → `"
          << row.receiver_to << "` | " << row.step->rfc_section << " |\n";
    }
    out << "\n### Client\n\n";
    mermaid(out, *rows, Sender::client);
    out << "### Server\n\n";
    mermaid(out, *rows, Sender::server);
  }
  return out.str();
}

std::string read_all(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  return std::string(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
}

}  // namespace

int main(int argc, char** argv) {
  const std::vector<std::string_view> args(argv + 1, argv + argc);
  if (args.empty() || (args.size() != 1 && args.size() != 3) ||
      (args.size() == 3 && args[1] != "--output" && args[1] != "--check")) {
    (void)std::fprintf(stderr, "usage: tlsx_flow_doc PKI_DIR [--output FILE | --check FILE]\n");
    return 2;
  }
  std::string error;
  const std::string doc = generate(std::string(args[0]), error);
  if (doc.empty()) {
    (void)std::fprintf(stderr, "tlsx_flow_doc: %s\n", error.c_str());
    return 1;
  }
  if (args.size() == 1) {
    (void)std::fwrite(doc.data(), 1, doc.size(), stdout);
    return 0;
  }
  const std::string path(args[2]);
  if (args[1] == "--check") {
    if (read_all(path) != doc) {
      (void)std::fprintf(stderr,
                         "%s is stale: the flow table or the engine changed. Regenerate it with\n"
                         "  cmake --build build --target state-machine-doc\n"
                         "and commit the result.\n",
                         path.c_str());
      return 1;
    }
    std::printf("%s is up to date\n", path.c_str());
    return 0;
  }
  std::ofstream out(path, std::ios::binary);
  out << doc;
  if (!out) {
    (void)std::fprintf(stderr, "tlsx_flow_doc: cannot write %s\n", path.c_str());
    return 1;
  }
  return 0;
}
