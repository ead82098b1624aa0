// The Illustrated TLS 1.2 Connection replayed through tlsx's engines
// (tests/vectors/illustrated-tls12: ECDHE-RSA x25519, AES-128-CBC-SHA, no EMS, every secret
// published).
//
// Server: the recorded client records go into a tlsx server whose provider hands out the
// published server random, X25519 key and CBC IVs; the server must write the published server
// records byte for byte (ServerHello..ServerHelloDone, ChangeCipherSpec, Finished, "pong").
//
// Client: a tlsx client with the published client random, X25519 key and IVs, fed the recorded
// server records. Its own ClientHello differs from the recorded one (other suites and
// extensions), so what can match is exactly what does not depend on the ClientHello's bytes:
//   - pre-master secret, master secret, key block and its six parts (randoms + ECDHE only);
//   - the ClientKeyExchange and ChangeCipherSpec records;
//   - the Finished record's header and explicit IV, and its plaintext decrypts under the
//     published client keys.
// verify_data hashes the transcript, which holds the ClientHello, so the client's differs and the
// recorded server Finished is refused (decrypt_error, after its record decrypted and passed the
// MAC). Both published verify_data are recomputed instead from the published transcript with
// tlsx's key schedule.
#include <chrono>
#include <cstdint>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include <catch2/catch.hpp>

#include "handshake/key_schedule.hpp"
#include "record/cbc_hmac_protection.hpp"
#include "record/record_reader.hpp"
#include "support/test_support.hpp"
#include "tlsx/code_points.hpp"
#include "tlsx/config.hpp"
#include "tlsx/crypto/provider.hpp"
#include "tlsx/engine.hpp"
#include "tlsx/observer.hpp"

using namespace tlsx;
using tlsx::test::ByteVec;
using tlsx::test::from_hex;
using tlsx::test::to_hex;
using json = nlohmann::json;

namespace {

const json& transcript() {
  static const json j = test::load_json_vector("illustrated-tls12/transcript.json");
  return j;
}

ByteVec hex_field(const char* name) {
  return from_hex(transcript().at(name).get<std::string>());
}

const json& record_named(const std::string& name) {
  for (const auto& r : transcript().at("records")) {
    if (r.at("name") == name) return r;
  }
  FAIL("no record " << name);
  static const json none;
  return none;
}

ByteVec record_bytes(const std::string& name) {
  return from_hex(record_named(name).at("record_hex").get<std::string>());
}

ByteVec concat(std::initializer_list<const char*> names) {
  ByteVec out;
  for (const char* name : names) {
    const ByteVec r = record_bytes(name);
    out.insert(out.end(), r.begin(), r.end());
  }
  return out;
}

/// A provider whose random() returns a script of published values, in the order the engine asks
/// for them, and checks that each request has the expected size. Every other primitive is the
/// default provider's.
class ScriptedProvider final : public crypto::Provider {
 public:
  struct Draw {
    std::string what;
    ByteVec bytes;
  };
  explicit ScriptedProvider(std::vector<Draw> script) : script_(std::move(script)) {}

  [[nodiscard]] std::string_view name() const noexcept override { return "scripted"; }
  [[nodiscard]] Result<std::unique_ptr<crypto::Hash>> hash(
      crypto::HashAlgorithm alg) const override {
    return inner().hash(alg);
  }
  [[nodiscard]] Result<std::unique_ptr<crypto::Mac>> hmac(crypto::HashAlgorithm alg,
                                                          crypto::Bytes key) const override {
    return inner().hmac(alg, key);
  }
  [[nodiscard]] Result<std::unique_ptr<crypto::Aead>> aead(crypto::AeadAlgorithm alg,
                                                           crypto::Bytes key) const override {
    return inner().aead(alg, key);
  }
  [[nodiscard]] Result<std::unique_ptr<crypto::CbcCipher>> cbc(crypto::CipherAlgorithm alg,
                                                               crypto::Bytes key) const override {
    return inner().cbc(alg, key);
  }
  [[nodiscard]] Result<void> x25519_public(crypto::Bytes private_key,
                                           crypto::MutableBytes public_key) const override {
    return inner().x25519_public(private_key, public_key);
  }
  [[nodiscard]] Result<void> x25519(crypto::Bytes private_key, crypto::Bytes peer_public,
                                    crypto::MutableBytes shared) const override {
    return inner().x25519(private_key, peer_public, shared);
  }
  [[nodiscard]] Result<void> random(crypto::MutableBytes out) const override {
    asked_.push_back(out.size());
    if (next_ >= script_.size() || script_[next_].bytes.size() != out.size()) {
      mismatch_ = true;
      return fail(ErrorCode::internal, AlertDescription::internal_error,
                  "random() request outside the script");
    }
    std::copy(script_[next_].bytes.begin(), script_[next_].bytes.end(), out.begin());
    ++next_;
    return {};
  }

