#!/usr/bin/env python3
"""Session resumption over loopback, both roles. tlsx-server (session IDs: --tickets off;
tickets: --session-cache 0) against `openssl s_client -reconnect` and `-sess_out`/`-sess_in`,
`gnutls-cli --resume`, curl with two URLs and `Connection: close` (session IDs: curl offers no
tickets in TLS 1.2), and Python's ssl with
`session=`; tlsx-client --reconnect against `openssl s_server -www` with and without
`-no_ticket` and against `gnutls-serv`, plus --sess-out/--sess-in across two runs. Every case
asserts the resumption on both sides where the peer says so: the client's own report and the
server's (tlsx-server's log line `resumed=yes`, s_server's page `Reused,`)."""

import os
import re
import shutil
import socket
import ssl
import sys
import time

from interop import (Cases, PROCS, TlsxServer, check, env_with, gnutls_server, interact,
                     openssl_server, parse_args, pki, run, tlsx_client)

TLS12 = "NORMAL:-VERS-ALL:+VERS-TLS1.2"
# tlsx-server with one resumption mechanism only, so that a resumption proves that mechanism.
SESSION_IDS = ["--tickets", "off", "--session-cache", "100"]
TICKETS = ["--tickets", "on", "--session-cache", "0"]
MECHANISMS = [("session ID", SESSION_IDS), ("ticket", TICKETS)]


def wait_connections(server, want, timeout=5.0):
    """The resumed= values of the first `want` connection lines of the server's log."""
    # tlsx-server logs one line per connection when it ends; poll until enough have come.
    deadline = time.monotonic() + timeout
    while True:
        values = re.findall(r" resumed=(yes|no)\b", server.log.text())
        if len(values) >= want or time.monotonic() > deadline:
            break
        time.sleep(0.05)
    check(len(values) >= want, f"expected {want} connection lines in the server log",
          server.log.text())
    return values[:want]


def check_server_resumed(server, connections):
    """One connection is full, every other one resumed (tlsx-server's log). The server logs a
    connection when it ends, so a resumed connection may be logged before the full one (curl
    with two URLs holds the first connection open while the second handshakes)."""
    values = wait_connections(server, connections)
    check(sorted(values) == ["no"] + ["yes"] * (connections - 1),
          f"server log: resumed= {values}, expected no then {connections - 1} x yes",
          server.log.text())


def s_client_cmd(args, port, extra):
    return ["openssl", "s_client", "-connect", f"127.0.0.1:{port}", "-CAfile",
            pki(args, "ca.pem"), "-verify_return_error", "-servername", "localhost",
            "-tls1_2"] + list(extra)


# ---- tlsx-server with peers as clients ----

def s_client_reconnect(args, mechanism):
    server = TlsxServer(args, mechanism)
    try:
        extra = ["-reconnect"] + (["-no_ticket"] if mechanism is SESSION_IDS else [])
        code, out = run(s_client_cmd(args, server.port, extra))
        check(code == 0, f"s_client exited with {code}", out)
        # -reconnect: the first connection and five more, each printing New or Reused.
        new = len(re.findall(r"^New, TLSv1\.2, Cipher is", out, re.M))
        reused = len(re.findall(r"^Reused, TLSv1\.2, Cipher is", out, re.M))
        check(new == 1 and reused == 5, f"s_client: {new} New and {reused} Reused, expected 1 and 5",
              out)
        check_server_resumed(server, 6)
    finally:
        server.stop()


def s_client_sess_files(args, mechanism, tmp):
    server = TlsxServer(args, mechanism)
    try:
        path = os.path.join(tmp, f"s_client-{mechanism[1]}.sess")
        no_ticket = ["-no_ticket"] if mechanism is SESSION_IDS else []
        code, out = run(s_client_cmd(args, server.port, ["-sess_out", path] + no_ticket))
        check(code == 0 and re.search(r"^New, ", out, re.M), "first s_client: a new session", out)
        check_server_resumed(server, 1)
        code, out = run(s_client_cmd(args, server.port, ["-sess_in", path] + no_ticket))
        check(code == 0, f"second s_client exited with {code}", out)
        check(re.search(r"^Reused, TLSv1\.2, ", out, re.M), "second s_client: Reused", out)
        check_server_resumed(server, 2)
    finally:
        server.stop()


