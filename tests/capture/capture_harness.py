"""Shared pieces of the hello-capture end-to-end tests: start and stop a server on a free port,
read its captures, talk to it with Python's ssl module, and an independent JA3 implementation
(written from the JA3 README, not from tlsx) to check the server's fingerprints against."""

import hashlib
import json
import os
import re
import shutil
import signal
import socket
import ssl
import subprocess
import sys
import tempfile
import time

SKIP = 77  # ctest SKIP_RETURN_CODE

REPO = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
PKI = os.path.join(REPO, "tests", "data", "pki")

_failures = []
_checks = [0]


def check(condition, message):
    """Records a failure instead of stopping, so that one run reports everything."""
    _checks[0] += 1
    if not condition:
        _failures.append(message)
        print("FAIL:", message, flush=True)
    return condition


def finish(name):
    """Exit status for the script: 0 when every check held."""
    if _failures:
        print(f"{name}: {len(_failures)} of {_checks[0]} checks failed", flush=True)
        sys.exit(1)
    print(f"{name}: all {_checks[0]} checks passed", flush=True)
    sys.exit(0)


def wait_for_port(server, pattern, timeout, what):
    """The port a freshly started server announces in its log (server.log(), a `pattern` with
    the port as group 1); stops it and raises when it exits or stays silent for `timeout` s."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        m = re.search(pattern, server.log())
        if m:
            return int(m.group(1))
        if server.proc.poll() is not None:
            break
        time.sleep(0.05)
    server.stop()
    raise RuntimeError(f"{what} did not start:\n" + server.log())


class Server:
    """hello-capture on 127.0.0.1:<free port>, in its own temporary directory."""

    def __init__(self, binary, *args, use_test_pki=True, env=None, db=False):
        self.dir = tempfile.mkdtemp(prefix="hello-capture-test-")
        self.out = os.path.join(self.dir, "hello.jsonl")
        self.err_path = os.path.join(self.dir, "stderr.log")
        self.db = os.path.join(self.dir, "captures.sqlite") if db else None
        argv = [binary, "--listen", "127.0.0.1:0", "--out", self.out, *args]
        if db:
            argv += ["--db", self.db]
        if use_test_pki:
            argv += ["--cert", os.path.join(PKI, "server.pem"), "--key", os.path.join(PKI, "server.key")]
        full_env = dict(os.environ)
        full_env.setdefault("XDG_STATE_HOME", os.path.join(self.dir, "state"))
        full_env.update(env or {})
        self.err = open(self.err_path, "w+")
        self.proc = subprocess.Popen(argv, stdout=subprocess.DEVNULL, stderr=self.err, env=full_env)
        self.port = wait_for_port(self, r"listening on https://127\.0\.0\.1:(\d+)/", 60,
                                  "hello-capture")
        self.lines_seen = 0

    def log(self):
        with open(self.err_path) as f:
            return f.read()

    def captures(self):
        """Every line of the JSON Lines file, parsed (a torn line raises)."""
        if not os.path.exists(self.out):
            return []
        with open(self.out) as f:
            return [json.loads(line) for line in f.read().splitlines()]

    def raw_lines(self):
        with open(self.out, "rb") as f:
            return f.read().split(b"\n")

    def wait_for_captures(self, count, timeout=30):
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            caps = self.captures()
            if len(caps) >= count:
                return caps
            time.sleep(0.05)
        return self.captures()

    def new_captures(self, expected=1, timeout=30):
        """The captures written since the last call (waits until `expected` arrived)."""
        caps = self.wait_for_captures(self.lines_seen + expected, timeout)
        new = caps[self.lines_seen:]
        self.lines_seen = len(caps)
        return new

    def alive(self):
        return self.proc.poll() is None

    def stop(self, sig=signal.SIGTERM, timeout=30):
        """Stops our own server process (by its PID) and returns its exit status."""
        if self.proc.poll() is None:
            self.proc.send_signal(sig)
            try:
                self.proc.wait(timeout)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait()
        self.err.close()
        return self.proc.returncode

    def cleanup(self):
        shutil.rmtree(self.dir, ignore_errors=True)


def client_context(keylog=None):
    ctx = ssl.SSLContext(ssl.PROTOCOL_TLS_CLIENT)
    ctx.check_hostname = False
    ctx.verify_mode = ssl.CERT_NONE
    if keylog:
        ctx.keylog_filename = keylog
    return ctx


def read_all(sock, timeout=30):
    sock.settimeout(timeout)
    data = b""
    while True:
        try:
            chunk = sock.recv(65536)
        except (ssl.SSLEOFError, ConnectionResetError):
            break
        if not chunk:
            break
        data += chunk
    return data


def https_get(port, path="/json", server_name="localhost", headers=None, keylog=None):
    """(status, headers, body) of one request over a fresh connection."""
    ctx = client_context(keylog)
    with socket.create_connection(("127.0.0.1", port), timeout=30) as raw:
        with ctx.wrap_socket(raw, server_hostname=server_name) as s:
            lines = [f"GET {path} HTTP/1.1", f"Host: {server_name}"]
            lines += [f"{k}: {v}" for k, v in (headers or {}).items()]
            s.sendall(("\r\n".join(lines) + "\r\n\r\n").encode())
            response = read_all(s)
    head, _, body = response.partition(b"\r\n\r\n")
    status_line, *header_lines = head.decode("latin-1").split("\r\n")
    status = int(status_line.split()[1]) if status_line.startswith("HTTP/") else 0
    hdrs = {}
    for h in header_lines:
        k, _, v = h.partition(":")
        hdrs[k.strip().lower()] = v.strip()
    return status, hdrs, body


# ---- an independent ClientHello reader and JA3 ---------------------------------------------------

GREASE = {0x0A0A + 0x1010 * i for i in range(16)}


def parse_client_hello(message_hex):
    """Fields of a ClientHello handshake message (header included) for JA3."""
    m = bytes.fromhex(message_hex)
    assert m[0] == 1, "not a ClientHello"
    assert int.from_bytes(m[1:4], "big") == len(m) - 4, "bad handshake length"
    p = 4
    version = int.from_bytes(m[p:p + 2], "big"); p += 2
    random = m[p:p + 32]; p += 32
    sid_len = m[p]; p += 1 + sid_len
    cs_len = int.from_bytes(m[p:p + 2], "big"); p += 2
    suites = [int.from_bytes(m[p + i:p + i + 2], "big") for i in range(0, cs_len, 2)]; p += cs_len
    comp_len = m[p]; p += 1 + comp_len
    exts = []
    if p < len(m):
        ext_total = int.from_bytes(m[p:p + 2], "big"); p += 2
        end = p + ext_total
        while p < end:
            t = int.from_bytes(m[p:p + 2], "big")
            n = int.from_bytes(m[p + 2:p + 4], "big")
            exts.append((t, m[p + 4:p + 4 + n]))
            p += 4 + n
    return {"version": version, "random": random, "suites": suites, "extensions": exts}


def ja3_of(message_hex):
    h = parse_client_hello(message_hex)
    groups, formats = [], []
    for t, data in h["extensions"]:
        if t == 10 and len(data) >= 2:
            n = int.from_bytes(data[0:2], "big")
            groups = [int.from_bytes(data[2 + i:4 + i], "big") for i in range(0, n, 2)]
        if t == 11 and len(data) >= 1:
            formats = list(data[1:1 + data[0]])
    fields = [
        str(h["version"]),
        "-".join(str(s) for s in h["suites"] if s not in GREASE),
        "-".join(str(t) for t, _ in h["extensions"] if t not in GREASE),
        "-".join(str(g) for g in groups if g not in GREASE),
        "-".join(str(f) for f in formats),
    ]
    text = ",".join(fields)
    return text, hashlib.md5(text.encode()).hexdigest()


def server_name_of(capture):
    for ext in capture["tls"].get("extensions", []):
        if "server_name" in ext:
            return ext["server_name"]
    return None


def check_capture_shape(capture, label):
    """The fields every capture of a parsed hello has, and its JA3 recomputed from its raw hex."""
    tls = capture.get("tls", {})
    for key in ("time", "peer", "tls", "outcome"):
        check(key in capture, f"{label}: capture has {key}")
    for key in ("record_version", "client_version", "client_random", "session_id", "cipher_suites",
                "compression_methods", "extensions", "ja3", "ja3_hash", "ja3n", "ja3n_hash", "ja4",
                "ja4_r", "raw"):
        check(key in tls, f"{label}: tls has {key}")
    if "raw" not in tls or not tls["raw"]:
        return
    text, digest = ja3_of(tls["raw"])
    check(tls.get("ja3") == text, f"{label}: JA3 {tls.get('ja3')} != recomputed {text}")
    check(tls.get("ja3_hash") == digest, f"{label}: JA3 hash {tls.get('ja3_hash')} != {digest}")
    hello = parse_client_hello(tls["raw"])
    check(tls.get("client_random") == hello["random"].hex(), f"{label}: client_random matches raw")
    check([int(s["value"], 16) for s in tls["cipher_suites"]] == hello["suites"],
          f"{label}: cipher_suites in wire order")
    check([int(e["value"], 16) for e in tls["extensions"]] == [t for t, _ in hello["extensions"]],
          f"{label}: extensions in wire order")
    for e in tls["extensions"]:
        check(e["length"] == len(dict(hello["extensions"])[int(e["value"], 16)]),
              f"{label}: extension {e['value']} length")
    check(re.fullmatch(r"t(13|12|11|10|s3|00)[di]\d{4}[0-9a-zA-Z]{2}_[0-9a-f]{12}_[0-9a-f]{12}",
                       tls.get("ja4", "")) is not None, f"{label}: JA4 shape {tls.get('ja4')}")
