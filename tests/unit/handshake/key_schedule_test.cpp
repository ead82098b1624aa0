// TLS 1.2 key schedule against third-party data: NIST CAVS TLS 1.2 KDF cases, The Illustrated
// TLS 1.2 Connection and three recorded Go crypto/tls handshakes (pre-master secret -> master
// secret -> key block split -> both Finished verify_data), plus extended master secrets made
// with OpenSSL's TLS1-PRF (tests/data/key_schedule/).
#include <catch2/catch.hpp>

#include <array>
#include <string>

#include "handshake/key_schedule.hpp"
#include "support/test_support.hpp"
#include "tlsx/crypto/constant_time.hpp"
#include "tlsx/crypto/provider.hpp"

using namespace tlsx;
using namespace tlsx::handshake;
using crypto::default_provider;
using crypto::HashAlgorithm;
using crypto::Provider;
using tlsx::test::ByteVec;
using tlsx::test::from_hex;
using tlsx::test::to_hex;

namespace {

ByteVec hex_field(const nlohmann::json& j, const char* key) {
  return from_hex(j[key].get<std::string>());
}

std::string hex_of(const SecretBytes& s) {
  return to_hex(s.data(), s.size());
}

}  // namespace

TEST_CASE("NIST CAVS TLS 1.2 KDF (SHA-256): master secret and key block", "[key_schedule]") {
  const auto json = tlsx::test::load_json_vector("tls-kdf-cavs/tls12_sha256_kdf.json");
  const std::size_t key_block_bytes = json["key_block_bits"].get<std::size_t>() / 8;
  for (const Provider* p : {&crypto::sodium_provider(), &default_provider()}) {
    tlsx::test::VectorTally tally{"tls12_sha256_kdf.json via " + std::string(p->name())};
    for (const auto& t : json["tests"]) {
      INFO(p->name() << " COUNT = " << t["count"].get<int>());
      // The master secret uses the hello randoms, the key expansion a second pair (see README).
      auto master = derive_master_secret(
          *p, HashAlgorithm::sha256, hex_field(t, "pre_master_secret"),
          hex_field(t, "clientHello_random"), hex_field(t, "serverHello_random"));
      REQUIRE(master);
      auto block =
          derive_key_block(*p, HashAlgorithm::sha256, *master, hex_field(t, "client_random"),
                           hex_field(t, "server_random"), key_block_bytes);
      REQUIRE(block);
      const bool ok = hex_of(*master) == t["master_secret"].get<std::string>() &&
                      hex_of(*block) == t["key_block"].get<std::string>();
      CHECK(ok);
      (ok ? tally.passed : tally.failed)++;
    }
    tally.print();
    CHECK(tally.passed == 100);
  }
}

