#include "handshake/extensions/compress_certificate.hpp"

#include "handshake/extensions/code_point_list.hpp"

namespace tlsx::handshake {

Result<CompressCertificate> CompressCertificate::parse(ByteView data) {
  ByteReader r(data);
  CompressCertificate out;
  if (!(detail::read_u16_list(r, 1, 2, 254, out.algorithms) && r.empty())) {
    return malformed("compress_certificate extension", r);
  }
  return out;
}

Result<void> CompressCertificate::serialize(std::vector<std::uint8_t>& out) const {
  if (algorithms.empty()) return fail_argument("compress_certificate extension: empty list");
  const std::size_t start = out.size();
  ByteWriter w(out);
  detail::write_u16_list(w, 1, 254, algorithms);
  return finish_write(w, out, start, "compress_certificate extension");
}

}  // namespace tlsx::handshake
