#!/usr/bin/env python3
"""10,000 handshakes in a row against tlsx-server (and 2,000 against hello-capture) with no
growth in the server's file descriptors or resident memory.

Two client threads (Python's ssl) each run full handshakes one after another (connect, handshake,
close_notify both ways, close). After a warm-up of WARMUP handshakes the server's descriptor
count (/proc/<pid>/fd) and VmRSS (/proc/<pid>/status) are the baseline; at the end, once the
last connection is gone, the descriptors must be back at the baseline and VmRSS at most
RSS_BOUND_MIB above it. A leak of one descriptor per connection fails this, and so does one of 1 KiB per connection
against tlsx-server (9,500 timed handshakes).
Under ASan (tests/run.sh's build/asan) the counts are a tenth and RSS is only reported: ASan's
quarantine holds freed memory back (up to 256 MiB), so RSS growth there says nothing about leaks
(LeakSanitizer covers those).

usage: sequential_test.py TLSX_SERVER HELLO_CAPTURE"""

import socket
import ssl
import sys
import threading
import time

from load_harness import (CaptureServer, TlsxServer, check, fd_count, finish, raise_fd_limit,
                          rss_kib, sanitized, scale)

TLSX_SERVER, HELLO_CAPTURE = sys.argv[1], sys.argv[2]
RSS_BOUND_MIB = 8
STREAMS = 2


def client_context():
    ctx = ssl.SSLContext(ssl.PROTOCOL_TLS_CLIENT)
    ctx.check_hostname = False
    ctx.verify_mode = ssl.CERT_NONE
    ctx.maximum_version = ssl.TLSVersion.TLSv1_2
    return ctx


def handshake_once(ctx, port, close_notify):
    with socket.create_connection(("127.0.0.1", port), timeout=30) as raw:
        tls = ctx.wrap_socket(raw, server_hostname="seq.load.test")
        if close_notify:
            tls.unwrap()  # our close_notify, then the server's
        else:
            tls.close()


def run_handshakes(port, count, close_notify):
    """Runs `count` handshakes on STREAMS threads; returns (done, failures)."""
    ctx = client_context()
    lock = threading.Lock()
    state = {"next": 0, "done": 0, "failed": []}

    def worker():
        while True:
            with lock:
                if state["next"] >= count:
                    return
                state["next"] += 1
            try:
                handshake_once(ctx, port, close_notify)
                with lock:
                    state["done"] += 1
            except (OSError, ssl.SSLError) as e:
                with lock:
                    state["failed"].append(repr(e))

    threads = [threading.Thread(target=worker) for _ in range(STREAMS)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return state["done"], state["failed"]


def settle(pid, target, timeout=10):
    """Waits for the server to drop the last connections (fd count at or below target)."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline and fd_count(pid) > target:
        time.sleep(0.05)
    time.sleep(0.2)


def measure(label, pid, port, total, warmup, close_notify):
    done, failed = run_handshakes(port, warmup, close_notify)
    settle(pid, 0, timeout=2)
    fds0, rss0 = fd_count(pid), rss_kib(pid)
    t0 = time.monotonic()
    more, more_failed = run_handshakes(port, total - warmup, close_notify)
    elapsed = time.monotonic() - t0
    done += more
    failed += more_failed
    settle(pid, fds0)
    fds1, rss1 = fd_count(pid), rss_kib(pid)
    growth = (rss1 - rss0) / 1024
    print(f"{label}: {done} handshakes ({len(failed)} failed; {total - warmup} timed: "
          f"{(total - warmup) / elapsed:.0f}/s on {STREAMS} streams): fds {fds0} -> {fds1}, "
          f"RSS {rss0 / 1024:.1f} -> {rss1 / 1024:.1f} MiB ({growth:+.2f} MiB, bound "
          f"{RSS_BOUND_MIB} MiB) from handshake {warmup} to {total}", flush=True)
    for e in sorted(set(failed))[:5]:
        print(f"  {label} client error: {e}", flush=True)
    check(done == total, f"{label}: {done} of {total} handshakes completed")
    check(fds1 == fds0, f"{label}: fds {fds0} after warm-up, {fds1} at the end")
    if sanitized(TLSX_SERVER):
        print(f"{label}: sanitizer build, RSS bound not checked (ASan quarantine)", flush=True)
    else:
        check(growth <= RSS_BOUND_MIB, f"{label}: RSS grew {growth:.2f} MiB (> {RSS_BOUND_MIB})")


def main():
    raise_fd_limit(4096)
    total = scale(TLSX_SERVER, 10000, 1000)
    server = TlsxServer(TLSX_SERVER, "--handshake-timeout", "30")
    try:
        measure("tlsx-server", server.pid, server.port, total, total // 20, close_notify=True)
        check(server.alive(), "tlsx-server alive after the handshakes")
    finally:
        server.stop()

    total = scale(HELLO_CAPTURE, 2000, 400)
    capture = CaptureServer(HELLO_CAPTURE, "--handshake-timeout", "30")
    try:
        # hello-capture waits for an HTTP request after the handshake: the client just closes.
        measure("hello-capture", capture.proc.pid, capture.port, total, total // 4,
                close_notify=False)
        check(capture.alive(), "hello-capture alive after the handshakes")
    finally:
        capture.stop()
        capture.cleanup()
    finish("load/sequential")


if __name__ == "__main__":
    main()
