#!/usr/bin/env python3
"""hello-capture against real clients over 127.0.0.1: curl, openssl s_client (several suites,
SNI, ALPN, TLS 1.3 only), gnutls-cli and Python's ssl. Every capture's JA3 is recomputed here from
its raw hex; the echo (HTML, JSON, JSON line, stats) and the SQLite store are checked, and the
server must stop cleanly on SIGTERM. Also checks the self-signed certificate's creation and reuse.

usage: e2e_clients_test.py HELLO_CAPTURE_BINARY"""

import json
import os
import re
import shutil
import socket
import sqlite3
import ssl
import subprocess
import sys

from capture_harness import (Server, check, check_capture_shape, client_context, finish,
                             https_get, read_all, server_name_of)

BINARY = sys.argv[1]


def run(argv, stdin=b"", timeout=30):
    p = subprocess.run(argv, input=stdin, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                       timeout=timeout)
    return p.returncode, p.stdout, p.stderr


def s_client(port, *args):
    """openssl s_client sending one line; returns its stdout (our JSON line, if it got one)."""
    _, out, _ = run(["openssl", "s_client", "-connect", f"127.0.0.1:{port}", "-quiet", *args],
                    stdin=b"hello\n")
    return out


def json_line_of(output):
    for line in output.decode("utf-8", "replace").splitlines():
        if line.startswith("{"):
            return json.loads(line)
    return None


def ext(capture, name):
    for e in capture["tls"].get("extensions", []):
        if e["name"] == name:
            return e
    return None


