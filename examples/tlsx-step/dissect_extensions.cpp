// Hello extensions: the list, and the bodies of the ones tlsx sends or accepts (RFC 6066, RFC
// 8422, RFC 5246 §7.4.1.4.1, RFC 7301, RFC 7627, RFC 7366, RFC 5746); others stay raw bytes.
#include <fmt/format.h>

#include "dissect.hpp"
#include "tlsx/code_points.hpp"

namespace tlsx::step {

namespace {

void code_point_list(FieldReader& r, Field& ext, std::string_view list_name,
                     std::string_view item_name, std::string (*describe)(std::uint64_t)) {
  FieldReader items({}, 0);
  Field* list = nullptr;
  if (!r.vec(ext, list_name, 2, items, list)) return;
  std::uint16_t v = 0;
  while (!items.done() && items.u16(*list, item_name, v, describe)) {
  }
}

void server_name(FieldReader& r, Field& ext) {
  FieldReader names({}, 0);
  Field* list = nullptr;
  if (!r.vec(ext, "server_name_list", 2, names, list)) return;
  while (!names.done()) {
    std::uint8_t type = 0;
    if (!names.u8(*list, "name_type", type, [](std::uint64_t v) {
          return v == 0 ? std::string("host_name (0)") : std::to_string(v);
        }))
      return;
    FieldReader host({}, 0);
    Field* name = nullptr;
    if (!names.vec(*list, "host_name", 2, host, name)) return;
    Bytes text;
    if (host.bytes(*name, "name", host.remaining(), text)) {
      name->children.back().value = fmt::format(
          "\"{}\"", std::string_view(reinterpret_cast<const char*>(text.data()), text.size()));
    }
  }
}

void alpn(FieldReader& r, Field& ext) {
  FieldReader names({}, 0);
  Field* list = nullptr;
  if (!r.vec(ext, "protocol_name_list", 2, names, list)) return;
  while (!names.done()) {
    FieldReader proto({}, 0);
    Field* name = nullptr;
    if (!names.vec(*list, "protocol_name", 1, proto, name)) return;
    Bytes text;
    if (proto.bytes(*name, "name", proto.remaining(), text)) {
      name->children.back().value = fmt::format(
          "\"{}\"", std::string_view(reinterpret_cast<const char*>(text.data()), text.size()));
    }
  }
}

void point_formats(FieldReader& r, Field& ext) {
  FieldReader formats({}, 0);
  Field* list = nullptr;
  if (!r.vec(ext, "ec_point_format_list", 1, formats, list)) return;
  std::uint8_t v = 0;
  while (!formats.done() && formats.u8(*list, "ec_point_format", v, [](std::uint64_t f) {
    return f == 0 ? std::string("uncompressed (0)") : std::to_string(f);
  })) {
  }
}

void renegotiation_info(FieldReader& r, Field& ext) {
  FieldReader body({}, 0);
  Field* field = nullptr;
  if (!r.vec(ext, "renegotiated_connection", 1, body, field)) return;
  if (body.done()) field->value = "empty (initial handshake)";
}

void extension_body(ExtensionType type, FieldReader& r, Field& ext) {
  switch (type) {
    case ExtensionType::server_name:
      if (!r.done()) server_name(r, ext);
      break;
    case ExtensionType::supported_groups:
      code_point_list(r, ext, "named_group_list", "named_group", group_text);
      break;
    case ExtensionType::signature_algorithms:
      code_point_list(r, ext, "supported_signature_algorithms", "signature_scheme", scheme_text);
      break;
    case ExtensionType::ec_point_formats:
      point_formats(r, ext);
      break;
    case ExtensionType::application_layer_protocol_negotiation:
      alpn(r, ext);
      break;
    case ExtensionType::renegotiation_info:
      renegotiation_info(r, ext);
      break;
    default:
      break;
  }
  if (!r.done()) r.rest(ext, r.failed() ? "undecoded" : "extension_data");
}

}  // namespace

void dissect_extensions(FieldReader& r, Field& out, bool /*from_client*/) {
  FieldReader exts({}, 0);
  Field* list = nullptr;
  if (!r.vec(out, "extensions", 2, exts, list)) return;
  while (!exts.done()) {
    const auto start = exts.offset();
    Field ext{"", start, 0, "", {}};
    std::uint16_t type = 0;
    if (!exts.u16(ext, "extension_type", type, extension_text)) break;
    FieldReader body({}, 0);
    Field* data = nullptr;
    if (!exts.vec(ext, "extension_data", 2, body, data)) break;
    const auto kind = static_cast<ExtensionType>(type);
    extension_body(kind, body, *data);
    if (data->children.size() == 1 && data->children[0].value == "0") {
      data->value = "empty";
    }
    ext.name = fmt::format("extension: {}", to_string(kind));
    ext.length = exts.offset() - start;
    list->children.push_back(std::move(ext));
  }
  if (exts.failed()) exts.rest(*list, "undecoded");
}

}  // namespace tlsx::step
