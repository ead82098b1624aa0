// AES-GCM: Wycheproof vectors, NIST SP 800-38D examples, in-place use, tampering, and the
// AES-NI/PCLMULQDQ kernel against the constant-time portable one.
#include <catch2/catch.hpp>

#include <cstdint>
#include <random>
#include <string>
#include <vector>

#include "crypto/builtin/builtin.hpp"
#include "crypto/builtin/gcm.hpp"
#include "support/test_support.hpp"

using namespace tlsx;
using namespace tlsx::crypto;
using tlsx::crypto::builtin::AesGcm;
using tlsx::crypto::builtin::Impl;
using tlsx::test::ByteVec;
using tlsx::test::from_hex;
using tlsx::test::to_hex;

namespace {

const char* impl_name(Impl impl) {
  return impl == Impl::best ? "accelerated" : "portable";
}

// Impl::best only differs from Impl::portable on a CPU with AES-NI and PCLMULQDQ.
bool impl_runs_here(Impl impl) {
  return impl == Impl::portable || builtin::aes_accelerated();
}

ByteVec concat(const ByteVec& a, const ByteVec& b) {
  ByteVec out = a;
  out.insert(out.end(), b.begin(), b.end());
  return out;
}

AeadAlgorithm alg_for_key(std::size_t key_size) {
  return key_size == 16 ? AeadAlgorithm::aes128_gcm : AeadAlgorithm::aes256_gcm;
}

// Seals and opens one Wycheproof case through either the public Aead (96-bit IVs) or the
// internal any-IV AesGcm; returns whether the outcome matches the expected result.
bool check_wycheproof_case(Impl impl, const nlohmann::json& t) {
  const ByteVec key = from_hex(t["key"].get<std::string>());
  const ByteVec iv = from_hex(t["iv"].get<std::string>());
  const ByteVec aad = from_hex(t["aad"].get<std::string>());
  const ByteVec msg = from_hex(t["msg"].get<std::string>());
  const ByteVec sealed =
      concat(from_hex(t["ct"].get<std::string>()), from_hex(t["tag"].get<std::string>()));
  const bool valid = t["result"].get<std::string>() == "valid";

  ByteVec seal_out(msg.size() + 16);
  ByteVec open_out(sealed.size() - 16, 0xaa);
  Result<void> sealed_ok, opened_ok;
  if (iv.size() == kAeadNonceSize) {
    auto aead = builtin::make_aes_gcm(alg_for_key(key.size()), key, impl);
    REQUIRE(aead);
    sealed_ok = (*aead)->seal(iv, aad, msg, seal_out);
    opened_ok = (*aead)->open(iv, aad, sealed, open_out);
  } else {
    auto gcm = AesGcm::create(key, impl);
    REQUIRE(gcm);
    REQUIRE(gcm->accelerated() == (impl == Impl::best));
    sealed_ok = gcm->seal(iv, aad, msg, seal_out);
    opened_ok = gcm->open(iv, aad, sealed, open_out);
  }

  if (valid) {
    return sealed_ok && seal_out == sealed && opened_ok && open_out == msg;
  }
  if (iv.empty()) {
    // GCM needs a non-empty IV: both directions are API misuse.
    return !sealed_ok && sealed_ok.error().code == ErrorCode::invalid_argument && !opened_ok &&
           opened_ok.error().code == ErrorCode::invalid_argument;
  }
  // Invalid cases carry a wrong tag: opening must fail with bad_record_mac and zero the output.
  return !opened_ok && opened_ok.error().code == ErrorCode::bad_record_mac &&
         opened_ok.error().alert == AlertDescription::bad_record_mac &&
         open_out == ByteVec(open_out.size(), 0);
}

void run_wycheproof(Impl impl) {
  const auto doc = tlsx::test::load_json_vector("wycheproof/aes_gcm_test.json");
  tlsx::test::VectorTally tally{std::string("aes_gcm_test.json (") + impl_name(impl) + ")"};
  for (const auto& group : doc["testGroups"]) {
    const int key_bits = group["keySize"].get<int>();
    const int tag_bits = group["tagSize"].get<int>();
    for (const auto& t : group["tests"]) {
      // TLS never uses AES-192, and tlsx only implements 16-byte tags.
      if (key_bits == 192 || tag_bits != 128) {
        ++tally.skipped;
        continue;
      }
      INFO("tcId " << t["tcId"].get<int>() << " ivSize " << group["ivSize"].get<int>());
      const bool ok = check_wycheproof_case(impl, t);
      CHECK(ok);
      ++(ok ? tally.passed : tally.failed);
    }
  }
  tally.print();
  CHECK(tally.failed == 0);
  CHECK(tally.passed == 213);   // every 128- and 256-bit case
  CHECK(tally.skipped == 103);  // the AES-192 groups
}

}  // namespace

TEST_CASE("AES-GCM Wycheproof vectors, accelerated", "[aes][gcm][wycheproof]") {
  if (!impl_runs_here(Impl::best)) {
    WARN("no AES-NI/PCLMULQDQ on this CPU: accelerated GCM not tested");
    return;
  }
  run_wycheproof(Impl::best);
}

TEST_CASE("AES-GCM Wycheproof vectors, portable", "[aes][gcm][wycheproof]") {
  run_wycheproof(Impl::portable);
}
