"""Shared helpers for the interop tests: bounded subprocesses, free ports, tlsx-server startup,
test PKI paths, case tallies.

Every process a test starts is tracked and killed by its own PID at the end (never by name), and
every wait has a timeout. Each script runs its cases on a small thread pool and ends with the
line "N passed, M failed" (exit status 1 when something failed, 77 when a required tool is
missing, which ctest reports as skipped).
"""

import argparse
import concurrent.futures
import os
import queue
import re
import shutil
import signal
import socket
import ssl
import subprocess
import sys
import tempfile
import threading
import time
import traceback

SKIP = 77
DEFAULT_TIMEOUT = 15  # seconds for any one client run

# The suites tlsx implements that work with the test PKI's RSA certificate, as
# (IANA name, OpenSSL name). ECDSA suites need an ECDSA certificate (ecdsa.py tests them).
RSA_CERT_SUITES = [
    ("TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256", "ECDHE-RSA-AES128-GCM-SHA256"),
    ("TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384", "ECDHE-RSA-AES256-GCM-SHA384"),
    ("TLS_ECDHE_RSA_WITH_CHACHA20_POLY1305_SHA256", "ECDHE-RSA-CHACHA20-POLY1305"),
    ("TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA256", "ECDHE-RSA-AES128-SHA256"),
    ("TLS_ECDHE_RSA_WITH_AES_256_CBC_SHA384", "ECDHE-RSA-AES256-SHA384"),
    ("TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA", "ECDHE-RSA-AES128-SHA"),
    ("TLS_ECDHE_RSA_WITH_AES_256_CBC_SHA", "ECDHE-RSA-AES256-SHA"),
    ("TLS_RSA_WITH_AES_128_GCM_SHA256", "AES128-GCM-SHA256"),
    ("TLS_RSA_WITH_AES_256_GCM_SHA384", "AES256-GCM-SHA384"),
    ("TLS_RSA_WITH_AES_128_CBC_SHA256", "AES128-SHA256"),
    ("TLS_RSA_WITH_AES_256_CBC_SHA256", "AES256-SHA256"),
    ("TLS_RSA_WITH_AES_128_CBC_SHA", "AES128-SHA"),
    ("TLS_RSA_WITH_AES_256_CBC_SHA", "AES256-SHA"),
]


def is_cbc(iana_name):
    return "_CBC_" in iana_name


def is_ecdhe(iana_name):
    return iana_name.startswith("TLS_ECDHE_")


class Failure(Exception):
    """A check failed; the message says what was expected and what happened."""


def check(condition, message, output=None):
    if not condition:
        if output is not None:
            text = output if isinstance(output, str) else output.decode("utf-8", "replace")
            message += "\n--- output ---\n" + text[-3000:]
        raise Failure(message)


def parse_args(description):
    parser = argparse.ArgumentParser(description=description)
    parser.add_argument("--server", required=True, help="tlsx-server executable")
    parser.add_argument("--client", required=True, help="tlsx-client executable")
    parser.add_argument("--pki", required=True, help="tests/data/pki directory")
    parser.add_argument("--jobs", type=int, default=3, help="cases run at once")
    parser.add_argument("-k", "--filter", default="", help="only cases whose name contains this")
    args = parser.parse_args()
    # Peers run in temporary directories: make every path absolute.
    args.server, args.client, args.pki = (os.path.abspath(p)
                                          for p in (args.server, args.client, args.pki))
    return args


def require_tools(*names):
    missing = [n for n in names if shutil.which(n) is None]
    if missing:
        print(f"SKIP: missing {', '.join(missing)}")
        print("0 passed, 0 failed")
        sys.exit(SKIP)


def free_port():
    """A port that was free a moment ago on 127.0.0.1 (for peers that cannot take port 0)."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_for_port(port, timeout=10.0, proc=None):
    """Waits until something accepts connections on 127.0.0.1:port."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if proc is not None and proc.poll() is not None:
            raise Failure(f"server exited with {proc.returncode} before listening on {port}")
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=0.5):
                return
        except OSError:
            time.sleep(0.05)
    raise Failure(f"nothing listens on port {port} after {timeout}s")


class Processes:
    """Tracks the processes a test starts so that every one of them is stopped at the end."""

    def __init__(self):
        self._procs = []
        self._lock = threading.Lock()

    def start(self, cmd, **kwargs):
        proc = subprocess.Popen(cmd, **kwargs)
        with self._lock:
            self._procs.append(proc)
        return proc

    def stop(self, proc, grace=2.0):
        if proc.poll() is None:
            proc.send_signal(signal.SIGTERM)
            try:
                proc.wait(timeout=grace)
            except subprocess.TimeoutExpired:
                proc.kill()
                proc.wait(timeout=5)

    def stop_all(self):
        with self._lock:
            procs = list(self._procs)
        for proc in procs:
            self.stop(proc)


