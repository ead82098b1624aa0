// Known-answer records from third parties: every protected record is decrypted to its published
// plaintext and, where the sender's nonce or IV is known, re-sealed to the published bytes.
//
//   - The Illustrated TLS 1.2 Connection (AES-128-CBC-SHA, MAC-then-encrypt, fixed IVs);
//   - Go's recorded transcripts (AES-128-GCM with OpenSSL as server; ChaCha20-Poly1305;
//     AES-128-CBC-SHA with a Go server);
//   - connections recorded between OpenSSL s_client and s_server (tests/data/record/): AES-128/256-
//     GCM, ChaCha20-Poly1305, AES-CBC with HMAC-SHA1/256/384 in both MAC orders.
// The key blocks are re-derived from the master secrets with tlsx's PRF, so these records also
// check the key schedule -> record layer hand-over.
#include <catch2/catch.hpp>

#include <fmt/format.h>

#include "handshake/key_schedule.hpp"
#include "protection_suites.hpp"
#include "record/record_reader.hpp"

using namespace tlsx;
using namespace tlsx::record;
using namespace tlsx::record::test;
using tlsx::test::from_hex;
using tlsx::test::to_hex;
using json = nlohmann::json;

namespace {

struct KatRecord {
  bool client_to_server = true;
  std::uint64_t seq = 0;
  ByteVec record;  ///< header || fragment
  ByteVec plaintext;
  ByteVec iv;  ///< CBC record IV or GCM explicit nonce as sent (empty for ChaCha20)
};

struct DirectionKeys {
  ByteVec mac_key, key, iv;
};

struct KatFile {
  std::string name;
  Suite suite;
  HashAlgorithm prf_hash = HashAlgorithm::sha256;
  ByteVec master_secret, client_random, server_random;
  DirectionKeys client, server;
  std::vector<KatRecord> records;
};

HashAlgorithm hash_named(const std::string& name) {
  if (name == "sha1") return HashAlgorithm::sha1;
  if (name == "sha256" || name == "SHA-256") return HashAlgorithm::sha256;
  if (name == "sha384" || name == "SHA-384") return HashAlgorithm::sha384;
  FAIL("unknown hash " << name);
  return HashAlgorithm::sha256;
}

void load_keys(KatFile& kat, const json& j) {
  kat.master_secret = from_hex(j["master_secret"].get<std::string>());
  kat.client_random = from_hex(j["client_random"].get<std::string>());
  kat.server_random = from_hex(j["server_random"].get<std::string>());
  kat.client = {from_hex(j["client_write_mac_key"].get<std::string>()),
                from_hex(j["client_write_key"].get<std::string>()),
                from_hex(j["client_write_iv"].get<std::string>())};
  kat.server = {from_hex(j["server_write_mac_key"].get<std::string>()),
                from_hex(j["server_write_key"].get<std::string>()),
                from_hex(j["server_write_iv"].get<std::string>())};
}

Suite cbc_suite(CipherAlgorithm cipher, HashAlgorithm mac, MacOrder order) {
  Suite s;
  s.kind = SuiteKind::cbc;
  s.cbc = {cipher, mac, order};
  return s;
}

Suite aead_suite(AeadAlgorithm alg) {
  Suite s;
  s.kind = SuiteKind::aead;
  s.aead = alg;
  return s;
}

/// Illustrated TLS 1.2 and the Go transcripts share one JSON layout.
KatFile load_transcript(const std::string& path, const Suite& suite) {
  const auto j = tlsx::test::load_json_vector(path);
  KatFile kat;
  kat.name = path;
  kat.suite = suite;
  kat.prf_hash = hash_named(j["prf_hash"].get<std::string>());
  load_keys(kat, j);
  for (const auto& r : j["records"]) {
    if (!r["encrypted"].get<bool>()) continue;
    KatRecord rec;
    rec.client_to_server = r["direction"] == "client_to_server";
    rec.seq = r["seq_num"].get<std::uint64_t>();
    rec.record = from_hex(r["record_hex"].get<std::string>());
    rec.plaintext = from_hex(r["plaintext_hex"].get<std::string>());
    if (r.contains("record_iv")) rec.iv = from_hex(r["record_iv"].get<std::string>());
    if (r.contains("explicit_nonce")) rec.iv = from_hex(r["explicit_nonce"].get<std::string>());
    kat.records.push_back(std::move(rec));
  }
  return kat;
}

KatFile load_openssl(const std::string& file) {
  const auto path = std::filesystem::path(TLSX_TEST_DATA_DIR) / "record" / file;
  const auto j = json::parse(tlsx::test::read_file(path));
  KatFile kat;
  kat.name = "record/" + file;
  const std::string cipher = j["cipher"];
  const bool etm = j["encrypt_then_mac"].get<bool>();
  const auto order = etm ? MacOrder::encrypt_then_mac : MacOrder::mac_then_encrypt;
  if (cipher == "ECDHE-RSA-AES128-GCM-SHA256") {
    kat.suite = aead_suite(AeadAlgorithm::aes128_gcm);
  } else if (cipher == "ECDHE-RSA-AES256-GCM-SHA384") {
    kat.suite = aead_suite(AeadAlgorithm::aes256_gcm);
  } else if (cipher == "ECDHE-RSA-CHACHA20-POLY1305") {
    kat.suite = aead_suite(AeadAlgorithm::chacha20_poly1305);
  } else {
    const auto mac = hash_named(j["mac"].get<std::string>());
    const auto aes = cipher.find("AES256") != std::string::npos ? CipherAlgorithm::aes256
                                                                : CipherAlgorithm::aes128;
    kat.suite = cbc_suite(aes, mac, order);
  }
  kat.prf_hash = hash_named(j["prf_hash"].get<std::string>());
  load_keys(kat, j);
  for (const auto& r : j["records"]) {
    KatRecord rec;
    rec.client_to_server = r["direction"] == "client_to_server";
    rec.seq = r["seq_num"].get<std::uint64_t>();
    rec.record = from_hex(r["record_hex"].get<std::string>());
    rec.plaintext = from_hex(r["plaintext_hex"].get<std::string>());
    rec.iv = from_hex(r["record_iv_or_explicit_nonce"].get<std::string>());
    kat.records.push_back(std::move(rec));
  }
  return kat;
}

std::vector<KatFile> all_kat_files() {
  std::vector<KatFile> files;
  files.push_back(load_transcript(
      "illustrated-tls12/transcript.json",
      cbc_suite(CipherAlgorithm::aes128, HashAlgorithm::sha1, MacOrder::mac_then_encrypt)));
  files.push_back(load_transcript(
      "go-tls12-transcripts/Server-TLSv12-RSA-AES.json",
      cbc_suite(CipherAlgorithm::aes128, HashAlgorithm::sha1, MacOrder::mac_then_encrypt)));
  files.push_back(load_transcript("go-tls12-transcripts/Client-TLSv12-AES128-GCM-SHA256.json",
                                  aead_suite(AeadAlgorithm::aes128_gcm)));
  files.push_back(
      load_transcript("go-tls12-transcripts/Client-TLSv12-ECDHE-RSA-CHACHA20-POLY1305.json",
                      aead_suite(AeadAlgorithm::chacha20_poly1305)));
  for (const char* f : {"openssl-aes128-gcm.json", "openssl-aes256-gcm.json",
                        "openssl-chacha20-poly1305.json", "openssl-aes128-cbc-sha256-mte.json",
                        "openssl-aes256-cbc-sha384-etm.json", "openssl-aes128-cbc-sha-etm.json"}) {
    files.push_back(load_openssl(f));
  }
  return files;
}

handshake::KeyBlockLayout layout_of(const Suite& suite) {
  if (suite.kind == SuiteKind::aead) {
    return {0, crypto::key_size(suite.aead),
            suite.aead == AeadAlgorithm::chacha20_poly1305 ? std::size_t{12} : std::size_t{4}};
  }
  return {crypto::digest_size(suite.cbc.mac), crypto::key_size(suite.cbc.cipher), 16};
}

/// A protection for one direction; for CBC, record IVs come from `ivs` in order.
std::unique_ptr<RecordProtection> protection_for(const crypto::Provider& provider,
                                                 const Suite& suite, const DirectionKeys& keys,
                                                 std::vector<ByteVec>* ivs = nullptr) {
  if (suite.kind == SuiteKind::aead) {
    auto p = AeadProtection::create(provider, suite.aead, keys.key, keys.iv);
    REQUIRE(p);
    return std::move(*p);
  }
  IvSource source;
  if (ivs != nullptr) {
    source = [ivs](std::span<std::uint8_t> out) -> Result<void> {
      REQUIRE_FALSE(ivs->empty());
      REQUIRE(ivs->front().size() == out.size());
      std::copy(ivs->front().begin(), ivs->front().end(), out.begin());
      ivs->erase(ivs->begin());
      return {};
    };
  }
  auto p = CbcHmacProtection::create(provider, suite.cbc, keys.key, keys.mac_key, source);
  REQUIRE(p);
  return std::move(*p);
}

ByteVec seq_bytes(std::uint64_t seq) {
  ByteVec out(8);
  for (int i = 0; i < 8; ++i)
    out[static_cast<std::size_t>(i)] = static_cast<std::uint8_t>(seq >> (56 - 8 * i));
  return out;
}

}  // namespace

