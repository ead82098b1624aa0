// AES block function and CBC mode: FIPS-197 and SP 800-38A known answers, Wycheproof CBC vectors,
// in-place use, and the AES-NI paths against the constant-time portable ones.
#include <catch2/catch.hpp>

#include <cstdint>
#include <random>
#include <string>
#include <vector>

#include "crypto/builtin/aes_ni.hpp"
#include "crypto/builtin/aes_portable.hpp"
#include "crypto/builtin/builtin.hpp"
#include "support/test_support.hpp"

using namespace tlsx;
using namespace tlsx::crypto;
using tlsx::crypto::builtin::Impl;
using tlsx::test::ByteVec;
using tlsx::test::from_hex;
using tlsx::test::to_hex;

namespace {

const char* impl_name(Impl impl) {
  return impl == Impl::best ? "accelerated" : "portable";
}

bool impl_runs_here(Impl impl) {
  return impl == Impl::portable || builtin::aesni_available();
}

CipherAlgorithm alg_for_key(std::size_t key_size) {
  return key_size == 16 ? CipherAlgorithm::aes128 : CipherAlgorithm::aes256;
}

std::unique_ptr<CbcCipher> make_cbc(const ByteVec& key, Impl impl) {
  auto cbc = builtin::make_aes_cbc(alg_for_key(key.size()), key, impl);
  REQUIRE(cbc);
  return std::move(*cbc);
}

ByteVec pkcs7_pad(ByteVec msg) {
  const std::size_t pad = 16 - msg.size() % 16;
  msg.insert(msg.end(), pad, static_cast<std::uint8_t>(pad));
  return msg;
}

// The test's own PKCS#7 check (CbcCipher is raw): the last byte n must be 1..16 and the last n
// bytes must all equal n. Returns false on any bad padding, true and strips it otherwise.
bool pkcs7_unpad(ByteVec& data) {
  if (data.empty()) return false;
  const std::size_t n = data.back();
  if (n == 0 || n > 16 || n > data.size()) return false;
  for (std::size_t i = data.size() - n; i < data.size(); ++i) {
    if (data[i] != n) return false;
  }
  data.resize(data.size() - n);
  return true;
}

using RawBlockFn = void (*)(const ByteVec& key, const ByteVec& in, ByteVec& out, bool encrypt);

void portable_blocks(const ByteVec& key, const ByteVec& in, ByteVec& out, bool encrypt) {
  const builtin::AesPortable aes(key);
  out.resize(in.size());
  if (encrypt) {
    aes.encrypt_blocks(in.data(), out.data(), in.size() / 16);
  } else {
    aes.decrypt_blocks(in.data(), out.data(), in.size() / 16);
  }
}

#if TLSX_HAVE_X86_INTRINSICS
void aesni_blocks(const ByteVec& key, const ByteVec& in, ByteVec& out, bool encrypt) {
  const builtin::AesNiKey aes(key);
  out.resize(in.size());
  if (encrypt) {
    builtin::aesni_encrypt_blocks(aes, in.data(), out.data(), in.size() / 16);
  } else {
    builtin::aesni_decrypt_blocks(aes, in.data(), out.data(), in.size() / 16);
  }
}
#endif

// The raw block functions that can run on this machine, by name.
std::vector<std::pair<const char*, RawBlockFn>> block_functions() {
  std::vector<std::pair<const char*, RawBlockFn>> fns = {{"portable", portable_blocks}};
#if TLSX_HAVE_X86_INTRINSICS
  if (builtin::aesni_available()) fns.emplace_back("AES-NI", aesni_blocks);
#endif
  return fns;
}

}  // namespace

TEST_CASE("AES block function: FIPS-197 known answers", "[aes]") {
  struct Case {
    const char* name;
    const char* key;
    const char* plaintext;
    const char* ciphertext;
  };
  const Case cases[] = {
      {"Appendix B", "2b7e151628aed2a6abf7158809cf4f3c", "3243f6a8885a308d313198a2e0370734",
       "3925841d02dc09fbdc118597196a0b32"},
      {"Appendix C.1 (AES-128)", "000102030405060708090a0b0c0d0e0f",
       "00112233445566778899aabbccddeeff", "69c4e0d86a7b0430d8cdb78070b4c55a"},
      {"Appendix C.3 (AES-256)", "000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f",
       "00112233445566778899aabbccddeeff", "8ea2b7ca516745bfeafc49904b496089"},
  };
  for (const auto& [fn_name, fn] : block_functions()) {
    for (const Case& c : cases) {
      INFO(fn_name << " " << c.name);
      const ByteVec key = from_hex(c.key);
      ByteVec out;
      fn(key, from_hex(c.plaintext), out, true);
      CHECK(to_hex(out) == c.ciphertext);
      fn(key, from_hex(c.ciphertext), out, false);
      CHECK(to_hex(out) == c.plaintext);
      // The same block in every lane of a multi-block call (4 portable, 8 AES-NI, plus a tail).
      ByteVec many;
      for (int i = 0; i < 11; ++i) {
        const ByteVec p = from_hex(c.plaintext);
        many.insert(many.end(), p.begin(), p.end());
      }
      fn(key, many, out, true);
      for (int i = 0; i < 11; ++i) {
        CHECK(to_hex(out.data() + 16 * i, 16) == c.ciphertext);
      }
    }
  }
}

