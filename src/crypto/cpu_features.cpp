#include "crypto/cpu_features.hpp"

#include <cstdlib>
#include <string_view>

#if defined(__x86_64__) || defined(__i386__)
#include <cpuid.h>
#endif

namespace tlsx::crypto {
namespace {

CpuFeatures detect() noexcept {
  CpuFeatures f;
  const char* portable = std::getenv("TLSX_CPU_PORTABLE");  // NOLINT(concurrency-mt-unsafe)
  if (portable != nullptr && std::string_view(portable) == "1") return f;
#if defined(__x86_64__) || defined(__i386__)
  unsigned a = 0, b = 0, c = 0, d = 0;
  if (__get_cpuid(1, &a, &b, &c, &d) != 0) {
    f.sse41 = (c & bit_SSE4_1) != 0;
    f.ssse3 = (c & bit_SSSE3) != 0;
    f.aesni = (c & bit_AES) != 0;
    f.pclmul = (c & bit_PCLMUL) != 0;
    const bool osxsave = (c & bit_OSXSAVE) != 0;
    bool avx_os = false;
    bool avx512_os = false;
    if (osxsave) {
      unsigned lo = 0, hi = 0;
      __asm__ volatile("xgetbv" : "=a"(lo), "=d"(hi) : "c"(0));
      avx_os = (lo & 0x6) == 0x6;  // XMM and YMM state enabled by the OS
      // ...and the opmask, upper-256 ZMM0-15 and ZMM16-31 state as well.
      avx512_os = (lo & 0xe6) == 0xe6;
    }
    if (__get_cpuid_count(7, 0, &a, &b, &c, &d) != 0) {
      f.sha_ni = (b & bit_SHA) != 0;
      f.avx2 = avx_os && (b & bit_AVX2) != 0;
      f.vaes = f.avx2 && (c & bit_VAES) != 0;
      f.vpclmul = f.avx2 && (c & bit_VPCLMULQDQ) != 0;
      f.avx512f = avx512_os && f.avx2 && (b & bit_AVX512F) != 0;
      f.avx512vl = f.avx512f && (b & bit_AVX512VL) != 0;
      f.avx512ifma = f.avx512f && (b & bit_AVX512IFMA) != 0;
    }
  }
#endif
  return f;
}

}  // namespace

const CpuFeatures& cpu_features() noexcept {
  static const CpuFeatures features = detect();
  return features;
}

}  // namespace tlsx::crypto
