// Finished (RFC 5246 §7.4.9):
//
//   struct {
//       opaque verify_data[verify_data_length];
//   } Finished;
//
// verify_data_length is 12 for every TLS 1.2 suite tlsx implements ("Any cipher suite which does
// not explicitly specify verify_data_length has a verify_data_length equal to 12"); the parser
// is given it because the suite, not the message, defines it. Comparing verify_data with the
// expected value (in constant time) is the handshake's job.
#pragma once

#include <cstddef>
#include <cstdint>
#include <vector>

#include "handshake/handshake_type.hpp"
#include "handshake/wire.hpp"
#include "tlsx/error.hpp"

namespace tlsx::handshake {

inline constexpr std::size_t kDefaultVerifyDataLength = 12;

struct Finished {
  static constexpr HandshakeType kType = HandshakeType::finished;

  Opaque verify_data;

  /// decode_error unless the body is exactly verify_data_length bytes.
  [[nodiscard]] static Result<Finished> parse(
      ByteView body, std::size_t verify_data_length = kDefaultVerifyDataLength);
  [[nodiscard]] Result<void> serialize(std::vector<std::uint8_t>& out) const;

  friend bool operator==(const Finished&, const Finished&) = default;
};

}  // namespace tlsx::handshake
