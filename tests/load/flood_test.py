#!/usr/bin/env python3
"""An empty-record flood against tlsx-server over a real socket: flood_client completes a
handshake, then sends COUNT empty application_data records forged under its own keys in one
burst. The server must end the connection after Limits::max_empty_records (32) of them with a
fatal unexpected_message alert, log the limit, and keep serving others. (The exact counts for
every flood kind are checked in memory: tests/unit/handshake/abuse_test.cpp.)

usage: flood_test.py TLSX_SERVER FLOOD_CLIENT"""

import socket
import ssl
import subprocess
import sys
import time

from load_harness import TlsxServer, check, finish

SERVER, FLOOD_CLIENT = sys.argv[1], sys.argv[2]
# 64 records of 29 bytes: over the limit, and small enough that the server has read them all
# when it stops (unread input would make its close a reset, which could overtake the alert).
COUNT = 64


def main():
    server = TlsxServer(SERVER, "--handshake-timeout", "10")
    try:
        t0 = time.monotonic()
        run = subprocess.run([FLOOD_CLIENT, str(server.port), str(COUNT)], capture_output=True,
                             text=True, timeout=30)
        took = time.monotonic() - t0
        outcome = run.stdout.strip()
        deadline = time.monotonic() + 5
        while time.monotonic() < deadline and "empty application_data" not in server.log():
            time.sleep(0.05)
        logged = [l for l in server.log().splitlines() if "empty application_data" in l]
        print(f"tlsx-server: {COUNT} forged empty records -> client saw '{outcome}' in "
              f"{took:.2f}s; server: {logged[0].split(': ', 1)[-1] if logged else 'nothing logged'}",
              flush=True)
        check(run.returncode == 0, f"flood_client failed: {run.stderr.strip()}")
        check(outcome == "alert unexpected_message", f"the server's answer: {outcome}")
        check(any("more than 32 empty application_data records in a row" in l for l in logged),
              "the server logged the limit")
        ctx = ssl.SSLContext(ssl.PROTOCOL_TLS_CLIENT)
        ctx.check_hostname = False
        ctx.verify_mode = ssl.CERT_NONE
        with socket.create_connection(("127.0.0.1", server.port), timeout=10) as raw:
            with ctx.wrap_socket(raw, server_hostname="localhost") as tls:
                tls.sendall(b"after the flood\n")
                check(tls.recv(100) == b"after the flood\n", "the server still serves others")
    finally:
        server.stop()
    finish("load/flood")


if __name__ == "__main__":
    main()
