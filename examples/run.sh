#!/usr/bin/env bash
# The README's first command: installs what tlsx needs, builds it, and runs the main program.
# Until the hello-capture server lands, the main program is tlsx-demo, which walks through the
# cryptographic core of a TLS 1.2 ECDHE handshake with the library's own primitives.
set -euo pipefail
cd "$(dirname "$0")/.."
bash .ci/install-deps.sh
cmake -S . -B build/release -G Ninja -DCMAKE_BUILD_TYPE=Release -DTLSX_BUILD_TESTS=OFF \
  -DTLSX_BUILD_EXAMPLES=ON
cmake --build build/release -j "${TLSX_JOBS:-2}"
exec ./build/release/examples/tlsx-demo/tlsx-demo "$@"
