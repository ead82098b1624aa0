#!/usr/bin/env python3
"""tlsx-server against `gnutls-cli`: ECDHE and RSA key exchange with GCM, ChaCha20-Poly1305 and
CBC (with and without encrypt-then-MAC), extended master secret switched off with
%NO_SESSION_HASH, ALPN and SNI."""

import re
import sys

from interop import (Cases, PROCS, TlsxServer, check, interact, parse_args, pki,
                     require_tools)

TLS12 = "NORMAL:-VERS-ALL:+VERS-TLS1.2"

# (case, priority string, IANA suite expected (None: any), EMS expected, ETM expected)
CASES = [
    ("default", TLS12, None, True, None),
    ("ECDHE-RSA AES-128-GCM", TLS12 + ":-KX-ALL:+ECDHE-RSA:-CIPHER-ALL:+AES-128-GCM",
     "TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256", True, None),
    ("ECDHE-RSA AES-256-GCM", TLS12 + ":-KX-ALL:+ECDHE-RSA:-CIPHER-ALL:+AES-256-GCM",
     "TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384", True, None),
    ("ECDHE-RSA CHACHA20-POLY1305", TLS12 + ":-KX-ALL:+ECDHE-RSA:-CIPHER-ALL:+CHACHA20-POLY1305",
     "TLS_ECDHE_RSA_WITH_CHACHA20_POLY1305_SHA256", True, None),
    ("ECDHE-RSA AES-128-CBC SHA1", TLS12 + ":-KX-ALL:+ECDHE-RSA:-CIPHER-ALL:+AES-128-CBC",
     "TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA", True, True),
    ("ECDHE-RSA AES-256-CBC SHA1 %NO_ETM",
     TLS12 + ":-KX-ALL:+ECDHE-RSA:-CIPHER-ALL:+AES-256-CBC:%NO_ETM",
     "TLS_ECDHE_RSA_WITH_AES_256_CBC_SHA", True, False),
    ("ECDHE-RSA AES-128-CBC SHA256",
     TLS12 + ":-KX-ALL:+ECDHE-RSA:-CIPHER-ALL:+AES-128-CBC:-MAC-ALL:+SHA256",
     "TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA256", True, True),
    ("RSA AES-128-GCM", TLS12 + ":-KX-ALL:+RSA:-CIPHER-ALL:+AES-128-GCM",
     "TLS_RSA_WITH_AES_128_GCM_SHA256", True, None),
    ("RSA AES-256-CBC SHA1 %NO_ETM", TLS12 + ":-KX-ALL:+RSA:-CIPHER-ALL:+AES-256-CBC:%NO_ETM",
     "TLS_RSA_WITH_AES_256_CBC_SHA", True, False),
    ("ECDHE-RSA %NO_SESSION_HASH", TLS12 + ":-KX-ALL:+ECDHE-RSA:%NO_SESSION_HASH", None, False,
     None),
    ("RSA %NO_SESSION_HASH", TLS12 + ":-KX-ALL:+RSA:%NO_SESSION_HASH", None, False, None),
]


def gnutls_case(args, server, case, priority, iana, ems, etm):
    path = "/" + re.sub(r"[^A-Za-z0-9]+", "-", case)
    cmd = ["gnutls-cli", "--x509cafile", pki(args, "ca.pem"), "--port", str(server.port),
           "--sni-hostname", "localhost", "--verify-hostname", "localhost", "--alpn", "http/1.1",
           "--priority", priority, "127.0.0.1"]
    code, out = interact(cmd, f"GET {path} HTTP/1.1\r\nHost: localhost\r\n\r\n".encode())
    check(code is not None, "gnutls-cli did not finish", out)
    check("HTTP/1.1 200 OK" in out, "no HTTP response", out)
    check("- Status: The certificate is trusted." in out, "gnutls-cli did not verify", out)
    check("version: TLS 1.2" in out, "page: version", out)
    if iana:
        check(f"cipher suite: {iana}" in out, f"page should name {iana}", out)
    check(f"extended master secret: {'yes' if ems else 'no'}" in out, "page: EMS", out)
    if etm is not None:
        check(f"encrypt-then-MAC: {'yes' if etm else 'no'}" in out, "page: ETM", out)
    check("SNI: localhost" in out and "ALPN: http/1.1" in out, "page: SNI/ALPN", out)
    log = server.log_line(re.escape(f'"GET {path}"'))
    check(log is not None and f"ems={'yes' if ems else 'no'}" in log,
          f"server log line: {log}", server.log.text())


def main():
    args = parse_args(__doc__)
    require_tools("gnutls-cli")
    cases = Cases(args)
    server = TlsxServer(args, ["--alpn", "http/1.1"])
    try:
        for case in CASES:
            cases.add(f"gnutls-cli {case[0]}", gnutls_case, args, server, *case)
        return cases.run()
    finally:
        PROCS.stop_all()


if __name__ == "__main__":
    sys.exit(main())
