// ChaCha20-Poly1305 AEAD, RFC 8439 §2.8. Implementation notes:
// - The Poly1305 key is the first half of keystream block 0 and the data uses blocks 1, 2, ...
//   With a vector kernel, block 0 and the first data blocks (as many as fill one kernel
//   iteration: 7 or 15) come from one kernel call over a local buffer (64 zero bytes, then the
//   message prefix), so a short record costs one vector run; in-place operation stays safe as
//   the prefix is copied out before anything is written.
// - The rest is processed in 16 KiB chunks, each encrypted then MACed (seal) or MACed then
//   decrypted (open), so the data is still in L1/L2 for the second pass and, in place, every
//   ciphertext byte enters the MAC before it is overwritten.
// - open() decrypts before it knows the tag is right, then compares in constant time and wipes
//   the output on a mismatch, so no unauthenticated plaintext escapes.
#include "crypto/builtin/chacha20_poly1305.hpp"

#include <cstring>
#include <functional>

#include "crypto/builtin/builtin.hpp"
#include "tlsx/crypto/constant_time.hpp"

namespace tlsx::crypto::builtin {
namespace {

constexpr std::size_t kTagSize = Poly1305::kTagSize;
constexpr std::size_t kBlock = kChaCha20BlockSize;
// The most kernel blocks per iteration (chacha20_kernel_blocks()).
constexpr std::size_t kMaxKernelBlocks = 16;
constexpr std::size_t kChunk = 16384;
// RFC 8439 §2.8: the 32-bit block counter allows 2^32 - 1 data blocks.
constexpr std::uint64_t kMaxMessage = ((std::uint64_t{1} << 32) - 1) * kBlock;

// Out spans may alias an input exactly or not at all.
bool overlaps_partially(Bytes in, MutableBytes out) noexcept {
  if (in.empty() || out.empty() || in.data() == out.data()) return false;
  return std::less<>{}(in.data(), out.data() + out.size()) &&
         std::less<>{}(out.data(), in.data() + in.size());
}

void store_le64(std::uint8_t* p, std::uint64_t v) noexcept {
  for (int i = 0; i < 8; ++i) p[i] = static_cast<std::uint8_t>(v >> (8 * i));
}

// Keystream block 0 and the transformed first message bytes (up to piece bytes), in one buffer
// that wipes itself. The buffer is zero-padded to a whole group of the kernel's blocks (granule
// bytes), so that the kernel need not buffer a tail again.
struct FirstBlocks {
  std::uint8_t buf[kMaxKernelBlocks * kBlock];
  std::size_t size = 0;  // message bytes after the key block
  std::size_t used = 0;  // bytes of buf run through the kernel

  FirstBlocks(ChaCha20XorFn xor_fn, std::size_t piece, std::size_t granule, ChaCha20State& state,
              const std::uint8_t* in, std::size_t len) noexcept
      : size(len < piece ? len : piece), used((kBlock + size + granule - 1) / granule * granule) {
    std::memset(buf, 0, kBlock);
    if (size > 0) std::memcpy(buf + kBlock, in, size);
    std::memset(buf + kBlock + size, 0, used - kBlock - size);
    state.w[12] = 0;
    xor_fn(state, buf, buf, used);
    state.w[12] = static_cast<std::uint32_t>(1 + size / kBlock);  // next block to use
  }
  ~FirstBlocks() { secure_wipe(buf, used); }
  FirstBlocks(const FirstBlocks&) = delete;
  FirstBlocks& operator=(const FirstBlocks&) = delete;

  [[nodiscard]] const std::uint8_t* poly_key() const noexcept { return buf; }
  [[nodiscard]] const std::uint8_t* data() const noexcept { return buf + kBlock; }
};

void mac_lengths(Poly1305& mac, std::size_t aad_len, std::size_t text_len) noexcept {
  std::uint8_t lengths[16];
  store_le64(lengths, aad_len);
  store_le64(lengths + 8, text_len);
  mac.update(lengths);
}

class ChaCha20Poly1305 final : public Aead {
 public:
  ChaCha20Poly1305(Bytes key, ChaCha20Kernel chacha, Poly1305Kernel poly) noexcept
      : xor_fn_(chacha20_xor_fn(chacha)),
        first_piece_((chacha20_kernel_blocks(chacha) - 1) * kBlock),
        granule_(chacha20_kernel_min_blocks(chacha) * kBlock),
        poly_kernel_(poly) {
    std::memcpy(key_, key.data(), sizeof key_);
  }
  ~ChaCha20Poly1305() override { secure_wipe(key_, sizeof key_); }
  ChaCha20Poly1305(const ChaCha20Poly1305&) = delete;
  ChaCha20Poly1305& operator=(const ChaCha20Poly1305&) = delete;

  [[nodiscard]] AeadAlgorithm algorithm() const noexcept override {
    return AeadAlgorithm::chacha20_poly1305;
  }