PROCS = Processes()


def run(cmd, input_bytes=b"", timeout=DEFAULT_TIMEOUT, env=None, merge_stderr=True):
    """Runs cmd to completion with input on stdin; returns (returncode, stdout+stderr text).
    A process still running at the timeout is killed and reported as returncode None."""
    proc = PROCS.start(cmd, stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                       stderr=subprocess.STDOUT if merge_stderr else subprocess.DEVNULL, env=env)
    try:
        out, _ = proc.communicate(input_bytes, timeout=timeout)
        return proc.returncode, out.decode("utf-8", "replace")
    except subprocess.TimeoutExpired:
        proc.kill()
        out, _ = proc.communicate(timeout=5)
        return None, out.decode("utf-8", "replace") + f"\n[killed after {timeout}s]"


def interact(cmd, input_bytes, timeout=DEFAULT_TIMEOUT, env=None):
    """Like run(), but keeps stdin open until the process exits by itself (for clients such as
    gnutls-cli that hang up as soon as their input ends)."""
    proc = PROCS.start(cmd, stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                       stderr=subprocess.STDOUT, env=env)
    chunks = []
    reader = threading.Thread(target=lambda: chunks.append(proc.stdout.read()), daemon=True)
    reader.start()
    try:
        proc.stdin.write(input_bytes)
        proc.stdin.flush()
    except BrokenPipeError:
        pass
    try:
        proc.wait(timeout=timeout)
        code = proc.returncode
    except subprocess.TimeoutExpired:
        proc.kill()
        proc.wait(timeout=5)
        code = None
    try:
        proc.stdin.close()
    except BrokenPipeError:
        pass
    reader.join(timeout=5)
    out = b"".join(chunks).decode("utf-8", "replace")
    if code is None:
        out += f"\n[killed after {timeout}s]"
    return code, out


class LineCollector:
    """Reads a stream line by line in a thread; lets a test wait for a line matching a pattern."""

    def __init__(self, stream):
        self._lines = []
        self._cond = threading.Condition()
        self._closed = False
        self._thread = threading.Thread(target=self._read, args=(stream,), daemon=True)
        self._thread.start()

    def _read(self, stream):
        for raw in iter(stream.readline, b""):
            with self._cond:
                self._lines.append(raw.decode("utf-8", "replace").rstrip("\n"))
                self._cond.notify_all()
        with self._cond:
            self._closed = True
            self._cond.notify_all()

    def wait_for(self, pattern, timeout=10.0, start=0):
        """The first match of pattern (a regex) in lines[start:], waiting up to timeout."""
        regex = re.compile(pattern)
        deadline = time.monotonic() + timeout
        with self._cond:
            while True:
                for line in self._lines[start:]:
                    m = regex.search(line)
                    if m:
                        return m
                left = deadline - time.monotonic()
                if left <= 0 or self._closed:
                    return None
                self._cond.wait(left)

    def text(self):
        with self._cond:
            return "\n".join(self._lines)


class TsharkCapture:
    """tshark capturing one TCP port on lo into a file (needs root or capture rights)."""

    def __init__(self, path, port):
        self.path = path
        cmd = ["tshark", "-i", "lo", "-f", f"tcp port {port}", "-w", path, "-q"]
        self.proc = PROCS.start(cmd, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
                                stderr=subprocess.PIPE)
        self.log = LineCollector(self.proc.stderr)
        # "Capturing on 'lo'" comes before dumpcap really captures; "Capture started" after.
        if self.log.wait_for(r"Capture started", timeout=15) is None:
            PROCS.stop(self.proc)
            raise Failure("tshark cannot capture on lo:\n" + self.log.text())
        time.sleep(0.2)

    def finish(self):
        time.sleep(0.3)  # let the last packets reach the capture
        self.proc.send_signal(signal.SIGINT)  # tshark flushes the file and exits
        try:
            self.proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            PROCS.stop(self.proc)


class TlsxServer:
    """tlsx-server on 127.0.0.1 with a kernel-chosen port; its log lines are collected."""

    def __init__(self, args, extra, env=None, certs=(("server.pem", "server.key"),)):
        cmd = [args.server, "--listen", "127.0.0.1:0"]
        for cert, key in certs:  # (chain, key) file pairs in tests/data/pki
            cmd += ["--cert", pki(args, cert), "--key", pki(args, key)]
        cmd += ["--timeout", "10"] + list(extra)
        self.proc = PROCS.start(cmd, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
                                stderr=subprocess.PIPE, env=env)
        self.log = LineCollector(self.proc.stderr)
        m = self.log.wait_for(r"listening on 127\.0\.0\.1:(\d+)", timeout=10)
        if m is None:
            PROCS.stop(self.proc)
            raise Failure("tlsx-server did not start:\n" + self.log.text())
        self.port = int(m.group(1))

    def log_line(self, pattern, timeout=5.0):
        """The first log line matching pattern (a regex); the server logs one line when a
        connection ends, so cases make theirs findable with a unique request path."""
        m = self.log.wait_for(pattern, timeout=timeout)
        return m.string if m else None

    def stop(self):
        PROCS.stop(self.proc)


