// Marking secrets for the memcheck constant-time tests ("ctgrind", tests/memcheck_ct/): memory
// marked with TLSX_SECRET is undefined to Valgrind's memcheck, so any conditional jump or address
// computed from it is reported; TLSX_PUBLIC marks a value that may be published (a verdict, a
// ciphertext, a signature) before the test branches on it. Without valgrind's header, or when not
// run under valgrind, both do nothing and the tests are ordinary functional tests.
#pragma once

#if __has_include(<valgrind/memcheck.h>)
#include <valgrind/memcheck.h>
#define TLSX_SECRET(p, n) VALGRIND_MAKE_MEM_UNDEFINED((p), (n))
#define TLSX_PUBLIC(p, n) VALGRIND_MAKE_MEM_DEFINED((p), (n))
#else
#define TLSX_SECRET(p, n) ((void)(p), (void)(n))
#define TLSX_PUBLIC(p, n) ((void)(p), (void)(n))
#endif
