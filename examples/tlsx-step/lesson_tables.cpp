#include "lesson_tables.hpp"

namespace tlsx::step {

namespace {
constexpr std::string_view kKeySchedule = "src/handshake/key_schedule.cpp";
}  // namespace

SecretLesson secret_lesson(SecretKind kind, bool extended, bool rsa, bool client) {
  switch (kind) {
    case SecretKind::pre_master_secret:
      if (rsa) {
        return client ? SecretLesson{"pre_master_secret = client_version (03 03) + 46 random bytes; "
                                     "sent as RSAES-PKCS1-v1_5(server RSA key, pre_master_secret) "
                                     "(RFC 5246 §7.4.7.1)",
                                     "src/handshake/key_exchange.cpp make_rsa_pre_master_secret(), "
                                     "called by ClientHandshake::on_server_hello_done()"}
                      : SecretLesson{"pre_master_secret = RSA-decrypt(private key, "
                                     "encrypted_pre_master_secret), with implicit rejection of "
                                     "bad padding (RFC 5246 §7.4.7.1)",
                                     "src/handshake/key_exchange.cpp "
                                     "decrypt_rsa_pre_master_secret(), called by "
                                     "ServerHandshake::on_client_key_exchange()"};
      }
      return client ? SecretLesson{"pre_master_secret = X25519(client ephemeral private key, "
                                   "server ephemeral public key from ServerKeyExchange) "
                                   "(RFC 8422 §5.10, RFC 7748)",
                                   "src/handshake/ecdhe.cpp ecdhe_shared_secret() -> "
                                   "x25519_shared_secret(), called by "
                                   "ClientHandshake::on_server_hello_done()"}
                    : SecretLesson{"pre_master_secret = X25519(server ephemeral private key, "
                                   "client public key from ClientKeyExchange) (RFC 8422 §5.10)",
                                   "src/handshake/ecdhe.cpp ecdhe_shared_secret() -> "
                                   "x25519_shared_secret(), called by "
                                   "ServerHandshake::on_client_key_exchange()"};
    case SecretKind::session_hash:
      return {
          "session_hash = Hash(ClientHello .. ClientKeyExchange), the PRF hash over every "
          "handshake message so far (RFC 7627 §3)",
          "src/handshake/transcript.cpp Transcript::hash(), called by "
          "EngineCore::derive_master_secret()"};
    case SecretKind::master_secret:
      return extended
                 ? SecretLesson{"master_secret = PRF(pre_master_secret, \"extended master "
                                "secret\", session_hash)[0..47] (RFC 7627 §4)",
                                "src/handshake/key_schedule.cpp "
                                "derive_extended_master_secret(), called by "
                                "EngineCore::derive_master_secret() in src/handshake/engine_core.cpp"}
                 : SecretLesson{"master_secret = PRF(pre_master_secret, \"master secret\", "
                                "ClientHello.random + ServerHello.random)[0..47] (RFC 5246 §8.1)",
                                "src/handshake/key_schedule.cpp derive_master_secret(), called "
                                "by EngineCore::derive_master_secret() in "
                                "src/handshake/engine_core.cpp"};
    case SecretKind::key_block:
      return {key_block_formula(), "src/handshake/key_schedule.cpp derive_key_block()"};
    case SecretKind::client_write_mac_key:
    case SecretKind::server_write_mac_key:
    case SecretKind::client_write_key:
    case SecretKind::server_write_key:
    case SecretKind::client_write_iv:
    case SecretKind::server_write_iv:
      return {
          "the next bytes of key_block, in the order client_write_MAC_key, "
          "server_write_MAC_key, client_write_key, server_write_key, client_write_IV, "
          "server_write_IV (RFC 5246 §6.3)",
          "src/handshake/key_schedule.cpp split_key_block(), via derive_keys(), called by "
          "EngineCore::install_pending_keys()"};
    case SecretKind::client_verify_data:
      return {
          "verify_data = PRF(master_secret, \"client finished\", Hash(handshake_messages))"
          "[0..11] (RFC 5246 §7.4.9)",
          client ? "src/handshake/key_schedule.cpp compute_verify_data(), via "
                   "EngineCore::verify_data(), called by "
                   "ClientHandshake::on_server_hello_done()"
                 : "src/handshake/key_schedule.cpp compute_verify_data(), via "
                   "EngineCore::verify_data(), called by ServerHandshake::on_finished() "
                   "(expected value, compared in constant time)"};
    case SecretKind::server_verify_data:
      return {
          "verify_data = PRF(master_secret, \"server finished\", Hash(handshake_messages))"
          "[0..11] (RFC 5246 §7.4.9)",
          client ? "src/handshake/key_schedule.cpp compute_verify_data(), via "
                   "EngineCore::verify_data(), called by ClientHandshake::on_finished() "
                   "(expected value, compared in constant time)"
                 : "src/handshake/key_schedule.cpp compute_verify_data(), via "
                   "EngineCore::verify_data(), called by ServerHandshake::on_finished()"};
  }
  return {"", kKeySchedule};
}

std::string_view key_block_formula() {
  return "key_block = PRF(master_secret, \"key expansion\", ServerHello.random + "
         "ClientHello.random) (RFC 5246 §6.3; note the server random comes first)";
}

MessageLesson message_lesson(std::string_view message, bool from_client) {
  if (message == "ClientHello") {
    return {"ClientHandshake::start() (src/handshake/client_handshake.cpp)",
            "ServerHandshake::on_client_hello() -> choose(), send_first_flight() "
            "(src/handshake/server_handshake.cpp)",
            "the client's offer: random, cipher suites, extensions"};
  }
  if (message == "ServerHello") {
    return {"ServerHandshake::send_first_flight() (src/handshake/server_handshake.cpp)",
            "ClientHandshake::on_server_hello() (src/handshake/client_handshake.cpp)",
            "the server's choice: random, cipher suite, extensions"};
  }
  if (message == "Certificate") {
    return from_client ? MessageLesson{"(client certificates are not implemented yet)", "", ""}
                       : MessageLesson{
                             "ServerHandshake::send_first_flight() "
                             "(src/handshake/server_handshake.cpp)",
                             "ClientHandshake::on_certificate() -> verify_server_chain() "
                             "(src/handshake/client_handshake.cpp; chain checks in "
                             "src/crypto/verify_certificate_chain.cpp)",
                             "the server's certificate chain; the client verifies it against "
                             "its trust anchors and the server name"};
  }
  if (message == "ServerKeyExchange") {
    return {"ServerHandshake::send_first_flight() (src/handshake/server_handshake.cpp)",
            "ClientHandshake::on_server_key_exchange() -> verify_peer_signature() "
            "(src/handshake/client_handshake.cpp, src/handshake/peer_key.cpp)",
            "the server's ephemeral X25519 key, signed with its certificate's key"};
  }
  if (message == "CertificateRequest") {
    return {"ServerHandshake::send_first_flight()", "ClientHandshake",
            "the server asks for a "
            "client certificate"};
  }
  if (message == "ServerHelloDone") {
    return {"ServerHandshake::send_first_flight() (src/handshake/server_handshake.cpp)",
            "ClientHandshake::on_server_hello_done() (src/handshake/client_handshake.cpp)",
            "the server's flight is complete: the client answers with its key exchange"};
  }
  if (message == "ClientKeyExchange") {
    return {"ClientHandshake::on_server_hello_done() (src/handshake/client_handshake.cpp)",
            "ServerHandshake::on_client_key_exchange() (src/handshake/server_handshake.cpp)",
            "the client's half of the key exchange: now both sides know pre_master_secret"};
  }
  if (message == "ChangeCipherSpec") {
    return from_client
               ? MessageLesson{"EngineCore::send_change_cipher_spec(), called by "
                               "ClientHandshake::on_server_hello_done()",
                               "ServerHandshake::on_change_cipher_spec() "
                               "(src/handshake/server_handshake.cpp)",
                               "from the next record on, the client encrypts"}
               : MessageLesson{"EngineCore::send_change_cipher_spec(), called by "
                               "ServerHandshake::on_finished()",
                               "ClientHandshake::on_change_cipher_spec() "
                               "(src/handshake/client_handshake.cpp)",
                               "from the next record on, the server encrypts"};
  }
  if (message == "Finished") {
    return from_client
               ? MessageLesson{"ClientHandshake::on_server_hello_done() "
                               "(src/handshake/client_handshake.cpp)",
                               "ServerHandshake::on_finished() (src/handshake/server_handshake.cpp)",
                               "the first encrypted message: proves the client holds the keys "
                               "and saw the same handshake"}
               : MessageLesson{"ServerHandshake::on_finished() "
                               "(src/handshake/server_handshake.cpp)",
                               "ClientHandshake::on_finished() (src/handshake/client_handshake.cpp)",
                               "proves the server holds the keys and saw the same handshake"};
  }
  if (message == "NewSessionTicket") {
    return {"ServerHandshake::send_new_session_ticket() (src/handshake/server_resumption.cpp)",
            "ClientHandshake::on_new_session_ticket() (src/handshake/client_resumption.cpp)",
            "the session, encrypted under the server's ticket key: the client offers it back to "
            "resume (RFC 5077 §3.3)"};
  }
  return {"", "", ""};
}

std::string_view resumption_skip_reason(std::string_view message, bool from_client) {
  if (message == "Certificate") {
    return from_client ? "the client authenticated in the full handshake; the session keeps its "
                         "verified chain"
                       : "the server proved its identity in the full handshake; the session "
                         "keeps the chain the client verified then";
  }
  if (message == "ServerKeyExchange" || message == "ClientKeyExchange") {
    return "no new key exchange: both sides take the master secret from the session, and new "
           "randoms give new keys";
  }
  if (message == "CertificateRequest" || message == "CertificateVerify") {
    return "client authentication, if any, happened in the full handshake";
  }
  if (message == "ServerHelloDone") {
    return "the server has nothing to wait for: it goes straight to ChangeCipherSpec and Finished";
  }
  if (message == "NewSessionTicket") {
    return "the client's ticket stays valid: no new one unless ServerConfig::reissue_tickets";
  }
  return {};
}

std::string_view resumption_order_note() {
  return "abbreviated handshake (RFC 5246 §7.3, Figure 2): the server sends ChangeCipherSpec and "
         "Finished right after its ServerHello, the client answers with its own; nobody signs, "
         "decrypts or agrees on a key, which is why resuming is cheap";
}

}  // namespace tlsx::step
