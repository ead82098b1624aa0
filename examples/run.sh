#!/usr/bin/env bash
# The README's first command: installs what tlsx needs, builds it, and runs the main program.
# Until the hello-capture server lands, the main program is tlsx-server on 127.0.0.1:8443, with a
# self-signed certificate for localhost that is made once in the state directory.
# Extra arguments go to tlsx-server (e.g. --ciphers, --ems off; see --help).
set -euo pipefail
cd "$(dirname "$0")/.."
bash .ci/install-deps.sh
cmake -S . -B build/release -G Ninja -DCMAKE_BUILD_TYPE=Release -DTLSX_BUILD_TESTS=OFF \
  -DTLSX_BUILD_EXAMPLES=ON
cmake --build build/release -j "${TLSX_JOBS:-2}" --target tlsx-server tlsx-client

state="${XDG_STATE_HOME:-$HOME/.local/state}/tlsx"
cert="$state/localhost.pem"
key="$state/localhost.key"
mkdir -p "$state"
# Made when missing or about to expire (within a day).
if [ ! -s "$cert" ] || [ ! -s "$key" ] || ! openssl x509 -in "$cert" -noout -checkend 86400 >/dev/null 2>&1; then
  (umask 077 && openssl req -x509 -newkey rsa:2048 -nodes -days 365 -subj "/CN=localhost" \
    -keyout "$key" -out "$cert" \
    -addext "subjectAltName=DNS:localhost,IP:127.0.0.1" \
    -addext "basicConstraints=critical,CA:false" \
    -addext "keyUsage=critical,digitalSignature,keyEncipherment" \
    -addext "extendedKeyUsage=serverAuth" 2>/dev/null)
  echo "run.sh: made a self-signed certificate for localhost: $cert"
fi

cat <<MSG
run.sh: starting tlsx-server on https://127.0.0.1:8443/ (Ctrl-C stops it)
  certificate: $cert (self-signed, for localhost and 127.0.0.1)
  key:         $key
  try:  curl -k https://localhost:8443/
        curl --cacert $cert https://localhost:8443/
        openssl s_client -connect 127.0.0.1:8443
        build/release/examples/tlsx-client/tlsx-client localhost:8443 --cafile $cert
MSG
exec ./build/release/examples/tlsx-server/tlsx-server --listen 127.0.0.1:8443 --cert "$cert" \
  --key "$key" --alpn http/1.1 "$@"
