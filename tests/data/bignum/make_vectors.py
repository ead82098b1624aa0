#!/usr/bin/env python3
"""Generates bignum_vectors.json: known answers for tlsx's bignum tests, computed with Python's
arbitrary-precision integers (pow, %, *). Deterministic: run it again to get the same file.

    python3 make_vectors.py > bignum_vectors.json
"""
import json
import random

rng = random.Random(20240611)


def h(x, limbs):
    """Big-endian hex of x padded to `limbs` 64-bit limbs."""
    return format(x, "0%dx" % (16 * limbs))


def odd_modulus(bits):
    return rng.getrandbits(bits) | (1 << (bits - 1)) | 1


def case_set(bits, limbs, m=None):
    m = m if m is not None else odd_modulus(bits)
    R = 1 << (64 * limbs)
    out = {"bits": bits, "limbs": limbs, "m": h(m, limbs),
           "r_mod_m": h(R % m, limbs), "r2_mod_m": h(R * R % m, limbs)}
    # Montgomery product of a, b (given in normal form): a b R^-1 mod m.
    rinv = pow(R, -1, m)
    prods = []
    for a, b in [(rng.randrange(m), rng.randrange(m)), (0, rng.randrange(m)), (1, 1),
                 (m - 1, m - 1), (m - 1, 1)]:
        prods.append({"a": h(a, limbs), "b": h(b, limbs), "mont": h(a * b * rinv % m, limbs),
                      "ab_mod_m": h(a * b % m, limbs)})
    out["mul"] = prods
    # Wide reduction: x < m R.
    wides = []
    for x in [rng.randrange(m * R), m * R - 1, 0, m, m * (R - 1)]:
        wides.append({"x": h(x, 2 * limbs), "x_mod_m": h(x % m, limbs),
                      "x_over_r": h(x * rinv % m, limbs)})
    out["reduce"] = wides
    exps = []
    # RSA secret exponents have at most 2048 bits (CRT halves of RSA-4096); 8192-bit moduli only
    # see public exponents.
    ebits = min(bits, 2048) if limbs <= 64 else 256
    for base, e in [(rng.randrange(m), rng.getrandbits(ebits)), (rng.randrange(m), 65537),
                    (0, rng.getrandbits(ebits)), (1, rng.getrandbits(ebits)),
                    (m - 1, rng.getrandbits(ebits) | 1), (m - 1, rng.getrandbits(ebits) & ~1),
                    (rng.randrange(m), 0), (rng.randrange(m), 1), (0, 0),
                    (rng.randrange(m), (1 << ebits) - 1),
                    # low Hamming weight: long runs of zero and all-one digits in the products
                    (2, rng.getrandbits(ebits)), (1 << (bits - 2), rng.getrandbits(ebits)),
                    ((1 << (bits - 2)) + 1, 65537)]:
        exps.append({"base": h(base, limbs), "exp": h(e, limbs), "exp_bits": ebits,
                     "result": h(pow(base, e, m), limbs)})
    out["exp"] = exps
    return out


sets = [
    case_set(1024, 16),
    case_set(1536, 24),
    case_set(2048, 32),
    case_set(3072, 48),
    case_set(4096, 64),
    case_set(8192, 128),
    case_set(190, 3),
    case_set(1000, 16),   # leading zero bits in the top limb
    case_set(1000, 17),   # a whole leading zero limb (RSA primes share one limb count)
    case_set(2, 1, m=3),
    case_set(64, 1, m=(1 << 64) - 59),
    case_set(1024, 16, m=(1 << 1024) - 1),
    # all-one moduli: every radix-2^52 digit is 2^52 - 1, so carries ripple through all lanes
    case_set(2048, 32, m=(1 << 2048) - 1),
    case_set(4096, 64, m=(1 << 4096) - 1),
    case_set(4096, 64, m=(1 << 4095) + 1),
]
print(json.dumps({"generator": "tests/data/bignum/make_vectors.py", "sets": sets}, indent=1))
