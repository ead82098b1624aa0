// Errors are values: every fallible tlsx call returns Result<T> = std::expected<T, Error>.
//
// An Error knows which TLS alert it maps to and who raised it, so the engine can send the right
// alert from wherever the problem was detected. No exception leaves the library.
#pragma once

#include <cstdint>
#include <expected>
#include <string>
#include <string_view>
#include <utility>

#include "tlsx/alert.hpp"

namespace tlsx {

/// What went wrong, independent of how it is reported on the wire.
enum class ErrorCode : std::uint8_t {
  decode,              ///< malformed or truncated input (a parser rejected bytes)
  unexpected_message,  ///< a message or record arrived where the protocol forbids it
  bad_record_mac,      ///< record authentication failed
  record_overflow,     ///< a record or message exceeds its size limit
  protocol_version,    ///< peer wants a version we do not speak
  handshake_failure,   ///< no acceptable parameters (suites, groups, ...)
  illegal_parameter,   ///< a field is well-formed but its value is not allowed
  decrypt_error,       ///< a signature or Finished check failed
  certificate,         ///< certificate problem (the alert says which)
  unsupported,         ///< the crypto provider does not implement an algorithm
  invalid_argument,    ///< the caller passed something unusable (API misuse)
  crypto,              ///< a primitive failed (e.g. all-zero X25519 shared secret)
  peer_alert,          ///< the peer sent a fatal alert (origin is peer)
  closed,              ///< the connection was closed
  truncated,           ///< the transport ended without close_notify
  io,                  ///< a socket or file error (blocking adapter, examples)
  timeout,             ///< an I/O deadline passed
  limit,               ///< a configured resource limit was hit
  internal,            ///< a bug in tlsx; please report it
};

/// Who detected the problem: us, or the peer (which told us through an alert).
enum class Origin : std::uint8_t { local, peer };

/// A failure with its TLS alert, origin and human-readable detail.
struct Error {
  ErrorCode code = ErrorCode::internal;
  AlertDescription alert = AlertDescription::internal_error;
  Origin origin = Origin::local;
  std::string detail;  ///< one line for humans; never contains secret material

  /// "decode_error: ClientHello: cipher_suites length 3 is odd" (alert name + detail; peer
  /// errors are prefixed "peer sent ").
  [[nodiscard]] std::string message() const;
};

/// Name of an ErrorCode ("decode", "bad_record_mac", ...).
std::string_view to_string(ErrorCode code) noexcept;

template <class T>
using Result = std::expected<T, Error>;

/// Builds the unexpected value of a Result: `return fail(ErrorCode::decode,
/// AlertDescription::decode_error, "ServerHello: trailing bytes");`
[[nodiscard]] inline std::unexpected<Error> fail(ErrorCode code, AlertDescription alert,
                                                 std::string detail) {
  return std::unexpected<Error>(Error{code, alert, Origin::local, std::move(detail)});
}

/// Shorthand for the common malformed-input case (alert decode_error).
[[nodiscard]] inline std::unexpected<Error> fail_decode(std::string detail) {
  return fail(ErrorCode::decode, AlertDescription::decode_error, std::move(detail));
}

/// Shorthand for an algorithm the provider lacks (alert internal_error: it is our config).
[[nodiscard]] inline std::unexpected<Error> fail_unsupported(std::string detail) {
  return fail(ErrorCode::unsupported, AlertDescription::internal_error, std::move(detail));
}

/// Shorthand for API misuse by the caller.
[[nodiscard]] inline std::unexpected<Error> fail_argument(std::string detail) {
  return fail(ErrorCode::invalid_argument, AlertDescription::internal_error, std::move(detail));
}

}  // namespace tlsx
