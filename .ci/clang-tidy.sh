#!/usr/bin/env bash
# Runs clang-tidy-19 (run-clang-tidy-19, JOBS in parallel) with the repo's .clang-tidy files on
# every C++ source: src/, examples/, tests/, tools/ and bench/ from BUILD_DIR's
# compile_commands.json (the normal GCC build, configured with tests, examples and bench), and
# fuzz/ from FUZZ_BUILD_DIR's (the clang libFuzzer build; only configured, not built). Headers
# are checked through the sources that include them (HeaderFilterRegex). Generated sources in the
# build directories are skipped. Any finding fails (WarningsAsErrors: '*').
# tests/.clang-tidy and bench/.clang-tidy inherit the root config and drop the clang analyzer
# there (see those files for why); library and example code keep it.
set -uo pipefail
build=${1:?usage: .ci/clang-tidy.sh BUILD_DIR FUZZ_BUILD_DIR [JOBS]}
fuzz_build=${2:?usage: .ci/clang-tidy.sh BUILD_DIR FUZZ_BUILD_DIR [JOBS]}
jobs=${3:-2}
cd "$(dirname "$0")/.."
root=$(pwd)
log="$build/clang-tidy.log"
status=0
run-clang-tidy-19 -quiet -j "$jobs" -p "$build" \
  "^$root/(src|examples|tests|tools|bench)/.*\.cpp\$" > "$log" 2>&1 || status=1
run-clang-tidy-19 -quiet -j "$jobs" -p "$fuzz_build" "^$root/fuzz/.*\.cpp\$" >> "$log" 2>&1 ||
  status=1
files=$(grep -c -E '^\[ *[0-9]+/[0-9]+\]' "$log")
# Keep the findings, drop the per-file command lines and clang-tidy's summary chatter.
grep -v -E '^\[ *[0-9]+/[0-9]+\]|^[0-9]+ warnings? (and [0-9]+ errors? )?generated\.$|^Suppressed [0-9]+ warnings|^Use -header-filter|^Running clang-tidy|^clang-tidy-19 |^$' \
  "$log" || true
if [ "$status" -ne 0 ] || grep -q -E '(error|warning):' "$log"; then
  echo "clang-tidy: findings above (full log: $log)"; exit 1
fi
echo "clang-tidy: clean ($files files)"
