#include "handshake/extensions/signature_algorithms.hpp"

#include <fmt/format.h>

#include "handshake/extensions/code_point_list.hpp"

namespace tlsx::handshake {

template <ExtensionType Type>
Result<SignatureSchemeList<Type>> SignatureSchemeList<Type>::parse(ByteView data) {
  ByteReader r(data);
  SignatureSchemeList out;
  if (!(detail::read_u16_list(r, 2, 2, 0xfffe, out.supported_signature_algorithms) && r.empty())) {
    return malformed(fmt::format("{} extension", to_string(Type)), r);
  }
  return out;
}

template <ExtensionType Type>
Result<void> SignatureSchemeList<Type>::serialize(std::vector<std::uint8_t>& out) const {
  const auto what = fmt::format("{} extension", to_string(Type));
  if (supported_signature_algorithms.empty()) return fail_argument(what + ": empty list");
  const std::size_t start = out.size();
  ByteWriter w(out);
  detail::write_u16_list(w, 2, 0xfffe, supported_signature_algorithms);
  return finish_write(w, out, start, what);
}

template struct SignatureSchemeList<ExtensionType::signature_algorithms>;
template struct SignatureSchemeList<ExtensionType::signature_algorithms_cert>;

}  // namespace tlsx::handshake
