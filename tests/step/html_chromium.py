#!/usr/bin/env python3
"""`tlsx-step --auto --seed 1 --html F` writes a self-contained page that headless Chromium
renders: a non-empty screenshot, no console messages or JavaScript errors, no external assets,
one section per step of the text output, and every handshake message of the run in it.
Skipped (exit 77) when Chromium is not installed."""

import argparse
import os
import re
import shutil
import subprocess
import sys
import tempfile

SKIP = 77
MESSAGES = ["client_hello", "server_hello", "certificate", "server_key_exchange",
            "server_hello_done", "client_key_exchange", "finished"]


def main():
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--step", required=True)
    args = parser.parse_args()
    browser = shutil.which("chromium") or shutil.which("chromium-browser")
    if browser is None:
        print("chromium not installed: skipped")
        return SKIP
    tmp = tempfile.mkdtemp(prefix="tlsx-step-html-")
    failures = []
    try:
        page = os.path.join(tmp, "run.html")
        run = subprocess.run([args.step, "--auto", "--seed", "1", "--html", page],
                             stdin=subprocess.DEVNULL, capture_output=True, timeout=30)
        if run.returncode != 0:
            print(f"FAIL tlsx-step exited with {run.returncode}: {run.stdout.decode()[-2000:]}")
            return 1
        text = run.stdout.decode()
        html = open(page, encoding="utf-8").read()
        steps = len(re.findall(r"^== Step \d+:", text, re.M))
        sections = len(re.findall(r'<section id="step\d+">', html))
        if steps < 10 or sections != steps:
            failures.append(f"{sections} HTML sections for {steps} steps")
        for message in MESSAGES:
            if f"Handshake message {message} (" not in html:
                failures.append(f"{message} missing from the page")
        if html.count("ChangeCipherSpec") < 2 or "application_data" not in html:
            failures.append("ChangeCipherSpec or application data records missing")
        if re.search(r"""(src|href)=["']?(https?:|//)""", html):
            failures.append("the page refers to external assets")
        if html.count('data-f="') < 200:
            failures.append(f"only {html.count('data-f=')} labelled byte ranges")
        shot = os.path.join(tmp, "shot.png")
        profile = os.path.join(tmp, "profile")
        argv = [browser, "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run",
                "--disable-extensions", "--disable-background-networking",
                "--disable-component-update", "--disable-sync", f"--user-data-dir={profile}",
                "--enable-logging=stderr", "--v=0", f"--screenshot={shot}",
                "--window-size=1200,3000", "file://" + page]
        p = subprocess.run(argv, stdin=subprocess.DEVNULL, capture_output=True, timeout=90)
        log = p.stderr.decode("utf-8", "replace")
        if p.returncode != 0:
            failures.append(f"chromium exited with {p.returncode}: {log[-1000:]}")
        console = [line for line in log.splitlines() if "CONSOLE" in line or "Uncaught" in line]
        if console:
            failures.append("console messages:\n    " + "\n    ".join(console))
        size = os.path.getsize(shot) if os.path.exists(shot) else 0
        if size < 20000:
            failures.append(f"screenshot is {size} bytes")
        with open(shot, "rb") as f:
            if f.read(8) != b"\x89PNG\r\n\x1a\n":
                failures.append("screenshot is not a PNG")
        if failures:
            print("FAIL html page:\n  " + "\n  ".join(failures))
            print("0 passed, 1 failed")
            return 1
        print(f"ok   html page: {len(html)} bytes, {sections} sections, "
              f"{html.count('data-f=')} labelled ranges, screenshot {size} bytes, no console "
              "messages")
        print("1 passed, 0 failed")
        return 0
    finally:
        if not os.environ.get("KEEP_TEST_DIRS"):
            shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
