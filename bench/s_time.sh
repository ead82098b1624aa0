#!/usr/bin/env bash
# Full handshakes per second over 127.0.0.1: `openssl s_time -new` against tlsx-server and against
# `openssl s_server` on the same machine, same certificate (tests/data/pki, RSA-2048), TLS 1.2,
# one suite forced on both sides, for RSA key exchange and for ECDHE_RSA (x25519). Prints
# connections/s for each server and the tlsx/openssl ratio. See bench/README.md.
#
#   bench/s_time.sh [-reuse|-reuse-id] [SECONDS] [ROUNDS] [TLSX_SERVER]
#     -reuse       resumed handshakes instead (`s_time -reuse`): both servers issue session
#                  tickets and keep a session cache, s_time resumes by ticket
#     -reuse-id    resumed handshakes by session ID: tickets off on both servers
#                  (tlsx-server --tickets off, s_server -no_ticket), the session caches on
#     SECONDS      length of each s_time run (default 5)
#     ROUNDS       alternating runs per server and cipher (default 3)
#     TLSX_SERVER  path to the tlsx-server binary (default build/examples/tlsx-server/tlsx-server)
#
# Only the servers this script starts are stopped (by PID), also on Ctrl-C.
set -euo pipefail

mode=new
case "${1:-}" in
  -reuse) mode=reuse; shift ;;
  -reuse-id) mode=reuse-id; shift ;;
  -new) shift ;;
esac
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/.." && pwd)"
seconds="${1:-5}"
rounds="${2:-3}"
tlsx_server="${3:-$root/build/examples/tlsx-server/tlsx-server}"
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

# Start a server for one cipher on a port; append its PID to pids (so: no subshell).
# Resumption settings per mode: full handshakes get neither cache nor tickets on either server.
case "$mode" in
  new) tlsx_resumption=(--session-cache 0 --tickets off); openssl_resumption=(-no_ticket -no_cache) ;;
  reuse) tlsx_resumption=(--session-cache 20000 --tickets on); openssl_resumption=() ;;
  reuse-id) tlsx_resumption=(--session-cache 20000 --tickets off); openssl_resumption=(-no_ticket) ;;
esac
s_time_mode="-new"
[[ "$mode" == new ]] || s_time_mode="-reuse"

start_tlsx() {  # cipher port
  "$tlsx_server" --listen "127.0.0.1:$2" --cert "$pki/server.pem" --key "$pki/server.key" \
    --ciphers "$1" --ems on "${tlsx_resumption[@]}" >>"$work/tlsx.log" 2>&1 &
  pids+=("$!")
  wait_listening "$2" "$!"
}
start_openssl() {  # cipher port
  # -www: answers HTTP and needs no stdin. Full handshakes: -no_ticket -no_cache, since s_time
  # -new never resumes and a ticket or cache entry would only be extra server work.
  openssl s_server -accept "127.0.0.1:$2" -cert "$pki/server.pem" -key "$pki/server.key" \
    -tls1_2 -cipher "$1" -groups X25519 "${openssl_resumption[@]}" -www -quiet \
    </dev/null >>"$work/openssl.log" 2>&1 &
  pids+=("$!")
  wait_listening "$2" "$!"
}
# CPU time (user + system, all threads, in clock ticks) a process has used so far.
cpu_ticks() {  # pid
  awk '{ print $14 + $15 }' "/proc/$1/stat"
}
stop_all() {
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  for pid in "${pids[@]}"; do wait "$pid" 2>/dev/null || true; done
  pids=()
}

