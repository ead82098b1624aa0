#!/usr/bin/env bash
# The whole test suite, as the README's second command and CI (.ci/run) run it:
#   1. install Debian packages;  2. normal build (warnings as errors) + ctest;
#   3. valgrind memcheck tests (constant-time "ctgrind" checks, in-memory handshakes), then
#      clang-tidy-19 on every source, clang-format-19, cppcheck on src/ and examples/;
#   4. ASan+UBSan build + ctest; 5. install, then build and run tests/consumer against it;
#   6. libFuzzer targets (clang-19), each for a few seconds;  7. benchmarks smoke run.
# Each section's wall and CPU (user+sys) seconds are printed as it ends and in a table at the end;
# CI's budget is 40 minutes on 2 cores (see docs/SECURITY.md, "Static checks", for the figures).
# TLSX_JOBS (default 2), TLSX_FUZZ_SECONDS (default 5), TLSX_CLANG_TIDY=0 skips clang-tidy
# (for quick local runs only; CI runs it).
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)
jobs=${TLSX_JOBS:-2}
fuzz_seconds=${TLSX_FUZZ_SECONDS:-5}

# Section timing. CPU seconds come from bash's `times` (user+sys of every finished child, so of
# the compilers and tests too); it must run in this shell, not in a $(...) subshell, which would
# see no children: cpu_now sets cpu_ms.
mkdir -p build
times_file=build/run-times.txt
cpu_ms=0
cpu_now() {
  times > "$times_file"
  cpu_ms=$(awk 'NR == 2 { s = 0; for (i = 1; i <= 2; i++) { split($i, t, /[ms]/); s += t[1] * 60 + t[2] }
                          printf "%d\n", s * 1000 }' "$times_file")
}
names=() walls=() cpus=()
current="" wall0=0 cpu0=0 t0=$(date +%s)
cpu_now; c0=$cpu_ms
end_section() {
  [[ -n "$current" ]] || return 0
  cpu_now
  local wall=$(( $(date +%s) - wall0 )) cpu=$(( (cpu_ms - cpu0) / 1000 ))
  names+=("$current") walls+=("$wall") cpus+=("$cpu")
  echo "----- $current: ${wall}s wall, ${cpu}s CPU"
  current=""
}
section() {
  end_section
  cpu_now
  current=$1 wall0=$(date +%s) cpu0=$cpu_ms
  printf '\n===== %s (%s) =====\n' "$1" "$(date +%T)"
}
timing_table() {
  end_section
  cpu_now
  printf '\n%-42s %8s %8s\n' "section" "wall s" "CPU s"
  local i
  for i in "${!names[@]}"; do printf '%-42s %8d %8d\n' "${names[$i]}" "${walls[$i]}" "${cpus[$i]}"; done
  printf '%-42s %8d %8d\n' "total" "$(( $(date +%s) - t0 ))" "$(( (cpu_ms - c0) / 1000 ))"
}
# The table is printed on failure too, for the sections that ran.
trap 'status=$?; [[ $status -eq 0 ]] || { timing_table; echo "tests/run.sh: FAILED in a section above"; }' EXIT

section "Debian packages"
bash .ci/install-deps.sh

# Both GCC builds use -g1 (line tables: backtraces, ASan/UBSan and valgrind reports keep file:line)
# instead of -g, which was 16-20% of the normal build's compile time; the ASan+UBSan build is also
# -O1 instead of -O2, which with -g1 halves its compile time (engine_test.cpp: 14.3 -> 6.6 CPU-s).
section "normal build"
cmake -S . -B build/ci -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo -DTLSX_WERROR=ON \
  -DTLSX_BUILD_TESTS=ON -DTLSX_BUILD_EXAMPLES=ON -DTLSX_BUILD_BENCH=ON \
  "-DCMAKE_CXX_FLAGS_RELWITHDEBINFO=-O2 -g1 -DNDEBUG"
