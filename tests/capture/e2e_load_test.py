#!/usr/bin/env python3
"""hello-capture under load and abuse: 300 concurrent Python ssl clients, each with its own SNI
name, must give exactly 300 valid JSON lines and each client must get back the capture of its own
hello (its name, and the client random its keylog file recorded); 100 garbage, truncated and
oversized hellos must be captured as malformed while the server keeps serving; a client that sends
one byte and stalls is dropped at the handshake timeout; --max-conns refuses the connection over
the limit; SIGTERM records the hello still in flight and flushes everything.

usage: e2e_load_test.py HELLO_CAPTURE_BINARY"""

import json
import os
import random
import re
import signal
import socket
import sqlite3
import sys
import tempfile
import threading
import time

from capture_harness import (Server, check, check_capture_shape, client_context, finish,
                             https_get, read_all, server_name_of)

BINARY = sys.argv[1]
CLIENTS = 300
GARBAGE = 100


def concurrent_clients(port, workdir):
    barrier = threading.Barrier(CLIENTS)
    results = [None] * CLIENTS

    def one(i):
        name = f"c{i:03d}.load.test"
        keylog = os.path.join(workdir, f"keylog-{i}.txt")
        try:
            barrier.wait(timeout=60)
            status, _, body = https_get(port, "/json", name, keylog=keylog)
            with open(keylog) as f:
                randoms = re.findall(r"^CLIENT_RANDOM ([0-9a-f]{64}) ", f.read(), re.M)
            results[i] = (name, status, json.loads(body), randoms)
        except Exception as e:  # noqa: BLE001 - reported as a failed check below
            results[i] = (name, 0, {"error": repr(e)}, [])

    threads = [threading.Thread(target=one, args=(i,)) for i in range(CLIENTS)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(120)
    return results


def record(payload, content_type=0x16, version=b"\x03\x01"):
    return bytes([content_type]) + version + len(payload).to_bytes(2, "big") + payload


def garbage_cases(real_hello):
    """GARBAGE byte strings that no TLS server can read as a ClientHello."""
    rng = random.Random(1234)
    hs = lambda body: b"\x01" + len(body).to_bytes(3, "big") + body  # noqa: E731
    makers = [
        lambda: bytes([rng.choice([0x00, 0x17, 0x47, 0xff])]) + os.urandom(rng.randint(1, 300)),
        lambda: b"GET / HTTP/1.1\r\nHost: localhost\r\n\r\n",
        lambda: b"\x80\x2e\x01\x03\x01" + os.urandom(45),  # SSLv2-style hello
        # Truncated: a real hello cut short, then the client closes.
        lambda: record(real_hello)[: rng.randint(1, len(real_hello) + 4)],
        # Oversized: a record longer than TLS allows, and a handshake message over the limit.
        lambda: b"\x16\x03\x01\xff\xff" + os.urandom(512),
        lambda: record(b"\x01\xff\xff\xff" + os.urandom(200)),
        # Whole messages that are not ClientHellos: bad inner lengths and trailing bytes.
        lambda: record(hs(real_hello[4:40])),
        lambda: record(hs(real_hello[4:] + b"\x00")),
        lambda: record(hs(b"\x03\x03" + os.urandom(32) + b"\x00\x00\x03\x13\x01\x01\x00")),
        lambda: record(hs(b"\x03\x03" + os.urandom(32) + b"\x21" + os.urandom(40))),
    ]
    return [makers[i % len(makers)]() for i in range(GARBAGE)]


def send_garbage(port, data):
    with socket.create_connection(("127.0.0.1", port), timeout=20) as s:
        s.sendall(data)
        s.shutdown(socket.SHUT_WR)
        try:
            return read_all(s, timeout=20)
        except OSError:
            return b""


def main():
    workdir = tempfile.mkdtemp(prefix="hello-capture-load-")
    # A generous handshake timeout here: the deadline counts from accept, and 300 handshakes at
    # once queue up behind the CPU (seconds in an ASan debug build). The stall test below runs on
    # a server of its own with a short one.
    server = Server(BINARY, "--handshake-timeout", "60", "--threads", "2", db=True)
    port = server.port
    expected = 0
    try:
        # ---- 300 concurrent clients, no cross-talk --------------------------------------------
        t0 = time.monotonic()
        results = concurrent_clients(port, workdir)
        elapsed = time.monotonic() - t0
        print(f"{CLIENTS} concurrent clients served in {elapsed:.1f}s", flush=True)
        expected += CLIENTS
        ok = 0
        for name, status, echo, randoms in results:
            good = (status == 200 and echo.get("outcome", {}).get("result") == "completed"
                    and server_name_of(echo) == name and len(randoms) == 1
                    and echo["tls"]["client_random"] == randoms[0])
            check(good, f"{name}: own capture back (status {status}, "
                        f"sni {server_name_of(echo) if 'tls' in echo else echo})")
            ok += good
        print(f"{ok}/{CLIENTS} clients got their own capture", flush=True)
        caps = server.wait_for_captures(CLIENTS)
        check(len(caps) == CLIENTS, f"{len(caps)} JSON lines for {CLIENTS} clients")
        check(all(l.startswith(b"{") and l.endswith(b"}") for l in server.raw_lines()[:-1]),
              "every line is one whole JSON object")
        pairs = {(server_name_of(c), c["tls"]["client_random"]) for c in caps}
        want = {(r[0], r[3][0]) for r in results if r[3]}
        check(pairs == want, "the stored (SNI, random) pairs are exactly the clients'")
        for c in caps:
            check_capture_shape(c, f"load {server_name_of(c)}")
        server.lines_seen = len(caps)
        real_hello = bytes.fromhex(caps[0]["tls"]["raw"])

        # ---- garbage ------------------------------------------------------------------------------
        for data in garbage_cases(real_hello):
            send_garbage(port, data)
        expected += GARBAGE
        bad = server.new_captures(GARBAGE)
        results = [c["outcome"]["result"] for c in bad]
        check(len(bad) == GARBAGE, f"{len(bad)} captures for {GARBAGE} garbage connections")
        check(results.count("malformed") == GARBAGE,
              f"garbage captured as malformed: {sorted(set(results))}")
        check(all("error" in c["outcome"] for c in bad), "malformed captures say why")
        with_raw = [c for c in bad if c["tls"].get("raw")]
        without = [c for c in bad if not c["tls"].get("raw")]
        check(all("parse_error" in c["tls"] for c in with_raw),
              "whole but invalid hellos: raw bytes and parse_error recorded")
        check(all(c["tls"].get("received") for c in without),
              "bytes that never made a hello: the received bytes recorded")
        print(f"garbage: {len(with_raw)} whole invalid hellos, {len(without)} incomplete/non-TLS",
              flush=True)
        check(server.alive(), "server alive after garbage")
        status, _, body = https_get(port, "/json", "after.garbage")
        expected += 1
        server.new_captures()
        check(status == 200 and server_name_of(json.loads(body)) == "after.garbage",
              "server still serves after garbage")

        # ---- a hello in flight when SIGTERM arrives ------------------------------------------------
        inflight = socket.create_connection(("127.0.0.1", port), timeout=20)
        inflight.sendall(record(real_hello))
        inflight.recv(1)  # the ServerHello flight started: the hello was read
        expected += 1
    finally:
        code = server.stop()
    check(code == 0, f"SIGTERM: exit status {code}")
    caps = server.captures()
    check(len(caps) == expected, f"{len(caps)} captures, expected {expected}")
    check(caps and caps[-1]["outcome"].get("result") == "shutdown",
          "the hello in flight at SIGTERM was recorded")
    db = sqlite3.connect(server.db)
    rows = db.execute("SELECT COUNT(*), COUNT(DISTINCT capture) FROM captures").fetchone()
    db.close()
    check(rows[0] == len(caps), f"SQLite holds {rows[0]} rows for {len(caps)} lines")

    # ---- one byte, then nothing: dropped at the handshake timeout --------------------------------
    stall = Server(BINARY, "--handshake-timeout", "2")
    s = socket.create_connection(("127.0.0.1", stall.port), timeout=30)
    s.sendall(b"\x16")
    t0 = time.monotonic()
    try:
        closed = s.recv(100) == b""
    except OSError:
        closed = True
    waited = time.monotonic() - t0
    s.close()
    [cap] = stall.new_captures()
    check(closed, "stalled client: the server closed the connection")
    print(f"stalled client dropped after {waited:.1f}s (--handshake-timeout 2)", flush=True)
    check(cap["outcome"].get("result") == "timeout" and cap["tls"].get("received") == "16",
          f"stalled client captured as timeout ({cap['outcome']}, {cap['tls']})")
    check("handshake timeout" in stall.log(), "the timeout is logged")
    check(stall.stop() == 0, "stall server stopped")

    # ---- --max-conns --------------------------------------------------------------------------------
    limited = Server(BINARY, "--max-conns", "3", "--handshake-timeout", "20")
    held = [socket.create_connection(("127.0.0.1", limited.port), timeout=20) for _ in range(3)]
    time.sleep(0.2)
    extra = socket.create_connection(("127.0.0.1", limited.port), timeout=20)
    try:
        refused = extra.recv(10) == b""
    except OSError:
        refused = True
    extra.close()
    check(refused, "--max-conns 3: the fourth connection is closed at once")
    for h in held:
        h.close()
    deadline = time.monotonic() + 20
    while time.monotonic() < deadline and limited.log().count("no-data") < 3:
        time.sleep(0.05)
    status, _, _ = https_get(limited.port, "/json")
    check(status == 200, "--max-conns 3: served again once connections closed")
    check(limited.stop(signal.SIGINT) == 0, "limited server stopped by SIGINT")
    check("SIGINT received, shutting down" in limited.log(), "SIGINT logged")
    check("refused: 3 connections open" in limited.log(), "the refusal is logged")
    if not os.environ.get("KEEP_TEST_DIRS"):
        server.cleanup()
        stall.cleanup()
        limited.cleanup()
    finish("e2e_load")


if __name__ == "__main__":
    main()
