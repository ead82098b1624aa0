#!/usr/bin/env python3
"""--keylog: tshark decrypts a loopback capture of tlsx-step against real peers.
  connect: `tlsx-step --auto --connect` against `openssl s_server -www`;
  listen:  `tlsx-step --auto --listen` for `openssl s_client`.
With the key log tshark shows the plaintext both ways; without it, it does not. Needs root to
capture on lo (skipped otherwise, exit 77)."""

import argparse
import os
import secrets
import shutil
import subprocess
import sys
import tempfile
import time

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "interop"))
from interop import (PROCS, SKIP, check, Failure, free_port, LineCollector,  # noqa: E402
                     openssl_server, run, TsharkCapture)

SUITES = {"connect": "TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256",
          "listen": "TLS_RSA_WITH_AES_128_CBC_SHA256"}


def payloads(capture, port, key_log):
    """Hex of every payload tshark shows (decrypted application data with the key log)."""
    # http.desegment_body off: s_server -www's reply has no Content-Length, so tshark would
    # otherwise wait for the end of the body and show it only as a reassembly fragment.
    cmd = ["tshark", "-r", capture, "-o", "http.desegment_body:FALSE",
           "-d", f"tcp.port=={port},tls", "-Y", "http || tls || data",
           "-T", "fields", "-e", "data.data", "-e", "tls.app_data", "-e", "http.request.uri",
           "-e", "http.response.line", "-e", "http.file_data"]
    if key_log:
        cmd[3:3] = ["-o", f"tls.keylog_file:{key_log}"]
    code, out = run(cmd, timeout=30, merge_stderr=False)
    check(code == 0, f"tshark -r exited with {code}", out)
    return out


def contains(decoded, text):
    return text in decoded or text.encode().hex() in decoded.replace(":", "")


def connect_case(args, tmp):
    probe = "probe-" + secrets.token_hex(6)
    server = openssl_server(args, ["-www", "-cipher", "ALL"])
    key_log = os.path.join(tmp, "connect.keys")
    pcap = os.path.join(tmp, "connect.pcapng")
    try:
        cap = TsharkCapture(pcap, server.port)
        try:
            code, out = run([args.step, "--auto", "--connect", f"127.0.0.1:{server.port}",
                             "--servername", "localhost", "--cafile",
                             os.path.join(args.pki, "ca.pem"), "--suite", SUITES["connect"],
                             "--keylog", key_log, "--send", f"GET /{probe} HTTP/1.0\\r\\n\\r\\n"],
                            timeout=30)
        finally:
            cap.finish()
    finally:
        server.stop()
    check(code == 0, f"tlsx-step --connect exited with {code}", out)
    check("== Step" in out and "Connected" in out, "steps shown", out)
    check(open(key_log).read().startswith("CLIENT_RANDOM "), "key log written")
    clear = payloads(pcap, server.port, key_log)
    opaque = payloads(pcap, server.port, None)
    check(contains(clear, probe), f"tshark decrypts the request with the key log:\n{clear}")
    check(contains(clear, "Content-type: text/html"), f"tshark decrypts the reply:\n{clear}")
    check("Content-type: text/html" in out, "tlsx-step shows the reply", out)
    check(not contains(opaque, probe) and not contains(opaque, "Content-type: text/html"),
          "the request is readable without the key log")


def listen_case(args, tmp):
    probe = "probe-" + secrets.token_hex(6)
    reply = "reply-" + secrets.token_hex(6)
    port = free_port()
    key_log = os.path.join(tmp, "listen.keys")
    pcap = os.path.join(tmp, "listen.pcapng")
    cap = TsharkCapture(pcap, port)
    try:
        step = PROCS.start([args.step, "--auto", "--listen", str(port), "--keylog", key_log,
                            "--suite", SUITES["listen"], "--send", reply + "\\n"],
                           stdin=subprocess.DEVNULL, stdout=subprocess.PIPE,
                           stderr=subprocess.STDOUT)
        step_log = LineCollector(step.stdout)
        check(step_log.wait_for(r"listening on", timeout=10) is not None, "tlsx-step listens",
              step_log.text())
        code, out = run(["openssl", "s_client", "-connect", f"127.0.0.1:{port}", "-CAfile",
                         os.path.join(args.pki, "ca.pem"), "-servername", "localhost",
                         "-verify_return_error", "-ign_eof", "-quiet"],
                        input_bytes=(probe + "\n").encode(), timeout=20)
        try:
            step.wait(timeout=20)
        except subprocess.TimeoutExpired:
            PROCS.stop(step)
    finally:
        cap.finish()
    check(step.returncode == 0, f"tlsx-step --listen exited with {step.returncode}",
          step_log.text())
    check(reply in out, f"openssl s_client received the reply (exit {code})", out)
    check(probe in step_log.text(), "tlsx-step shows the client's data", step_log.text())
    clear = payloads(pcap, port, key_log)
    opaque = payloads(pcap, port, None)
    check(contains(clear, probe) and contains(clear, reply),
          f"tshark decrypts both directions with the key log:\n{clear}")
    check(not contains(opaque, probe), "the data is readable without the key log")


def main():
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--step", required=True)
    parser.add_argument("--pki", required=True)
    args = parser.parse_args()
    for tool in ("tshark", "openssl"):
        if shutil.which(tool) is None:
            print(f"SKIP: {tool} not installed")
            return SKIP
    if os.geteuid() != 0:
        print("SKIP: capturing on lo needs root")
        return SKIP
    tmp = tempfile.mkdtemp(prefix="tlsx-step-keylog-")
    passed = failed = 0
    try:
        for name, case in (("connect to openssl s_server", connect_case),
                           ("listen for openssl s_client", listen_case)):
            start = time.monotonic()
            try:
                case(args, tmp)
                passed += 1
                print(f"ok   {name} ({time.monotonic() - start:.1f}s)")
            except Failure as e:
                failed += 1
                print(f"FAIL {name}: {e}")
    finally:
        PROCS.stop_all()
        if not os.environ.get("KEEP_TEST_DIRS"):
            shutil.rmtree(tmp, ignore_errors=True)
    print(f"{passed} passed, {failed} failed")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
