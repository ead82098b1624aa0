// No RSA padding oracle (Bleichenbacher 1998, ROBOT 2017): a tlsx server doing RSA key exchange
// must behave the same whether the ClientKeyExchange decrypts to a well-formed PKCS#1 v1.5 block
// or not.
//
// A handcrafted client sends a real ClientHello (from a seeded tlsx client engine), then a
// ClientKeyExchange whose ciphertext is raw RSA (x^e mod n) of an encoded message crafted to fall
// into one malformed class, then ChangeCipherSpec and a Finished encrypted under keys derived
// from the pre-master secret the client believes it sent (the last 48 bytes of its block). The
// reference is a well-formed block carrying a PMS other than the one the client uses: the server
// cannot know that it is wrong until the Finished. Every class must produce exactly what the
// reference produces: the same bytes out after each flight, the same state name, the same alert
// and error. Only malformations visible without the private key (ciphertext length ≠ modulus
// length, ciphertext ≥ modulus) may differ, with decode_error. A control run with the right PMS
// completes the handshake, so the harness itself is shown to work.
#include <algorithm>
#include <chrono>
#include <cstdint>
#include <memory>
#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

#include <catch2/catch.hpp>

#include "crypto/rsa_internal.hpp"
#include "handshake/key_schedule.hpp"
#include "record/aead_protection.hpp"
#include "support/engine_pair.hpp"
#include "support/test_support.hpp"
#include "tlsx/crypto/seeded_provider.hpp"
#include "tlsx/engine.hpp"

using namespace tlsx;
using Bytes = std::vector<std::uint8_t>;

