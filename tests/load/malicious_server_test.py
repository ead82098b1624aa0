#!/usr/bin/env python3
"""A malicious server against tlsx-client: after a plausible ServerHello it sends
  - 200 certificates (about 180 KB, over Limits::max_certificate_message, 64 KiB),
  - a Certificate message that announces 1 MiB (and keeps sending),
  - 50 certificates in a message under 64 KiB (over Limits::max_certificate_chain_length, 10),
  - one certificate of 5,000 nested DER SEQUENCEs (about 20 KB): the X.509 reader descends only
    as far as the certificate's shape allows (it wants the serial INTEGER two levels down) and
    its DER reader refuses nesting deeper than 32 anyway, so no recursion follows the input.
tlsx-client must refuse each within BOUND seconds of starting (process start included), exit
with status 1 (no crash, no sanitizer report), and send the fatal alert the limit names, which
the fake server reads off the socket: decode_error for the oversized messages (the reassembler
refuses the announced length before buffering it), bad_certificate for the chain length and the
nesting. Everything before the Certificate is unencrypted, so no keys are needed.

usage: malicious_server_test.py TLSX_CLIENT"""

import os
import socket
import subprocess
import sys
import threading
import time

from load_harness import PKI, check, finish, sanitized

CLIENT = sys.argv[1]
BOUND = 6.0 if sanitized(CLIENT) else 2.0
ALERTS = {10: "unexpected_message", 20: "bad_record_mac", 22: "record_overflow",
          40: "handshake_failure", 42: "bad_certificate", 50: "decode_error",
          80: "internal_error"}


def u24(n):
    return n.to_bytes(3, "big")


def records(content_type, data, size=16384):
    return b"".join(bytes([content_type, 3, 3]) + len(data[i:i + size]).to_bytes(2, "big") +
                    data[i:i + size] for i in range(0, len(data), size))


def server_hello():
    extensions = b"\xff\x01\x00\x01\x00"  # renegotiation_info, empty (RFC 5746)
    body = (b"\x03\x03" + os.urandom(32) + b"\x00" + b"\xc0\x2f" + b"\x00" +
            len(extensions).to_bytes(2, "big") + extensions)
    return b"\x02" + u24(len(body)) + body


def certificate_message(ders):
    chain = b"".join(u24(len(d)) + d for d in ders)
    body = u24(len(chain)) + chain
    return b"\x0b" + u24(len(body)) + body


def der_sequence(content):
    n = len(content)
    if n < 0x80:
        length = bytes([n])
    else:
        raw = n.to_bytes((n.bit_length() + 7) // 8, "big")
        length = bytes([0x80 | len(raw)]) + raw
    return b"\x30" + length + content


def nested_der(depth):
    der = b"\x05\x00"  # NULL at the bottom
    for _ in range(depth):
        der = der_sequence(der)
    return der


def leaf_der():
    return subprocess.run(["openssl", "x509", "-in", os.path.join(PKI, "server.pem"), "-outform",
                           "DER"], check=True, capture_output=True).stdout


def read_hello(conn):
    """Reads the client's first flight (one ClientHello record is enough here)."""
    conn.settimeout(10)
    header = b""
    while len(header) < 5:
        header += conn.recv(5 - len(header))
    length = int.from_bytes(header[3:5], "big")
    body = b""
    while len(body) < length:
        body += conn.recv(length - len(body))
    return header + body


def read_alert(conn, timeout):
    """The client's alert record (plaintext: no ChangeCipherSpec yet), or what came instead."""
    conn.settimeout(timeout)
    data = b""
    try:
        while len(data) < 7:
            chunk = conn.recv(7 - len(data))
            if not chunk:
                break
            data += chunk
    except OSError:
        pass
    if len(data) == 7 and data[0] == 21:
        return data[5], data[6]
    return None, data


def run_case(name, flight, expected_alert):
    listener = socket.socket()
    listener.bind(("127.0.0.1", 0))
    listener.listen(1)
    port = listener.getsockname()[1]
    t0 = time.monotonic()
    client = subprocess.Popen([CLIENT, "--cafile", os.path.join(PKI, "ca.pem"), "--servername",
                               "localhost", "--timeout", "10", f"127.0.0.1:{port}"],
                              stdin=subprocess.DEVNULL, stdout=subprocess.PIPE,
                              stderr=subprocess.STDOUT)
    sent = [0]
    try:
        listener.settimeout(10)
        conn, _ = listener.accept()
        read_hello(conn)

        def send():
            view = memoryview(flight)
            try:
                while sent[0] < len(flight):
                    sent[0] += conn.send(view[sent[0]:sent[0] + 65536])
            except OSError:
                pass  # the client closed on us: expected for the oversized cases

        sender = threading.Thread(target=send, daemon=True)
        sender.start()
        level, description = read_alert(conn, BOUND + 5)
        try:
            output, _ = client.communicate(timeout=BOUND + 10)
        except subprocess.TimeoutExpired:
            client.kill()
            output, _ = client.communicate()
        took = time.monotonic() - t0
        conn.close()
        sender.join(5)
    finally:
        listener.close()
        if client.poll() is None:
            client.kill()
            client.wait()
    text = output.decode("utf-8", "replace").strip()
    got = ALERTS.get(description, description) if level is not None else f"no alert ({description!r})"
    print(f"{name}: tlsx-client refused in {took:.2f}s with exit {client.returncode}, alert "
          f"{'fatal ' if level == 2 else ''}{got}; the fake server wrote {sent[0]} of {len(flight)} "
          f"bytes into the socket; client said: {text.splitlines()[-1] if text else ''}", flush=True)
    check(client.returncode == 1, f"{name}: exit status {client.returncode} (want 1)")
    check(level == 2 and got == expected_alert, f"{name}: alert {got}, want fatal {expected_alert}")
    check(took <= BOUND, f"{name}: took {took:.2f}s (bound {BOUND}s)")
    check("AddressSanitizer" not in text and "runtime error" not in text,
          f"{name}: sanitizer report:\n{text}")


def main():
    leaf = leaf_der()
    hello = records(22, server_hello())
    # 200 real certificates: about 180 KB in one Certificate message.
    run_case("200 certificates", hello + records(22, certificate_message([leaf] * 200)),
             "decode_error")
    # A Certificate header announcing 1 MiB, then 1 MiB of certificate bytes.
    body = u24(1024 * 1024 - 3) + u24(1024 * 1024 - 6) + b"\x30" * (1024 * 1024 - 6)
    run_case("1 MiB Certificate message", hello + records(22, b"\x0b" + u24(len(body)) + body),
             "decode_error")
    # 50 certificates of 1 KiB each: under the message limit, over the chain-length limit.
    run_case("50 certificates in 50 KiB", hello + records(22, certificate_message([leaf] * 50)),
             "bad_certificate")
    deep = nested_der(5000)
    run_case(f"5000 nested SEQUENCEs ({len(deep)} bytes)",
             hello + records(22, certificate_message([deep])), "bad_certificate")
    finish("load/malicious_server")


if __name__ == "__main__":
    main()
