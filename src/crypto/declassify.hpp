// Declassification points for the constant-time checks under Valgrind memcheck ("ctgrind",
// tests/memcheck_ct/): those tests mark secrets as undefined memory, so memcheck reports every
// branch and memory index that depends on them. Some values computed from secrets are public by
// design (the verdict of a tag or Finished comparison, the RSA fault check) and the code
// branches on them; declassify() marks such a value as defined at the exact point where it
// becomes public. Outside valgrind the client request is a few register moves and no effect.
#pragma once

#include <cstddef>

#if __has_include(<valgrind/memcheck.h>)
#include <valgrind/memcheck.h>
#define TLSX_DECLASSIFY_BYTES(p, n) VALGRIND_MAKE_MEM_DEFINED((p), (n))
#else
#define TLSX_DECLASSIFY_BYTES(p, n) ((void)(p), (void)(n))
#endif

namespace tlsx::crypto {

/// Returns v, telling memcheck that its value is public from here on.
template <typename T>
[[nodiscard]] T declassify(T v) noexcept {
  TLSX_DECLASSIFY_BYTES(&v, sizeof v);
  return v;
}

}  // namespace tlsx::crypto