def gnutls_cli_resume(args, mechanism):
    server = TlsxServer(args, mechanism)
    try:
        cmd = ["gnutls-cli", "--x509cafile", pki(args, "ca.pem"), "--port", str(server.port),
               "--sni-hostname", "localhost", "--verify-hostname", "localhost", "--priority",
               TLS12, "--resume", "127.0.0.1"]
        if mechanism is SESSION_IDS:
            cmd.insert(1, "--noticket")
        code, out = interact(cmd, b"GET /gnutls HTTP/1.1\r\nHost: localhost\r\n\r\n")
        check(code is not None, "gnutls-cli did not finish", out)
        check("*** This is a resumed session" in out, "gnutls-cli: not resumed", out)
        check("resumed: yes" in out, "the page should say resumed: yes", out)
        check_server_resumed(server, 2)
    finally:
        server.stop()


def curl_two_urls(args, mechanism):
    server = TlsxServer(args, mechanism)
    try:
        base = f"https://localhost:{server.port}"
        cmd = ["curl", "-sS", "--max-time", "10", "--tlsv1.2", "--tls-max", "1.2", "--cacert",
               pki(args, "ca.pem"), "--resolve", f"localhost:{server.port}:127.0.0.1", "-H",
               "Connection: close", f"{base}/first", f"{base}/second"]
        code, out = run(cmd)
        check(code == 0, f"curl exited with {code}", out)
        pages = out.count("Hello from tlsx-server")
        check(pages == 2, f"{pages} pages, expected 2", out)
        check("resumed: no" in out and "resumed: yes" in out,
              "the pages should say resumed: no, then yes", out)
        check(out.index("resumed: no") < out.index("resumed: yes"), "order of the pages", out)
        check_server_resumed(server, 2)
    finally:
        server.stop()


def python_session(args, mechanism):
    server = TlsxServer(args, mechanism)
    try:
        ctx = ssl.SSLContext(ssl.PROTOCOL_TLS_CLIENT)
        ctx.load_verify_locations(pki(args, "ca.pem"))
        ctx.minimum_version = ssl.TLSVersion.TLSv1_2
        ctx.maximum_version = ssl.TLSVersion.TLSv1_2
        if mechanism is SESSION_IDS:
            ctx.options |= ssl.OP_NO_TICKET
        session = None
        for i in range(3):
            with socket.create_connection(("127.0.0.1", server.port), timeout=10) as raw:
                with ctx.wrap_socket(raw, server_hostname="localhost", session=session) as tls:
                    check(tls.session_reused == (i > 0),
                          f"python connection {i}: session_reused={tls.session_reused}")
                    if mechanism is TICKETS:
                        check(tls.session.has_ticket, "python: the session should hold a ticket")
                    session = tls.session
                    tls.sendall(f"GET /python{i} HTTP/1.1\r\nHost: localhost\r\n\r\n".encode())
                    body = b""
                    while True:
                        chunk = tls.recv(4096)
                        if not chunk:
                            break
                        body += chunk
                    want = "resumed: yes" if i > 0 else "resumed: no"
                    check(want in body.decode(), f"page {i}: {want}", body.decode())
        check_server_resumed(server, 3)
    finally:
        server.stop()


def tlsx_server_cache_off(args):
    """--session-cache 0 --tickets off: nothing to resume, every connection is full."""
    server = TlsxServer(args, ["--session-cache", "0", "--tickets", "off"])
    try:
        code, out = run(s_client_cmd(args, server.port, ["-reconnect"]))
        check(code == 0, f"s_client exited with {code}", out)
        check(len(re.findall(r"^New, TLSv1\.2", out, re.M)) == 6 and "Reused," not in out,
              "s_client: six new sessions", out)
        values = wait_connections(server, 6)
        check(values == ["no"] * 6, f"server log: resumed= {values}", server.log.text())
    finally:
        server.stop()


# ---- tlsx-client against peer servers ----

def client_args(args, extra):
    return ["--servername", "localhost", "--cafile", pki(args, "ca.pem")] + list(extra)


def check_client_resumed(out, connections):
    values = re.findall(r"^resumed: (yes|no)$", out, re.M)
    check(values == ["no"] + ["yes"] * (connections - 1),
          f"tlsx-client: resumed: {values}, expected no then {connections - 1} x yes", out)


