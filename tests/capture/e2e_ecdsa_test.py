#!/usr/bin/env python3
"""hello-capture serving an ECDSA certificate (tests/data/pki: the P-256 leaf under the P-384
intermediate and root): openssl s_client verifies the chain and completes an ECDHE_ECDSA
handshake over secp256r1, and the capture records the suite and group.

usage: e2e_ecdsa_test.py HELLO_CAPTURE_BINARY"""

import os
import shutil
import subprocess
import sys

from capture_harness import PKI, SKIP, Server, check, finish

BINARY = sys.argv[1]


def main():
    if shutil.which("openssl") is None:
        print("SKIP: openssl missing")
        sys.exit(SKIP)
    server = Server(BINARY, "--cert", os.path.join(PKI, "ec-server-chain.pem"), "--key",
                    os.path.join(PKI, "ec-server.key"), use_test_pki=False)
    try:
        run = subprocess.run(
            ["openssl", "s_client", "-connect", f"127.0.0.1:{server.port}", "-tls1_2",
             "-servername", "localhost", "-CAfile", os.path.join(PKI, "ec-ca.pem"),
             "-verify_return_error", "-groups", "P-256", "-ign_eof"],
            input=b"GET / HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n",
            stdout=subprocess.PIPE, stderr=subprocess.STDOUT, timeout=30)
        out = run.stdout.decode("utf-8", "replace")
        check(run.returncode == 0, f"s_client succeeds ({out[-2000:]})")
        check("Verify return code: 0 (ok)" in out, "s_client verified the ECDSA chain")
        check("Peer signature type: ECDSA" in out, "ServerKeyExchange signed with ECDSA")
        [cap] = server.new_captures(1)
        outcome = cap["outcome"]
        check(outcome.get("result") == "completed", f"handshake completed ({outcome})")
        check(outcome.get("cipher_suite", "").startswith("TLS_ECDHE_ECDSA_WITH_"),
              f"an ECDHE_ECDSA suite ({outcome})")
        check(outcome.get("key_exchange") == "ECDHE_ECDSA", f"key exchange ({outcome})")
        check(outcome.get("group") == "secp256r1", f"group secp256r1 ({outcome})")
    finally:
        check(server.stop() == 0, "hello-capture stops cleanly on SIGTERM")
        server.cleanup()
    finish("e2e_ecdsa")


if __name__ == "__main__":
    main()
