// TLS 1.2 key schedule, one function per RFC formula (see key_schedule.hpp).
#include "handshake/key_schedule.hpp"

#include <fmt/format.h>

#include "crypto/prf.hpp"

namespace tlsx::handshake {
namespace {

Result<void> check_size(Bytes value, std::size_t expected, std::string_view what) {
  if (value.size() != expected) {
    return fail_argument(
        fmt::format("key schedule: {} is {} bytes, expected {}", what, value.size(), expected));
  }
  return {};
}

Result<void> check_randoms(Bytes client_random, Bytes server_random) {
  if (auto ok = check_size(client_random, kRandomSize, "client_random"); !ok) return ok;
  return check_size(server_random, kRandomSize, "server_random");
}

// Master secret from PRF(pre_master_secret, label, seed parts)[0..47].
Result<SecretBytes> master_secret_from(const Provider& provider, HashAlgorithm prf_hash,
                                       Bytes pre_master_secret, std::string_view label,
                                       std::span<const Bytes> seed) {
  SecretBytes master(kMasterSecretSize);
  if (auto ok = crypto::prf(provider, prf_hash, pre_master_secret, label, seed, master.span());
      !ok) {
    return std::unexpected(std::move(ok.error()));
  }
  return master;
}

// Takes the next `size` bytes of the key block.
SecretBytes take(Bytes& rest, std::size_t size) {
  SecretBytes piece(rest.first(size));
  rest = rest.subspan(size);
  return piece;
}

}  // namespace

// RFC 5246 §8.1: master_secret = PRF(pre_master_secret, "master secret",
//                                    ClientHello.random + ServerHello.random)[0..47];
Result<SecretBytes> derive_master_secret(const Provider& provider, HashAlgorithm prf_hash,
                                         Bytes pre_master_secret, Bytes client_random,
                                         Bytes server_random) {
  if (auto ok = check_randoms(client_random, server_random); !ok) {
    return std::unexpected(std::move(ok.error()));
  }
  const std::array<Bytes, 2> seed{client_random, server_random};
  return master_secret_from(provider, prf_hash, pre_master_secret, "master secret", seed);
}

// RFC 7627 §4: master_secret = PRF(pre_master_secret, "extended master secret",
//                                  session_hash)[0..47];
Result<SecretBytes> derive_extended_master_secret(const Provider& provider, HashAlgorithm prf_hash,
                                                  Bytes pre_master_secret, Bytes session_hash) {
  if (auto ok = check_size(session_hash, crypto::digest_size(prf_hash), "session_hash"); !ok) {
    return std::unexpected(std::move(ok.error()));
  }
  const std::array<Bytes, 1> seed{session_hash};
  return master_secret_from(provider, prf_hash, pre_master_secret, "extended master secret", seed);
}

// RFC 5246 §6.3: key_block = PRF(SecurityParameters.master_secret, "key expansion",
//                                SecurityParameters.server_random +
//                                SecurityParameters.client_random);
Result<SecretBytes> derive_key_block(const Provider& provider, HashAlgorithm prf_hash,
                                     Bytes master_secret, Bytes client_random, Bytes server_random,
                                     std::size_t size) {
  if (auto ok = check_size(master_secret, kMasterSecretSize, "master_secret"); !ok) {
    return std::unexpected(std::move(ok.error()));
  }
  if (auto ok = check_randoms(client_random, server_random); !ok) {
    return std::unexpected(std::move(ok.error()));
  }
  SecretBytes block(size);
  const std::array<Bytes, 2> seed{server_random, client_random};  // server first, per §6.3
  if (auto ok = crypto::prf(provider, prf_hash, master_secret, "key expansion", seed, block.span());
      !ok) {
    return std::unexpected(std::move(ok.error()));
  }
  return block;
}

// RFC 5246 §6.3: the key block is partitioned as
//   client_write_MAC_key[mac_key_length], server_write_MAC_key[mac_key_length],
//   client_write_key[enc_key_length],     server_write_key[enc_key_length],
//   client_write_IV[fixed_iv_length],     server_write_IV[fixed_iv_length]
Result<KeyBlock> split_key_block(Bytes key_block, const KeyBlockLayout& layout) {
  if (auto ok = check_size(key_block, layout.total(), "key_block"); !ok) {
    return std::unexpected(std::move(ok.error()));
  }
  Bytes rest = key_block;
  KeyBlock keys;
  keys.client_write_mac_key = take(rest, layout.mac_key_size);
  keys.server_write_mac_key = take(rest, layout.mac_key_size);
  keys.client_write_key = take(rest, layout.key_size);
  keys.server_write_key = take(rest, layout.key_size);
  keys.client_write_iv = take(rest, layout.iv_size);
  keys.server_write_iv = take(rest, layout.iv_size);
  return keys;
}

Result<KeyBlock> derive_keys(const Provider& provider, HashAlgorithm prf_hash, Bytes master_secret,
                             Bytes client_random, Bytes server_random,
                             const KeyBlockLayout& layout) {
  auto block = derive_key_block(provider, prf_hash, master_secret, client_random, server_random,
                                layout.total());
  if (!block) return std::unexpected(std::move(block.error()));
  return split_key_block(*block, layout);
}

// RFC 5246 §7.4.9: verify_data = PRF(master_secret, finished_label,
//                                    Hash(handshake_messages))[0..verify_data_length-1];
Result<VerifyData> compute_verify_data(const Provider& provider, HashAlgorithm prf_hash,
                                       Bytes master_secret, FinishedSender sender,
                                       Bytes handshake_hash) {
  if (auto ok = check_size(master_secret, kMasterSecretSize, "master_secret"); !ok) {
    return std::unexpected(std::move(ok.error()));
  }
  if (auto ok = check_size(handshake_hash, crypto::digest_size(prf_hash), "handshake_hash"); !ok) {
    return std::unexpected(std::move(ok.error()));
  }
  const std::string_view label =
      sender == FinishedSender::client ? "client finished" : "server finished";
  VerifyData out{};
  if (auto ok = crypto::prf(provider, prf_hash, master_secret, label, handshake_hash, out); !ok) {
    return std::unexpected(std::move(ok.error()));
  }
  return out;
}

}  // namespace tlsx::handshake