namespace {

// Runs one recorded handshake whose every secret is published (Illustrated TLS 1.2, Go).
// Returns the number of values checked.
int check_transcript(const std::string& file) {
  const auto t = tlsx::test::load_json_vector(file);
  const Provider& p = default_provider();
  REQUIRE(t["prf_hash"] == "SHA-256");
  REQUIRE(t["extended_master_secret"] == false);
  int checked = 0;
  const ByteVec client_random = hex_field(t, "client_random");
  const ByteVec server_random = hex_field(t, "server_random");
  const ByteVec pre_master = hex_field(t, "pre_master_secret");

  // ECDHE: the pre-master secret is the X25519 shared secret (RFC 8422 §5.10), from either side.
  if (t.contains("client_x25519_private_key")) {
    const ByteVec client_priv = hex_field(t, "client_x25519_private_key");
    std::array<std::uint8_t, 32> pub{}, shared{};
    REQUIRE(p.x25519_public(client_priv, pub));
    CHECK(to_hex(pub) == t["client_x25519_public_key"].get<std::string>());
    REQUIRE(p.x25519(client_priv, hex_field(t, "server_x25519_public_key"), shared));
    CHECK(to_hex(shared) == t["pre_master_secret"].get<std::string>());
    checked += 2;
    if (t["server_x25519_private_key"].is_string()) {
      REQUIRE(p.x25519(hex_field(t, "server_x25519_private_key"),
                       hex_field(t, "client_x25519_public_key"), shared));
      CHECK(to_hex(shared) == t["pre_master_secret"].get<std::string>());
      ++checked;
    }
  }

  auto master =
      derive_master_secret(p, HashAlgorithm::sha256, pre_master, client_random, server_random);
  REQUIRE(master);
  CHECK(hex_of(*master) == t["master_secret"].get<std::string>());

  const KeyBlockLayout layout{hex_field(t, "client_write_mac_key").size(),
                              hex_field(t, "client_write_key").size(),
                              hex_field(t, "client_write_iv").size()};
  auto block = derive_key_block(p, HashAlgorithm::sha256, *master, client_random, server_random,
                                layout.total());
  REQUIRE(block);
  CHECK(hex_of(*block) == t["key_block"].get<std::string>());
  auto keys = derive_keys(p, HashAlgorithm::sha256, *master, client_random, server_random, layout);
  REQUIRE(keys);
  CHECK(hex_of(keys->client_write_mac_key) == t["client_write_mac_key"].get<std::string>());
  CHECK(hex_of(keys->server_write_mac_key) == t["server_write_mac_key"].get<std::string>());
  CHECK(hex_of(keys->client_write_key) == t["client_write_key"].get<std::string>());
  CHECK(hex_of(keys->server_write_key) == t["server_write_key"].get<std::string>());
  CHECK(hex_of(keys->client_write_iv) == t["client_write_iv"].get<std::string>());
  CHECK(hex_of(keys->server_write_iv) == t["server_write_iv"].get<std::string>());
  checked += 8;

  // Finished (RFC 5246 §7.4.9): hash the handshake messages, fork the transcript with clone()
  // for the client's verify_data, then add the client Finished for the server's.
  auto transcript = p.hash(HashAlgorithm::sha256);
  REQUIRE(transcript);
  for (const auto& m : t["handshake_messages_for_transcript_hash"]) {
    (*transcript)->update(hex_field(m, "hex"));
  }
  std::array<std::uint8_t, 32> hash{};
  (*transcript)->clone()->finish(hash);
  CHECK(to_hex(hash) == t["handshake_hash_client_finished_sha256"].get<std::string>());
  auto client_vd =
      compute_verify_data(p, HashAlgorithm::sha256, *master, FinishedSender::client, hash);
  REQUIRE(client_vd);
  CHECK(to_hex(*client_vd) == t["client_verify_data"].get<std::string>());
  CHECK(crypto::ct_equal(*client_vd, hex_field(t, "client_verify_data")));

  ByteVec client_finished = from_hex("1400000c");  // HandshakeType finished, length 12
  client_finished.insert(client_finished.end(), client_vd->begin(), client_vd->end());
  (*transcript)->update(client_finished);
  (*transcript)->finish(hash);
  CHECK(to_hex(hash) == t["handshake_hash_server_finished_sha256"].get<std::string>());
  auto server_vd =
      compute_verify_data(p, HashAlgorithm::sha256, *master, FinishedSender::server, hash);
  REQUIRE(server_vd);
  CHECK(to_hex(*server_vd) == t["server_verify_data"].get<std::string>());
  checked += 5;
  return checked;
}

}  // namespace

TEST_CASE("The Illustrated TLS 1.2 Connection: X25519 to Finished", "[key_schedule]") {
  tlsx::test::VectorTally tally{"illustrated-tls12/transcript.json"};
  tally.passed = check_transcript("illustrated-tls12/transcript.json");
  // The NSS key log line carries the same master secret.
  const std::string keylog =
      tlsx::test::read_file(tlsx::test::vector_path("illustrated-tls12/keylog.txt"));
  CHECK(keylog.find("916abf9da55973e13614ae0a3f5d3f37b023ba129aee02cc9134338127cd7049781c8e19fc1"
                    "eb2a7387ac06ae237344c") != std::string::npos);
  tally.print();
}

TEST_CASE("Go crypto/tls recorded TLS 1.2 handshakes: master secret to Finished",
          "[key_schedule]") {
  for (const char* name : {"Server-TLSv12-RSA-AES", "Client-TLSv12-AES128-GCM-SHA256",
                           "Client-TLSv12-ECDHE-RSA-CHACHA20-POLY1305"}) {
    const std::string file = std::string("go-tls12-transcripts/") + name + ".json";
    INFO(file);
    tlsx::test::VectorTally tally{file};
    tally.passed = check_transcript(file);
    tally.print();
  }
}