TEST_CASE("known answers: key blocks re-derived with tlsx's PRF match", "[record][vectors]") {
  for (const auto& kat : all_kat_files()) {
    INFO(kat.name);
    auto keys = handshake::derive_keys(crypto::default_provider(), kat.prf_hash, kat.master_secret,
                                       kat.client_random, kat.server_random, layout_of(kat.suite));
    REQUIRE(keys);
    auto bytes = [](const SecretBytes& s) { return ByteVec(s.span().begin(), s.span().end()); };
    CHECK(bytes(keys->client_write_key) == kat.client.key);
    CHECK(bytes(keys->server_write_key) == kat.server.key);
    CHECK(bytes(keys->client_write_iv) == kat.client.iv);
    CHECK(bytes(keys->server_write_iv) == kat.server.iv);
    CHECK(bytes(keys->client_write_mac_key) == kat.client.mac_key);
    CHECK(bytes(keys->server_write_mac_key) == kat.server.mac_key);
  }
}

TEST_CASE(
    "known answers: published records decrypt to their plaintext and re-seal to their "
    "bytes",
    "[record][vectors]") {
  for (const auto* provider : test_providers()) {
    for (const auto& kat : all_kat_files()) {
      tlsx::test::VectorTally decrypted{fmt::format("{} decrypt ({})", kat.name, provider->name())};
      tlsx::test::VectorTally resealed_exact{
          fmt::format("{} byte-exact re-seal ({})", kat.name, provider->name())};
      for (const auto& rec : kat.records) {
        const auto& keys = rec.client_to_server ? kat.client : kat.server;
        INFO(kat.name << " " << provider->name() << " seq " << rec.seq
                      << (rec.client_to_server ? " c->s" : " s->c"));
        ByteVec fragment(rec.record.begin() + 5, rec.record.end());
        REQUIRE(fragment.size() == (std::size_t{rec.record[3]} << 8 | rec.record[4]));
        const RecordContext context{rec.seq, static_cast<ContentType>(rec.record[0]),
                                    static_cast<std::uint16_t>(rec.record[1] << 8 | rec.record[2])};

        // Decrypt.
        auto opener = protection_for(*provider, kat.suite, keys);
        auto opened = opener->open(context, fragment);
        REQUIRE(opened);
        CHECK(to_hex(*opened) == to_hex(rec.plaintext));
        ++decrypted.passed;

        // Re-seal: exact bytes when the sender's nonce or IV is reproducible.
        std::vector<ByteVec> ivs{rec.iv};
        auto sealer = protection_for(*provider, kat.suite, keys, &ivs);
        const auto resealed = seal(*sealer, context, rec.plaintext);
        const bool reproducible = kat.suite.kind == SuiteKind::cbc ||
                                  kat.suite.aead == AeadAlgorithm::chacha20_poly1305 ||
                                  rec.iv == seq_bytes(rec.seq);
        if (reproducible) {
          CHECK(to_hex(resealed) == to_hex(ByteVec(rec.record.begin() + 5, rec.record.end())));
          ++resealed_exact.passed;
        } else {
          // GCM with a sender-chosen explicit nonce: tlsx sends the sequence number instead.
          CHECK(ByteVec(resealed.begin(), resealed.begin() + 8) == seq_bytes(rec.seq));
          auto copy = resealed;
          auto back = opener->open(context, copy);
          REQUIRE(back);
          CHECK(to_hex(*back) == to_hex(rec.plaintext));
          ++resealed_exact.skipped;  // not reproducible; the round trip is checked instead
        }
      }
      decrypted.print();
      resealed_exact.print();
      CHECK(decrypted.passed == static_cast<int>(kat.records.size()));
      CHECK(kat.records.size() >= 4);
    }
  }
}

