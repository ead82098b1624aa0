"""Shared pieces of the load and abuse tests (tests/load): the descriptor limit, a tlsx-server on a
free 127.0.0.1 port, /proc readings of a server process, and scale-down under sanitizers.

Checks and the closing tally come from tests/capture/capture_harness.py (check, finish), and
hello-capture is started with its Server class, so both groups count and report the same way.
Every process started here is stopped by its own PID."""

import os
import re
import resource
import signal
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(os.path.dirname(HERE), "capture"))

from capture_harness import (PKI, Server as CaptureServer, check, finish,  # noqa: E402,F401
                             wait_for_port)


def raise_fd_limit(wanted):
    """Raises the soft RLIMIT_NOFILE of this process to `wanted` (children inherit it). Returns
    the new soft limit; fails the test clearly when the hard limit is lower."""
    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    if hard != resource.RLIM_INFINITY and hard < wanted:
        print(f"FAIL: the hard limit on open files is {hard}, the test needs {wanted} "
              f"(raise it with `ulimit -Hn {wanted}` as root, or in /etc/security/limits.conf)",
              flush=True)
        sys.exit(1)
    if soft == resource.RLIM_INFINITY or soft < wanted:
        resource.setrlimit(resource.RLIMIT_NOFILE, (wanted, hard))
    return resource.getrlimit(resource.RLIMIT_NOFILE)[0]


def sanitized(binary):
    """True when binary was built with AddressSanitizer (tests/run.sh's build/asan)."""
    with open(binary, "rb") as f:
        return b"__asan_init" in f.read()


def scale(binary, full, reduced):
    """`full` normally; `reduced` under ASan, or TLSX_LOAD_SCALE (a fraction) when set."""
    factor = os.environ.get("TLSX_LOAD_SCALE")
    if factor:
        return max(1, int(full * float(factor)))
    if sanitized(binary):
        print(f"(sanitizer build: {reduced} instead of {full})", flush=True)
        return reduced
    return full


def fd_count(pid):
    return len(os.listdir(f"/proc/{pid}/fd"))


def rss_kib(pid):
    with open(f"/proc/{pid}/status") as f:
        return int(re.search(r"^VmRSS:\s+(\d+) kB", f.read(), re.M).group(1))


def thread_count(pid):
    with open(f"/proc/{pid}/status") as f:
        return int(re.search(r"^Threads:\s+(\d+)", f.read(), re.M).group(1))


class TlsxServer:
    """tlsx-server on 127.0.0.1:<free port> with the test PKI; stderr goes to a file."""

    def __init__(self, binary, *args):
        self.dir = tempfile.mkdtemp(prefix="tlsx-load-")
        self.err_path = os.path.join(self.dir, "stderr.log")
        self.err = open(self.err_path, "w+")
        argv = [binary, "--listen", "127.0.0.1:0", "--cert", os.path.join(PKI, "server.pem"),
                "--key", os.path.join(PKI, "server.key"), *args]
        self.proc = subprocess.Popen(argv, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
                                     stderr=self.err)
        self.pid = self.proc.pid
        self.port = wait_for_port(self, r"listening on 127\.0\.0\.1:(\d+)", 30, "tlsx-server")

    def log(self):
        with open(self.err_path) as f:
            return f.read()

    def alive(self):
        return self.proc.poll() is None

    def stop(self, timeout=10):
        """Stops our own server (by PID); tlsx-server has no signal handler, so SIGTERM ends it."""
        if self.proc.poll() is None:
            self.proc.send_signal(signal.SIGTERM)
            try:
                self.proc.wait(timeout)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait()
        self.err.close()
        return self.proc.returncode