namespace {

constexpr std::size_t kPms = 48;
constexpr CipherSuite kSuite = CipherSuite::TLS_RSA_WITH_AES_128_GCM_SHA256;

Clock fixed_clock() {
  return [] { return std::chrono::system_clock::time_point{std::chrono::seconds{1767225600}}; };
}

/// The public half of tests/data/pki/server.key (the key the server decrypts with).
const crypto::RsaPublicKey& server_public_key() {
  static const PrivateKey key = [] {
    auto k = PrivateKey::from_pem_file(std::string(TLSX_TEST_DATA_DIR) + "/pki/server.key");
    if (!k) throw std::runtime_error("cannot load server.key");
    return std::move(*k);
  }();
  return crypto::public_key(*key.rsa());
}

/// Splits the handshake messages (header + body) out of a run of plaintext records.
std::vector<Bytes> handshake_messages(const Bytes& records) {
  Bytes stream;
  for (std::size_t at = 0; at + 5 <= records.size();) {
    const std::size_t len = (std::size_t{records[at + 3]} << 8) | records[at + 4];
    REQUIRE(records[at] == 22);  // only handshake records before ChangeCipherSpec
    stream.insert(stream.end(), records.begin() + static_cast<std::ptrdiff_t>(at + 5),
                  records.begin() + static_cast<std::ptrdiff_t>(at + 5 + len));
    at += 5 + len;
  }
  std::vector<Bytes> messages;
  for (std::size_t at = 0; at + 4 <= stream.size();) {
    const std::size_t len =
        (std::size_t{stream[at + 1]} << 16) | (std::size_t{stream[at + 2]} << 8) | stream[at + 3];
    messages.emplace_back(stream.begin() + static_cast<std::ptrdiff_t>(at),
                          stream.begin() + static_cast<std::ptrdiff_t>(at + 4 + len));
    at += 4 + len;
  }
  return messages;
}

Bytes record(std::uint8_t type, const Bytes& fragment) {
  Bytes r{type, 0x03, 0x03, static_cast<std::uint8_t>(fragment.size() >> 8),
          static_cast<std::uint8_t>(fragment.size())};
  r.insert(r.end(), fragment.begin(), fragment.end());
  return r;
}

Bytes take_output(Engine& e) {
  const auto out = e.pending_output();
  Bytes copy(out.begin(), out.end());
  e.consume_output(out.size());
  return copy;
}

/// Everything a network peer (or a log reader) can see of the server, flight by flight.
struct Observation {
  Bytes after_hello;
  std::string state_after_hello;
  /// Which of our flights made the server fail: 0 none, 1 ClientKeyExchange, 2
  /// ChangeCipherSpec, 3 Finished (the point in the flow where the alert comes).
  int failed_at = 0;
  std::string state_after_cke, state_after_ccs, state_after_finished;
  Bytes out_after_cke, out_after_ccs, out_after_finished;
  bool failed = false;
  bool handshake_done = false;
  std::optional<AlertDescription> alert;
  std::optional<ErrorCode> code;
  std::string message;
};

/// A run: the ciphertext to send, and the PMS the client derives its keys from.
Observation run(const Bytes& encrypted_pms, const Bytes& believed_pms) {
  // Fresh seeded providers for each run, so every run sees the same randoms and hello bytes.
  crypto::SeededProvider client_random(1);
  crypto::SeededProvider server_random(2);
  ClientConfig cc = test::default_client_config();
  cc.provider = &client_random;
  cc.clock = fixed_clock();
  cc.cipher_suites = {kSuite};
  ServerConfig sc = test::default_server_config();
  sc.provider = &server_random;
  sc.clock = fixed_clock();
  sc.cipher_suites = {kSuite};

  auto client = Engine::client(cc, "localhost");
  auto server = Engine::server(sc);
  REQUIRE(client);
  REQUIRE(server);
  const Bytes hello = take_output(*client);
  REQUIRE(server->feed(hello));
  Observation o;
  o.after_hello = take_output(*server);
  o.state_after_hello = std::string(server->state());

  // Transcript: ClientHello, ServerHello, Certificate, ServerHelloDone, then our CKE.
  std::vector<Bytes> transcript = handshake_messages(hello);
  const std::vector<Bytes> flight = handshake_messages(o.after_hello);
  REQUIRE(flight.size() == 3);  // no ServerKeyExchange, no CertificateRequest
  transcript.insert(transcript.end(), flight.begin(), flight.end());
  const Bytes client_rand(transcript[0].begin() + 6, transcript[0].begin() + 38);
  const Bytes server_rand(transcript[1].begin() + 6, transcript[1].begin() + 38);

  Bytes cke{16,
            0,
            static_cast<std::uint8_t>((encrypted_pms.size() + 2) >> 8),
            static_cast<std::uint8_t>(encrypted_pms.size() + 2),
            static_cast<std::uint8_t>(encrypted_pms.size() >> 8),
            static_cast<std::uint8_t>(encrypted_pms.size())};
  cke.insert(cke.end(), encrypted_pms.begin(), encrypted_pms.end());
  transcript.push_back(cke);

  auto& p = crypto::default_provider();
  auto hash = p.hash(crypto::HashAlgorithm::sha256);
  REQUIRE(hash);
  for (const Bytes& m : transcript) (*hash)->update(m);
  Bytes session_hash(32);
  (*hash)->finish(session_hash);
  auto master = handshake::derive_extended_master_secret(p, crypto::HashAlgorithm::sha256,
                                                         believed_pms, session_hash);
  REQUIRE(master);
  auto keys = handshake::derive_keys(p, crypto::HashAlgorithm::sha256, *master, client_rand,
                                     server_rand, handshake::KeyBlockLayout{0, 16, 4});
  REQUIRE(keys);
  // The client's Finished hashes the same messages as the EMS session hash.
  auto verify = handshake::compute_verify_data(p, crypto::HashAlgorithm::sha256, *master,
                                               handshake::FinishedSender::client, session_hash);
  REQUIRE(verify);
  Bytes finished{20, 0, 0, 12};
  finished.insert(finished.end(), verify->begin(), verify->end());
  auto sealer = record::AeadProtection::create(p, crypto::AeadAlgorithm::aes128_gcm,
                                               keys->client_write_key, keys->client_write_iv);
  REQUIRE(sealer);
  Bytes sealed((*sealer)->sealed_size(finished.size()));
  REQUIRE((*sealer)->seal({0, record::ContentType::handshake, record::kTls12}, finished, sealed));

  const auto note_failure = [&](int step) {
    if (o.failed_at == 0 && server->status().failed) o.failed_at = step;
  };
  (void)server->feed(record(22, cke));
  note_failure(1);
  o.state_after_cke = std::string(server->state());
  o.out_after_cke = take_output(*server);
  (void)server->feed(record(20, Bytes{1}));
  note_failure(2);
  o.state_after_ccs = std::string(server->state());
  o.out_after_ccs = take_output(*server);
  (void)server->feed(record(22, sealed));
  note_failure(3);
  o.state_after_finished = std::string(server->state());
  o.out_after_finished = take_output(*server);

  o.failed = server->status().failed;
  o.handshake_done = server->status().handshake_done;
  if (const Error* e = server->error()) {
    o.alert = e->alert;
    o.code = e->code;
    o.message = e->message();
  }
  return o;
}

/// An encoded message 0x00 0x02 PS 0x00 PMS for a 48-byte PMS with version 3,3, PS and PMS
/// free of zero bytes (so that only the damage a class adds can create or remove a separator).
Bytes well_formed_block(std::size_t k, std::uint8_t fill) {
  Bytes em(k);
  for (std::size_t i = 0; i < k; ++i) em[i] = static_cast<std::uint8_t>(1 + (i * 37 + fill) % 255);
  em[0] = 0x00;
  em[1] = 0x02;
  em[k - kPms - 1] = 0x00;
  em[k - kPms] = 0x03;
  em[k - kPms + 1] = 0x03;
  return em;
}

Bytes raw_encrypt(const Bytes& em) {
  Bytes ct(em.size());
  REQUIRE(crypto::rsa_public_op(server_public_key(), em, ct));
  return ct;
}

Bytes tail_pms(const Bytes& em) {
  return Bytes(em.end() - static_cast<std::ptrdiff_t>(kPms), em.end());
}

struct Case {
  std::string name;
  Bytes em;
};

std::vector<Case> malformed_cases(std::size_t k) {
  std::vector<Case> cases;
  const auto add = [&](std::string name, auto damage) {
    Bytes em = well_formed_block(k, static_cast<std::uint8_t>(cases.size()));
    damage(em);
    cases.push_back({std::move(name), std::move(em)});
  };
  add("first byte 0x01", [](Bytes& em) { em[0] = 0x01; });
  add("first byte 0x7f", [](Bytes& em) { em[0] = 0x7f; });
  add("block type 0x01", [](Bytes& em) { em[1] = 0x01; });
  add("block type 0x00", [](Bytes& em) { em[1] = 0x00; });
  add("block type 0x03", [](Bytes& em) { em[1] = 0x03; });
  add("no zero separator", [k](Bytes& em) { em[k - kPms - 1] = 0x5a; });
  add("separator right after the block type", [k](Bytes& em) {
    em[2] = 0x00;
    em[k - kPms - 1] = 0x5a;
  });
  add("separator after 7 padding bytes", [k](Bytes& em) {
    em[9] = 0x00;
    em[k - kPms - 1] = 0x5a;
  });
  add("short PMS of 47 bytes", [k](Bytes& em) {
    em[k - kPms - 1] = 0x5a;
    em[k - kPms] = 0x00;
  });
  add("short PMS of 0 bytes", [k](Bytes& em) {
    em[k - kPms - 1] = 0x5a;
    em[k - 1] = 0x00;
  });
  add("long PMS of 49 bytes", [k](Bytes& em) {
    em[k - kPms - 1] = 0x5a;
    em[k - kPms - 2] = 0x00;
  });
  add("long PMS of 100 bytes", [k](Bytes& em) {
    em[k - kPms - 1] = 0x5a;
    em[k - 101] = 0x00;
  });
  add("PMS version 3,1", [k](Bytes& em) { em[k - kPms + 1] = 0x01; });
  add("PMS version 2,3", [k](Bytes& em) { em[k - kPms] = 0x02; });
  add("PMS version 0,0", [k](Bytes& em) {
    em[k - kPms] = 0x00;
    em[k - kPms + 1] = 0x00;
  });
  return cases;
}

void check_same(const Observation& got, const Observation& ref) {
  CHECK(got.after_hello == ref.after_hello);
  CHECK(got.state_after_hello == ref.state_after_hello);
  CHECK(got.failed_at == ref.failed_at);
  CHECK(got.state_after_cke == ref.state_after_cke);
  CHECK(got.out_after_cke == ref.out_after_cke);
  CHECK(got.state_after_ccs == ref.state_after_ccs);
  CHECK(got.out_after_ccs == ref.out_after_ccs);
  CHECK(got.state_after_finished == ref.state_after_finished);
  CHECK(got.out_after_finished == ref.out_after_finished);
  CHECK(got.failed == ref.failed);
  CHECK(got.alert == ref.alert);
  CHECK(got.code == ref.code);
  CHECK(got.message == ref.message);
}

}  // namespace

