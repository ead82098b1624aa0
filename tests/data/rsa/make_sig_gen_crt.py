#!/usr/bin/env python3
"""Recovers the CRT components (p, q, dp, dq, qinv) of the private keys in Wycheproof's
rsa_pkcs1_*_sig_gen_test.json, which give only n, e and d, so that tlsx (a CRT-only private
key) can sign with them. Factoring n from (e, d) is the classic method (RFC 8017 leaves it
out; see e.g. Boneh, "Twenty years of attacks on the RSA cryptosystem", Fact 1): with
e d - 1 = 2^t r, r odd, a random g gives a square root of 1 other than +-1 among
g^r, g^2r, ... with probability >= 1/2, and gcd(that - 1, n) is a prime factor.

    python3 make_sig_gen_crt.py > wycheproof_sig_gen_crt.json
"""
import json
import math
import os
import random

HERE = os.path.dirname(os.path.abspath(__file__))
VECTORS = os.path.join(HERE, "..", "..", "vectors", "wycheproof")


def factor(n, e, d):
    k = e * d - 1
    t = 0
    r = k
    while r % 2 == 0:
        r //= 2
        t += 1
    rng = random.Random(1)
    while True:
        g = rng.randrange(2, n - 1)
        y = pow(g, r, n)
        if y in (1, n - 1):
            continue
        for _ in range(t):
            x = y * y % n
            if x == 1:
                p = math.gcd(y - 1, n)
                if 1 < p < n:
                    return p, n // p
                break
            if x == n - 1:
                break
            y = x


def hexlen(x, nbytes):
    return format(x, "0%dx" % (2 * nbytes))


out = {}
for size in (2048, 3072, 4096):
    name = "rsa_pkcs1_%d_sig_gen_test.json" % size
    with open(os.path.join(VECTORS, name)) as f:
        data = json.load(f)
    for group in data["testGroups"]:
        key = group["privateKey"]
        n = int(key["modulus"], 16)
        e = int(key["publicExponent"], 16)
        d = int(key["privateExponent"], 16)
        if key["modulus"] in out:
            continue
        p, q = factor(n, e, d)
        if p < q:
            p, q = q, p  # PKCS#1 convention: prime1 > prime2
        half = (max(p.bit_length(), q.bit_length()) + 7) // 8
        out[key["modulus"]] = {
            "p": hexlen(p, half), "q": hexlen(q, half),
            "dp": hexlen(d % (p - 1), half), "dq": hexlen(d % (q - 1), half),
            "qinv": hexlen(pow(q, -1, p), half),
        }
print(json.dumps({"generator": "tests/data/rsa/make_sig_gen_crt.py", "keys": out}, indent=1))