TEST_CASE("AES block function: portable and AES-NI agree on random input", "[aes]") {
  const auto fns = block_functions();
  if (fns.size() < 2) {
    WARN("no AES-NI: nothing to compare");
    return;
  }
  std::mt19937 rng(42);
  for (int i = 0; i < 100; ++i) {
    ByteVec key(i % 2 == 0 ? 16 : 32), data(16 * (1 + static_cast<std::size_t>(i) % 21));
    for (auto* v : {&key, &data}) {
      for (auto& b : *v) b = static_cast<std::uint8_t>(rng());
    }
    INFO("case " << i << " key " << to_hex(key));
    for (bool encrypt : {true, false}) {
      ByteVec portable, accelerated;
      fns[0].second(key, data, portable, encrypt);
      fns[1].second(key, data, accelerated, encrypt);
      CHECK(to_hex(portable) == to_hex(accelerated));
    }
  }
}

TEST_CASE("AES-CBC: SP 800-38A F.2 known answers", "[aes][cbc]") {
  const ByteVec iv = from_hex("000102030405060708090a0b0c0d0e0f");
  const ByteVec plaintext = from_hex(
      "6bc1bee22e409f96e93d7e117393172aae2d8a571e03ac9c9eb76fac45af8e51"
      "30c81c46a35ce411e5fbc1191a0a52eff69f2445df4f9b17ad2b417be66c3710");
  struct Case {
    const char* name;
    const char* key;
    const char* ciphertext;
  };
  const Case cases[] = {
      {"F.2.1 CBC-AES128", "2b7e151628aed2a6abf7158809cf4f3c",
       "7649abac8119b246cee98e9b12e9197d5086cb9b507219ee95db113a917678b2"
       "73bed6b8e3c1743b7116e69e222295163ff1caa1681fac09120eca307586e1a7"},
      {"F.2.5 CBC-AES256", "603deb1015ca71be2b73aef0857d77811f352c073b6108d72d9810a30914dff4",
       "f58c4c04d6e5f1ba779eabfb5f7bfbd69cfc4e967edb808d679f777bc6702c7d"
       "39f23369a9d9bacfa530e26304231461b2eb05e2c39be9fcda6c19078c6a9d1b"},
  };
  for (Impl impl : {Impl::best, Impl::portable}) {
    if (!impl_runs_here(impl)) continue;
    for (const Case& c : cases) {
      INFO(impl_name(impl) << " " << c.name);
      auto cbc = make_cbc(from_hex(c.key), impl);
      ByteVec out(plaintext.size());
      REQUIRE(cbc->encrypt(iv, plaintext, out));
      CHECK(to_hex(out) == c.ciphertext);
      ByteVec back(out.size());
      REQUIRE(cbc->decrypt(iv, out, back));
      CHECK(back == plaintext);
    }
  }
}

namespace {

void run_wycheproof_cbc(Impl impl) {
  const auto doc = tlsx::test::load_json_vector("wycheproof/aes_cbc_pkcs5_test.json");
  tlsx::test::VectorTally tally{std::string("aes_cbc_pkcs5_test.json (") + impl_name(impl) + ")"};
  int bad_padding_rejected = 0;
  for (const auto& group : doc["testGroups"]) {
    for (const auto& t : group["tests"]) {
      const ByteVec key = from_hex(t["key"].get<std::string>());
      if (key.size() == 24) {  // TLS never uses AES-192
        ++tally.skipped;
        continue;
      }
      INFO("tcId " << t["tcId"].get<int>() << " " << t["comment"].get<std::string>());
      const ByteVec iv = from_hex(t["iv"].get<std::string>());
      const ByteVec msg = from_hex(t["msg"].get<std::string>());
      const ByteVec ct = from_hex(t["ct"].get<std::string>());
      const bool valid = t["result"].get<std::string>() == "valid";
      auto cbc = make_cbc(key, impl);

      ByteVec decrypted(ct.size());
      REQUIRE(cbc->decrypt(iv, ct, decrypted));
      // Raw CBC round trip holds whatever the padding: re-encrypting gives the ciphertext back.
      ByteVec reencrypted(decrypted.size());
      REQUIRE(cbc->encrypt(iv, decrypted, reencrypted));
      bool ok = reencrypted == ct;
      if (valid) {
        const ByteVec padded = pkcs7_pad(msg);
        ByteVec encrypted(padded.size());
        REQUIRE(cbc->encrypt(iv, padded, encrypted));
        ok = ok && encrypted == ct && pkcs7_unpad(decrypted) && decrypted == msg;
      } else {
        const bool rejected = !pkcs7_unpad(decrypted);
        bad_padding_rejected += rejected ? 1 : 0;
        ok = ok && rejected;
      }
      CHECK(ok);
      ++(ok ? tally.passed : tally.failed);
    }
  }
  tally.print();
  CHECK(tally.failed == 0);
  CHECK(tally.passed == 144);         // every 128- and 256-bit case
  CHECK(tally.skipped == 72);         // the AES-192 group
  CHECK(bad_padding_rejected == 96);  // the invalid 128/256-bit cases
}

}  // namespace