  Result<void> seal(Bytes nonce, Bytes aad, Bytes plaintext, MutableBytes out) override {
    if (out.size() != plaintext.size() + kTagSize) {
      return fail_argument("ChaCha20-Poly1305 seal: out must be plaintext size + 16");
    }
    if (auto ok = check(nonce, plaintext, out); !ok) return ok;
    const std::size_t len = plaintext.size();
    const std::uint8_t* in = plaintext.data();
    std::uint8_t* dst = out.data();

    State state(key_, nonce.data());
    const FirstBlocks first(xor_fn_, first_piece_, granule_, state.s, in, len);
    Poly1305 mac(first.poly_key(), poly_kernel_);
    mac.update(aad);
    mac.pad16();
    if (first.size > 0) std::memcpy(dst, first.data(), first.size);
    std::size_t done = 0;  // bytes MACed
    std::size_t pos = first.size;
    do {
      const std::size_t end = std::min(len, pos + kChunk);
      xor_fn_(state.s, in + pos, dst + pos, end - pos);
      state.s.w[12] += static_cast<std::uint32_t>((end - pos) / kBlock);
      mac.update(Bytes(dst + done, end - done));
      done = pos = end;
    } while (pos < len);
    mac.pad16();
    mac_lengths(mac, aad.size(), len);
    mac.finish(dst + len);
    return {};
  }

  Result<void> open(Bytes nonce, Bytes aad, Bytes sealed, MutableBytes out) override {
    if (sealed.size() < kTagSize || out.size() != sealed.size() - kTagSize) {
      return fail_argument("ChaCha20-Poly1305 open: out must be sealed size - 16");
    }
    if (overlaps_partially(sealed, out)) {
      return fail_argument("ChaCha20-Poly1305: output overlaps input");
    }
    const std::size_t len = out.size();
    if (auto ok = check(nonce, sealed.first(len), out); !ok) return ok;
    const std::uint8_t* in = sealed.data();
    std::uint8_t* dst = out.data();
    std::uint8_t received_tag[kTagSize];
    std::memcpy(received_tag, in + len, kTagSize);

    State state(key_, nonce.data());
    const FirstBlocks first(xor_fn_, first_piece_, granule_, state.s, in, len);
    Poly1305 mac(first.poly_key(), poly_kernel_);
    mac.update(aad);
    mac.pad16();
    std::size_t pos = first.size;
    bool first_chunk = true;
    do {
      const std::size_t end = std::min(len, pos + kChunk);
      // MAC the ciphertext before the decryption may overwrite it (in place).
      const std::size_t from = first_chunk ? 0 : pos;
      mac.update(Bytes(in + from, end - from));
      if (first_chunk && first.size > 0) std::memcpy(dst, first.data(), first.size);
      xor_fn_(state.s, in + pos, dst + pos, end - pos);
      state.s.w[12] += static_cast<std::uint32_t>((end - pos) / kBlock);
      pos = end;
      first_chunk = false;
    } while (pos < len);
    mac.pad16();
    mac_lengths(mac, aad.size(), len);
    std::uint8_t expected_tag[kTagSize];
    mac.finish(expected_tag);
    if (!ct_equal(expected_tag, received_tag)) {
      secure_wipe(out);
      return fail(ErrorCode::bad_record_mac, AlertDescription::bad_record_mac,
                  "ChaCha20-Poly1305: authentication tag mismatch");
    }
    return {};
  }

 private:
  // The per-message ChaCha20 state (it holds the key), wiped when the call ends.
  struct State {
    ChaCha20State s;
    State(const std::uint8_t* key, const std::uint8_t* nonce) noexcept
        : s(chacha20_state(key, 0, nonce)) {}
    ~State() { secure_wipe(s.w.data(), sizeof s.w); }
    State(const State&) = delete;
    State& operator=(const State&) = delete;
  };

  static Result<void> check(Bytes nonce, Bytes text, MutableBytes out) {
    if (nonce.size() != kAeadNonceSize) {
      return fail_argument("ChaCha20-Poly1305: nonce must be 12 bytes");
    }
    if (text.size() > kMaxMessage) return fail_argument("ChaCha20-Poly1305: message too long");
    if (overlaps_partially(text, out)) {
      return fail_argument("ChaCha20-Poly1305: output overlaps input");
    }
    return {};
  }

  std::uint8_t key_[kChaCha20KeySize] = {};
  ChaCha20XorFn xor_fn_;
  std::size_t first_piece_;  // message bytes that go with the key block
  std::size_t granule_;      // the kernel's smallest group of blocks, in bytes
  Poly1305Kernel poly_kernel_;
};

}  // namespace

Result<std::unique_ptr<Aead>> make_chacha20_poly1305_with(Bytes key, ChaCha20Kernel chacha,
                                                          Poly1305Kernel poly) {
  if (key.size() != kChaCha20KeySize) {
    return fail_argument("ChaCha20-Poly1305: key must be 32 bytes");
  }
  if (!chacha20_kernel_available(chacha) || !poly1305_kernel_available(poly)) {
    return fail_unsupported("ChaCha20-Poly1305: kernel not available on this CPU");
  }
  return std::make_unique<ChaCha20Poly1305>(key, chacha, poly);
}

Result<std::unique_ptr<Aead>> make_chacha20_poly1305(Bytes key, Impl impl) {
  const bool best = impl == Impl::best;
  return make_chacha20_poly1305_with(key, best ? chacha20_best_kernel() : ChaCha20Kernel::portable,
                                     best ? poly1305_best_kernel() : Poly1305Kernel::portable);
}

bool chacha20_accelerated() noexcept {
  return chacha20_best_kernel() != ChaCha20Kernel::portable &&
         poly1305_best_kernel() != Poly1305Kernel::portable;
}

}  // namespace tlsx::crypto::builtin
