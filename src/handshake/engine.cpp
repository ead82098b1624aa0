// tlsx::Engine: the public face of EngineCore.
#include "tlsx/engine.hpp"

#include "handshake/client_handshake.hpp"
#include "handshake/engine_core.hpp"
#include "handshake/server_handshake.hpp"

namespace tlsx {

Engine::Engine(std::unique_ptr<detail::EngineCore> core) noexcept : core_(std::move(core)) {}
Engine::Engine(Engine&&) noexcept = default;
Engine& Engine::operator=(Engine&&) noexcept = default;
Engine::~Engine() = default;

Result<Engine> Engine::client(const ClientConfig& config, std::string_view server_name) {
  auto core = std::make_unique<detail::EngineCore>(detail::Role::client, config);
  auto handshake = handshake::ClientHandshake::create(*core, config, server_name);
  if (!handshake) return std::unexpected(handshake.error());
  if (auto started = core->start(std::move(*handshake)); !started) {
    return std::unexpected(started.error());
  }
  return Engine(std::move(core));
}

Result<Engine> Engine::server(const ServerConfig& config) {
  auto core = std::make_unique<detail::EngineCore>(detail::Role::server, config);
  auto handshake = handshake::ServerHandshake::create(*core, config);
  if (!handshake) return std::unexpected(handshake.error());
  core->start(std::move(*handshake));
  return Engine(std::move(core));
}

Result<std::size_t> Engine::feed(std::span<const std::uint8_t> from_peer) {
  return core_->feed(from_peer);
}
Result<void> Engine::end_of_input() {
  return core_->end_of_input();
}
std::span<const std::uint8_t> Engine::pending_output() const noexcept {
  return core_->pending_output();
}
void Engine::consume_output(std::size_t n) noexcept {
  core_->consume_output(n);
}
Result<std::size_t> Engine::write(std::span<const std::uint8_t> data) {
  return core_->write(data);
}
Result<std::size_t> Engine::read(std::span<std::uint8_t> out) {
  return core_->read(out);
}
Result<void> Engine::close() {
  return core_->close();
}
Result<void> Engine::resume() {
  return core_->resume();
}
Status Engine::status() const noexcept {
  return core_->status();
}
std::string_view Engine::state() const noexcept {
  return core_->state_name();
}
const Negotiated* Engine::negotiated() const noexcept {
  return core_->negotiated();
}
const Error* Engine::error() const noexcept {
  return core_->error();
}
std::optional<Session> Engine::session() const {
  return core_->resumable_session();
}
Result<void> Engine::export_keying_material(
    std::span<std::uint8_t> out, std::string_view label,
    std::optional<std::span<const std::uint8_t>> context) const {
  return core_->export_keying_material(out, label, context);
}

std::string_view to_string(SecretKind kind) noexcept {
  switch (kind) {
    case SecretKind::pre_master_secret:
      return "pre_master_secret";
    case SecretKind::session_hash:
      return "session_hash";
    case SecretKind::master_secret:
      return "master_secret";
    case SecretKind::key_block:
      return "key_block";
    case SecretKind::client_write_mac_key:
      return "client_write_MAC_key";
    case SecretKind::server_write_mac_key:
      return "server_write_MAC_key";
    case SecretKind::client_write_key:
      return "client_write_key";
    case SecretKind::server_write_key:
      return "server_write_key";
    case SecretKind::client_write_iv:
      return "client_write_IV";
    case SecretKind::server_write_iv:
      return "server_write_IV";
    case SecretKind::client_verify_data:
      return "client_verify_data";
    case SecretKind::server_verify_data:
      return "server_verify_data";
  }
  return "unknown";
}

}  // namespace tlsx
