#!/bin/sh
# Regenerates ems_vectors.json: RFC 7627 §4 extended master secrets computed by OpenSSL's own
# TLS1-PRF implementation (`openssl kdf ... TLS1-PRF`), independent of tlsx's PRF.
#   master_secret = PRF(pre_master_secret, "extended master secret", session_hash)[0..47]
# Inputs are fixed patterns; session_hash is the PRF hash of an ASCII string, as a real
# handshake's hash of its messages would be.
set -eu
label_hex=$(printf 'extended master secret' | od -An -tx1 | tr -d ' \n')
hex_of() { od -An -tx1 | tr -d ' \n'; }
emit() {  # digest pms_hex text
  digest=$1 pms=$2 text=$3
  hash=$(printf '%s' "$text" | openssl dgst -"$(echo "$digest" | tr 'A-Z' 'a-z')" -binary | hex_of)
  ms=$(openssl kdf -keylen 48 -kdfopt digest:"$digest" -kdfopt hexsecret:"$pms" \
       -kdfopt hexseed:"$label_hex" -kdfopt hexseed:"$hash" TLS1-PRF | tr -d ':\n' | tr 'A-F' 'a-f')
  [ -n "$ms" ] || { echo "openssl kdf failed" >&2; exit 1; }
  printf '  {"prf_hash": "%s", "pre_master_secret": "%s", "session_hash_of": "%s",\n   "session_hash": "%s",\n   "master_secret": "%s"}' \
    "$digest" "$pms" "$text" "$hash" "$ms"
}
pms48=0303$(i=0; while [ $i -lt 46 ]; do printf '%02x' $(((i * 7 + 3) % 256)); i=$((i + 1)); done)
pms32=$(i=0; while [ $i -lt 32 ]; do printf '%02x' $((255 - i * 5)); i=$((i + 1)); done)
{
  echo '{"description": "RFC 7627 extended master secret, computed with OpenSSL TLS1-PRF (see make_ems_vectors.sh)",'
  echo ' "tests": ['
  emit SHA256 "$pms48" "tlsx ems vector 1"; echo ','
  emit SHA256 "$pms32" "tlsx ems vector 2"; echo ','
  emit SHA384 "$pms48" "tlsx ems vector 3"; echo ','
  emit SHA384 "$pms32" "tlsx ems vector 4"; echo
  echo ' ]}'
} > "$(dirname "$0")/ems_vectors.json"
