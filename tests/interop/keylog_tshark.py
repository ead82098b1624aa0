#!/usr/bin/env python3
"""SSLKEYLOGFILE: tlsx-client writes NSS key log lines (tlsx-server the same ones) with which
tshark decrypts a loopback capture of its exchanges with tlsx-server (one connection per suite);
without the key log the plaintext must not be visible in the same capture."""

import os
import secrets
import sys

from interop import (PROCS, SKIP, Cases, check, env_with, Failure, parse_args, pki, require_tools,
                     run, tlsx_client, TlsxServer, TsharkCapture)

SUITES = ["TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256", "TLS_ECDHE_RSA_WITH_CHACHA20_POLY1305_SHA256",
          "TLS_ECDHE_RSA_WITH_AES_256_CBC_SHA384", "TLS_RSA_WITH_AES_128_CBC_SHA"]


def decoded_payloads(capture, port, key_log):
    """Hex of every TCP payload as tshark decodes it (decrypted when the key log fits)."""
    cmd = ["tshark", "-r", capture, "-d", f"tcp.port=={port},tls", "-T", "fields", "-e",
           "data.data", "-e", "tls.app_data"]
    if key_log:
        cmd[3:3] = ["-o", f"tls.keylog_file:{key_log}"]
    code, out = run(cmd, timeout=30, merge_stderr=False)
    check(code == 0, f"tshark -r exited with {code}", out)
    return out.replace(",", "\n").replace("\t", "\n").split()


def exchange(args, server, key_log, suite):
    """One tlsx-client run with SSLKEYLOGFILE; returns (probe, returncode, output)."""
    probe = "probe-" + secrets.token_hex(8)
    code, out = tlsx_client(args, f"127.0.0.1:{server.port}",
                            ["--servername", "localhost", "--cafile", pki(args, "ca.pem"),
                             "--ciphers", suite, "--send", probe + r"\n", "--idle", "0.5"],
                            env=env_with(SSLKEYLOGFILE=key_log))
    return probe, code, out


def decrypt_case(run_result, decrypted, opaque):
    probe, code, out = run_result
    check(code == 0 and f"reply:\n{probe}\n" in out, "tlsx-client echo", out)
    probe_hex = probe.encode().hex()
    hits = [d for d in decrypted if probe_hex in d]
    # The probe went out from the client and came back from the server: two records.
    check(len(hits) >= 2, f"tshark should decrypt the probe both ways; decoded: {decrypted}")
    check(not any(probe_hex in d for d in opaque), "the probe is visible without the key log")


def key_log_case(key_log, count):
    with open(key_log) as f:
        lines = f.read().splitlines()
    check(len(lines) == count, f"{count} key log lines expected: {lines}")
    randoms = set()
    for line in lines:
        fields = line.split()
        check(len(fields) == 3 and fields[0] == "CLIENT_RANDOM" and len(fields[1]) == 64 and
              len(fields[2]) == 96, f"not an NSS CLIENT_RANDOM line: {line}")
        randoms.add(fields[1])
    check(len(randoms) == count, "client randoms repeat")


def same_lines_case(client_log, server_log):
    with open(client_log) as f:
        client = sorted(f.read().splitlines())
    with open(server_log) as f:
        server = sorted(f.read().splitlines())
    check(client == server, f"client {client} != server {server}")


def main():
    args = parse_args(__doc__)
    require_tools("tshark")
    if os.geteuid() != 0:
        print("SKIP: capturing on lo needs root (or dumpcap's capabilities)")
        print("0 passed, 0 failed")
        return SKIP
    cases = Cases(args)
    server_key_log = os.path.join(cases.tmp, "server-keys.log")
    server = TlsxServer(args, [], env=env_with(SSLKEYLOGFILE=server_key_log))
    try:
        # One capture of one connection per suite, then two decodes: with and without the log.
        key_log = os.path.join(cases.tmp, "keys.log")
        capture_path = os.path.join(cases.tmp, "loopback.pcapng")
        try:
            capture = TsharkCapture(capture_path, server.port)
            try:
                runs = [(suite, exchange(args, server, key_log, suite)) for suite in SUITES]
            finally:
                capture.finish()
            decrypted = decoded_payloads(capture_path, server.port, key_log)
            opaque = decoded_payloads(capture_path, server.port, None)
        except Failure as e:
            print(f"FAIL capture and decode: {e}")
            print("0 passed, 1 failed")
            return 1
        cases.add("key log: one NSS CLIENT_RANDOM line per connection", key_log_case, key_log,
                  len(SUITES))
        cases.add("tlsx-server's key log has the same lines", same_lines_case, key_log,
                  server_key_log)
        for suite, result in runs:
            cases.add(f"tshark decrypts {suite}", decrypt_case, result, decrypted, opaque)
        return cases.run()
    finally:
        PROCS.stop_all()


if __name__ == "__main__":
    sys.exit(main())