  [[nodiscard]] std::size_t used() const noexcept { return next_; }
  [[nodiscard]] bool mismatch() const noexcept { return mismatch_; }
  [[nodiscard]] std::string requests() const {
    std::string s;
    for (std::size_t n : asked_) s += std::to_string(n) + " ";
    return s;
  }

 private:
  static const crypto::Provider& inner() { return crypto::default_provider(); }
  std::vector<Draw> script_;
  mutable std::size_t next_ = 0;
  mutable bool mismatch_ = false;
  mutable std::vector<std::size_t> asked_;
};

/// Keeps the secrets an engine reports.
class SecretLog final : public Observer {
 public:
  void on_secret(SecretKind kind, std::span<const std::uint8_t> value) override {
    secrets[kind] = ByteVec(value.begin(), value.end());
  }
  std::map<SecretKind, ByteVec> secrets;
};

/// 2019-01-01T00:00:00Z: inside server.crt's validity (2018-10-05 .. 2019-10-05).
std::chrono::system_clock::time_point recording_time() {
  return std::chrono::system_clock::time_point(std::chrono::seconds(1546300800));
}

ByteVec iv_of(const char* record) {
  return from_hex(record_named(record).at("record_iv").get<std::string>());
}

ByteVec take_output(Engine& engine) {
  const auto out = engine.pending_output();
  ByteVec bytes(out.begin(), out.end());
  engine.consume_output(bytes.size());
  return bytes;
}

std::string vector_file(const char* name) {
  return test::vector_path(std::string("illustrated-tls12/") + name).string();
}

}  // namespace

TEST_CASE("illustrated TLS 1.2 server replay produces the published server records",
          "[illustrated][replay]") {
  // The order in which a tlsx server draws random bytes (server_handshake.cpp,
  // key_exchange.cpp, cbc_hmac_protection.cpp): ServerHello.random, the X25519 private key,
  // then one explicit CBC IV per protected record it writes.
  ScriptedProvider rng({{"server random", hex_field("server_random")},
                        {"server X25519 private key", hex_field("server_x25519_private_key")},
                        {"IV of the server Finished record", iv_of("serverfinished")},
                        {"IV of the server application data record", iv_of("serverdata")},
                        // Not in the recording: tlsx answers close_notify with its own.
                        {"IV of the server's close_notify reply", ByteVec(16, 0xcc)}});
  auto cert = CertifiedKey::from_pem_files(vector_file("server.crt"), vector_file("server.key"));
  REQUIRE(cert.has_value());
  ServerConfig config;
  config.provider = &rng;
  config.clock = recording_time;
  config.certificates.push_back(std::move(*cert));
  config.cipher_suites = {CipherSuite::TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA};
  config.signature_schemes = {SignatureScheme::rsa_pkcs1_sha256};
  // The recorded server acknowledged neither SNI nor ec_point_formats.
  config.informational_hello_extensions = false;
  auto server = Engine::server(config);
  REQUIRE(server.has_value());

  REQUIRE(server->feed(record_bytes("clienthello")).has_value());
  INFO("random() requests so far: " << rng.requests());
  CHECK(to_hex(take_output(*server)) ==
        to_hex(concat({"serverhello", "servercert", "serverkeyexchange", "serverhellodone"})));

  REQUIRE(server->feed(concat({"clientkeyexchange", "clientccs", "clientfinished"})).has_value());
  CHECK(to_hex(take_output(*server)) == to_hex(concat({"serverccs", "serverfinished"})));
  REQUIRE(server->status().handshake_done);
  CHECK(server->negotiated()->cipher_suite_name == "TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA");
  CHECK_FALSE(server->negotiated()->extended_master_secret);
  CHECK_FALSE(server->negotiated()->encrypt_then_mac);
  CHECK(server->negotiated()->server_name == "example.ulfheim.net");

  REQUIRE(server->feed(record_bytes("clientdata")).has_value());
  std::array<std::uint8_t, 16> buf{};
  auto n = server->read(buf);
  REQUIRE(n.has_value());
  CHECK(std::string(buf.begin(), buf.begin() + static_cast<std::ptrdiff_t>(*n)) == "ping");
  REQUIRE(server->write(test::bytes_of("pong")).has_value());
  CHECK(to_hex(take_output(*server)) == to_hex(record_bytes("serverdata")));

  // The client's encrypted close_notify ends the connection cleanly.
  REQUIRE(server->feed(record_bytes("clientalert")).has_value());
  CHECK(server->status().peer_closed);
  CHECK_FALSE(server->status().failed);
  const ByteVec reply = take_output(*server);
  CHECK(to_hex(ByteVec(reply.begin(), reply.begin() + 5)) == "1503030030");  // encrypted alert

  CHECK(rng.used() == 5);  // the whole script, in order, and nothing else
  CHECK_FALSE(rng.mismatch());
}