def client_vs_s_server(args, no_ticket, tmp):
    server = openssl_server(args, ["-tls1_2", "-www"] + (["-no_ticket"] if no_ticket else []))
    try:
        keylog = os.path.join(tmp, f"client-s_server-{no_ticket}.keys")
        code, out = tlsx_client(args, f"127.0.0.1:{server.port}",
                                client_args(args, ["--reconnect", "2", "--send",
                                                   r"GET / HTTP/1.0\r\n\r\n"]),
                                env=env_with(SSLKEYLOGFILE=keylog))
        check(code == 0, f"tlsx-client exited with {code}", out)
        check_client_resumed(out, 3)
        # s_server -www says on its page whether it resumed the session.
        states = re.findall(r"^(New|Reused), TLSv1\.2, Cipher is", out, re.M)
        check(states == ["New", "Reused", "Reused"], f"s_server pages: {states}", out)
        # One CLIENT_RANDOM line per connection, resumed ones included (Wireshark needs them).
        with open(keylog) as f:
            lines = [line for line in f if line.startswith("CLIENT_RANDOM ")]
        check(len(lines) == 3 and len({line.split()[1] for line in lines}) == 3,
              f"key log: {len(lines)} CLIENT_RANDOM lines, expected 3 distinct", "".join(lines))
    finally:
        server.stop()


def client_vs_gnutls_serv(args, no_ticket):
    server = gnutls_server(args, ["--echo", "--priority", TLS12] +
                           (["--noticket"] if no_ticket else []))
    try:
        extra = ["--reconnect", "2", "--send", r"resume probe\n", "--idle", "0.3"]
        if no_ticket:
            extra.append("--no-tickets")
        code, out = tlsx_client(args, f"127.0.0.1:{server.port}", client_args(args, extra))
        check(code == 0, f"tlsx-client exited with {code}", out)
        check_client_resumed(out, 3)
        check(out.count("reply:\nresume probe\n") == 3, "gnutls-serv should echo each time", out)
    finally:
        server.stop()


def client_sess_files(args, tmp):
    """--sess-out then --sess-in across two tlsx-client processes, against tlsx-server."""
    server = TlsxServer(args, [])
    try:
        path = os.path.join(tmp, "tlsx-client.sess")
        extra = ["--send", r"GET /sess HTTP/1.0\r\n\r\n"]
        code, out = tlsx_client(args, f"127.0.0.1:{server.port}",
                                client_args(args, extra + ["--sess-out", path]))
        check(code == 0 and "resumed: no" in out, "first tlsx-client: full handshake", out)
        check(os.stat(path).st_mode & 0o077 == 0, "--sess-out file readable by others")
        code, out = tlsx_client(args, f"127.0.0.1:{server.port}",
                                client_args(args, extra + ["--sess-in", path]))
        check(code == 0, f"second tlsx-client exited with {code}", out)
        check(re.search(r"^resumed: yes$", out, re.M), "second tlsx-client: resumed", out)
        check_server_resumed(server, 2)
    finally:
        server.stop()


def main():
    args = parse_args(__doc__)
    cases = Cases(args)
    have = {tool: shutil.which(tool) is not None
            for tool in ("openssl", "gnutls-cli", "gnutls-serv", "curl")}
    try:
        for name, mechanism in MECHANISMS:
            if have["openssl"]:
                cases.add(f"s_client -reconnect, {name}", s_client_reconnect, args, mechanism)
                cases.add(f"s_client -sess_out/-sess_in, {name}", s_client_sess_files, args,
                          mechanism, cases.tmp)
            if have["gnutls-cli"]:
                cases.add(f"gnutls-cli --resume, {name}", gnutls_cli_resume, args, mechanism)
            # curl 7.88 (OpenSSL backend) sets SSL_OP_NO_TICKET below TLS 1.3: it never offers
            # the session_ticket extension, so it resumes by session ID only. Its ticket-mode
            # case runs against the default server (cache and tickets both on) instead.
            if have["curl"]:
                if mechanism is SESSION_IDS:
                    cases.add("curl two URLs, session ID", curl_two_urls, args, mechanism)
                else:
                    cases.add("curl two URLs, default server (cache and tickets on)",
                              curl_two_urls, args, [])
            cases.add(f"python ssl session=, {name}", python_session, args, mechanism)
        if have["openssl"]:
            cases.add("tlsx-server --session-cache 0 --tickets off", tlsx_server_cache_off, args)
            cases.add("tlsx-client --reconnect 2 vs s_server", client_vs_s_server, args, False,
                      cases.tmp)
            cases.add("tlsx-client --reconnect 2 vs s_server -no_ticket", client_vs_s_server,
                      args, True, cases.tmp)
        if have["gnutls-serv"]:
            cases.add("tlsx-client --reconnect 2 vs gnutls-serv", client_vs_gnutls_serv, args,
                      False)
            cases.add("tlsx-client --reconnect 2 --no-tickets vs gnutls-serv --noticket",
                      client_vs_gnutls_serv, args, True)
        cases.add("tlsx-client --sess-out/--sess-in", client_sess_files, args, cases.tmp)
        return cases.run()
    finally:
        PROCS.stop_all()


if __name__ == "__main__":
    sys.exit(main())
