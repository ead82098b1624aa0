#!/usr/bin/env python3
"""An empty-record flood against tlsx-server and hello-capture over a real socket: flood_client
completes a handshake, then sends COUNT empty application_data records forged under its own keys
in one burst. Each server must end the connection after Limits::max_empty_records (32) of them
with a fatal unexpected_message alert, log the limit, and keep serving others. (The exact counts
for every flood kind are checked in memory: tests/unit/handshake/abuse_test.cpp.)

usage: flood_test.py TLSX_SERVER HELLO_CAPTURE FLOOD_CLIENT"""

import socket
import ssl
import subprocess
import sys
import time

from load_harness import CaptureServer, TlsxServer, check, finish

SERVER, HELLO_CAPTURE, FLOOD_CLIENT = sys.argv[1], sys.argv[2], sys.argv[3]
# 64 records of 29 bytes: over the limit, and small enough that the server has read them all
# when it stops (unread input would make its close a reset, which could overtake the alert).
COUNT = 64


def flood(label, server, request, reply_start):
    t0 = time.monotonic()
    run = subprocess.run([FLOOD_CLIENT, str(server.port), str(COUNT)], capture_output=True,
                         text=True, timeout=30)
    took = time.monotonic() - t0
    outcome = run.stdout.strip()
    deadline = time.monotonic() + 5
    while time.monotonic() < deadline and "empty application_data" not in server.log():
        time.sleep(0.05)
    logged = [l for l in server.log().splitlines() if "empty application_data" in l]
    print(f"{label}: {COUNT} forged empty records -> client saw '{outcome}' in {took:.2f}s; "
          f"server log: {logged[0] if logged else 'nothing'}", flush=True)
    check(run.returncode == 0, f"{label}: flood_client failed: {run.stderr.strip()}")
    check(outcome == "alert unexpected_message", f"{label}: the server's answer: {outcome}")
    check(any("more than 32 empty application_data records in a row" in l for l in logged),
          f"{label}: the server logged the limit")
    ctx = ssl.SSLContext(ssl.PROTOCOL_TLS_CLIENT)
    ctx.check_hostname = False
    ctx.verify_mode = ssl.CERT_NONE
    with socket.create_connection(("127.0.0.1", server.port), timeout=10) as raw:
        with ctx.wrap_socket(raw, server_hostname="localhost") as tls:
            tls.sendall(request)
            check(tls.recv(100).startswith(reply_start), f"{label}: still serves others")


def main():
    server = TlsxServer(SERVER, "--handshake-timeout", "10")
    try:
        flood("tlsx-server", server, b"after the flood\n", b"after the flood\n")
    finally:
        server.stop()
    capture = CaptureServer(HELLO_CAPTURE, "--handshake-timeout", "10")
    try:
        flood("hello-capture", capture, b"GET /json HTTP/1.1\r\nHost: localhost\r\n\r\n",
              b"HTTP/1.1 200")
    finally:
        capture.stop()
        capture.cleanup()
    finish("load/flood")


if __name__ == "__main__":
    main()