TEST_CASE("RSA key exchange: the correct PMS completes the handcrafted handshake", "[oracle]") {
  const std::size_t k = server_public_key().size_bytes();
  const Bytes em = well_formed_block(k, 200);
  const Observation o = run(raw_encrypt(em), tail_pms(em));
  CHECK_FALSE(o.failed);
  CHECK(o.handshake_done);
  CHECK(o.state_after_finished == "Connected");
  // The server's ChangeCipherSpec and encrypted Finished: 6 + 5 + 8 + 16 + 16 bytes.
  REQUIRE(o.out_after_finished.size() == 51);
  CHECK(o.out_after_finished[0] == 20);
  CHECK(o.out_after_finished[6] == 22);
}

TEST_CASE("RSA key exchange: every malformed block looks like a wrong PMS", "[oracle]") {
  const std::size_t k = server_public_key().size_bytes();
  REQUIRE(k == 256);  // the test PKI's RSA-2048 key

  // Reference: valid padding, valid version, but not the PMS the client uses.
  const Bytes good = well_formed_block(k, 100);
  Bytes other_pms = tail_pms(good);
  other_pms[47] ^= 0x01;
  const Observation ref = run(raw_encrypt(good), other_pms);
  REQUIRE(ref.failed);
  CHECK_FALSE(ref.handshake_done);
  // The Finished record does not authenticate under the server's keys: bad_record_mac, sent in
  // the clear (the server has not changed its write cipher), at ExpectFinished.
  CHECK(ref.alert == AlertDescription::bad_record_mac);
  CHECK(ref.out_after_cke.empty());
  CHECK(ref.out_after_ccs.empty());
  CHECK(ref.out_after_finished == Bytes{21, 3, 3, 0, 2, 2, 20});
  CHECK(ref.state_after_cke == "ExpectChangeCipherSpec");
  CHECK(ref.state_after_ccs == "ExpectFinished");
  CHECK(ref.state_after_finished == "Failed");
  CHECK(ref.failed_at == 3);

  for (const Case& c : malformed_cases(k)) {
    INFO("class: " << c.name);
    check_same(run(raw_encrypt(c.em), tail_pms(c.em)), ref);
  }
}

