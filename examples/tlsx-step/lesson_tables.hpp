// The teaching tables: for each secret the formula that derives it and the code that does, and
// for each message the code that builds it and the code that handles it on receipt. Static text
// kept next to the code it names; tests/step's golden files catch a table that drifts from what
// the engine reports.
#pragma once

#include <string_view>

#include "tlsx/observer.hpp"

namespace tlsx::step {

struct SecretLesson {
  std::string_view formula;  ///< how the value is computed
  std::string_view source;   ///< "src/handshake/key_schedule.cpp derive_master_secret()"
};

/// kind: the secret; extended: the handshake negotiated extended master secret (RFC 7627);
/// rsa: RSA key exchange (else ECDHE); client: the side that derived it.
[[nodiscard]] SecretLesson secret_lesson(SecretKind kind, bool extended, bool rsa, bool client);

/// The formula for the whole key block (reported as its six parts by the engine).
[[nodiscard]] std::string_view key_block_formula();

struct MessageLesson {
  std::string_view sent_by;     ///< code that builds and queues it
  std::string_view handled_by;  ///< code that handles it on receipt
  std::string_view meaning;     ///< one line: what the message is for
};

/// message: the flow table's name ("ClientHello", ..., "ChangeCipherSpec", "Finished");
/// from_client: who sends it (Certificate and Finished come from both sides).
[[nodiscard]] MessageLesson message_lesson(std::string_view message, bool from_client);

/// Why an abbreviated (resumed) handshake leaves out a step of the full one (RFC 5246 §7.3,
/// Figure 2): empty for the steps it keeps.
[[nodiscard]] std::string_view resumption_skip_reason(std::string_view message, bool from_client);

/// The one line that explains the abbreviated handshake's order.
[[nodiscard]] std::string_view resumption_order_note();

}  // namespace tlsx::step
