#!/usr/bin/env bash
# Records real TLS 1.2 handshake messages between `openssl s_server` and `openssl s_client` on
# loopback, from s_client's -msg trace. Usage: ./make.sh [PORT]  (writes *.msgs.txt here; the
# keys and certificates are made fresh in a temp dir, so every run gives different bytes).
set -euo pipefail
port=${1:-44331}
here=$(cd "$(dirname "$0")" && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cd "$work"

gen_ca() { openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -days 36500 \
  -keyout ca.key -out ca.crt -subj "/CN=tlsx test CA" 2>/dev/null; }
# gen_leaf NAME KEYSPEC SUBJECT
gen_leaf() { openssl req -newkey "$2" -nodes -keyout "$1.key" -out "$1.csr" -subj "$3" 2>/dev/null
  openssl x509 -req -in "$1.csr" -CA ca.crt -CAkey ca.key -CAcreateserial -days 36500 \
    -out "$1.crt" 2>/dev/null; }
gen_ca
gen_leaf ecdsa ec:<(openssl ecparam -name prime256v1) "/CN=localhost"
gen_leaf rsa rsa:2048 "/CN=localhost"
gen_leaf client rsa:2048 "/CN=tlsx test client"

# Turns s_client -msg output into "c2s|s2c <message> <hex>" lines, one per handshake message.
extract() {
  python3 - "$1" <<'PY'
import re, sys
out, cur, hexs = [], None, []
def flush():
    if cur and hexs: out.append(f"{cur[0]} {cur[1]} {''.join(hexs)}")
for line in open(sys.argv[1], errors="replace"):
    m = re.match(r"^(>>>|<<<) (?:TLS 1\.\d|\?\?\?), Handshake \[length [0-9a-f]+\], (\w+)", line)
    if m or re.match(r"^(>>>|<<<|read|write|CONNECTED|---)", line):
        flush(); cur, hexs = None, []
        if m: cur = ("c2s" if m.group(1) == ">>>" else "s2c", m.group(2))
        continue
    if cur and re.match(r"^    ([0-9a-f]{2} ?)+$", line.rstrip("\n")):
        hexs.append(line.strip().replace(" ", ""))
flush()
print("\n".join(out))
PY
}

# run NAME "SERVER ARGS" "CLIENT ARGS"
run() {
  openssl s_server -accept "$port" -naccept 1 -tls1_2 -quiet $2 > server.log 2>&1 &
  local pid=$!
  sleep 1
  echo | timeout 10 openssl s_client -connect "127.0.0.1:$port" -tls1_2 -msg $3 > client.log 2>&1 || true
  wait "$pid" || true
  { echo "# $1: openssl s_server $2 / openssl s_client $3"; extract client.log; } > "$here/$1.msgs.txt"
}

run ecdhe-ecdsa-client-auth \
  "-cert ecdsa.crt -key ecdsa.key -CAfile ca.crt -Verify 1 -cipher ECDHE-ECDSA-AES256-GCM-SHA384" \
  "-cert client.crt -key client.key -CAfile ca.crt -servername localhost"
run rsa-kx-empty-client-cert \
  "-cert rsa.crt -key rsa.key -CAfile ca.crt -verify 1 -cipher AES128-GCM-SHA256" \
  "-CAfile ca.crt -servername localhost -cipher AES128-GCM-SHA256"
run ecdhe-rsa-cbc-alpn-status \
  "-cert rsa.crt -key rsa.key -alpn h2,http/1.1 -cipher ECDHE-RSA-AES128-SHA256" \
  "-alpn h2,http/1.1 -status -servername localhost -cipher ECDHE-RSA-AES128-SHA256"
