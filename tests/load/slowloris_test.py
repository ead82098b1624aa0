#!/usr/bin/env python3
"""Slowloris against tlsx-server and hello-capture: a client that sends a real ClientHello one
byte per second is dropped when the server's handshake timeout (2 s here) runs out, while a
normal client connecting meanwhile is served at once.

The handshake timeout counts from accept to the finished handshake, not per byte, so trickling
bytes does not extend it. The drop must come between TIMEOUT and TIMEOUT + SLACK seconds after
connect (the slack absorbs a loaded machine and sanitizer builds).

usage: slowloris_test.py TLSX_SERVER HELLO_CAPTURE"""

import select
import socket
import ssl
import sys
import threading
import time

from load_harness import CaptureServer, TlsxServer, check, finish, sanitized

TLSX_SERVER, HELLO_CAPTURE = sys.argv[1], sys.argv[2]
TIMEOUT = 2.0
SLACK = 4.0 if sanitized(TLSX_SERVER) else 2.0


def client_context():
    ctx = ssl.SSLContext(ssl.PROTOCOL_TLS_CLIENT)
    ctx.check_hostname = False
    ctx.verify_mode = ssl.CERT_NONE
    ctx.maximum_version = ssl.TLSVersion.TLSv1_2
    return ctx


def real_client_hello():
    """The bytes of the ClientHello record(s) Python's ssl would send."""
    incoming, outgoing = ssl.MemoryBIO(), ssl.MemoryBIO()
    obj = client_context().wrap_bio(incoming, outgoing, server_hostname="slow.load.test")
    try:
        obj.do_handshake()
    except ssl.SSLWantReadError:
        pass
    return outgoing.read()


def trickle(port, hello, result):
    """Sends hello one byte per second until the server closes; result gets (seconds, bytes)."""
    s = socket.create_connection(("127.0.0.1", port), timeout=30)
    t0 = time.monotonic()
    sent = 0
    closed_at = None
    try:
        while sent < len(hello) and time.monotonic() - t0 < TIMEOUT + SLACK + 5:
            try:
                s.sendall(hello[sent:sent + 1])
                sent += 1
            except OSError:
                closed_at = time.monotonic()
                break
            # Wait a second, watching for the server's close (EOF or reset).
            ready, _, _ = select.select([s], [], [], 1.0)
            if ready:
                try:
                    data = s.recv(4096)
                except OSError:
                    data = b""
                if not data:
                    closed_at = time.monotonic()
                    break
    finally:
        s.close()
    result.append((None if closed_at is None else closed_at - t0, sent))


def normal_client(port, use):
    t0 = time.monotonic()
    with socket.create_connection(("127.0.0.1", port), timeout=10) as raw:
        with client_context().wrap_socket(raw, server_hostname="normal.load.test") as tls:
            ok = use(tls)
    return ok, time.monotonic() - t0


def echo(tls):
    tls.sendall(b"still here\n")
    return tls.recv(100) == b"still here\n"


def get(tls):
    tls.sendall(b"GET /json HTTP/1.1\r\nHost: normal.load.test\r\nConnection: close\r\n\r\n")
    return tls.recv(100).startswith(b"HTTP/1.1 200")


def attack(label, port, use):
    hello = real_client_hello()
    result = []
    slow = threading.Thread(target=trickle, args=(port, hello, result))
    slow.start()
    time.sleep(1.2)  # the slow client has sent a byte or two
    ok, took = normal_client(port, use)
    slow.join(TIMEOUT + SLACK + 10)
    dropped_after, sent = result[0] if result else (None, 0)
    print(f"{label}: slowloris client dropped after "
          f"{'never' if dropped_after is None else f'{dropped_after:.2f}s'} "
          f"({sent} of {len(hello)} hello bytes sent, handshake timeout {TIMEOUT:.0f}s); "
          f"a normal client meanwhile served in {took:.3f}s", flush=True)
    check(ok, f"{label}: the normal client was served while the slow one trickled")
    check(took < TIMEOUT, f"{label}: the normal client took {took:.2f}s")
    check(dropped_after is not None, f"{label}: the slowloris client was dropped")
    if dropped_after is not None:
        check(TIMEOUT - 0.1 <= dropped_after <= TIMEOUT + SLACK,
              f"{label}: dropped after {dropped_after:.2f}s, want {TIMEOUT}..{TIMEOUT + SLACK}s")
    check(sent < len(hello), f"{label}: the hello was never completed ({sent} bytes)")


def main():
    server = TlsxServer(TLSX_SERVER, "--handshake-timeout", str(TIMEOUT))
    try:
        attack("tlsx-server", server.port, echo)
        deadline = time.monotonic() + 5
        while time.monotonic() < deadline and "no progress within" not in server.log():
            time.sleep(0.05)
        check("handshake failed" in server.log() and "no progress within 2000 ms" in server.log(),
              "tlsx-server logged the handshake timeout")
        check(server.alive(), "tlsx-server alive")
    finally:
        server.stop()

    capture = CaptureServer(HELLO_CAPTURE, "--handshake-timeout", str(TIMEOUT))
    try:
        attack("hello-capture", capture.port, get)
        caps = capture.wait_for_captures(2, timeout=10)
        outcomes = sorted(c["outcome"].get("result") for c in caps)
        check(outcomes == ["completed", "timeout"],
              f"hello-capture: the slow client captured as timeout ({outcomes})")
        check(capture.alive(), "hello-capture alive")
    finally:
        capture.stop()
        capture.cleanup()
    finish("load/slowloris")


if __name__ == "__main__":
    main()
