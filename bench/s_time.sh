#!/usr/bin/env bash
# Full handshakes per second over 127.0.0.1: `openssl s_time -new` against tlsx-server and against
# `openssl s_server` on the same machine, same certificate (tests/data/pki, RSA-2048), TLS 1.2,
# one suite forced on both sides, for RSA key exchange and for ECDHE_RSA (x25519). Prints
# connections/s for each server and the tlsx/openssl ratio. See bench/README.md.
#
#   bench/s_time.sh [SECONDS] [TLSX_SERVER]
#     SECONDS      length of each s_time run (default 10)
#     TLSX_SERVER  path to the tlsx-server binary (default build/examples/tlsx-server/tlsx-server)
#
# Only the servers this script starts are stopped (by PID), also on Ctrl-C.
set -euo pipefail

here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/.." && pwd)"
seconds="${1:-10}"
tlsx_server="${2:-$root/build/examples/tlsx-server/tlsx-server}"
pki="$root/tests/data/pki"

[[ -x "$tlsx_server" ]] || { echo "s_time.sh: no tlsx-server at $tlsx_server (build it first)" >&2; exit 2; }
command -v openssl >/dev/null || { echo "s_time.sh: openssl not found" >&2; exit 2; }

work="$(mktemp -d)"
pids=()
cleanup() {
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  for pid in "${pids[@]}"; do wait "$pid" 2>/dev/null || true; done
  rm -rf "$work"
}
trap cleanup EXIT INT TERM

free_port() {
  python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'
}

wait_listening() {  # port pid
  for _ in $(seq 100); do
    kill -0 "$2" 2>/dev/null || { echo "s_time.sh: server $2 exited early" >&2; return 1; }
    if python3 -c "import socket,sys; socket.create_connection(('127.0.0.1', $1), 0.2)" 2>/dev/null; then
      return 0
    fi
    sleep 0.1
  done
  echo "s_time.sh: nothing listens on $1" >&2
  return 1
}

# Starts a server for one cipher; sets $port and appends the PID to pids.
start_tlsx() {  # openssl-cipher-name
  port="$(free_port)"
  "$tlsx_server" --listen "127.0.0.1:$port" --cert "$pki/server.pem" --key "$pki/server.key" \
    --ciphers "$1" --ems on >"$work/tlsx.log" 2>&1 &
  pids+=("$!")
  wait_listening "$port" "$!"
}
start_openssl() {  # openssl-cipher-name
  port="$(free_port)"
  # -www: answers HTTP and needs no stdin; -no_ticket: tlsx issues no tickets either, and s_time
  # -new never resumes, so a ticket would only be extra server work.
  openssl s_server -accept "127.0.0.1:$port" -cert "$pki/server.pem" -key "$pki/server.key" \
    -tls1_2 -cipher "$1" -groups X25519 -no_ticket -www -quiet \
    </dev/null >"$work/openssl.log" 2>&1 &
  pids+=("$!")
  wait_listening "$port" "$!"
}
stop_last() {
  local pid="${pids[-1]}"
  kill "$pid" 2>/dev/null || true
  wait "$pid" 2>/dev/null || true
  unset 'pids[-1]'
}

# Runs s_time against $port; prints connections per real second.
measure() {  # cipher
  local out
  out="$(openssl s_time -connect "127.0.0.1:$port" -new -tls1_2 -cipher "$1" -time "$seconds" 2>&1)"
  # "N connections in T real seconds, ..." (T is whole seconds: the -time budget)
  echo "$out" | awk '/connections in [0-9.]+ real seconds/ { printf "%.1f %d\n", $1 / $4, $1; found = 1 }
                      END { if (!found) exit 1 }' || {
    echo "s_time.sh: s_time failed:" >&2
    echo "$out" >&2
    return 1
  }
}

printf "openssl s_time -new, %ss per run, 127.0.0.1, TLS 1.2, RSA-2048 (%s)\n" "$seconds" "$(openssl version)"
printf "%-32s %14s %14s %8s\n" "cipher (connections/s)" "tlsx-server" "s_server" "ratio"
for cipher in AES128-GCM-SHA256 ECDHE-RSA-AES128-GCM-SHA256; do
  start_tlsx "$cipher"
  read -r tlsx_rate tlsx_n < <(measure "$cipher")
  stop_last
  start_openssl "$cipher"
  read -r openssl_rate openssl_n < <(measure "$cipher")
  stop_last
  ratio="$(awk -v a="$tlsx_rate" -v b="$openssl_rate" 'BEGIN { printf "%.2f", a / b }')"
  printf "%-32s %14s %14s %7sx   (%s vs %s connections)\n" "$cipher" "$tlsx_rate" "$openssl_rate" \
    "$ratio" "$tlsx_n" "$openssl_n"
done
