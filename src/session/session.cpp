// Session value semantics and its storage format.
//
// Format (version 1), all integers big-endian, every length bounded on parse:
//   u8  format version (1)
//   u16 protocol version, u16 cipher suite, u8 flags (bit 0: extended master secret)
//   vec8  master secret (48 bytes)
//   vec8  server name, vec8 ALPN
//   u64 created (seconds since the Unix epoch), u32 lifetime hint (seconds)
//   vec8  session ID (0..32), vec16 ticket
//   vec24 peer chain: vec24 DER per certificate
#include <utility>

#include "handshake/try.hpp"
#include "tlsx/byte_reader.hpp"
#include "tlsx/byte_writer.hpp"
#include "tlsx/session.hpp"

namespace tlsx {
namespace {

constexpr std::uint8_t kFormatVersion = 1;
constexpr std::size_t kMasterSecretSize = 48;
constexpr std::size_t kMaxSessionId = 32;
constexpr std::size_t kMaxChainBytes = (1U << 24) - 1;

Session::Fields copy_fields(const Session::Fields& f) {
  Session::Fields out;
  out.version = f.version;
  out.cipher_suite = f.cipher_suite;
  out.master_secret = f.master_secret.clone();
  out.extended_master_secret = f.extended_master_secret;
  out.server_name = f.server_name;
  out.alpn = f.alpn;
  out.peer_chain = f.peer_chain;
  out.created = f.created;
  out.lifetime_hint = f.lifetime_hint;
  out.session_id = f.session_id;
  out.ticket = f.ticket;
  return out;
}

std::span<const std::uint8_t> as_bytes(const std::string& s) {
  return {reinterpret_cast<const std::uint8_t*>(s.data()), s.size()};
}

}  // namespace

Session::Session(const Session& other) : f_(copy_fields(other.f_)) {}

Session& Session::operator=(const Session& other) {
  if (this != &other) f_ = copy_fields(other.f_);
  return *this;
}

Result<std::vector<std::uint8_t>> Session::serialize() const {
  if (f_.master_secret.size() != kMasterSecretSize) {
    return fail_argument("Session::serialize: no master secret");
  }
  std::vector<std::uint8_t> out;
  ByteWriter w(out);
  w.u8(kFormatVersion);
  w.u16(static_cast<std::uint16_t>(f_.version));
  w.u16(static_cast<std::uint16_t>(f_.cipher_suite));
  w.u8(f_.extended_master_secret ? 1 : 0);
  {
    auto p = w.prefix8();
    w.bytes(f_.master_secret.span());
  }
  {
    auto p = w.prefix8();
    w.bytes(as_bytes(f_.server_name));
  }
  {
    auto p = w.prefix8();
    w.bytes(as_bytes(f_.alpn));
  }
  const auto created =
      std::chrono::duration_cast<std::chrono::seconds>(f_.created.time_since_epoch()).count();
  w.u64(static_cast<std::uint64_t>(created));
  w.u32(static_cast<std::uint32_t>(f_.lifetime_hint.count()));
  {
    auto p = w.prefix8(kMaxSessionId);
    w.bytes(f_.session_id);
  }
  {
    auto p = w.prefix16();
    w.bytes(f_.ticket);
  }
  {
    auto chain = w.prefix24();
    for (std::size_t i = 0; i < f_.peer_chain.size(); ++i) {
      auto cert = w.prefix24();
      w.bytes(f_.peer_chain.der(i));
    }
  }
  if (!w.ok()) {
    crypto::secure_wipe(out.data(), out.size());
    return fail_argument("Session::serialize: a field exceeds its length limit");
  }
  return out;
}

Result<Session> Session::deserialize(std::span<const std::uint8_t> bytes) {
  ByteReader r(bytes);
  std::uint8_t format = 0;
  std::uint16_t version = 0;
  std::uint16_t suite = 0;
  std::uint8_t flags = 0;
  ByteReader::Bytes secret;
  ByteReader::Bytes name;
  ByteReader::Bytes alpn;
  std::uint64_t created = 0;
  std::uint32_t hint = 0;
  ByteReader::Bytes id;
  ByteReader::Bytes ticket;
  ByteReader chain_reader;
  if (!(r.u8(format) && format == kFormatVersion && r.u16(version) && r.u16(suite) && r.u8(flags) &&
        flags <= 1 && r.vec8(secret, kMasterSecretSize, kMasterSecretSize) &&
        r.vec8(name, 0, 255) && r.vec8(alpn, 0, 255) && r.u64(created) && r.u32(hint) &&
        r.vec8(id, 0, kMaxSessionId) && r.vec16(ticket, 0, 0xffff) &&
        r.vec24(chain_reader, 0, kMaxChainBytes) && created <= (std::uint64_t{1} << 40))) {
    return fail_decode("Session: malformed or unsupported serialization");
  }
  Fields f;
  f.version = static_cast<ProtocolVersion>(version);
  f.cipher_suite = static_cast<CipherSuite>(suite);
  f.extended_master_secret = (flags & 1U) != 0;
  f.master_secret = SecretBytes(secret);
  f.server_name.assign(name.begin(), name.end());
  f.alpn.assign(alpn.begin(), alpn.end());
  f.created = std::chrono::system_clock::time_point(
      std::chrono::seconds(static_cast<std::int64_t>(created)));
  f.lifetime_hint = std::chrono::seconds(hint);
  f.session_id.assign(id.begin(), id.end());
  f.ticket.assign(ticket.begin(), ticket.end());
  while (!chain_reader.empty()) {
    ByteReader::Bytes der;
    if (!chain_reader.vec24(der, 1, kMaxChainBytes)) {
      return fail_decode("Session: malformed peer chain");
    }
    TLSX_TRY(f.peer_chain.append_der(der));
  }
  if (!r.empty()) return fail_decode("Session: trailing bytes");
  return Session(std::move(f));
}

}  // namespace tlsx
