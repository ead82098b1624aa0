#!/usr/bin/env bash
# Installs everything tlsx needs to build, test, fuzz and benchmark, from Debian packages only.
# Idempotent; run as root. Skips apt entirely when every package is already installed.
set -euo pipefail

packages=(
  build-essential cmake ninja-build pkg-config
  libsodium-dev libfmt-dev                      # library dependencies
  catch2 nlohmann-json3-dev                     # tests
  libbenchmark-dev libssl-dev                   # benchmarks (OpenSSL is only a baseline and a peer)
  clang-19 libclang-rt-19-dev clang-tidy-19     # fuzzing and static analysis
  clang-format-19                               # formatting check (.clang-format)
  cppcheck                                      # static analysis
  openssl gnutls-bin curl python3 valgrind      # real peers and tools used by tests
  tshark                                        # interop: decrypts captures with SSLKEYLOGFILE
  libsqlite3-dev                                # hello-capture's --db (linked to it only)
  chromium                                      # headless browser tests (hello-capture, tlsx-step --html)
)
missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if ((${#missing[@]})); then
  echo "install-deps: installing ${missing[*]}"
  export DEBIAN_FRONTEND=noninteractive
  # tshark's wireshark-common would ask whether non-root users may capture: no.
  echo "wireshark-common wireshark-common/install-setuid boolean false" | debconf-set-selections
  apt-get update
  apt-get install -y --no-install-recommends "${missing[@]}"
else
  echo "install-deps: all packages present"
fi
