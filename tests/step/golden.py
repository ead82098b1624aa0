#!/usr/bin/env python3
"""Golden output of `tlsx-step --auto --seed 1` for one suite: byte-for-byte equal to the
committed file in tests/data/step/, the same on a second run, and showing every state of the
flow table for the suite (and every flow-table message at some step).

Regenerate the goldens after an intended change of the output:
    python3 tests/step/golden.py --step build/examples/tlsx-step/tlsx-step --update
(then review `git diff tests/data/step/` like any other change)."""

import argparse
import os
import re
import subprocess
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
GOLDEN_DIR = os.path.join(HERE, "..", "data", "step")

# name -> (suite, key exchange is ECDHE, extra arguments)
CASES = {
    "rsa-aes128-cbc-sha": ("TLS_RSA_WITH_AES_128_CBC_SHA", False, []),
    "ecdhe-rsa-aes128-gcm-sha256": ("TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256", True, []),
    # --fragment: plaintext handshake records re-cut to at most 200 bytes, no EMS
    "ecdhe-chacha20-fragment200-no-ems": ("ECDHE-RSA-CHACHA20-POLY1305", True,
                                          ["--fragment", "200", "--no-ems"]),
    # --mtls: CertificateRequest, the client's Certificate and CertificateVerify
    "ecdhe-rsa-aes256-gcm-mtls": ("TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384", True, ["--mtls"]),
    # --resume: a full handshake, then an abbreviated one resuming it (by ticket / session ID)
    "resume-ecdhe-rsa-aes128-gcm-ticket": ("TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256", True,
                                           ["--resume", "--ticket"]),
    "resume-rsa-aes128-cbc-sha-id": ("TLS_RSA_WITH_AES_128_CBC_SHA", False, ["--resume"]),
}

# What the abbreviated handshake keeps (RFC 5246 §7.3, Figure 2), in the full flow's order.
RESUMED_KEPT = [("client -> server", "ClientHello"), ("server -> client", "ServerHello"),
                ("client -> server", "ChangeCipherSpec"), ("client -> server", "Finished"),
                ("server -> client", "ChangeCipherSpec"), ("server -> client", "Finished")]

CLIENT_STATES = ["ExpectServerHello", "ExpectCertificate", "ExpectServerKeyExchange",
                 "ExpectServerHelloDone", "ExpectChangeCipherSpec", "ExpectFinished", "Connected"]
SERVER_STATES = ["ExpectClientHello", "ExpectClientKeyExchange", "ExpectChangeCipherSpec",
                 "ExpectFinished", "Connected"]


def run_step(step, suite, extra):
    proc = subprocess.run([step, "--auto", "--seed", "1", "--suite", suite] + extra,
                          stdin=subprocess.DEVNULL, capture_output=True, timeout=30)
    if proc.returncode != 0:
        raise SystemExit(f"tlsx-step exited with {proc.returncode}:\n{proc.stdout.decode()}"
                         f"{proc.stderr.decode()}")
    return proc.stdout


def check_states(text, ecdhe, mtls, ticket=False):
    failures = []
    server_states = SERVER_STATES + (["ExpectClientCertificate", "ExpectCertificateVerify"]
                                     if mtls else [])
    for state in CLIENT_STATES:
        if state == "ExpectServerKeyExchange" and not ecdhe:
            continue
        if not re.search(rf"client: +({state} ->|.*-> {state}\b)", text):
            failures.append(f"client state {state} never shown")
    for state in server_states:
        if not re.search(rf"server: +({state} ->|.*-> {state}\b)", text):
            failures.append(f"server state {state} never shown")
    if ecdhe != ("ServerKeyExchange" in text):
        failures.append("ServerKeyExchange presence does not match the key exchange")
    summary = text[text.index("== Summary"):]
    if "  second connection, resumption" in summary:
        summary = summary[:summary.index("  second connection, resumption")]
    flow = re.findall(r"^    (client -> server|server -> client) +(\S+) +(step \d+|-)$", summary,
                      re.M)
    expected = (10 if ecdhe else 9) + (3 if mtls else 0) + (1 if ticket else 0)
    if len(flow) != expected:
        failures.append(f"{len(flow)} flow-table entries, expected {expected}")
    for direction, message, at in flow:
        if at == "-":
            failures.append(f"flow entry {direction} {message} happened in no step")
    return failures


