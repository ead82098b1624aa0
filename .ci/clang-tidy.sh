#!/usr/bin/env bash
# Runs clang-tidy-19 with the repo's .clang-tidy on every library source, using BUILD_DIR's
# compile_commands.json. Any finding fails (WarningsAsErrors in .clang-tidy).
set -uo pipefail
build=${1:?usage: .ci/clang-tidy.sh BUILD_DIR [JOBS]}
jobs=${2:-2}
cd "$(dirname "$0")/.."
find src -name '*.cpp' -print0 | sort -z |
  xargs -0 -n 4 -P "$jobs" clang-tidy-19 -p "$build" --quiet > "$build/clang-tidy.log" 2>&1
status=$?
grep -v -E '^\[[0-9]+/[0-9]+\] Processing file|^[0-9]+ warnings? (and [0-9]+ errors? )?generated\.$|^Suppressed [0-9]+ warnings|^Use -header-filter' \
  "$build/clang-tidy.log" || true
if [ "$status" -ne 0 ] || grep -q -E 'error:|warning:' "$build/clang-tidy.log"; then
  echo "clang-tidy: findings above"; exit 1
fi
echo "clang-tidy: clean ($(find src -name '*.cpp' | wc -l) files)"
