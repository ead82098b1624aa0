#!/usr/bin/env python3
"""1,000 TLS connections held open at once against tlsx-server and against hello-capture.

All clients (asyncio + Python's ssl) connect and finish their handshakes, then hold their
connections until every one of them has; only then does each one use its connection (an echo
line for tlsx-server, GET /json for hello-capture) and close it. While they are held the
server's open descriptors are counted in /proc/<pid>/fd: the peak must be at least the number of
connections. The soft limit on open files is raised first (the servers inherit it).

usage: concurrent_test.py TLSX_SERVER HELLO_CAPTURE"""

import asyncio
import json
import ssl
import sys
import threading
import time

from load_harness import (CaptureServer, TlsxServer, check, fd_count, finish, raise_fd_limit,
                          scale, thread_count)

TLSX_SERVER, HELLO_CAPTURE = sys.argv[1], sys.argv[2]
CONNECTIONS = scale(TLSX_SERVER, 1000, 500)


class PeakSampler:
    """Counts the server's descriptors every 20 ms on a thread of its own; keeps the peak."""

    def __init__(self, pid):
        self.pid, self.peak, self.peak_threads = pid, 0, 0
        self.stopped = threading.Event()
        self.thread = threading.Thread(target=self.run, daemon=True)
        self.thread.start()

    def run(self):
        while not self.stopped.wait(0.02):
            try:
                self.peak = max(self.peak, fd_count(self.pid))
                self.peak_threads = max(self.peak_threads, thread_count(self.pid))
            except (OSError, AttributeError):
                return

    def stop(self):
        self.stopped.set()
        self.thread.join()


def client_context():
    ctx = ssl.SSLContext(ssl.PROTOCOL_TLS_CLIENT)
    ctx.check_hostname = False
    ctx.verify_mode = ssl.CERT_NONE
    ctx.maximum_version = ssl.TLSVersion.TLSv1_2
    return ctx


async def hold_all(port, use, count, pid):
    """Opens `count` TLS connections, waits until all are established, counts the server's fds,
    then lets each one `use` its connection. Returns (established, fds while held, served)."""
    ctx = client_context()
    all_up = asyncio.Event()
    go = asyncio.Event()  # set once the descriptors were counted
    up = [0]
    results = []

    async def one(i):
        try:
            reader, writer = await asyncio.wait_for(
                asyncio.open_connection("127.0.0.1", port, ssl=ctx, server_hostname=f"c{i}.load.test"),
                90)
        except (OSError, asyncio.TimeoutError, ssl.SSLError) as e:
            results.append(f"connect: {e!r}")
            up[0] += 1  # counted so that the others do not wait for it forever
            if up[0] == count:
                all_up.set()
            return False
        up[0] += 1
        if up[0] == count:
            all_up.set()
        try:
            await asyncio.wait_for(go.wait(), 150)
            ok = await asyncio.wait_for(use(reader, writer, i), 60)
        except (OSError, asyncio.TimeoutError, ssl.SSLError) as e:
            results.append(f"use: {e!r}")
            ok = False
        writer.close()
        try:
            await asyncio.wait_for(writer.wait_closed(), 10)
        except (OSError, asyncio.TimeoutError, ssl.SSLError):
            pass
        return ok

    tasks = [asyncio.create_task(one(i)) for i in range(count)]
    await asyncio.wait_for(all_up.wait(), 150)
    await asyncio.sleep(0.2)
    held_fds = fd_count(pid)
    go.set()
    served = sum(await asyncio.gather(*tasks))
    return count - len([r for r in results if r.startswith("connect")]), held_fds, served, results


async def echo(reader, writer, i):
    line = f"ping {i}\n".encode()
    writer.write(line)
    await writer.drain()
    return await reader.readline() == line


async def get_json(reader, writer, i):
    writer.write(f"GET /json HTTP/1.1\r\nHost: c{i}.load.test\r\nConnection: close\r\n\r\n".encode())
    await writer.drain()
    response = await reader.read()
    head, _, body = response.partition(b"\r\n\r\n")
    return head.startswith(b"HTTP/1.1 200") and json.loads(body)["tls"]["client_random"] != ""


def run(label, pid, port, use):
    baseline = fd_count(pid)
    sampler = PeakSampler(pid)
    t0 = time.monotonic()
    established, held_fds, served, errors = asyncio.run(hold_all(port, use, CONNECTIONS, pid))
    elapsed = time.monotonic() - t0
    sampler.stop()
    print(f"{label}: held {established} concurrent connections, server fds {baseline} idle, "
          f"{held_fds} while all were held, peak {sampler.peak} "
          f"(threads peak {sampler.peak_threads}); {served} served; {elapsed:.1f}s", flush=True)
    for e in sorted(set(errors))[:5]:
        print(f"  {label} client error: {e}", flush=True)
    check(established == CONNECTIONS, f"{label}: {established} of {CONNECTIONS} handshakes done")
    check(held_fds >= baseline + CONNECTIONS,
          f"{label}: {held_fds} server fds while {CONNECTIONS} connections were held "
          f"(idle {baseline})")
    check(served == CONNECTIONS, f"{label}: {served} of {CONNECTIONS} connections served")
    deadline = time.monotonic() + 20
    while time.monotonic() < deadline and fd_count(pid) > baseline:
        time.sleep(0.1)
    after = fd_count(pid)
    print(f"{label}: server fds back to {after} after the clients closed (idle {baseline})",
          flush=True)
    check(after == baseline, f"{label}: fds {after} after the clients left, {baseline} before")


def main():
    limit = raise_fd_limit(CONNECTIONS + 1000)
    print(f"soft limit on open files: {limit}", flush=True)

    server = TlsxServer(TLSX_SERVER, "--max-connections", str(CONNECTIONS + 50),
                        "--handshake-timeout", "120", "--timeout", "120")
    try:
        run("tlsx-server", server.pid, server.port, echo)
        check(server.alive(), "tlsx-server alive after the load")
    finally:
        server.stop()

    capture = CaptureServer(HELLO_CAPTURE, "--max-conns", str(CONNECTIONS + 50),
                            "--handshake-timeout", "120", "--idle-timeout", "120")
    try:
        run("hello-capture", capture.proc.pid, capture.port, get_json)
        check(capture.alive(), "hello-capture alive after the load")
        caps = capture.wait_for_captures(CONNECTIONS)
        check(len(caps) == CONNECTIONS, f"hello-capture: {len(caps)} captures for {CONNECTIONS}")
    finally:
        capture.stop()
        capture.cleanup()
    finish("load/concurrent")


if __name__ == "__main__":
    main()
