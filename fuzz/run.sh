#!/usr/bin/env bash
# Runs every libFuzzer target for SECONDS each, starting from its seed corpus.
# Usage: fuzz/run.sh SECONDS [BUILD_DIR]   (BUILD_DIR configured with -DTLSX_BUILD_FUZZ=ON)
# New inputs go to a scratch copy of the corpus, so the committed seeds stay small.
set -euo pipefail
seconds=${1:?usage: fuzz/run.sh SECONDS [BUILD_DIR]}
build=${2:-build/fuzz}
here=$(cd "$(dirname "$0")" && pwd)
work="$build/fuzz-work"
mkdir -p "$work"
status=0
for bin in "$build"/fuzz/*_fuzz; do
  [ -x "$bin" ] || continue
  name=$(basename "$bin" _fuzz)
  corpus="$work/$name"
  mkdir -p "$corpus"
  [ -d "$here/corpus/$name" ] && cp -n "$here/corpus/$name"/* "$corpus"/ 2>/dev/null || true
  echo "--- $name (${seconds}s)"
  if ! "$bin" -max_total_time="$seconds" -print_final_stats=1 -artifact_prefix="$work/$name-" \
      "$corpus" > "$work/$name.log" 2>&1; then
    echo "FUZZ FAILURE in $name:"; tail -n 40 "$work/$name.log"; status=1
  fi
  grep -E 'stat::number_of_executed_units|stat::new_units_added' "$work/$name.log" | tr '\n' ' '; echo
done
exit $status