def check_resumed(text, ecdhe, ticket):
    """The second connection resumed: its table shows the kept steps, server's Finished before
    the client's, and a reason for every skipped one; no certificate or key exchange ran."""
    failures = []
    summary = text[text.index("== Summary"):]
    if "resumed (abbreviated handshake)" not in summary:
        return ["the second connection did not resume"]
    part = summary[summary.index("  second connection, resumption"):]
    rows = re.findall(r"^    (client -> server|server -> client) +(\S+) *(?:(step \d+)|\n +(skipped: .*)"
                      r"|(skipped: .*))$", part, re.M)
    full = (10 if ecdhe else 9) + (1 if ticket else 0)
    if len(rows) != full:
        failures.append(f"{len(rows)} entries in the resumed flow table, expected {full}")
    steps = {}
    for direction, message, at, skipped_wrapped, skipped in rows:
        key = (direction, message)
        if key in RESUMED_KEPT:
            if not at:
                failures.append(f"resumed: {direction} {message} should have happened")
            else:
                steps[key] = int(at.split()[1])
        elif not (skipped or skipped_wrapped):
            failures.append(f"resumed: {direction} {message} should be skipped with a reason")
    if len(steps) == len(RESUMED_KEPT):
        if not (steps[("server -> client", "Finished")] < steps[("client -> server", "Finished")]):
            failures.append("resumed: the server's Finished must come before the client's")
    second = text[text.index("second connection: resumption"):text.index("== Summary")]
    for message in ("ClientKeyExchange", "ServerKeyExchange", "ServerHelloDone"):
        if re.search(rf"^== Step \d+: (client|server) handles {message} ", second, re.M):
            failures.append(f"resumed: {message} was handled in the second connection")
    return failures


def main():
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--step", required=True, help="the tlsx-step executable")
    parser.add_argument("--case", choices=sorted(CASES), action="append")
    parser.add_argument("--update", action="store_true", help="rewrite the golden files")
    args = parser.parse_args()
    failed = 0
    passed = 0
    for name in args.case or sorted(CASES):
        suite, ecdhe, extra = CASES[name]
        path = os.path.join(GOLDEN_DIR, f"{name}.txt")
        first = run_step(args.step, suite, extra)
        second = run_step(args.step, suite, extra)
        problems = []
        if first != second:
            problems.append("two runs with --seed 1 differ")
        if args.update:
            with open(path, "wb") as f:
                f.write(first)
            print(f"wrote {path} ({len(first)} bytes)")
        with open(path, "rb") as f:
            golden = f.read()
        if first != golden:
            lines_a = golden.decode(errors="replace").splitlines()
            lines_b = first.decode(errors="replace").splitlines()
            diff = next((i for i, (a, b) in enumerate(zip(lines_a, lines_b)) if a != b),
                        min(len(lines_a), len(lines_b)))
            problems.append(f"output differs from {path} at line {diff + 1}:\n"
                            f"  golden: {lines_a[diff] if diff < len(lines_a) else '<end>'}\n"
                            f"  now:    {lines_b[diff] if diff < len(lines_b) else '<end>'}\n"
                            f"  (regenerate with --update if the change is intended)")
        problems += check_states(first.decode(), ecdhe, "--mtls" in extra, "--ticket" in extra)
        if "--resume" in extra:
            problems += check_resumed(first.decode(), ecdhe, "--ticket" in extra)
        if "--fragment" in extra:
            limit = int(extra[extra.index("--fragment") + 1])
            plain = re.findall(r"record received \((?:client|server) -> \w+\), (\d+) bytes\n"
                               r" +0000 +Record: handshake \[", first.decode())
            if not plain or max(int(n) - 5 for n in plain) > limit or len(plain) < 8:
                problems.append(f"--fragment {limit}: plaintext handshake records {plain}")
        if problems:
            failed += 1
            print(f"FAIL {name}:\n  " + "\n  ".join(problems))
        else:
            passed += 1
            print(f"ok   {name}: {len(first)} bytes, stable, every state shown")
    print(f"{passed} passed, {failed} failed")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
