#!/usr/bin/env bash
# The README's first command: installs what tlsx needs, builds it, and runs the main program,
# hello-capture: a TLS 1.2 server that records and fingerprints every ClientHello it receives and
# shows each client its own (docs/hello-capture.md). Arguments go to hello-capture, e.g.
#   bash examples/run.sh --listen 127.0.0.1:8443 --db captures.sqlite
set -euo pipefail
cd "$(dirname "$0")/.."
bash .ci/install-deps.sh
cmake -S . -B build/release -G Ninja -DCMAKE_BUILD_TYPE=Release -DTLSX_BUILD_TESTS=OFF \
  -DTLSX_BUILD_EXAMPLES=ON
cmake --build build/release -j "${TLSX_JOBS:-2}"
exec ./build/release/examples/hello-capture/hello-capture "$@"