TEST_CASE(
    "known answers: the Illustrated TLS 1.2 client and server streams through a "
    "RecordReader",
    "[record][vectors]") {
  const auto j = tlsx::test::load_json_vector("illustrated-tls12/transcript.json");
  const auto kat = load_transcript(
      "illustrated-tls12/transcript.json",
      cbc_suite(CipherAlgorithm::aes128, HashAlgorithm::sha1, MacOrder::mac_then_encrypt));
  for (bool from_client : {true, false}) {
    // What the server (resp. client) reads: every record the peer sent, in order.
    ByteVec wire;
    for (const auto& r : j["records"]) {
      if ((r["direction"] == "client_to_server") != from_client) continue;
      const auto bytes = from_hex(r["record_hex"].get<std::string>());
      wire.insert(wire.end(), bytes.begin(), bytes.end());
    }
    RecordReader reader;
    reader.set_version_check(VersionCheck::tls_family);  // the ClientHello record says 0x0301
    std::vector<std::string> seen;
    std::span<const std::uint8_t> input(wire);
    bool closed = false;
    while (!input.empty() && !closed) {
      auto taken = reader.feed(input);
      REQUIRE(taken);
      input = input.subspan(*taken);
      for (;;) {
        auto event = reader.next();
        REQUIRE(event);
        if (event->kind == InboundKind::need_more_data) break;
        switch (event->kind) {
          case InboundKind::handshake:
            seen.push_back(fmt::format("hs{}", event->handshake.type));
            // The keys become pending once the key exchange is known.
            if (event->handshake.type == 16 || event->handshake.type == 14) {
              reader.set_version_check(VersionCheck::tls12);
              reader.set_pending(protection_for(crypto::default_provider(), kat.suite,
                                                from_client ? kat.client : kat.server));
            }
            if (event->handshake.type == 2) reader.set_version_check(VersionCheck::tls12);
            break;
          case InboundKind::change_cipher_spec:
            seen.push_back("ccs");
            break;
          case InboundKind::application_data:
            seen.push_back(std::string(event->data.begin(), event->data.end()));
            break;
          case InboundKind::close_notify:
            seen.push_back("close_notify");
            closed = true;
            break;
          default:
            seen.push_back("?");
            break;
        }
      }
    }
    if (from_client) {
      CHECK(seen == std::vector<std::string>{"hs1", "hs16", "ccs", "hs20", "ping", "close_notify"});
    } else {
      CHECK(seen == std::vector<std::string>{"hs2", "hs11", "hs12", "hs14", "ccs", "hs20", "pong"});
      CHECK(reader.end_of_stream().error().code == ErrorCode::truncated);
    }
  }
}
