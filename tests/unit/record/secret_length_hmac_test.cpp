// SecretLengthHmac against an ordinary HMAC over exactly the secret length, for every length in
// the range, with builtin hashes (state copied in place) and with a hash that only offers clone().
#include <catch2/catch.hpp>

#include "crypto/builtin/builtin.hpp"
#include "record/secret_length_hmac.hpp"
#include "record_test_util.hpp"

using namespace tlsx;
using namespace tlsx::record;
using namespace tlsx::record::test;
namespace builtin = tlsx::crypto::builtin;
using crypto::HashAlgorithm;

namespace {

std::unique_ptr<crypto::Hash> builtin_hash(HashAlgorithm alg) {
  switch (alg) {
    case HashAlgorithm::sha1:
      return builtin::make_sha1();
    case HashAlgorithm::sha256:
      return builtin::make_sha256();
    case HashAlgorithm::sha384:
      return builtin::make_sha384();
    default:
      return builtin::make_sha512();
  }
}

/// A hash that is not one of tlsx's own types: SecretLengthHmac must fall back to clone().
class WrappedHash final : public crypto::Hash {
 public:
  explicit WrappedHash(std::unique_ptr<crypto::Hash> inner) : inner_(std::move(inner)) {}
  HashAlgorithm algorithm() const noexcept override { return inner_->algorithm(); }
  void update(crypto::Bytes data) noexcept override { inner_->update(data); }
  void finish(crypto::MutableBytes out) noexcept override { inner_->finish(out); }
  std::unique_ptr<crypto::Hash> clone() const override {
    return std::make_unique<WrappedHash>(inner_->clone());
  }

 private:
  std::unique_ptr<crypto::Hash> inner_;
};

class HashOnlyProvider final : public crypto::Provider {
 public:
  explicit HashOnlyProvider(bool wrap) : wrap_(wrap) {}
  std::string_view name() const noexcept override { return "test"; }
  Result<std::unique_ptr<crypto::Hash>> hash(HashAlgorithm alg) const override {
    auto h = builtin_hash(alg);
    if (wrap_) return std::make_unique<WrappedHash>(std::move(h));
    return h;
  }

 private:
  bool wrap_;
};

ByteVec reference_hmac(HashAlgorithm alg, const ByteVec& key, std::span<const std::uint8_t> a,
                       std::span<const std::uint8_t> b) {
  auto mac = builtin::make_hmac(builtin_hash(alg), key);
  mac->update(a);
  mac->update(b);
  ByteVec out(crypto::digest_size(alg));
  mac->finish(out);
  return out;
}

}  // namespace

TEST_CASE("SecretLengthHmac equals HMAC over the secret length, for every length", "[record]") {
  for (bool wrap : {false, true}) {
    const HashOnlyProvider provider(wrap);
    for (auto alg : {HashAlgorithm::sha1, HashAlgorithm::sha256, HashAlgorithm::sha384}) {
      for (std::size_t key_size : {std::size_t{20}, std::size_t{48}, std::size_t{200}}) {
        ByteVec key(key_size);
        for (std::size_t i = 0; i < key.size(); ++i) key[i] = static_cast<std::uint8_t>(i + 3);
        auto hmac = SecretLengthHmac::create(provider, alg, key);
        REQUIRE(hmac);
        CHECK(hmac->digest_size() == crypto::digest_size(alg));
        const ByteVec prefix{0, 0, 0, 0, 0, 0, 0, 7, 23, 3, 3, 0, 0};
        ByteVec data(300);
        for (std::size_t i = 0; i < data.size(); ++i) data[i] = static_cast<std::uint8_t>(i ^ 0x5a);
        const std::size_t min_length = 30;
        for (std::size_t secret = min_length; secret <= data.size(); ++secret) {
          ByteVec got(crypto::digest_size(alg));
          hmac->compute(prefix, data, min_length, secret, got);
          const auto want = reference_hmac(alg, key, prefix, std::span(data).first(secret));
          INFO("wrap " << wrap << " alg " << crypto::to_string(alg) << " key " << key_size
                       << " length " << secret);
          REQUIRE(got == want);
        }
      }
    }
  }
}

TEST_CASE("SecretLengthHmac: degenerate ranges", "[record]") {
  const HashOnlyProvider provider(false);
  const ByteVec key(20, 1);
  auto hmac = SecretLengthHmac::create(provider, HashAlgorithm::sha1, key);
  REQUIRE(hmac);
  const ByteVec data{1, 2, 3};
  ByteVec got(20);
  hmac->compute({}, data, 3, 3, got);  // a single candidate
  CHECK(got == reference_hmac(HashAlgorithm::sha1, key, {}, data));
  hmac->compute({}, {}, 0, 0, got);  // empty message
  CHECK(got == reference_hmac(HashAlgorithm::sha1, key, {}, {}));
  hmac->compute({}, data, 10, 3, got);  // min_length beyond the data is clamped
  CHECK(got == reference_hmac(HashAlgorithm::sha1, key, {}, data));
}

TEST_CASE("SecretLengthHmac: a provider without the hash reports unsupported", "[record]") {
  class Empty final : public crypto::Provider {
    std::string_view name() const noexcept override { return "empty"; }
  } empty;
  auto hmac = SecretLengthHmac::create(empty, HashAlgorithm::sha1, ByteVec(20));
  REQUIRE_FALSE(hmac);
  CHECK(hmac.error().code == ErrorCode::unsupported);
}
