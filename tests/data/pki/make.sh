#!/usr/bin/env bash
# Regenerates the test PKI (RSA-2048, valid 2026-2126). Test-only keys: never use them elsewhere.
set -euo pipefail
cd "$(dirname "$0")"
days=36500
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
