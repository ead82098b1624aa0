// The MAC-then-encrypt receive path, checked for secret-dependent branches and memory indices
// with Valgrind's memcheck (the "ctgrind" technique): the decrypted record is marked as undefined
// memory, so memcheck reports any conditional jump or address that depends on it. Only the final
// verdict is declassified. Run normally this is an ordinary functional test; ctest also runs it
// under valgrind (tests/memcheck_ct/CMakeLists.txt) with TLSX_CPU_PORTABLE=1.
#include <catch2/catch.hpp>

#include "crypto/builtin/builtin.hpp"
#include "record/constant_time_cbc.hpp"
#include "record/secret_length_hmac.hpp"
#include "record_test_util.hpp"
#include "support/ctgrind.hpp"

using namespace tlsx;
using namespace tlsx::record;
using namespace tlsx::record::test;
namespace builtin = tlsx::crypto::builtin;
using crypto::HashAlgorithm;

namespace {

class PortableHashes final : public crypto::Provider {
 public:
  std::string_view name() const noexcept override { return "portable-hashes"; }
  Result<std::unique_ptr<crypto::Hash>> hash(HashAlgorithm alg) const override {
    switch (alg) {
      case HashAlgorithm::sha1:
        return builtin::make_sha1();
      case HashAlgorithm::sha256:
        return builtin::make_sha256(builtin::Impl::portable);
      default:
        return builtin::make_sha384();
    }
  }
};

struct Verdict {
  bool good = false;
  std::size_t content_length = 0;
};

/// verify_mac_then_encrypt (what CbcHmacProtection::open runs after decryption) on a block whose
/// every byte is secret; only the verdict is declassified, as the peer learns it anyway.
Verdict verify(SecretLengthHmac& hmac, ByteVec block, const RecordContext& context) {
  TLSX_SECRET(block.data(), block.size());
  const MacThenEncryptVerdict verdict = verify_mac_then_encrypt(hmac, context, block);
  std::uint64_t good = verdict.good;
  std::size_t length = verdict.content_length;
  TLSX_PUBLIC(&good, sizeof good);
  TLSX_PUBLIC(&length, sizeof length);
  return {good != 0, length};
}

ByteVec mte_block(HashAlgorithm alg, const ByteVec& key, const RecordContext& context,
                  const ByteVec& content, std::size_t padding) {
  auto mac = builtin::make_hmac(PortableHashes().hash(alg).value(), key);
  mac->update(record_aad(context, static_cast<std::uint16_t>(content.size())));
  mac->update(content);
  ByteVec tag(crypto::digest_size(alg));
  mac->finish(tag);
  ByteVec block = content;
  block.insert(block.end(), tag.begin(), tag.end());
  block.insert(block.end(), padding + 1, static_cast<std::uint8_t>(padding));
  return block;
}

}  // namespace

TEST_CASE("MAC-then-encrypt verification has no secret-dependent branch or index", "[record]") {
  const PortableHashes provider;
  for (auto alg : {HashAlgorithm::sha1, HashAlgorithm::sha256, HashAlgorithm::sha384}) {
    const std::size_t mac_size = crypto::digest_size(alg);
    ByteVec key(mac_size);
    for (std::size_t i = 0; i < key.size(); ++i) key[i] = static_cast<std::uint8_t>(i * 3 + 1);
    auto hmac = SecretLengthHmac::create(provider, alg, key);
    REQUIRE(hmac);
    const RecordContext context{3, ContentType::application_data, kTls12};
    for (std::size_t padding :
         {std::size_t{0}, std::size_t{7}, std::size_t{100}, std::size_t{255}}) {
      const std::size_t content_size = 300 - ((300 + mac_size + padding + 1) % 16);
      ByteVec content(content_size);
      for (std::size_t i = 0; i < content.size(); ++i) content[i] = static_cast<std::uint8_t>(i);
      const auto block = mte_block(alg, key, context, content, padding);
      REQUIRE(block.size() % 16 == 0);
      INFO(crypto::to_string(alg) << " padding " << padding);
      const auto ok = verify(*hmac, block, context);
      CHECK(ok.good);
      CHECK(ok.content_length == content_size);
      auto bad_padding = block;
      bad_padding[block.size() - 2] ^= static_cast<std::uint8_t>(padding == 0 ? 0 : 1);
      if (padding > 0) CHECK_FALSE(verify(*hmac, bad_padding, context).good);
      auto bad_mac = block;
      bad_mac[content_size] ^= 0x40;
      CHECK_FALSE(verify(*hmac, bad_mac, context).good);
    }
  }
}
