#!/usr/bin/env python3
"""tlsx-server and tlsx-client command lines: --help, and a clear one-line error with the right
exit status (2: bad arguments, 1: files, connection) for bad arguments, missing files, bad PEM and
a key that does not match the certificate."""

import os
import sys

from interop import Cases, PROCS, check, free_port, parse_args, pki, run


def expect(cmd, status, pattern):
    code, out = run(cmd, timeout=10)
    check(code == status, f"exit status {code}, expected {status}: {' '.join(cmd)}", out)
    check(pattern in out, f"expected '{pattern}'", out)
    if status != 0:
        lines = out.strip().splitlines()
        check(len(lines) == 1, f"one line expected, got {len(lines)}", out)


def main():
    args = parse_args(__doc__)
    cases = Cases(args)
    srv, cli = args.server, args.client
    cert, key = pki(args, "server.pem"), pki(args, "server.key")
    bad_pem = os.path.join(cases.tmp, "bad.pem")
    with open(bad_pem, "w") as f:
        f.write("-----BEGIN CERTIFICATE-----\nnot base64 at all!\n-----END CERTIFICATE-----\n")
    port = str(free_port())
    listen = ["--listen", f"127.0.0.1:{port}"]
    table = [
        ("server --help", [srv, "--help"], 0, "usage: tlsx-server"),
        ("client --help", [cli, "--help"], 0, "usage: tlsx-client"),
        ("server without --cert", [srv, "--key", key], 2, "--cert and --key are required"),
        ("server unknown option", [srv, "--frobnicate"], 2, "unknown argument '--frobnicate'"),
        ("server bad --listen", [srv, "--listen", "localhost", "--cert", cert, "--key", key], 2,
         "is not HOST:PORT"),
        ("server bad --ems", [srv, "--ems", "maybe"], 2, "--ems must be on, off or require"),
        ("server bad --policy", [srv, "--policy", "lax"], 2, "--policy must be modern or compat"),
        ("server unknown suite", [srv, "--ciphers", "RC4-MD5"], 2,
         "unknown or unsupported cipher suite 'RC4-MD5'"),
        ("server --ciphers without a value", [srv, "--ciphers"], 2, "--ciphers needs a value"),
        ("server missing certificate file", [srv] + listen +
         ["--cert", "/nonexistent/c.pem", "--key", key], 1, "cannot load --cert"),
        ("server bad PEM", [srv] + listen + ["--cert", bad_pem, "--key", key], 1,
         "cannot load --cert"),
        ("server key does not match", [srv] + listen + ["--cert", pki(args, "ca.pem"), "--key",
                                                        key], 1, "cannot load --cert"),
        ("server --cert without its --key", [srv, "--cert", cert, "--key", key, "--cert", cert],
         2, "every --cert needs its --key"),
        ("server unknown group", [srv, "--groups", "x25519,secp521r1"], 2,
         "unknown or unsupported group 'secp521r1'"),
        ("server second key does not match", [srv] + listen +
         ["--cert", cert, "--key", key, "--cert", pki(args, "ec-server-chain.pem"), "--key", key],
         1, "cannot load --cert"),
        ("client unknown group", [cli, "127.0.0.1:1", "--groups", "P-521"], 2,
         "unknown or unsupported group 'P-521'"),
        ("server bad --tickets", [srv, "--tickets", "maybe"], 2, "'maybe' is neither on nor off"),
        ("server bad --session-cache", [srv, "--session-cache", "-1"], 2,
         "'-1' is not a whole number"),
        ("client bad --reconnect", [cli, "127.0.0.1:1", "--reconnect", "x"], 2,
         "'x' is not a whole number"),
        ("client --sess-in not a session", [cli, "127.0.0.1:1", "--insecure", "--sess-in", bad_pem],
         1, "not a saved session"),
        ("client without HOST:PORT", [cli], 2, "missing HOST:PORT"),
        ("client bad port", [cli, "localhost:99999"], 2, "is not HOST:PORT"),
        ("client unknown suite", [cli, "127.0.0.1:1", "--ciphers", "AES128-SHA,NOPE"], 2,
         "unknown or unsupported cipher suite 'NOPE'"),
        ("client --cafile with --insecure", [cli, "127.0.0.1:1", "--cafile", cert, "--insecure"],
         2, "exclude each other"),
        ("client missing --cafile", [cli, "127.0.0.1:1", "--cafile", "/nonexistent/ca.pem"], 1,
         "cannot load trust anchors"),
        ("client connection refused", [cli, f"127.0.0.1:{port}", "--insecure"], 1,
         "cannot connect to 127.0.0.1"),
    ]
    try:
        for name, cmd, status, pattern in table:
            cases.add(name, expect, cmd, status, pattern)
        return cases.run()
    finally:
        PROCS.stop_all()


if __name__ == "__main__":
    sys.exit(main())
