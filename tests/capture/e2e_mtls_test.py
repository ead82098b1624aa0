#!/usr/bin/env python3
"""hello-capture --client-auth request: openssl s_client with the test client certificate, with
none, and with one from an untrusted CA. Each capture's outcome must record the client
certificate's subject and issuer (also for the refused one), or no client_certificate at all.

usage: e2e_mtls_test.py HELLO_CAPTURE_BINARY"""

import os
import shutil
import subprocess
import sys

from capture_harness import PKI, SKIP, Server, check, finish

BINARY = sys.argv[1]
SUBJECT = "CN=tlsx test client,O=tlsx tests"


def s_client(port, *args):
    subprocess.run(["openssl", "s_client", "-connect", f"127.0.0.1:{port}", "-tls1_2", "-quiet",
                    *args], input=b"hello\n", stdout=subprocess.DEVNULL,
                   stderr=subprocess.DEVNULL, timeout=30)


def with_cert(name):
    return ["-cert", os.path.join(PKI, name), "-key", os.path.join(PKI, "client.key")]


def main():
    if shutil.which("openssl") is None:
        print("SKIP: openssl missing")
        sys.exit(SKIP)
    server = Server(BINARY, "--client-auth", "request", "--client-ca", os.path.join(PKI, "ca.pem"))
    try:
        s_client(server.port, *with_cert("client.pem"))
        [cap] = server.new_captures(1)
        outcome = cap["outcome"]
        check(outcome.get("result") == "completed", f"valid certificate: completed ({outcome})")
        cert = outcome.get("client_certificate", {})
        check(cert.get("subject") == SUBJECT, f"valid certificate: subject ({cert})")
        check(cert.get("issuer") == "CN=tlsx test root CA", f"valid certificate: issuer ({cert})")
        check(cert.get("verified") is True, f"valid certificate: verified ({cert})")

        s_client(server.port)
        [cap] = server.new_captures(1)
        outcome = cap["outcome"]
        check(outcome.get("result") == "completed", f"no certificate: completed ({outcome})")
        check("client_certificate" not in outcome, f"no certificate: nothing recorded ({outcome})")

        s_client(server.port, *with_cert("client-untrusted.pem"))
        [cap] = server.new_captures(1)
        outcome = cap["outcome"]
        check(outcome.get("result") == "alert_sent" and outcome.get("alert") == "unknown_ca",
              f"untrusted certificate: unknown_ca sent ({outcome})")
        cert = outcome.get("client_certificate", {})
        check(cert.get("subject") == SUBJECT and cert.get("issuer") == "CN=tlsx other CA",
              f"untrusted certificate: subject and issuer recorded ({cert})")
        check(cert.get("verified") is False, f"untrusted certificate: not verified ({cert})")
    finally:
        check(server.stop() == 0, "hello-capture stops cleanly on SIGTERM")
        server.cleanup()
    finish("e2e_mtls")


if __name__ == "__main__":
    main()
