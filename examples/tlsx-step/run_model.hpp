// What a stepped run produces: a list of steps, each what one engine did between two pauses,
// with the records and messages that moved and the secrets derived. The renderers (text, HTML)
// print this; the drivers (in-process, against a real peer) fill it.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "dissect.hpp"
#include "tlsx/handshake_type.hpp"
#include "tlsx/observer.hpp"

namespace tlsx::step {

enum class Side : std::uint8_t { client, server };
[[nodiscard]] std::string_view side_name(Side side) noexcept;
[[nodiscard]] inline Side other(Side side) noexcept {
  return side == Side::client ? Side::server : Side::client;
}

struct WireRecord {
  Side from = Side::client;
  std::vector<std::uint8_t> bytes;  ///< header + fragment as on the wire
  bool is_protected = false;        ///< sent after its sender's ChangeCipherSpec
};

struct MessageEvent {
  Side side = Side::client;  ///< the engine that saw it
  Direction direction = Direction::outbound;
  HandshakeType type{};
  std::vector<std::uint8_t> raw;  ///< header + body
};

struct SecretEvent {
  Side side = Side::client;  ///< the engine that derived it
  SecretKind kind{};
  std::vector<std::uint8_t> value;
  std::optional<int> same_as_step;  ///< the peer derived the same value in that step
};

struct Step {
  int number = 0;
  std::string title;  ///< "server handles ClientHello"
  std::optional<Side> actor;
  std::string message;  ///< the flow step's message ("ServerHello"); empty for data steps
  Side sender = Side::client;
  std::string rfc_section;
  std::string from_state, to_state;        ///< the actor's transition
  std::string client_state, server_state;  ///< after the step ("(remote)" for a real peer)
  std::vector<WireRecord> records_in;      ///< records delivered to the actor in this step
  std::vector<WireRecord> records_out;     ///< records the actor sent (shown for a real peer only)
  std::vector<MessageEvent> received;
  std::vector<MessageEvent> sent;
  bool sent_change_cipher_spec = false;  ///< the actor also sent ChangeCipherSpec (a record)
  bool dissect_sent = false;             ///< the peer is remote: decode what we send here
  std::optional<Side> remote;            ///< the side that is a real peer (its code is not tlsx's)
  std::vector<SecretEvent> secrets;
  std::vector<std::string> notes;
  std::string plaintext;  ///< application data steps
  DissectContext context;
};

struct RunInfo {
  std::string mode;        ///< "in-process client and server", "client against 127.0.0.1:4433", ...
  std::string options;     ///< the options that shape the output
  std::string negotiated;  ///< one-line summary once known
  std::vector<std::pair<std::string, std::string>> flow;  ///< "client -> server", "ClientHello"
  std::vector<int> flow_steps;  ///< step number where each flow entry happened (-1: not seen)
  /// --resume: the full flow again for the second connection, each entry with the step where it
  /// happened ("step 31") or why the abbreviated handshake left it out ("skipped: ...").
  std::string resumption;  ///< "by session ID" / "by ticket"; empty without --resume
  bool resumed = false;    ///< both engines of the second connection said Negotiated::resumed
  std::vector<std::pair<std::string, std::string>> resumed_flow;
  std::vector<std::string> resumed_flow_where;
};

}  // namespace tlsx::step
