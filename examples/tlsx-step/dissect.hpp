// The message dissector: TLS 1.2 records and handshake messages as a tree of named byte ranges,
// in the manner of The Illustrated TLS 1.2 Connection. Everything is read through ByteReader;
// malformed input yields an "undecoded" field for the tail, never a failure.
#pragma once

#include <cstdint>

#include "field.hpp"
#include "handshake/cipher_suites.hpp"

namespace tlsx::step {

/// What a dissection needs to know beyond the bytes.
struct DissectContext {
  /// The negotiated suite once known (decides ClientKeyExchange's form and the layout of
  /// protected records); nullptr before the ServerHello.
  const handshake::CipherSuiteInfo* suite = nullptr;
  bool encrypt_then_mac = false;
};

/// A record: header (content type, version, length) and its fragment. `is_protected`: the
/// sender had switched to encryption (after its ChangeCipherSpec), so the fragment is shown as
/// nonce/ciphertext/tag rather than decoded.
[[nodiscard]] Field dissect_record(Bytes record, bool is_protected, const DissectContext& context);

/// One complete handshake message (4-byte header + body).
[[nodiscard]] Field dissect_handshake(Bytes message, const DissectContext& context);

// Per message body; `reader` is positioned after the handshake header.
void dissect_client_hello(FieldReader& reader, Field& out);
void dissect_server_hello(FieldReader& reader, Field& out);
void dissect_extensions(FieldReader& reader, Field& out, bool from_client);
void dissect_certificate(FieldReader& reader, Field& out);
void dissect_certificate_request(FieldReader& reader, Field& out);
void dissect_certificate_verify(FieldReader& reader, Field& out);
void dissect_server_key_exchange(FieldReader& reader, Field& out);
void dissect_client_key_exchange(FieldReader& reader, Field& out, const DissectContext& context);

// Value texts shared by the dissectors.
[[nodiscard]] std::string version_text(std::uint64_t v);
[[nodiscard]] std::string suite_text(std::uint64_t v);
[[nodiscard]] std::string group_text(std::uint64_t v);
[[nodiscard]] std::string scheme_text(std::uint64_t v);
[[nodiscard]] std::string extension_text(std::uint64_t v);
[[nodiscard]] std::string handshake_type_text(std::uint64_t v);

}  // namespace tlsx::step
