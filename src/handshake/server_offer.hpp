// The server's reading of a ClientHello and its answer, shared by the full handshake
// (server_handshake.cpp) and resumption (server_resumption.cpp).
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "handshake/server_handshake.hpp"

namespace tlsx::handshake {

struct ServerHandshake::ClientOffer {
  std::string server_name;                              ///< empty: no SNI
  std::optional<std::vector<NamedGroup>> groups;        ///< nullopt: extension absent
  bool uncompressed_points = true;                      ///< ec_point_formats allows them
  std::optional<std::vector<SignatureScheme>> schemes;  ///< nullopt: extension absent
  std::optional<std::vector<std::string>> alpn;
  bool ems = false;
  bool etm = false;
  bool secure_renegotiation = false;
  bool ticket_extension = false;     ///< session_ticket was sent (RFC 5077 §3.2)
  std::vector<std::uint8_t> ticket;  ///< its contents; empty: the client wants a new one
};

struct ServerHandshake::Choice {
  const CipherSuiteInfo* suite = nullptr;
  const CertifiedKey* certificate = nullptr;
  std::optional<SignatureScheme> scheme;  ///< ECDHE only
  std::string alpn;
  bool ems = false;
  bool etm = false;
};

}  // namespace tlsx::handshake
