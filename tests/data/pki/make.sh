#!/usr/bin/env bash
# Regenerates the test PKI (RSA-2048, valid 2026-2126). Test-only keys: never use them elsewhere.
# `make.sh clients` makes only the client certificates (mutual TLS), keeping the CA and server.
set -euo pipefail
cd "$(dirname "$0")"
days=36500
if [[ "${1:-all}" != clients ]]; then
openssl req -x509 -newkey rsa:2048 -nodes -keyout ca.key -out ca.pem -days $days \
  -subj "/CN=tlsx test root CA" -addext "basicConstraints=critical,CA:true" \
  -addext "keyUsage=critical,keyCertSign,cRLSign" 2>/dev/null
openssl req -newkey rsa:2048 -nodes -keyout server.key -out server.csr \
  -subj "/CN=localhost" 2>/dev/null
cat > server.ext <<EXT
basicConstraints=critical,CA:false
keyUsage=critical,digitalSignature,keyEncipherment
extendedKeyUsage=serverAuth
subjectAltName=DNS:localhost,DNS:example.com,DNS:*.example.org,IP:127.0.0.1
EXT
openssl x509 -req -in server.csr -CA ca.pem -CAkey ca.key -CAcreateserial -out server.pem \
  -days $days -extfile server.ext 2>/dev/null
rm -f server.csr server.ext ca.srl
echo "made ca.pem ca.key server.pem server.key"
fi

# ---- client certificates (mutual TLS) ----
# client.pem: from the test CA, EKU clientAuth. client-serverauth.pem: same key, EKU serverAuth
# only (wrong purpose). client-expired.pem: same key, valid 2020-2021 only. client-untrusted.pem:
# from other-ca.pem, which no test trusts.
client_cert() {  # name key ca ca_key eku [extra openssl-ca args]
  local name=$1 key=$2 ca=$3 ca_key=$4 eku=$5
  shift 5
  local tmp
  tmp=$(mktemp -d)
  : >"$tmp/index.txt"
  echo 1000 >"$tmp/serial"
  cat >"$tmp/ca.cnf" <<CNF
[ca]
default_ca = test_ca
[test_ca]
database = $tmp/index.txt
new_certs_dir = $tmp
serial = $tmp/serial
default_md = sha256
policy = policy_any
unique_subject = no
copy_extensions = none
[policy_any]
commonName = supplied
organizationName = optional
[client_ext]
basicConstraints = critical,CA:false
keyUsage = critical,digitalSignature
extendedKeyUsage = $eku
CNF
  openssl req -new -key "$key" -subj "/O=tlsx tests/CN=tlsx test client" -out "$tmp/c.csr" \
    2>/dev/null
  openssl ca -batch -config "$tmp/ca.cnf" -cert "$ca" -keyfile "$ca_key" -in "$tmp/c.csr" \
    -out "$tmp/c.pem" -extensions client_ext -notext -preserveDN "$@" 2>/dev/null
  openssl x509 -in "$tmp/c.pem" -out "$name.pem"
  rm -rf "$tmp"
}
# Fixed dates, so that tests with a fixed clock in 2026 see them valid.
long="-startdate 20260101000000Z -enddate 21260101000000Z"
openssl genrsa -out client.key 2048 2>/dev/null
openssl req -x509 -newkey rsa:2048 -nodes -keyout other-ca.key -out other-ca.pem -days $days \
  -subj "/CN=tlsx other CA" -addext "basicConstraints=critical,CA:true" \
  -addext "keyUsage=critical,keyCertSign,cRLSign" 2>/dev/null
client_cert client client.key ca.pem ca.key clientAuth $long
client_cert client-serverauth client.key ca.pem ca.key serverAuth $long
client_cert client-expired client.key ca.pem ca.key clientAuth \
  -startdate 20200101000000Z -enddate 20210101000000Z
client_cert client-untrusted client.key other-ca.pem other-ca.key clientAuth $long
echo "made client.key client.pem client-serverauth.pem client-expired.pem client-untrusted.pem" \
  "other-ca.pem other-ca.key"
