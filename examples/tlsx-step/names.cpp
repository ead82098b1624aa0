// Value texts for code points: "TLS 1.2 (0x0303)", "x25519 (0x001d)".
#include <fmt/format.h>

#include "dissect.hpp"
#include "tlsx/code_points.hpp"
#include "tlsx/handshake_type.hpp"

namespace tlsx::step {

namespace {
std::string named(std::string name, std::uint64_t v, int width) {
  return fmt::format("{} ({})", name, hex_number(v, width));
}
}  // namespace

std::string version_text(std::uint64_t v) {
  return named(to_string(static_cast<ProtocolVersion>(v)), v, 4);
}
std::string suite_text(std::uint64_t v) {
  return named(to_string(static_cast<CipherSuite>(v)), v, 4);
}
std::string group_text(std::uint64_t v) {
  return named(to_string(static_cast<NamedGroup>(v)), v, 4);
}
std::string scheme_text(std::uint64_t v) {
  return named(to_string(static_cast<SignatureScheme>(v)), v, 4);
}
std::string extension_text(std::uint64_t v) {
  return named(to_string(static_cast<ExtensionType>(v)), v, 4);
}
std::string handshake_type_text(std::uint64_t v) {
  return fmt::format("{} ({})", to_string(static_cast<HandshakeType>(v)), v);
}

}  // namespace tlsx::step
