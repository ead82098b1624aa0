#!/usr/bin/env python3
"""Records the ClientHello of real TLS clients as seeds for server_engine_fuzz.

A listener on 127.0.0.1 (a free port) accepts one connection per client, reads the records up to
the end of the ClientHello, and closes the connection, so the client fails harmlessly. Clients:
openssl s_client, gnutls-cli, curl and python3's ssl module. Each ClientHello is written, as the
records arrived, in the fuzzers' input format (scenario byte 0, then one frame: a 2-byte length
and the bytes) to fuzz/corpus/server_engine/real_<client>.

Usage: fuzz/capture_real_client_hellos.py   (regenerates the files; random fields change)
"""
import os
import socket
import ssl
import subprocess
import sys
import threading

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
OUT = os.path.join(ROOT, "fuzz", "corpus", "server_engine")


def read_exact(conn, n):
    data = b""
    while len(data) < n:
        chunk = conn.recv(n - len(data))
        if not chunk:
            raise EOFError("connection closed inside a record")
        data += chunk
    return data


def read_client_hello(conn):
    """Returns the raw records that carry the first handshake message."""
    raw, message = b"", b""
    while len(message) < 4 or len(message) < 4 + int.from_bytes(message[1:4], "big"):
        header = read_exact(conn, 5)
        body = read_exact(conn, int.from_bytes(header[3:5], "big"))
        if header[0] != 22:
            raise ValueError("not a handshake record")
        raw += header + body
        message += body
    return raw


def python_client(port):
    ctx = ssl.create_default_context()
    ctx.check_hostname = False
    ctx.verify_mode = ssl.CERT_NONE
    ctx.maximum_version = ssl.TLSVersion.TLSv1_2
    with socket.create_connection(("127.0.0.1", port), timeout=5) as s:
        try:
            with ctx.wrap_socket(s, server_hostname="localhost"):
                pass
        except (ssl.SSLError, OSError):
            pass


def commands(port):
    return {
        "openssl_s_client": ["openssl", "s_client", "-connect", f"127.0.0.1:{port}",
                             "-servername", "localhost"],
        "gnutls_cli": ["gnutls-cli", "--insecure", "--sni-hostname=localhost",
                       "-p", str(port), "127.0.0.1"],
        "curl": ["curl", "-sk", "--tlsv1.2", "-m", "5", "--resolve",
                 f"localhost:{port}:127.0.0.1", f"https://localhost:{port}/"],
        "python3_ssl": None,
    }


def capture(name):
    listener = socket.socket()
    listener.bind(("127.0.0.1", 0))
    listener.listen(1)
    listener.settimeout(10)
    port = listener.getsockname()[1]
    argv = commands(port)[name]
    if argv is None:
        client = threading.Thread(target=python_client, args=(port,))
        client.start()
    else:
        client = subprocess.Popen(argv, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
                                  stderr=subprocess.DEVNULL)
    try:
        conn, _ = listener.accept()
        conn.settimeout(5)
        with conn:
            raw = read_client_hello(conn)
    finally:
        listener.close()
        if argv is None:
            client.join(10)
        else:
            try:
                client.wait(10)
            except subprocess.TimeoutExpired:
                client.kill()  # our own child only
                client.wait()
    seed = bytes([0]) + len(raw).to_bytes(2, "big") + raw
    path = os.path.join(OUT, f"real_{name}")
    with open(path, "wb") as f:
        f.write(seed)
    print(f"{path}: {len(raw)} bytes of records")


def main():
    os.makedirs(OUT, exist_ok=True)
    for name in commands(0):
        capture(name)
    return 0


if __name__ == "__main__":
    sys.exit(main())