cmake --build build/ci -j "$jobs"
section "normal tests"
(cd build/ci && ctest -j "$jobs" -LE memcheck --output-on-failure --timeout 600) 2>&1 | tee build/ci-ctest.log

section "valgrind memcheck (ctgrind constant-time tests, in-memory handshakes)"
(cd build/ci && ctest -j "$jobs" -L memcheck --output-on-failure --timeout 900) 2>&1 |
  tee build/memcheck-ctest.log

if [[ "${TLSX_CLANG_TIDY:-1}" != 0 ]]; then
  section "clang-tidy-19 (every source)"
  # fuzz/ is checked with the libFuzzer build's compile commands: configure it now (build later).
  CXX=clang++-19 cmake -S . -B build/fuzz -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo \
    -DTLSX_BUILD_FUZZ=ON -DTLSX_BUILD_TESTS=OFF -DTLSX_BUILD_EXAMPLES=OFF > /dev/null
  bash .ci/clang-tidy.sh build/ci build/fuzz "$jobs"
fi

section "clang-format-19 (every tracked C++ file)"
git ls-files '*.cpp' '*.hpp' | xargs clang-format-19 --dry-run --Werror

section "cppcheck (src/, examples/)"
cppcheck --std=c++20 --language=c++ --enable=style,performance,portability --inline-suppr \
  --suppressions-list=.ci/cppcheck-suppressions.txt -j "$jobs" -I include -I src \
  -I examples/common -q --error-exitcode=1 --template='{file}:{line}: {severity}: {message} [{id}]' \
  src examples

section "ASan+UBSan build"
cmake -S . -B build/asan -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo -DTLSX_WERROR=ON \
  -DTLSX_SANITIZE=address,undefined -DTLSX_BUILD_TESTS=ON -DTLSX_BUILD_EXAMPLES=ON \
  "-DCMAKE_CXX_FLAGS_RELWITHDEBINFO=-O1 -g1 -DNDEBUG"
cmake --build build/asan -j "$jobs"
section "ASan+UBSan tests"
(cd build/asan && ASAN_OPTIONS=detect_leaks=1:abort_on_error=1 \
  UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 ctest -j "$jobs" --output-on-failure --timeout 900) \
  2>&1 | tee build/asan-ctest.log

section "install + consumer project"
rm -rf build/stage build/consumer
cmake --install build/ci --prefix "$root/build/stage"
cmake -S tests/consumer -B build/consumer -G Ninja -DCMAKE_PREFIX_PATH="$root/build/stage"
cmake --build build/consumer
./build/consumer/tlsx_consumer
PKG_CONFIG_PATH="$root/build/stage/lib/pkgconfig" pkg-config --exists tlsx
echo "pkg-config: tlsx $(PKG_CONFIG_PATH="$root/build/stage/lib/pkgconfig" pkg-config --modversion tlsx)"

section "fuzz targets (${fuzz_seconds}s each)"
CXX=clang++-19 cmake -S . -B build/fuzz -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo \
  -DTLSX_BUILD_FUZZ=ON -DTLSX_BUILD_TESTS=OFF -DTLSX_BUILD_EXAMPLES=OFF
cmake --build build/fuzz -j "$jobs"
bash fuzz/run.sh "$fuzz_seconds" build/fuzz

section "benchmark smoke run"
./build/ci/bench/tlsx_bench --benchmark_min_time=0.01 > build/ci/bench-smoke.txt
tail -n 5 build/ci/bench-smoke.txt

section "summary"
# ctest's own lines, then one combined closing line for both builds.
grep -h "tests passed" build/ci-ctest.log build/memcheck-ctest.log build/asan-ctest.log
awk '/tests passed, [0-9]+ tests failed out of/ {p += $(NF) - $4; f += $4}
     END {printf "ctest: %d passed, %d failed\n", p, f}' build/ci-ctest.log build/memcheck-ctest.log \
  build/asan-ctest.log
current=""
timing_table
