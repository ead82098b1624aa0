// Fuzzes every handshake message and extension codec with the round-trip property: whatever a
// parser accepts, the matching serializer must reproduce byte for byte (abort otherwise).
//
// Input layout (the first byte picks the parser):
//   0x00..0x1f  a message body; the byte is the HandshakeType (client_key_exchange = 16 is the
//               ECDHE form, 17, an unassigned type, the RSA form; finished expects 12 bytes)
//   0x40        a whole message, header included (parse_whole_message)
//   0x80, 0x81  an extension: two bytes of ExtensionType, then extension_data, decoded as sent in
//               a ClientHello (0x80) or a ServerHello (0x81)
// Hellos that parse also have each of their extensions decoded and re-encoded.
#include <algorithm>
#include <cstdint>
#include <cstdlib>
#include <span>
#include <vector>

#include "handshake/extensions/known_extension.hpp"
#include "handshake/message.hpp"

namespace hs = tlsx::handshake;

namespace {

constexpr std::uint8_t kClientKeyExchangeRsa = 17;
constexpr std::uint8_t kWholeMessage = 0x40;
constexpr std::uint8_t kExtensionInClientHello = 0x80;
constexpr std::uint8_t kExtensionInServerHello = 0x81;

void require(bool condition) {
  if (!condition) std::abort();
}

void check_extension(const hs::Extension& ext, hs::HandshakeType in) {
  auto decoded = hs::decode_extension(ext, in);
  if (!decoded || !decoded->has_value()) return;
  auto encoded = hs::encode_extension(**decoded);
  require(encoded.has_value() && *encoded == ext);
}

void check_extensions_of(const hs::HandshakeMessage& message) {
  if (const auto* ch = std::get_if<hs::ClientHello>(&message)) {
    for (const auto& ext : ch->extensions) check_extension(ext, hs::HandshakeType::client_hello);
  }
  if (const auto* sh = std::get_if<hs::ServerHello>(&message)) {
    for (const auto& ext : sh->extensions) check_extension(ext, hs::HandshakeType::server_hello);
  }
}

// Body parse -> body serialize must give back the body.
void check_body(hs::HandshakeType type, std::span<const std::uint8_t> body,
                const hs::MessageContext& context) {
  auto parsed = hs::parse_message(type, body, context);
  if (!parsed) return;
  require(hs::type_of(*parsed) == type);
  std::vector<std::uint8_t> whole;
  require(hs::write_message(*parsed, whole).has_value());
  require(whole.size() == body.size() + 4 &&
          std::equal(whole.begin() + 4, whole.end(), body.begin(), body.end()));
  check_extensions_of(*parsed);
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size == 0) return 0;
  const std::uint8_t selector = data[0];
  const std::span<const std::uint8_t> rest(data + 1, size - 1);

  if (selector < 0x20) {
    hs::MessageContext context;
    auto type = static_cast<hs::HandshakeType>(selector);
    if (selector == kClientKeyExchangeRsa) {
      type = hs::HandshakeType::client_key_exchange;
      context.key_exchange = hs::ClientKeyExchangeKind::rsa;
    }
    check_body(type, rest, context);
  } else if (selector == kWholeMessage) {
    auto parsed = hs::parse_whole_message(rest);
    if (!parsed) return 0;
    std::vector<std::uint8_t> whole;
    require(hs::write_message(*parsed, whole).has_value());
    require(std::equal(whole.begin(), whole.end(), rest.begin(), rest.end()));
    check_extensions_of(*parsed);
  } else if ((selector == kExtensionInClientHello || selector == kExtensionInServerHello) &&
             rest.size() >= 2) {
    const auto type = static_cast<hs::ExtensionType>((rest[0] << 8) | rest[1]);
    const hs::Extension ext{type, hs::Opaque(rest.begin() + 2, rest.end())};
    check_extension(ext, selector == kExtensionInClientHello ? hs::HandshakeType::client_hello
                                                             : hs::HandshakeType::server_hello);
  }
  return 0;
}
