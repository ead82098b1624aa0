// Run-time CPU feature detection: tlsx is built for baseline x86-64 and picks accelerated code
// paths (AES-NI, PCLMULQDQ, SHA-NI, AVX2, AVX-512F) per call site after asking the CPU.
#pragma once

namespace tlsx::crypto {

struct CpuFeatures {
  bool sse41 = false;
  bool ssse3 = false;
  bool aesni = false;
  bool pclmul = false;
  bool sha_ni = false;
  bool avx2 = false;
  bool vaes = false;
  bool vpclmul = false;
  bool avx512f = false;     ///< AVX-512 Foundation, with the OS saving the ZMM and opmask state
  bool avx512vl = false;    ///< AVX-512 instructions on 128/256-bit registers (implies avx512f)
  bool avx512ifma = false;  ///< 52-bit integer multiply-add VPMADD52{L,H}UQ (implies avx512f);
                            ///< RSA's Montgomery kernels and Poly1305 use it
};

/// Detected once, on first use. Setting TLSX_CPU_PORTABLE=1 in the environment reports no
/// extension at all, so the portable paths can be exercised (and benchmarked) on any machine.
[[nodiscard]] const CpuFeatures& cpu_features() noexcept;

}  // namespace tlsx::crypto