TEST_CASE("illustrated TLS 1.2 client replay derives the published secrets and records",
          "[illustrated][replay]") {
  // A tlsx client draws: ClientHello.random, the X25519 private key (once the
  // ServerKeyExchange is verified), one explicit IV per protected record.
  ScriptedProvider rng({{"client random", hex_field("client_random")},
                        {"client X25519 private key", hex_field("client_x25519_private_key")},
                        {"IV of the client Finished record", iv_of("clientfinished")},
                        // Not in the recording: the alert refusing the recorded server Finished.
                        {"IV of the client's decrypt_error alert", ByteVec(16, 0xcc)}});
  SecretLog log;
  ClientConfig config;
  config.provider = &rng;
  config.clock = recording_time;
  config.observer = &log;
  // server.crt names its host only in the CN (no subjectAltName), which RFC 6125 matching
  // rejects; the chain itself is checked below with the recording time.
  config.verify_peer = false;
  auto client = Engine::client(config, "example.ulfheim.net");
  REQUIRE(client.has_value());
  const ByteVec hello = take_output(*client);
  REQUIRE(hello.size() > 43);
  // Only the random of our own ClientHello is the published one (record header 5 + handshake
  // header 4 + version 2 = offset 11).
  CHECK(to_hex(ByteVec(hello.begin() + 11, hello.begin() + 43)) ==
        transcript().at("client_random").get<std::string>());

  REQUIRE(
      client->feed(concat({"serverhello", "servercert", "serverkeyexchange", "serverhellodone"}))
          .has_value());
  INFO("random() requests so far: " << rng.requests());
  const ByteVec flight = take_output(*client);
  const ByteVec cke = record_bytes("clientkeyexchange");
  const ByteVec ccs = record_bytes("clientccs");
  const ByteVec published_finished = record_bytes("clientfinished");
  REQUIRE(flight.size() == cke.size() + ccs.size() + published_finished.size());
  CHECK(to_hex(ByteVec(flight.begin(), flight.begin() + static_cast<std::ptrdiff_t>(cke.size()))) ==
        to_hex(cke));
  const auto ccs_at = flight.begin() + static_cast<std::ptrdiff_t>(cke.size());
  CHECK(to_hex(ByteVec(ccs_at, ccs_at + static_cast<std::ptrdiff_t>(ccs.size()))) == to_hex(ccs));
  const ByteVec our_finished(ccs_at + static_cast<std::ptrdiff_t>(ccs.size()), flight.end());
  // Same header and explicit IV (5 + 16 bytes); the ciphertext differs with verify_data.
  CHECK(to_hex(ByteVec(our_finished.begin(), our_finished.begin() + 21)) ==
        to_hex(ByteVec(published_finished.begin(), published_finished.begin() + 21)));
  CHECK(our_finished != published_finished);

  // Everything that depends only on the randoms and the ECDHE exchange matches.
  for (const auto& [kind, field] : std::vector<std::pair<SecretKind, const char*>>{
           {SecretKind::pre_master_secret, "pre_master_secret"},
           {SecretKind::master_secret, "master_secret"},
           {SecretKind::key_block, "key_block"},
           {SecretKind::client_write_mac_key, "client_write_mac_key"},
           {SecretKind::server_write_mac_key, "server_write_mac_key"},
           {SecretKind::client_write_key, "client_write_key"},
           {SecretKind::server_write_key, "server_write_key"},
           {SecretKind::client_write_iv, "client_write_iv"},
           {SecretKind::server_write_iv, "server_write_iv"}}) {
    INFO(field);
    REQUIRE(log.secrets.count(kind) == 1);
    CHECK(to_hex(log.secrets.at(kind)) == transcript().at(field).get<std::string>());
  }
  CHECK(log.secrets.count(SecretKind::session_hash) == 0);  // no EMS: the server did not echo it

  // Our Finished record opens under the published client write keys, and holds the
  // verify_data the client reported.
  record::CbcHmacProtection::Params params;
  params.cipher = crypto::CipherAlgorithm::aes128;
  params.mac = crypto::HashAlgorithm::sha1;
  params.order = record::MacOrder::mac_then_encrypt;
  auto protection = record::CbcHmacProtection::create(crypto::default_provider(), params,
                                                      hex_field("client_write_key"),
                                                      hex_field("client_write_mac_key"));
  REQUIRE(protection.has_value());
  record::RecordReader reader;
  reader.set_version_check(record::VersionCheck::tls12);
  reader.set_pending(std::move(*protection));
  for (const ByteVec* piece : {&ccs, &our_finished}) {
    auto taken = reader.feed(*piece);
    REQUIRE(taken.has_value());
    REQUIRE(*taken == piece->size());
    auto event = reader.next();
    REQUIRE(event.has_value());
    if (piece == &our_finished) {
      REQUIRE(event->kind == record::InboundKind::handshake);
      ByteVec expected = from_hex("1400000c");
      const ByteVec& vd = log.secrets.at(SecretKind::client_verify_data);
      expected.insert(expected.end(), vd.begin(), vd.end());
      CHECK(to_hex(event->handshake.raw) == to_hex(expected));
    }
  }
  // Our transcript starts with our own ClientHello, so our verify_data is not the published one.
  CHECK(to_hex(log.secrets.at(SecretKind::client_verify_data)) !=
        transcript().at("client_verify_data").get<std::string>());

  // The recorded server Finished decrypts (same keys) but was computed over the recorded
  // ClientHello: refused, as it must be.
  auto fed = client->feed(concat({"serverccs", "serverfinished"}));
  REQUIRE_FALSE(fed.has_value());
  CHECK(fed.error().alert == AlertDescription::decrypt_error);
  CHECK(client->state() == "Failed");
  // The fatal alert went out under the client's write keys, right after its Finished.
  const ByteVec alert = take_output(*client);
  REQUIRE(reader.feed(alert).has_value());
  auto alert_event = reader.next();
  REQUIRE_FALSE(alert_event.has_value());
  CHECK(alert_event.error().code == ErrorCode::peer_alert);
  CHECK(alert_event.error().alert == AlertDescription::decrypt_error);
  CHECK(rng.used() == 4);
  CHECK_FALSE(rng.mismatch());
}

