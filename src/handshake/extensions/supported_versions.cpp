#include "handshake/extensions/supported_versions.hpp"

#include "handshake/extensions/code_point_list.hpp"

namespace tlsx::handshake {

Result<SupportedVersionsClient> SupportedVersionsClient::parse(ByteView data) {
  ByteReader r(data);
  SupportedVersionsClient out;
  if (!(detail::read_u16_list(r, 1, 2, 254, out.versions) && r.empty())) {
    return malformed("supported_versions extension", r);
  }
  return out;
}

Result<void> SupportedVersionsClient::serialize(std::vector<std::uint8_t>& out) const {
  if (versions.empty()) return fail_argument("supported_versions extension: empty list");
  const std::size_t start = out.size();
  ByteWriter w(out);
  detail::write_u16_list(w, 1, 254, versions);
  return finish_write(w, out, start, "supported_versions extension");
}

Result<SupportedVersionsServer> SupportedVersionsServer::parse(ByteView data) {
  ByteReader r(data);
  std::uint16_t version = 0;
  if (!(r.u16(version) && r.empty())) return malformed("supported_versions extension", r);
  return SupportedVersionsServer{static_cast<ProtocolVersion>(version)};
}

Result<void> SupportedVersionsServer::serialize(std::vector<std::uint8_t>& out) const {
  ByteWriter w(out);
  w.u16(static_cast<std::uint16_t>(selected_version));
  return {};
}

}  // namespace tlsx::handshake