def main():
    state = os.path.join(os.environ.get("TMPDIR", "/tmp"), f"hello-capture-state-{os.getpid()}")
    shutil.rmtree(state, ignore_errors=True)
    server = Server(BINARY, use_test_pki=False, env={"XDG_STATE_HOME": state}, db=True)
    clients = 0
    try:
        log = server.log()
        check("created a self-signed certificate for localhost" in log, "self-signed: created")
        cert = os.path.join(state, "tlsx", "hello-capture-localhost.pem")
        check(os.path.exists(cert), f"self-signed: {cert} exists")
        port = server.port

        # curl: the JSON echo is the stored capture.
        code, out, err = run(["curl", "-sk", "--max-time", "20", f"https://localhost:{port}/json"])
        clients += 1
        check(code == 0, f"curl /json exit {code}: {err[-300:]!r}")
        [cap] = server.new_captures()
        check_capture_shape(cap, "curl")
        echo = json.loads(out) if code == 0 else {}
        check(echo == cap, "curl: /json echo equals the stored capture")
        o = cap["outcome"]
        check(o.get("result") == "completed", f"curl: completed ({o})")
        check(o.get("version") == "TLS 1.2", "curl: TLS 1.2")
        check(o.get("alpn") == "http/1.1", f"curl: ALPN http/1.1 ({o.get('alpn')})")
        check(server_name_of(cap) == "localhost", "curl: SNI localhost")
        alpn = ext(cap, "application_layer_protocol_negotiation")
        check(alpn is not None and "http/1.1" in alpn.get("protocols", []), "curl: ALPN decoded")

        # curl: HTML page and stats.
        code, out, _ = run(["curl", "-sk", "--max-time", "20", f"https://localhost:{port}/"])
        clients += 1
        [cap] = server.new_captures()
        page = out.decode("utf-8", "replace")
        check(code == 0 and "<h1>Your TLS ClientHello</h1>" in page, "curl /: HTML page")
        check(cap["tls"]["ja4"] in page and cap["tls"]["client_random"] in page,
              "curl /: the page shows this connection's JA4 and random")
        check("TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256" in page and "server_name" in page,
              "curl /: suite and extension tables")

        # openssl s_client: suites, SNI, ALPN; each answer is its own capture as one JSON line.
        cases = [
            (["-tls1_2", "-cipher", "ECDHE-RSA-AES128-GCM-SHA256", "-servername", "s1.example"],
             "completed", "TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256", "s1.example"),
            (["-tls1_2", "-cipher", "ECDHE-RSA-AES256-GCM-SHA384", "-servername", "s2.example"],
             "completed", "TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384", "s2.example"),
            (["-tls1_2", "-cipher", "AES256-SHA256", "-noservername"],
             "completed", "TLS_RSA_WITH_AES_256_CBC_SHA256", None),
            (["-tls1_2", "-cipher", "ECDHE-RSA-AES256-SHA", "-alpn", "http/1.1",
              "-servername", "s3.example"],
             "completed", "TLS_ECDHE_RSA_WITH_AES_256_CBC_SHA", "s3.example"),
        ]
        for args, result, suite, sni in cases:
            label = "s_client " + " ".join(args)
            out = s_client(port, *args)
            clients += 1
            [cap] = server.new_captures()
            check_capture_shape(cap, label)
            o = cap["outcome"]
            check(o.get("result") == result, f"{label}: {result} ({o})")
            check(o.get("cipher_suite") == suite, f"{label}: suite {o.get('cipher_suite')}")
            check(server_name_of(cap) == sni, f"{label}: SNI {server_name_of(cap)!r}")
            check(cap["tls"]["ja4"][3] == ("d" if sni else "i"), f"{label}: JA4 SNI flag")
            check(cap["tls"]["record_version"] in ("0x0301", "0x0303"), f"{label}: record version")
            check(json_line_of(out) == cap, f"{label}: the JSON line echo is the capture")
            if "-alpn" in args:
                check(o.get("alpn") == "http/1.1", f"{label}: ALPN negotiated")
                check(cap["tls"]["ja4"][8:10] == "h1", f"{label}: JA4 ALPN h1")
            if "CBC" in suite:
                check(o.get("encrypt_then_mac") is True, f"{label}: encrypt_then_mac")

        # Refused handshakes are captured too, with the alert tlsx sent.
        refused = [
            (["-tls1_3"], "protocol_version"),
            (["-tls1_2", "-cipher", "ECDHE-ECDSA-AES128-GCM-SHA256"], "handshake_failure"),
            (["-tls1_2", "-alpn", "h2"], "no_application_protocol"),
        ]
        for args, alert in refused:
            label = "s_client " + " ".join(args)
            s_client(port, *args)
            clients += 1
            [cap] = server.new_captures()
            check_capture_shape(cap, label)
            o = cap["outcome"]
            check(o.get("result") == "alert_sent" and o.get("alert") == alert,
                  f"{label}: alert_sent {alert} ({o})")
            if "-tls1_3" in args:
                versions = ext(cap, "supported_versions")
                check(versions is not None and versions["versions"] == ["TLS 1.3 (0x0304)"],
                      f"{label}: supported_versions is TLS 1.3 only")
                check(cap["tls"]["ja4"].startswith("t13"), f"{label}: JA4 version 13")

        # gnutls-cli
        code, out, err = run(["gnutls-cli", "--insecure", "-p", str(port), "localhost"],
                             stdin=b"hello\n")
        clients += 1
        [cap] = server.new_captures()
        check_capture_shape(cap, "gnutls-cli")
        check(cap["outcome"].get("result") == "completed", f"gnutls-cli: completed {cap['outcome']}")
        check(json_line_of(out) == cap, "gnutls-cli: the JSON line echo is the capture")

        # Python ssl, with Accept: application/json on /
        status, headers, body = https_get(port, "/", "py.example",
                                          {"Accept": "application/json"})
        clients += 1
        [cap] = server.new_captures()
        check_capture_shape(cap, "python")
        check(status == 200 and headers.get("content-type") == "application/json",
              f"python: JSON by Accept ({status} {headers.get('content-type')})")
        check(json.loads(body) == cap, "python: echo equals capture")
        check(server_name_of(cap) == "py.example", "python: SNI")
        check(cap["outcome"].get("server_name") == "py.example", "python: outcome server_name")
        check(cap["outcome"].get("resumed") is False, "python: a fresh connection is not resumed")

        # Resumption: Python reconnects with the session of its first connection, once offering
        # only the session ID (OP_NO_TICKET), once the ticket; each capture says whether it
        # resumed, and the resuming hello carries what it offered.
        for mechanism in ("session_id", "ticket"):
            label = f"python resumption by {mechanism}"
            ctx = client_context()
            ctx.maximum_version = ssl.TLSVersion.TLSv1_2
            if mechanism == "session_id":
                ctx.options |= ssl.OP_NO_TICKET
            session = None
            for i in range(2):
                with socket.create_connection(("127.0.0.1", port), timeout=30) as raw:
                    with ctx.wrap_socket(raw, server_hostname="localhost", session=session) as s:
                        check(s.session_reused == (i == 1), f"{label}: session_reused on {i}")
                        session = s.session
                        s.sendall(b"GET /json HTTP/1.1\r\nHost: localhost\r\n\r\n")
                        read_all(s)
                clients += 1
                [cap] = server.new_captures()
                check_capture_shape(cap, label)
                check(cap["outcome"].get("result") == "completed", f"{label}: completed")
                check(cap["outcome"].get("resumed") is (i == 1),
                      f"{label}: outcome.resumed on connection {i} ({cap['outcome']})")
                if i == 1 and mechanism == "session_id":
                    check(len(cap["tls"]["session_id"]) > 0, f"{label}: hello offers the ID")
                if i == 1 and mechanism == "ticket":
                    ticket = ext(cap, "session_ticket")
                    check(ticket is not None and ticket["length"] > 0,
                          f"{label}: hello offers the ticket ({ticket})")

        # Stats: from SQLite (--db), HTML and JSON.
        status, _, body = https_get(port, "/stats.json")
        clients += 1
        server.new_captures()
        stats = json.loads(body)
        all_caps = server.captures()
        check(stats["captures"] == len(all_caps), f"stats: {stats['captures']} == {len(all_caps)}")
        ja4_total = sum(e["count"] for e in stats["ja4"])
        check(ja4_total == len(all_caps), "stats: JA4 counts add up")
        curl_ja4 = all_caps[0]["tls"]["ja4"]
        check(any(e["ja4"] == curl_ja4 and e["count"] >= 2 for e in stats["ja4"]),
              "stats: curl's JA4 counted twice")
        status, _, body = https_get(port, "/stats")
        clients += 1
        server.new_captures()
        check(status == 200 and curl_ja4.encode() in body, "stats: HTML lists JA4")
        status, _, _ = https_get(port, "/nothing-here")
        clients += 1
        server.new_captures()
        check(status == 404, "unknown path: 404")
    finally:
        code = server.stop()
    check(code == 0, f"SIGTERM: exit status {code}")
    log = server.log()
    check("shutting down" in log, "SIGTERM: logged")
    conn_lines = [l for l in log.splitlines() if re.search(r" #\d+ 127\.0\.0\.1:\d+ ", l)]
    check(len(conn_lines) == clients, f"one log line per connection ({len(conn_lines)} / {clients})")
    caps = server.captures()
    check(len(caps) == clients, f"{len(caps)} captures for {clients} connections")
    check(server.raw_lines()[-1] == b"", "the JSON Lines file ends with a newline")
    db = sqlite3.connect(server.db)
    rows = db.execute("SELECT ja4, ja3_hash, result, capture FROM captures ORDER BY id").fetchall()
    check(len(rows) == len(caps), f"SQLite rows {len(rows)} == JSON lines {len(caps)}")
    check(all(json.loads(r[3]) == c for r, c in zip(rows, caps)), "SQLite capture column == lines")
    check(all(r[0] == c["tls"]["ja4"] and r[1] == c["tls"]["ja3_hash"] for r, c in zip(rows, caps)),
          "SQLite fingerprint columns")
    indexes = {r[0] for r in db.execute("SELECT name FROM sqlite_master WHERE type = 'index'")}
    check({"captures_ja4", "captures_ja3_hash"} <= indexes, f"SQLite indexes {indexes}")
    db.close()

    # The certificate is reused on the next start.
    again = Server(BINARY, use_test_pki=False, env={"XDG_STATE_HOME": state})
    check("using the self-signed certificate" in again.log(), "self-signed: reused")
    again.stop()
    again.cleanup()
    if not os.environ.get("KEEP_TEST_DIRS"):
        server.cleanup()
    shutil.rmtree(state, ignore_errors=True)
    finish("e2e_clients")


if __name__ == "__main__":
    main()
