// The public ClientHelloView is filled from the engine's own ClientHello parser, so that an
// application and the engine read every hello the same way.
#include "tlsx/client_hello_view.hpp"

#include <utility>

#include "handshake/client_hello.hpp"
#include "handshake/handshake_header.hpp"

namespace tlsx {

const HelloExtension* ClientHelloView::find(ExtensionType type) const noexcept {
  for (const HelloExtension& ext : extensions) {
    if (ext.type == type) return &ext;
  }
  return nullptr;
}

Result<ClientHelloView> parse_client_hello(std::span<const std::uint8_t> message) {
  auto split = handshake::split_handshake_message(message);
  if (!split) return std::unexpected(std::move(split.error()));
  if (split->type != HandshakeType::client_hello) {
    return fail_decode("not a ClientHello handshake message");
  }
  auto hello = handshake::ClientHello::parse(split->body);
  if (!hello) return std::unexpected(std::move(hello.error()));
  return handshake::to_view(std::move(*hello));
}

namespace handshake {

ClientHelloView to_view(ClientHello hello) {
  ClientHelloView view;
  view.legacy_version = hello.client_version;
  view.random = hello.random;
  view.session_id = std::move(hello.session_id);
  view.cipher_suites = std::move(hello.cipher_suites);
  view.compression_methods = std::move(hello.compression_methods);
  view.extensions_present = hello.extensions_present;
  view.extensions.reserve(hello.extensions.size());
  for (Extension& ext : hello.extensions) {
    view.extensions.push_back({ext.type, std::move(ext.data)});
  }
  return view;
}

}  // namespace handshake
}  // namespace tlsx