TEST_CASE("illustrated TLS 1.2 verify_data recomputed from the published transcript",
          "[illustrated][replay]") {
  const auto& provider = crypto::default_provider();
  const ByteVec master = hex_field("master_secret");
  auto sha256 = provider.hash(crypto::HashAlgorithm::sha256);
  REQUIRE(sha256.has_value());
  for (const auto& message : transcript().at("handshake_messages_for_transcript_hash")) {
    (*sha256)->update(from_hex(message.at("hex").get<std::string>()));
  }
  ByteVec hash(32);
  auto before_client_finished = (*sha256)->clone();
  before_client_finished->finish(hash);
  CHECK(to_hex(hash) ==
        transcript().at("handshake_hash_client_finished_sha256").get<std::string>());
  auto client_vd = handshake::compute_verify_data(provider, crypto::HashAlgorithm::sha256, master,
                                                  handshake::FinishedSender::client, hash);
  REQUIRE(client_vd.has_value());
  CHECK(to_hex(*client_vd) == transcript().at("client_verify_data").get<std::string>());

  // The server's Finished covers the client's Finished message too (RFC 5246 §7.4.9).
  ByteVec client_finished = from_hex("1400000c");
  client_finished.insert(client_finished.end(), client_vd->begin(), client_vd->end());
  (*sha256)->update(client_finished);
  (*sha256)->finish(hash);
  CHECK(to_hex(hash) ==
        transcript().at("handshake_hash_server_finished_sha256").get<std::string>());
  auto server_vd = handshake::compute_verify_data(provider, crypto::HashAlgorithm::sha256, master,
                                                  handshake::FinishedSender::server, hash);
  REQUIRE(server_vd.has_value());
  CHECK(to_hex(*server_vd) == transcript().at("server_verify_data").get<std::string>());
}

TEST_CASE("illustrated TLS 1.2 certificate needs the recording time and is CN-only",
          "[illustrated][replay]") {
  auto chain = CertificateChain::from_pem_file(vector_file("server.crt"));
  auto trust = TrustStore::from_pem_file(vector_file("ca.crt"));
  REQUIRE(chain.has_value());
  REQUIRE(trust.has_value());
  VerifyPolicy at_recording;
  at_recording.time = 1546300800;  // 2019-01-01
  VerifyPolicy today;
  today.time = 1767225600;  // 2026-01-01
  // The name check fails either way (no subjectAltName); with the time of the recording the
  // error is the name, today it is expiry (checked first or not, it must fail).
  auto then = verify_certificate_chain(*chain, *trust, at_recording, "example.ulfheim.net");
  auto now = verify_certificate_chain(*chain, *trust, today, "example.ulfheim.net");
  REQUIRE_FALSE(then.has_value());
  REQUIRE_FALSE(now.has_value());
  INFO("then: " << then.error().detail << " / now: " << now.error().detail);
  CHECK(then.error().alert == AlertDescription::bad_certificate);
  CHECK(now.error().alert == AlertDescription::certificate_expired);
}