TEST_CASE("AES-CBC Wycheproof vectors, accelerated", "[aes][cbc][wycheproof]") {
  if (!impl_runs_here(Impl::best)) {
    WARN("no AES-NI on this CPU: accelerated CBC not tested");
    return;
  }
  run_wycheproof_cbc(Impl::best);
}

TEST_CASE("AES-CBC Wycheproof vectors, portable", "[aes][cbc][wycheproof]") {
  run_wycheproof_cbc(Impl::portable);
}

TEST_CASE("AES-CBC in place, and chained across calls", "[aes][cbc]") {
  std::mt19937 rng(5);
  for (Impl impl : {Impl::best, Impl::portable}) {
    if (!impl_runs_here(impl)) continue;
    for (std::size_t blocks : {0, 1, 3, 4, 5, 8, 9, 17, 64}) {
      INFO(impl_name(impl) << " blocks " << blocks);
      ByteVec key(16), iv(16), data(16 * blocks);
      for (auto* v : {&key, &iv, &data}) {
        for (auto& b : *v) b = static_cast<std::uint8_t>(rng());
      }
      auto cbc = make_cbc(key, impl);
      ByteVec expected(data.size());
      REQUIRE(cbc->encrypt(iv, data, expected));

      ByteVec buf = data;
      REQUIRE(cbc->encrypt(iv, buf, buf));
      CHECK(buf == expected);
      REQUIRE(cbc->decrypt(iv, buf, buf));
      CHECK(buf == data);

      // Encrypting in two calls, the second starting from the last ciphertext block, is the same.
      if (blocks >= 2) {
        const std::size_t split = 16 * (blocks / 2);
        ByteVec parts(data.size());
        REQUIRE(cbc->encrypt(iv, std::span(data).first(split), std::span(parts).first(split)));
        REQUIRE(cbc->encrypt(std::span(parts).subspan(split - 16, 16),
                             std::span(data).subspan(split), std::span(parts).subspan(split)));
        CHECK(parts == expected);
      }
    }
  }
}

TEST_CASE("AES-CBC: accelerated and portable agree on random inputs", "[aes][cbc]") {
  if (!impl_runs_here(Impl::best)) {
    WARN("no AES-NI: nothing to compare");
    return;
  }
  std::mt19937 rng(99);
  for (int i = 0; i < 60; ++i) {
    const std::size_t len = 16 * (i < 20 ? static_cast<std::size_t>(i) : rng() % 126);
    ByteVec key(i % 2 == 0 ? 16 : 32), iv(16), data(len);
    for (auto* v : {&key, &iv, &data}) {
      for (auto& b : *v) b = static_cast<std::uint8_t>(rng());
    }
    INFO("case " << i << " length " << len);
    auto fast = make_cbc(key, Impl::best);
    auto slow = make_cbc(key, Impl::portable);
    ByteVec a(len), b(len);
    REQUIRE(fast->encrypt(iv, data, a));
    REQUIRE(slow->encrypt(iv, data, b));
    CHECK(a == b);
    REQUIRE(fast->decrypt(iv, data, a));
    REQUIRE(slow->decrypt(iv, data, b));
    CHECK(a == b);
  }
}

TEST_CASE("AES-CBC reports misuse as invalid_argument", "[aes][cbc]") {
  CHECK(builtin::make_aes_cbc(CipherAlgorithm::aes128, ByteVec(32, 1)).error().code ==
        ErrorCode::invalid_argument);
  CHECK(builtin::make_aes_cbc(CipherAlgorithm::aes256, ByteVec(16, 1)).error().code ==
        ErrorCode::invalid_argument);
  for (Impl impl : {Impl::best, Impl::portable}) {
    INFO(impl_name(impl));
    auto cbc = make_cbc(ByteVec(32, 1), impl);
    CHECK(cbc->algorithm() == CipherAlgorithm::aes256);
    const ByteVec iv(16, 2);
    ByteVec in(48, 3), out(48);
    const auto code = [](const Result<void>& r) {
      return r ? ErrorCode::internal : r.error().code;
    };
    CHECK(code(cbc->encrypt(ByteVec(12, 2), in, out)) == ErrorCode::invalid_argument);
    CHECK(code(cbc->decrypt(ByteVec(17, 2), in, out)) == ErrorCode::invalid_argument);
    CHECK(code(cbc->encrypt(iv, std::span(in).first(47), std::span(out).first(47))) ==
          ErrorCode::invalid_argument);
    CHECK(code(cbc->decrypt(iv, in, std::span(out).first(32))) == ErrorCode::invalid_argument);
    CHECK(code(cbc->encrypt(iv, std::span(in).first(32), std::span(in).subspan(16))) ==
          ErrorCode::invalid_argument);
    CHECK(cbc->encrypt(iv, {}, {}));
  }
}