TEST_CASE("RSA key exchange: a PKCS#1-conforming block with the PMS the client uses", "[oracle]") {
  // Sanity of the malformed cases above: each differs from a block the server accepts only by
  // its damage, so the same run with the undamaged block succeeds.
  const std::size_t k = server_public_key().size_bytes();
  for (const std::uint8_t fill : {0, 3, 14}) {
    const Bytes em = well_formed_block(k, fill);
    CHECK(run(raw_encrypt(em), tail_pms(em)).handshake_done);
  }
}

TEST_CASE("RSA key exchange: public malformations of the ciphertext are decode_error", "[oracle]") {
  const crypto::RsaPublicKey& pub = server_public_key();
  const std::size_t k = pub.size_bytes();
  const Bytes em = well_formed_block(k, 7);
  const Bytes ct = raw_encrypt(em);
  Bytes modulus = pub.modulus();
  REQUIRE(modulus.size() == k);
  Bytes shorter(ct.begin() + 1, ct.end());
  Bytes longer{0x00};
  longer.insert(longer.end(), ct.begin(), ct.end());
  Bytes all_ff(k, 0xff);

  for (const Bytes* bad : {&shorter, &longer, &modulus, &all_ff}) {
    const Observation o = run(*bad, tail_pms(em));
    CHECK(o.failed);
    CHECK(o.alert == AlertDescription::decode_error);
    CHECK(o.out_after_cke == Bytes{21, 3, 3, 0, 2, 2, 50});
    CHECK(o.out_after_finished.empty());
    // Refused at the ClientKeyExchange, before any ChangeCipherSpec.
    CHECK(o.state_after_hello == "ExpectClientKeyExchange");
    CHECK(o.failed_at == 1);
  }
}