TEST_CASE("extended master secret (RFC 7627 §4) against OpenSSL's TLS1-PRF", "[key_schedule]") {
  const auto json = nlohmann::json::parse(tlsx::test::read_file(
      std::filesystem::path(TLSX_TEST_DATA_DIR) / "key_schedule" / "ems_vectors.json"));
  tlsx::test::VectorTally tally{"tests/data/key_schedule/ems_vectors.json"};
  for (const auto& t : json["tests"]) {
    const HashAlgorithm alg =
        t["prf_hash"] == "SHA384" ? HashAlgorithm::sha384 : HashAlgorithm::sha256;
    INFO(t["session_hash_of"].get<std::string>());
    // The session hash is the PRF hash of the handshake messages; recompute it here.
    std::array<std::uint8_t, 48> session_hash{};
    const auto text = tlsx::test::bytes_of(t["session_hash_of"].get<std::string>());
    REQUIRE(crypto::hash_once(default_provider(), alg, text, session_hash));
    const crypto::Bytes hash_span(session_hash.data(), crypto::digest_size(alg));
    CHECK(to_hex(hash_span) == t["session_hash"].get<std::string>());
    auto master = derive_extended_master_secret(default_provider(), alg,
                                                hex_field(t, "pre_master_secret"), hash_span);
    REQUIRE(master);
    const bool ok = hex_of(*master) == t["master_secret"].get<std::string>();
    CHECK(ok);
    (ok ? tally.passed : tally.failed)++;
  }
  tally.print();
  CHECK(tally.passed == 4);
}

TEST_CASE("key schedule refuses wrong sizes and unsupported hashes", "[key_schedule]") {
  const Provider& p = default_provider();
  const ByteVec pms(48, 3), r32(32, 1), r31(31, 1), ms(48, 7);
  auto expect = [](const auto& r, ErrorCode code) {
    REQUIRE_FALSE(r);
    CHECK(r.error().code == code);
  };
  expect(derive_master_secret(p, HashAlgorithm::sha256, pms, r31, r32),
         ErrorCode::invalid_argument);
  expect(derive_master_secret(p, HashAlgorithm::sha256, pms, r32, r31),
         ErrorCode::invalid_argument);
  expect(derive_extended_master_secret(p, HashAlgorithm::sha256, pms, ByteVec(48, 0)),
         ErrorCode::invalid_argument);
  expect(derive_key_block(p, HashAlgorithm::sha256, ByteVec(47, 0), r32, r32, 40),
         ErrorCode::invalid_argument);
  expect(split_key_block(ByteVec(103, 0), KeyBlockLayout{20, 16, 16}), ErrorCode::invalid_argument);
  expect(compute_verify_data(p, HashAlgorithm::sha256, ms, FinishedSender::client, ByteVec(31, 0)),
         ErrorCode::invalid_argument);
  expect(derive_master_secret(crypto::sodium_provider(), HashAlgorithm::sha384, pms, r32, r32),
         ErrorCode::unsupported);
}

TEST_CASE("key block layouts of the TLS 1.2 suites", "[key_schedule]") {
  CHECK(KeyBlockLayout{20, 16, 16}.total() == 104);  // AES_128_CBC_SHA
  CHECK(KeyBlockLayout{0, 16, 4}.total() == 40);     // AES_128_GCM_SHA256
  CHECK(KeyBlockLayout{0, 32, 12}.total() == 88);    // CHACHA20_POLY1305_SHA256
  ByteVec block(40);
  for (std::size_t i = 0; i < block.size(); ++i) block[i] = static_cast<std::uint8_t>(i);
  auto keys = split_key_block(block, KeyBlockLayout{0, 16, 4});
  REQUIRE(keys);
  CHECK(keys->client_write_mac_key.empty());
  CHECK(hex_of(keys->client_write_key) == "000102030405060708090a0b0c0d0e0f");
  CHECK(hex_of(keys->server_write_key) == "101112131415161718191a1b1c1d1e1f");
  CHECK(hex_of(keys->client_write_iv) == "20212223");
  CHECK(hex_of(keys->server_write_iv) == "24252627");
  // Client and server verify_data differ only by label.
  std::array<std::uint8_t, 32> hash{};
  auto c = compute_verify_data(default_provider(), HashAlgorithm::sha256, ByteVec(48, 1),
                               FinishedSender::client, hash);
  auto s = compute_verify_data(default_provider(), HashAlgorithm::sha256, ByteVec(48, 1),
                               FinishedSender::server, hash);
  REQUIRE(c);
  REQUIRE(s);
  CHECK(*c != *s);
}
