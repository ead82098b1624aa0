#!/usr/bin/env python3
"""Writes the seed corpus of capture_hello_fuzz into fuzz/corpus/capture_hello/: the ClientHello
bodies (handshake header stripped; the harness adds it) of the distinct captures in
tests/vectors/fingerprints/client-hellos.json (a copy of ../shared/vectors/fingerprints/; sources
FoxIO-LLC/ja4 and jabedude/ja3-rs, BSD-3-Clause, see that directory's README): every hello except
tls-sni.pcapng, of which the first 4 of its 64 connections are kept. File names are the SHA-1 of
the content, as libFuzzer names its own."""
import hashlib
import json
import os

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
OUT = os.path.join(ROOT, "fuzz", "corpus", "capture_hello")
VECTORS = os.path.join(ROOT, "tests", "vectors", "fingerprints", "client-hellos.json")

os.makedirs(OUT, exist_ok=True)
sni_kept = 0
for hello in json.load(open(VECTORS)):
    if hello["capture"] == "tls-sni.pcapng":
        if sni_kept == 4:
            continue
        sni_kept += 1
    body = bytes.fromhex(hello["client_hello_hex"])[4:]
    with open(os.path.join(OUT, hashlib.sha1(body).hexdigest()), "wb") as f:
        f.write(body)
