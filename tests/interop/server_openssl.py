#!/usr/bin/env python3
"""tlsx-server against `openssl s_client`: every suite tlsx can serve with an RSA certificate,
with and without extended master secret, CBC suites also without encrypt-then-MAC (so that
MAC-then-encrypt is used), always with SNI and ALPN; then refusals: TLS 1.3 only, no common suite,
EMS required but not offered."""

import re
import sys

from interop import (RSA_CERT_SUITES, Cases, TlsxServer, check, env_with, is_cbc,
                     openssl_conf_without_ems, parse_args, pki, require_tools, run, PROCS)


def s_client(args, port, extra, request, env=None):
    cmd = ["openssl", "s_client", "-connect", f"127.0.0.1:{port}", "-CAfile",
           pki(args, "ca.pem"), "-verify_return_error", "-verify_hostname", "localhost",
           "-servername", "localhost", "-ign_eof"] + extra
    return run(cmd, request.encode(), env=env)


def handshake_case(args, server, case, iana, ossl, ems, etm, no_ems_conf):
    path = f"/{case}"
    extra = ["-tls1_2", "-cipher", ossl, "-alpn", "http/1.1"]
    if not etm:
        extra.append("-no_etm")
    env = env_with(OPENSSL_CONF=no_ems_conf) if not ems else None
    code, out = s_client(args, server.port, extra,
                         f"GET {path} HTTP/1.1\r\nHost: localhost\r\n\r\n", env)
    check(code == 0, f"s_client exited with {code}", out)
    check(f"Cipher is {ossl}" in out, f"s_client did not negotiate {ossl}", out)
    check("Verify return code: 0 (ok)" in out, "s_client did not verify the chain", out)
    check(f"Extended master secret: {'yes' if ems else 'no'}" in out,
          f"s_client: extended master secret should be {ems}", out)
    check("HTTP/1.1 200 OK" in out, "no HTTP response", out)
    check(f"cipher suite: {iana}" in out, "the page names another suite", out)
    check(f"extended master secret: {'yes' if ems else 'no'}" in out, "page: EMS", out)
    if is_cbc(iana):
        check(f"encrypt-then-MAC: {'yes' if etm else 'no'}" in out, "page: encrypt-then-MAC", out)
    check("SNI: localhost" in out, "page: SNI", out)
    check("ALPN: http/1.1" in out, "page: ALPN", out)
    log = server.log_line(re.escape(f'"GET {path}"'))
    check(log is not None, "no server log line for the request", server.log.text())
    check(iana in log and f"ems={'yes' if ems else 'no'}" in log, f"server log: {log}")
    if is_cbc(iana):
        check(f"etm={'yes' if etm else 'no'}" in log, f"server log: {log}")


def refused_case(args, port, extra, want_client, server, want_server, env=None):
    code, out = s_client(args, port, extra, "", env)
    check(code != 0, "s_client should have failed", out)
    check(want_client in out, f"s_client should report '{want_client}'", out)
    log = server.log_line(r"handshake failed: " + re.escape(want_server))
    check(log is not None, f"server log should say {want_server}", server.log.text())


def main():
    args = parse_args(__doc__)
    require_tools("openssl")
    cases = Cases(args)
    no_ems_conf = openssl_conf_without_ems(cases.tmp)
    server = TlsxServer(args, ["--alpn", "http/1.1,h2"])
    modern = TlsxServer(args, ["--policy", "modern"])
    ems_required = TlsxServer(args, ["--ems", "require"])
    try:
        for iana, ossl in RSA_CERT_SUITES:
            for ems in (True, False):
                for etm in ((True, False) if is_cbc(iana) else (True,)):
                    name = f"s_client {ossl} ems={'on' if ems else 'off'}"
                    if is_cbc(iana):
                        name += f" etm={'on' if etm else 'off'}"
                    case = re.sub(r"[^A-Za-z0-9]+", "-", name)
                    cases.add(name, handshake_case, args, server, case, iana, ossl, ems, etm,
                              no_ems_conf)
        cases.add("s_client -tls1_3 -> protocol_version", refused_case, args, server.port,
                  ["-tls1_3"], "alert protocol version", server, "protocol_version")
        cases.add("s_client CBC-only vs --policy modern -> handshake_failure", refused_case, args,
                  modern.port, ["-tls1_2", "-cipher", "ECDHE-RSA-AES128-SHA:AES128-SHA"],
                  "alert handshake failure", modern, "handshake_failure")
        cases.add("s_client without EMS vs --ems require -> handshake_failure", refused_case,
                  args, ems_required.port, ["-tls1_2"], "alert handshake failure", ems_required,
                  "handshake_failure", env_with(OPENSSL_CONF=no_ems_conf))
        status = cases.run()
    finally:
        PROCS.stop_all()
    return status


if __name__ == "__main__":
    sys.exit(main())
