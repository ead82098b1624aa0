// The ChaCha20 stream cipher (RFC 8439 §2.1-2.4): the block function and keystream kernels.
//
// A kernel XORs keystream into a buffer starting at a given block counter. Three exist: the
// portable one (one block at a time), AVX2 (eight blocks per 512-byte iteration, one state word
// of eight blocks per register) and AVX-512 (sixteen blocks per 1 KiB iteration, tails in eights
// with AVX-512VL). ChaCha20 is
// only additions, rotations and XORs of 32-bit words, so every kernel runs in constant time.
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>

namespace tlsx::crypto::builtin {

inline constexpr std::size_t kChaCha20KeySize = 32;
inline constexpr std::size_t kChaCha20NonceSize = 12;
inline constexpr std::size_t kChaCha20BlockSize = 64;

/// The 16-word input state of RFC 8439 §2.3: four constants, the key (words 4-11), the 32-bit
/// block counter (word 12) and the 96-bit nonce (words 13-15). It holds the key: callers wipe it.
struct ChaCha20State {
  std::array<std::uint32_t, 16> w{};
};

/// key is 32 bytes, nonce 12 bytes.
[[nodiscard]] ChaCha20State chacha20_state(const std::uint8_t* key, std::uint32_t counter,
                                           const std::uint8_t* nonce) noexcept;

/// out = the serialized 64-byte output of the block function for `state` (RFC 8439 §2.3).
void chacha20_block(const ChaCha20State& state, std::uint8_t* out) noexcept;

/// A keystream kernel: out = in XOR the keystream that starts at block state.w[12], for len bytes
/// (len need not be a multiple of 64). in may equal out exactly. The counter wraps modulo 2^32;
/// callers keep messages below 2^32 blocks (RFC 8439 §2.4).
using ChaCha20XorFn = void (*)(const ChaCha20State& state, const std::uint8_t* in,
                               std::uint8_t* out, std::size_t len) noexcept;

enum class ChaCha20Kernel : std::uint8_t { portable, avx2, avx512 };

/// Whether the CPU can run the kernel (portable: always).
[[nodiscard]] bool chacha20_kernel_available(ChaCha20Kernel kernel) noexcept;
/// The fastest kernel this CPU can run.
[[nodiscard]] ChaCha20Kernel chacha20_best_kernel() noexcept;
/// The kernel's function; requires chacha20_kernel_available(kernel).
[[nodiscard]] ChaCha20XorFn chacha20_xor_fn(ChaCha20Kernel kernel) noexcept;
/// How many blocks the kernel computes per iteration (1, 8 or 16): a call of a multiple of this
/// many blocks wastes no keystream.
[[nodiscard]] std::size_t chacha20_kernel_blocks(ChaCha20Kernel kernel) noexcept;
/// The smallest group of blocks the kernel computes (1 or 4): a call whose length is a multiple
/// of this many blocks runs without a tail buffer.
[[nodiscard]] std::size_t chacha20_kernel_min_blocks(ChaCha20Kernel kernel) noexcept;

void chacha20_xor_portable(const ChaCha20State& state, const std::uint8_t* in, std::uint8_t* out,
                           std::size_t len) noexcept;
/// Require AVX2, respectively AVX-512F and AVX-512VL.
void chacha20_xor_avx2(const ChaCha20State& state, const std::uint8_t* in, std::uint8_t* out,
                       std::size_t len) noexcept;
void chacha20_xor_avx512(const ChaCha20State& state, const std::uint8_t* in, std::uint8_t* out,
                         std::size_t len) noexcept;

}  // namespace tlsx::crypto::builtin