def http_get(tls, path):
    """Sends `GET path` (Connection: close) over an established ssl socket; the reply, read to
    the end (a peer closing without close_notify ends it too)."""
    tls.sendall(f"GET {path} HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n".encode())
    data = b""
    while True:
        try:
            chunk = tls.recv(4096)
        except ssl.SSLEOFError:
            break
        if not chunk:
            break
        data += chunk
    return data


def pki(args, name):
    return os.path.join(args.pki, name)


def openssl_conf_without_ems(directory):
    """An OPENSSL_CONF file whose system_default section switches extended master secret off
    (OpenSSL 3.0's s_client has no -no_ems)."""
    path = os.path.join(directory, "openssl-no-ems.cnf")
    with open(path, "w") as f:
        f.write("openssl_conf = openssl_init\n\n[openssl_init]\nssl_conf = ssl_sect\n\n"
                "[ssl_sect]\nsystem_default = system_default_sect\n\n"
                "[system_default_sect]\nOptions = -ExtendedMasterSecret\n")
    return path


def env_with(**values):
    env = dict(os.environ)
    env.update({k: v for k, v in values.items() if v is not None})
    return env


class Cases:
    """Named cases run on a thread pool, with a tally."""

    def __init__(self, args):
        self.args = args
        self._cases = []
        self.tmp = tempfile.mkdtemp(prefix="tlsx-interop-")

    def add(self, name, func, *fargs):
        if self.args.filter and self.args.filter not in name:
            return
        self._cases.append((name, func, fargs))

    def _run_one(self, case):
        name, func, fargs = case
        start = time.monotonic()
        try:
            func(*fargs)
            return name, None, time.monotonic() - start
        except Failure as e:
            return name, str(e), time.monotonic() - start
        except Exception:  # a bug in the test itself counts as a failure
            return name, traceback.format_exc(), time.monotonic() - start

    def run(self):
        passed, failed = 0, []
        try:
            with concurrent.futures.ThreadPoolExecutor(max_workers=self.args.jobs) as pool:
                for name, error, seconds in pool.map(self._run_one, self._cases):
                    if error is None:
                        passed += 1
                        print(f"PASS {name} ({seconds:.2f}s)", flush=True)
                    else:
                        failed.append(name)
                        print(f"FAIL {name} ({seconds:.2f}s): {error}", flush=True)
        finally:
            PROCS.stop_all()
            shutil.rmtree(self.tmp, ignore_errors=True)
        if failed:
            print("failed cases: " + ", ".join(failed))
        print(f"{passed} passed, {len(failed)} failed")
        return 1 if failed else 0


class PeerServer:
    """A peer's server process (openssl s_server, gnutls-serv) with its output collected."""

    def __init__(self, cmd, ready_pattern, env=None, port=None):
        self.proc = PROCS.start(cmd, stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                                stderr=subprocess.STDOUT, env=env)
        self.log = LineCollector(self.proc.stdout)
        m = self.log.wait_for(ready_pattern, timeout=10)
        if m is None:
            PROCS.stop(self.proc)
            raise Failure(f"{cmd[0]} did not start:\n" + self.log.text())
        self.port = int(m.group(1)) if m.groups() else port

    def stop(self):
        PROCS.stop(self.proc)


def openssl_server(args, extra, cert="server.pem", key="server.key", env=None):
    """openssl s_server on 127.0.0.1 with a kernel-chosen port (it prints ACCEPT addr:port)."""
    cert_path = cert if os.path.isabs(cert) else pki(args, cert)
    key_path = key if os.path.isabs(key) else pki(args, key)
    cmd = ["openssl", "s_server", "-accept", "127.0.0.1:0", "-cert", cert_path, "-key",
           key_path] + list(extra)
    return PeerServer(cmd, r"^ACCEPT 127\.0\.0\.1:(\d+)", env=env)


def gnutls_server(args, extra, attempts=3):
    """gnutls-serv on a free port (it cannot take port 0; a lost race is retried)."""
    last = None
    for _ in range(attempts):
        port = free_port()
        cmd = ["gnutls-serv", "--port", str(port), "--x509certfile", pki(args, "server.pem"),
               "--x509keyfile", pki(args, "server.key")] + list(extra)
        try:
            return PeerServer(cmd, r"listening on IPv4 .*port (\d+)\.\.\.done")
        except Failure as e:
            last = e
    raise last


def tlsx_client(args, host_port, extra, timeout=DEFAULT_TIMEOUT, env=None):
    """Runs tlsx-client; returns (returncode, output)."""
    return run([args.client, host_port] + list(extra), timeout=timeout, env=env)
