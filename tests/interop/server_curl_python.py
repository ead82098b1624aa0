#!/usr/bin/env python3
"""tlsx-server against curl (--tlsv1.2 --tls-max 1.2 --cacert: the body arrives) and against
Python's ssl module as a client, for every ECDHE suite."""

import shutil
import socket
import ssl
import sys

from interop import (RSA_CERT_SUITES, Cases, Failure, PROCS, TlsxServer, check, is_ecdhe, parse_args,
                     pki, run)


def curl_case(args, server, extra, want):
    cmd = ["curl", "-sS", "--max-time", "10", "--tlsv1.2", "--tls-max", "1.2", "--cacert",
           pki(args, "ca.pem"), "--resolve", f"localhost:{server.port}:127.0.0.1",
           f"https://localhost:{server.port}/curl"] + list(extra)
    code, out = run(cmd)
    check(code == 0, f"curl exited with {code}", out)
    check("Hello from tlsx-server" in out, "no body", out)
    for text in want:
        check(text in out, f"expected '{text}'", out)


def python_case(args, server, iana, ossl):
    ctx = ssl.SSLContext(ssl.PROTOCOL_TLS_CLIENT)
    ctx.load_verify_locations(pki(args, "ca.pem"))
    ctx.minimum_version = ssl.TLSVersion.TLSv1_2
    ctx.maximum_version = ssl.TLSVersion.TLSv1_2
    ctx.set_ciphers(ossl)
    ctx.set_alpn_protocols(["http/1.1"])
    with socket.create_connection(("127.0.0.1", server.port), timeout=10) as raw:
        with ctx.wrap_socket(raw, server_hostname="localhost") as tls:
            check(tls.version() == "TLSv1.2", f"version {tls.version()}")
            check(tls.cipher()[0] == ossl, f"cipher {tls.cipher()}")
            check(tls.selected_alpn_protocol() == "http/1.1", "ALPN")
            tls.sendall(b"GET /python HTTP/1.1\r\nHost: localhost\r\n\r\n")
            body = b""
            while True:
                chunk = tls.recv(4096)  # b"" once tlsx-server's close_notify arrived
                if not chunk:
                    break
                body += chunk
            text = body.decode()
            check(f"cipher suite: {iana}" in text, "page names the suite", text)
            check("extended master secret: yes" in text and "SNI: localhost" in text, "page",
                  text)
            # Then an echo connection: lines come back as sent.
    with socket.create_connection(("127.0.0.1", server.port), timeout=10) as raw:
        with ctx.wrap_socket(raw, server_hostname="localhost") as tls:
            lines = [b"first line\n", b"x" * 5000 + b"\n", b"last\n"]
            got = b""
            for line in lines:
                tls.sendall(line)
                while not got.endswith(line):
                    chunk = tls.recv(65536)
                    check(chunk, "connection closed during echo")
                    got += chunk
            check(got == b"".join(lines), "echo differs")
            tls.unwrap()  # close_notify both ways


def tls_client_context(args):
    ctx = ssl.SSLContext(ssl.PROTOCOL_TLS_CLIENT)
    ctx.load_verify_locations(pki(args, "ca.pem"))
    ctx.maximum_version = ssl.TLSVersion.TLSv1_2
    return ctx


def open_tls(ctx, port, timeout=10):
    raw = socket.create_connection(("127.0.0.1", port), timeout=timeout)
    return ctx.wrap_socket(raw, server_hostname="localhost")


def echo_once(tls, line):
    tls.sendall(line)
    got = b""
    while not got.endswith(b"\n"):
        chunk = tls.recv(4096)
        check(chunk, "connection closed during echo")
        got += chunk
    check(got == line, f"echo {got!r} != {line!r}")


def concurrency_case(args, server):
    """Connections are served at once: four held open mid-conversation do not stop a fifth."""
    ctx = tls_client_context(args)
    held = [open_tls(ctx, server.port) for _ in range(4)]
    try:
        for i, tls in enumerate(held):
            echo_once(tls, f"held {i}\n".encode())
        with open_tls(ctx, server.port) as tls:
            echo_once(tls, b"while four others wait\n")
            tls.unwrap()
        for i, tls in enumerate(held):
            echo_once(tls, f"still here {i}\n".encode())
    finally:
        for tls in held:
            tls.close()


def connection_cap_case(args, server):
    """With --max-connections 2 a third connection waits until one of the two ends."""
    ctx = tls_client_context(args)
    first, second = open_tls(ctx, server.port), open_tls(ctx, server.port)
    try:
        echo_once(first, b"one\n")
        echo_once(second, b"two\n")
        raw = socket.create_connection(("127.0.0.1", server.port), timeout=10)
        raw.settimeout(1.0)
        third = ssl.SSLContext.wrap_socket(ctx, raw, server_hostname="localhost",
                                           do_handshake_on_connect=False)
        try:
            third.do_handshake()
            raise Failure("the third connection was served while two were open")
        except (socket.timeout, TimeoutError):
            pass  # no slot: tlsx-server has not accepted it yet
        first.unwrap()
        first.close()
        third.settimeout(10)
        third.do_handshake()
        echo_once(third, b"three\n")
        third.close()
    finally:
        first.close()
        second.close()


def main():
    args = parse_args(__doc__)
    cases = Cases(args)
    server = TlsxServer(args, ["--alpn", "http/1.1"])
    capped = TlsxServer(args, ["--max-connections", "2"])
    try:
        if shutil.which("curl"):
            cases.add("curl default", curl_case, args, server, [],
                      ["cipher suite: TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256", "ALPN: http/1.1"])
            cases.add("curl --ciphers ECDHE-RSA-AES256-SHA", curl_case, args, server,
                      ["--ciphers", "ECDHE-RSA-AES256-SHA"],
                      ["cipher suite: TLS_ECDHE_RSA_WITH_AES_256_CBC_SHA"])
            cases.add("curl --ciphers AES256-GCM-SHA384", curl_case, args, server,
                      ["--ciphers", "AES256-GCM-SHA384"],
                      ["cipher suite: TLS_RSA_WITH_AES_256_GCM_SHA384"])
        for iana, ossl in RSA_CERT_SUITES:
            if is_ecdhe(iana):
                cases.add(f"python ssl {ossl}", python_case, args, server, iana, ossl)
        cases.add("five concurrent connections", concurrency_case, args, server)
        cases.add("--max-connections 2 holds back a third", connection_cap_case, args, capped)
        return cases.run()
    finally:
        PROCS.stop_all()


if __name__ == "__main__":
    sys.exit(main())
