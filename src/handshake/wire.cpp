#include "handshake/wire.hpp"

#include <fmt/format.h>

namespace tlsx::handshake {

std::unexpected<Error> malformed(std::string_view what, const ByteReader& r) {
  if (!r.failed() && r.remaining() > 0) {
    return fail_decode(fmt::format("{}: {} trailing bytes", what, r.remaining()));
  }
  return fail_decode(fmt::format("{}: malformed or truncated at byte {}", what, r.position()));
}

Result<void> finish_write(const ByteWriter& w, std::vector<std::uint8_t>& out, std::size_t start,
                          std::string_view what) {
  if (w.ok()) return {};
  out.resize(start);
  return fail_argument(fmt::format("{}: a field is longer than its length prefix allows", what));
}

}  // namespace tlsx::handshake
