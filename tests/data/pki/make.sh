#!/usr/bin/env bash
# Regenerates the test PKI (RSA-2048, valid 2026-2126). Test-only keys: never use them elsewhere.
# `make.sh clients` makes only the client certificates (mutual TLS), keeping the CA and server.
# `make.sh ec` makes only the ECDSA PKI (P-384 root and intermediate, P-256 leaves), keeping the
# RSA files it signs with.
set -euo pipefail
cd "$(dirname "$0")"
days=36500
mode=${1:-all}
if [[ $mode == all ]]; then
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

if [[ $mode == all || $mode == clients ]]; then
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
fi

# ---- ECDSA PKI (issue 11) ----
# ec-ca (P-384 root) -> ec-intermediate (P-384, ecdsa-with-SHA384) -> ec-server (P-256,
# ecdsa-with-SHA384) and ec-client (P-256, ecdsa-with-SHA256, clientAuth); ec-server-rsa-ca: a
# P-256 leaf from the RSA test root (mixed chain); rsa-server-ec-ca: the RSA server key under
# ec-intermediate (the other mixture). Keys come in the forms tlsx must read: `openssl ecparam
# -genkey` (SEC 1 "EC PRIVATE KEY" after an "EC PARAMETERS" block) and `openssl genpkey`
# (PKCS#8 "PRIVATE KEY"); *.pkcs8.key / *.sec1.key hold the same key in the other form.
if [[ $mode == all || $mode == ec ]]; then
ec_cert() {  # name key ca ca_key md ext-lines subject
  local name=$1 key=$2 ca=$3 ca_key=$4 md=$5 ext=$6 subj=$7
  local tmp
  tmp=$(mktemp -d)
  : >"$tmp/index.txt"
  echo 2000 >"$tmp/serial"
  cat >"$tmp/ca.cnf" <<CNF
[ca]
default_ca = test_ca
[test_ca]
database = $tmp/index.txt
new_certs_dir = $tmp
serial = $tmp/serial
default_md = $md
policy = policy_any
unique_subject = no
copy_extensions = none
[policy_any]
commonName = supplied
organizationName = optional
[ext]
subjectKeyIdentifier = hash
authorityKeyIdentifier = keyid
$ext
CNF
  openssl req -new -key "$key" -subj "$subj" -out "$tmp/c.csr" 2>/dev/null
  openssl ca -batch -config "$tmp/ca.cnf" -cert "$ca" -keyfile "$ca_key" -in "$tmp/c.csr" \
    -out "$tmp/c.pem" -extensions ext -notext -preserveDN \
    -startdate 20260101000000Z -enddate 21260101000000Z 2>/dev/null
  openssl x509 -in "$tmp/c.pem" -out "$name.pem"
  rm -rf "$tmp"
}
openssl ecparam -name secp384r1 -genkey -out ec-ca.key
openssl genpkey -algorithm EC -pkeyopt ec_paramgen_curve:P-384 -out ec-intermediate.key
openssl ecparam -name prime256v1 -genkey -out ec-server.key
openssl pkcs8 -topk8 -nocrypt -in ec-server.key -out ec-server.pkcs8.key
openssl genpkey -algorithm EC -pkeyopt ec_paramgen_curve:P-256 -out ec-client.key
openssl ec -in ec-client.key -out ec-client.sec1.key 2>/dev/null
openssl genpkey -algorithm EC -pkeyopt ec_paramgen_curve:P-256 -out ec-server-rsa-ca.key
openssl req -x509 -key ec-ca.key -sha384 -out ec-ca.pem -days $days \
  -subj "/O=tlsx tests/CN=tlsx test ECDSA root CA" \
  -addext "basicConstraints=critical,CA:true" -addext "keyUsage=critical,keyCertSign,cRLSign"
ca_ext="basicConstraints = critical,CA:true,pathlen:0
keyUsage = critical,keyCertSign,cRLSign"
server_ext="basicConstraints = critical,CA:false
keyUsage = critical,digitalSignature
extendedKeyUsage = serverAuth
subjectAltName = DNS:localhost,IP:127.0.0.1"
client_ext="basicConstraints = critical,CA:false
keyUsage = critical,digitalSignature
extendedKeyUsage = clientAuth"
ec_cert ec-intermediate ec-intermediate.key ec-ca.pem ec-ca.key sha384 "$ca_ext" \
  "/O=tlsx tests/CN=tlsx test ECDSA intermediate CA"
ec_cert ec-server ec-server.key ec-intermediate.pem ec-intermediate.key sha384 "$server_ext" \
  "/O=tlsx tests/CN=localhost"
ec_cert ec-client ec-client.key ec-intermediate.pem ec-intermediate.key sha256 "$client_ext" \
  "/O=tlsx tests/CN=tlsx test ECDSA client"
ec_cert ec-server-rsa-ca ec-server-rsa-ca.key ca.pem ca.key sha256 "$server_ext" \
  "/O=tlsx tests/CN=localhost"
ec_cert rsa-server-ec-ca server.key ec-intermediate.pem ec-intermediate.key sha384 \
  "$server_ext" "/O=tlsx tests/CN=localhost"
cat ec-server.pem ec-intermediate.pem >ec-server-chain.pem
cat ec-client.pem ec-intermediate.pem >ec-client-chain.pem
cat rsa-server-ec-ca.pem ec-intermediate.pem >rsa-server-ec-ca-chain.pem
echo "made the ec-* files and rsa-server-ec-ca*.pem"
fi