# One s_time run against a port; prints "connections wall_seconds". The wall time is measured
# here (s_time's own "real seconds" are whole seconds, too coarse for short runs).
measure() {  # cipher port
  local out t0 t1 n
  t0="$(date +%s.%N)"
  out="$(openssl s_time -connect "127.0.0.1:$2" "$s_time_mode" -tls1_2 -cipher "$1" \
    -time "$seconds" 2>&1)"
  t1="$(date +%s.%N)"
  n="$(echo "$out" | awk '/connections in [0-9.]+ real seconds/ { print $1; exit }')"
  if [[ -z "$n" || "$n" == 0 ]]; then
    echo "s_time.sh: s_time failed:" >&2
    echo "$out" >&2
    return 1
  fi
  # s_time prints one character per connection: 'r' resumed, '*' full. A resumption benchmark
  # whose server stopped resuming would measure full handshakes: refuse it.
  if [[ "$mode" != new ]]; then
    local full
    full="$(echo "$out" | grep -E '^[r*]+$' | tr -d 'r\n' | wc -c)"
    if [[ "$full" -gt 1 ]]; then
      echo "s_time.sh: $full connections to port $2 were not resumed" >&2
      return 1
    fi
  fi
  echo "$n $(awk -v a="$t0" -v b="$t1" 'BEGIN { printf "%.3f", b - a }')"
}

printf "openssl s_time %s (%s), %s rounds x %ss per server, alternating, 127.0.0.1, TLS 1.2, RSA-2048, %s\n" \
  "$s_time_mode" "$mode" "$rounds" "$seconds" "$(openssl version | cut -d' ' -f1-2)"
printf "%-32s %14s %14s %8s\n" "cipher (connections/s)" "tlsx-server" "s_server" "ratio"
cpu_lines=()
for cipher in AES128-GCM-SHA256 ECDHE-RSA-AES128-GCM-SHA256; do
  tlsx_port="$(free_port)"
  start_tlsx "$cipher" "$tlsx_port"
  openssl_port="$(free_port)"
  start_openssl "$cipher" "$openssl_port"
  # Both servers run at once and the s_time runs alternate, so that a change in the machine's
  # load during the measurement hits both alike.
  tlsx_pid="${pids[0]}" openssl_pid="${pids[1]}"
  tlsx_cpu0="$(cpu_ticks "$tlsx_pid")" openssl_cpu0="$(cpu_ticks "$openssl_pid")"
  tn=0 tt=0 on=0 ot=0
  for _ in $(seq "$rounds"); do
    read -r n t < <(measure "$cipher" "$tlsx_port")
    tn=$((tn + n)); tt="$(awk -v a="$tt" -v b="$t" 'BEGIN { print a + b }')"
    read -r n t < <(measure "$cipher" "$openssl_port")
    on=$((on + n)); ot="$(awk -v a="$ot" -v b="$t" 'BEGIN { print a + b }')"
  done
  tlsx_cpu=$(( $(cpu_ticks "$tlsx_pid") - tlsx_cpu0 ))
  openssl_cpu=$(( $(cpu_ticks "$openssl_pid") - openssl_cpu0 ))
  stop_all
  # Server CPU per handshake: what the server itself spends, whatever the client and the load.
  tick="$(getconf CLK_TCK)"
  tlsx_us="$(awk -v c="$tlsx_cpu" -v k="$tick" -v n="$tn" 'BEGIN { printf "%.0f", c / k * 1e6 / n }')"
  openssl_us="$(awk -v c="$openssl_cpu" -v k="$tick" -v n="$on" 'BEGIN { printf "%.0f", c / k * 1e6 / n }')"
  cpu_ratio="$(awk -v a="$tlsx_us" -v b="$openssl_us" 'BEGIN { printf "%.2f", b / a }')"
  cpu_lines+=("$(printf "%-32s %14s %14s %7sx" "$cipher" "$tlsx_us" "$openssl_us" "$cpu_ratio")")
  tlsx_rate="$(awk -v n="$tn" -v t="$tt" 'BEGIN { printf "%.1f", n / t }')"
  openssl_rate="$(awk -v n="$on" -v t="$ot" 'BEGIN { printf "%.1f", n / t }')"
  ratio="$(awk -v a="$tlsx_rate" -v b="$openssl_rate" 'BEGIN { printf "%.2f", a / b }')"
  printf "%-32s %14s %14s %7sx   (%s vs %s connections)\n" "$cipher" "$tlsx_rate" "$openssl_rate" \
    "$ratio" "$tn" "$on"
done
printf "\n%-32s %14s %14s %8s\n" "server CPU per handshake (us)" "tlsx-server" "s_server" "ratio"
printf "%s\n" "${cpu_lines[@]}"
echo "(ratio = openssl's CPU per handshake / tlsx's: above 1, tlsx-server needs less CPU)"
