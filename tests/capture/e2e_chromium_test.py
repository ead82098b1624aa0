#!/usr/bin/env python3
"""Headless Chromium loads https://localhost:PORT/ from hello-capture: the page it renders shows its
own ClientHello (its random, its JA4), and the capture shows Chromium's GREASE values (RFC 8701)
in the cipher suites and extensions. Chromium is a test dependency (.ci/install-deps.sh installs
it), so a missing browser fails the test; TLSX_SKIP_BROWSER=1 skips it (exit 77) on purpose.

usage: e2e_chromium_test.py HELLO_CAPTURE_BINARY"""

import os
import re
import shutil
import subprocess
import sys
import tempfile

from capture_harness import SKIP, Server, check, check_capture_shape, finish

BINARY = sys.argv[1]


def main():
    browser = shutil.which("chromium") or shutil.which("chromium-browser")
    if os.environ.get("TLSX_SKIP_BROWSER") == "1":
        print("TLSX_SKIP_BROWSER=1: skipped")
        sys.exit(SKIP)
    if browser is None:
        # Not a skip: a CI image without the browser would otherwise pass without testing it.
        print("FAIL: chromium not installed (bash .ci/install-deps.sh installs it; "
              "TLSX_SKIP_BROWSER=1 skips this test)", flush=True)
        sys.exit(1)
    server = Server(BINARY)
    profile = tempfile.mkdtemp(prefix="hello-capture-chromium-")
    try:
        argv = [browser, "--headless", "--no-sandbox", "--disable-gpu",
                "--ignore-certificate-errors", "--disable-background-networking",
                "--disable-component-update", "--disable-sync", "--no-first-run",
                "--disable-extensions", f"--user-data-dir={profile}",
                "--dump-dom", f"https://localhost:{server.port}/"]
        p = subprocess.run(argv, stdout=subprocess.PIPE, stderr=subprocess.PIPE, timeout=90)
        dom = p.stdout.decode("utf-8", "replace")
        check(p.returncode == 0, f"chromium exit {p.returncode}: {p.stderr[-500:]!r}")
        check("Your TLS ClientHello" in dom, "the page rendered")
        caps = server.wait_for_captures(1)
        page_caps = [c for c in caps if c["tls"].get("client_random", "-") in dom]
        check(len(page_caps) == 1, f"the page shows one capture's random ({len(caps)} captures)")
        if page_caps:
            cap = page_caps[0]
            check_capture_shape(cap, "chromium")
            check(cap["outcome"].get("result") == "completed", f"completed: {cap['outcome']}")
            check(cap["tls"]["ja4"] in dom, "the page shows its JA4")
            grease_suites = [s for s in cap["tls"]["cipher_suites"] if s.get("grease")]
            grease_exts = [e for e in cap["tls"]["extensions"] if e.get("grease")]
            check(len(grease_suites) >= 1, "GREASE cipher suite captured")
            check(len(grease_exts) >= 1, "GREASE extensions captured")
            check(all(re.fullmatch(r"0x([0-9a-f])a\1a", s["value"]) for s in grease_suites),
                  "GREASE values have the RFC 8701 form")
            check("GREASE" in dom, "the page marks GREASE values")
            print(f"chromium: JA4 {cap['tls']['ja4']}, {len(grease_suites)} GREASE suite(s), "
                  f"{len(grease_exts)} GREASE extension(s)", flush=True)
    finally:
        code = server.stop()
        shutil.rmtree(profile, ignore_errors=True)
    check(code == 0, f"exit status {code}")
    if not os.environ.get("KEEP_TEST_DIRS"):
        server.cleanup()
    finish("e2e_chromium")


if __name__ == "__main__":
    main()
