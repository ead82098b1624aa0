#!/usr/bin/env python3
"""docs/handshake-walkthrough.md quotes tlsx-step's output: every line of its output excerpts
(the ``` blocks) must appear verbatim in one of the golden files of tests/data/step/, so the
chapter cannot drift from what the program prints. (Regenerating the goldens after an output
change makes this test say which quoted lines to refresh.)"""

import os
import sys

ROOT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..")


def main():
    golden_dir = os.path.join(ROOT, "tests", "data", "step")
    golden = set()
    for name in sorted(n for n in os.listdir(golden_dir) if n.endswith(".txt")):
        with open(os.path.join(golden_dir, name), encoding="utf-8") as f:
            golden.update(f.read().splitlines())
    with open(os.path.join(ROOT, "docs", "handshake-walkthrough.md"), encoding="utf-8") as f:
        doc = f.read().split("```")
    blocks = doc[1::2]
    missing = [line for block in blocks for line in block.strip("\n").splitlines()
               if line.strip() and line not in golden]
    quoted = sum(len(b.strip("\n").splitlines()) for b in blocks)
    if len(blocks) < 8 or missing:
        print(f"FAIL {len(blocks)} excerpts; lines not in any golden file:\n  " +
              "\n  ".join(missing))
        return 1
    print(f"ok   {len(blocks)} excerpts, {quoted} quoted lines, all in tests/data/step/")
    return 0


if __name__ == "__main__":
    sys.exit(main())
