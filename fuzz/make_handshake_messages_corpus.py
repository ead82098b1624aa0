#!/usr/bin/env python3
"""Writes the seed corpus of handshake_messages_fuzz into fuzz/corpus/handshake_messages/.

Seeds are real messages (the layout is described at the top of handshake_messages_fuzz.cpp):
every handshake message of the recorded connections in tests/vectors and tests/data, both as a
body (selector = its HandshakeType, 17 for an RSA ClientKeyExchange) and as a whole message
(selector 0x40), plus every extension of those hellos and of the 70 fingerprint ClientHellos
(selector 0x80 for ClientHello extensions, 0x81 for ServerHello ones). File names are the SHA-1 of
the content, as libFuzzer names its own.
"""
import glob
import hashlib
import json
import os
import re

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
OUT = os.path.join(ROOT, "fuzz", "corpus", "handshake_messages")
VEC = os.path.join(ROOT, "tests", "vectors")
DATA = os.path.join(ROOT, "tests", "data")

seeds = set()


def split_messages(stream):
    pos = 0
    while pos + 4 <= len(stream):
        n = int.from_bytes(stream[pos + 1:pos + 4], "big")
        yield stream[pos:pos + 4 + n]
        pos += 4 + n


def extensions(body, client):
    p = 2 + 32
    p += 1 + body[p]
    if client:
        p += 2 + int.from_bytes(body[p:p + 2], "big")
        p += 1 + body[p]
    else:
        p += 3
    if p >= len(body):
        return
    end = p + 2 + int.from_bytes(body[p:p + 2], "big")
    p += 2
    while p < end:
        n = int.from_bytes(body[p + 2:p + 4], "big")
        yield body[p:p + 4 + n]
        p += 4 + n


def add_message(message, rsa_kx):
    body = message[4:]
    selector = 17 if message[0] == 16 and rsa_kx else message[0]
    seeds.add(bytes([selector]) + body)
    seeds.add(b"\x40" + message)
    if message[0] in (1, 2):
        prefix = b"\x80" if message[0] == 1 else b"\x81"
        for ext in extensions(body, message[0] == 1):
            seeds.add(prefix + ext[:2] + ext[4:])


# Illustrated TLS 1.2: plaintext handshake records, and the decrypted Finished messages.
for name in ["clienthello", "serverhello", "servercert", "serverkeyexchange", "serverhellodone",
             "clientkeyexchange"]:
    record = bytes.fromhex(open(os.path.join(VEC, "illustrated-tls12/records", name + ".hex")).read().strip())
    for m in split_messages(record[5:]):
        add_message(m, False)
for name in ["clientfinishedplain", "serverfinishedplain"]:
    plain = bytes.fromhex(open(os.path.join(VEC, "illustrated-tls12/records", name + ".hex")).read().strip())
    add_message(plain[:-21], False)

# Go transcripts: the hashed handshake messages and the decrypted Finished records.
for path in glob.glob(os.path.join(VEC, "go-tls12-transcripts", "*.json")):
    t = json.load(open(path))
    rsa = "ECDHE" not in t["cipher_suite"]
    for m in t["handshake_messages_for_transcript_hash"]:
        add_message(bytes.fromhex(m["hex"]), rsa)
    for r in t["records"]:
        if r["content_type"] == "handshake (22)" and r["encrypted"]:
            add_message(bytes.fromhex(r["plaintext_hex"]), rsa)

# OpenSSL recordings.
for path in glob.glob(os.path.join(DATA, "handshake-messages", "*.msgs.txt")):
    rsa = os.path.basename(path).startswith("rsa-kx")
    for line in open(path):
        if line.startswith("#") or not line.strip():
            continue
        _, _, hexs = line.split()
        add_message(bytes.fromhex(hexs), rsa)

# Real ClientHellos.
for h in json.load(open(os.path.join(VEC, "fingerprints", "client-hellos.json"))):
    add_message(bytes.fromhex(h["client_hello_hex"]), False)

os.makedirs(OUT, exist_ok=True)
for old in glob.glob(os.path.join(OUT, "*")):
    os.remove(old)
for seed in seeds:
    with open(os.path.join(OUT, hashlib.sha1(seed).hexdigest()), "wb") as f:
        f.write(seed)
print(f"{len(seeds)} seeds, {sum(len(s) for s in seeds)} bytes in {os.path.relpath(OUT, ROOT)}")
