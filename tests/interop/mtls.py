#!/usr/bin/env python3
"""Mutual TLS over loopback. tlsx-server --client-auth require|request against openssl s_client
-cert/-key, gnutls-cli --x509certfile/--x509keyfile, curl --cert/--key and a Python ssl client
with a certificate; tlsx-client --cert/--key against openssl s_server -Verify 1 and gnutls-serv
--require-client-cert. ECDHE and RSA key exchange; CertificateVerify with PKCS#1 v1.5 and PSS,
forced through the peer's signature algorithm lists; refusals with their alerts."""

import re
import shutil
import socket
import ssl
import sys

from interop import (Cases, PROCS, PeerServer, TlsxServer, check, free_port, http_get,
                     interact, openssl_server, parse_args, pki, require_tools, run, tlsx_client,
                     Failure)

TLS12 = "NORMAL:-VERS-ALL:+VERS-TLS1.2"
CLIENT_SUBJECT = "CN=tlsx test client,O=tlsx tests"
# RFC 5246 §7.2.2 alert numbers as OpenSSL prints them ("SSL alert number 40").
ALERTS = {"handshake_failure": 40, "unsupported_certificate": 43, "certificate_expired": 45,
          "unknown_ca": 48, "decrypt_error": 51}

# (name, OpenSSL cipher, IANA suite)
SUITES = [("ECDHE", "ECDHE-RSA-AES128-GCM-SHA256", "TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256"),
          ("RSA", "AES256-SHA256", "TLS_RSA_WITH_AES_256_CBC_SHA256")]
# (name, OpenSSL sigalg, tlsx name, GnuTLS priority item)
SIGALGS = [("PKCS1", "RSA+SHA256", "rsa_pkcs1_sha256", "SIGN-RSA-SHA256"),
           ("PSS", "rsa_pss_rsae_sha384", "rsa_pss_rsae_sha384", "SIGN-RSA-PSS-RSAE-SHA384")]


def path_of(case):
    return "/" + re.sub(r"[^A-Za-z0-9]+", "-", case)


def server_log_for(server, path):
    log = server.log_line(re.escape(f'"GET {path}'))
    check(log is not None, f"no server log line for {path}", server.log.text())
    return log


def check_page_and_log(server, case, out, sig, iana):
    """The tlsx-server page and log line name the client certificate and its signature."""
    check("HTTP/1.1 200 OK" in out, "no HTTP response", out)
    check(f"peer certificate: {CLIENT_SUBJECT}" in out, "page: client certificate", out)
    check("verified by: CN=tlsx test root CA" in out, "page: client chain verified", out)
    check(f"client certificate signature: {sig}" in out, f"page: CertificateVerify {sig}", out)
    if iana is not None:
        check(f"cipher suite: {iana}" in out, f"page: suite {iana}", out)
    log = server_log_for(server, path_of(case))
    check(f'client="{CLIENT_SUBJECT}"' in log and f"client-sig={sig}" in log,
          f"server log line: {log}")


# ---- tlsx-server with peers as clients ----

def s_client(args, port, extra, request):
    cmd = ["openssl", "s_client", "-connect", f"127.0.0.1:{port}", "-CAfile", pki(args, "ca.pem"),
           "-verify_return_error", "-servername", "localhost", "-tls1_2", "-ign_eof"] + extra
    return run(cmd, request.encode())


def s_client_case(args, server, case, cipher, iana, ossl_sig, sig):
    extra = ["-cert", pki(args, "client.pem"), "-key", pki(args, "client.key"), "-cipher", cipher,
             "-client_sigalgs", ossl_sig]
    code, out = s_client(args, server.port, extra,
                         f"GET {path_of(case)} HTTP/1.1\r\nHost: localhost\r\n\r\n")
    check(code == 0, f"s_client exited with {code}", out)
    check_page_and_log(server, case, out, sig, iana)


def s_client_refused(args, server, case, cert, alert):
    extra = [] if cert is None else ["-cert", pki(args, cert), "-key", pki(args, "client.key")]
    code, out = s_client(args, server.port, extra, "")
    check(code != 0, "s_client should have failed", out)
    check(f"SSL alert number {ALERTS[alert]}" in out, f"s_client should receive {alert}", out)
    # The server's log: "<peer> handshake failed: <alert> (sent to peer): ..."; several refusal
    # cases share the server, so any line with this alert will do.
    log = server.log_line(r"handshake failed: " + re.escape(f"{alert} (sent to peer)"))
    check(log is not None, f"server log should say {alert}", server.log.text())


def s_client_request_without_cert(args, server, case):
    code, out = s_client(args, server.port, [],
                         f"GET {path_of(case)} HTTP/1.1\r\nHost: localhost\r\n\r\n")
    check(code == 0, f"s_client exited with {code}", out)
    check("HTTP/1.1 200 OK" in out and "peer certificate:" not in out,
          "page: success without a client certificate", out)
    log = server_log_for(server, path_of(case))
    check("client=" not in log and "client-sig=" not in log, f"server log line: {log}")


def gnutls_cli_case(args, server, case, kx, gnutls_sig, sig):
    priority = f"{TLS12}:-KX-ALL:+{kx}:-SIGN-ALL:+{gnutls_sig}"
    cmd = ["gnutls-cli", "--x509cafile", pki(args, "ca.pem"), "--x509certfile",
           pki(args, "client.pem"), "--x509keyfile", pki(args, "client.key"), "--port",
           str(server.port), "--sni-hostname", "localhost", "--verify-hostname", "localhost",
           "--priority", priority, "127.0.0.1"]
    code, out = interact(cmd,
                         f"GET {path_of(case)} HTTP/1.1\r\nHost: localhost\r\n\r\n".encode())
    check(code is not None, "gnutls-cli did not finish", out)
    check("- Successfully sent 1 certificate(s) to server." in out, "gnutls-cli sent no cert", out)
    want_kx = "RSA" if kx == "RSA" else "ECDHE_RSA (x25519)"
    check(f"key exchange: {want_kx}\n" in out, "page: key exchange", out)
    check_page_and_log(server, case, out, sig, None)


def curl_case(args, server, case, cipher, iana):
    cmd = ["curl", "-sS", "--max-time", "10", "--tlsv1.2", "--tls-max", "1.2", "--cacert",
           pki(args, "ca.pem"), "--cert", pki(args, "client.pem"), "--key",
           pki(args, "client.key"), "--ciphers", cipher, "--resolve",
           f"localhost:{server.port}:127.0.0.1", f"https://localhost:{server.port}{path_of(case)}"]
    code, out = run(cmd)
    check(code == 0, f"curl exited with {code}", out)
    check(f"peer certificate: {CLIENT_SUBJECT}" in out, "page: client certificate", out)
    check(f"cipher suite: {iana}" in out, "page: suite", out)
    log = server_log_for(server, path_of(case))
    check(f'client="{CLIENT_SUBJECT}"' in log, f"server log line: {log}")


def curl_without_cert(args, server, case):
    cmd = ["curl", "-sS", "--max-time", "10", "--tlsv1.2", "--tls-max", "1.2", "--cacert",
           pki(args, "ca.pem"), "--resolve", f"localhost:{server.port}:127.0.0.1",
           f"https://localhost:{server.port}{path_of(case)}"]
    code, out = run(cmd)
    check(code != 0, "curl should fail without a client certificate", out)
    check("alert handshake failure" in out or "handshake failure" in out,
          "curl should report handshake failure", out)


def python_case(args, server, case, cipher, iana):
    ctx = ssl.SSLContext(ssl.PROTOCOL_TLS_CLIENT)
    ctx.load_verify_locations(pki(args, "ca.pem"))
    ctx.load_cert_chain(pki(args, "client.pem"), pki(args, "client.key"))
    ctx.minimum_version = ctx.maximum_version = ssl.TLSVersion.TLSv1_2
    ctx.set_ciphers(cipher)
    with socket.create_connection(("127.0.0.1", server.port), timeout=10) as raw:
        with ctx.wrap_socket(raw, server_hostname="localhost") as tls:
            data = http_get(tls, path_of(case))
    out = data.decode("utf-8", "replace")
    check(f"peer certificate: {CLIENT_SUBJECT}" in out, "page: client certificate", out)
    check(f"cipher suite: {iana}" in out, "page: suite", out)
    log = server_log_for(server, path_of(case))
    check(f'client="{CLIENT_SUBJECT}"' in log, f"server log line: {log}")


# ---- tlsx-client against peer servers ----

def client_args(args, extra, cert=True):
    base = ["--servername", "localhost", "--cafile", pki(args, "ca.pem")]
    if cert:
        base += ["--cert", pki(args, "client.pem"), "--key", pki(args, "client.key")]
    return base + list(extra)


def tlsx_client_vs_s_server(args, server, cipher, sig):
    probe = f"hello {cipher} {sig}"
    code, out = tlsx_client(args, f"127.0.0.1:{server.port}",
                            client_args(args, ["--ciphers", cipher, "--send", probe + r"\n",
                                               "--idle", "1"]))
    check(code == 0, f"tlsx-client exited with {code}", out)
    check(f"client certificate: {CLIENT_SUBJECT}" in out, "tlsx-client sent no certificate", out)
    check(f"client certificate signature: {sig}" in out, f"CertificateVerify should be {sig}", out)
    # s_server -Verify prints its verification of our chain and echoes what it received.
    m = server.log.wait_for(re.escape(probe), timeout=5)
    check(m is not None, "s_server did not receive the data", server.log.text())
    check(server.log.wait_for(r"depth=0 O = tlsx tests, CN = tlsx test client", timeout=1),
          "s_server did not verify the client certificate", server.log.text())


def tlsx_client_refused_by_s_server(args, server):
    code, out = tlsx_client(args, f"127.0.0.1:{server.port}",
                            client_args(args, ["--send", ""], cert=False))
    check(code != 0, "tlsx-client should fail without a certificate", out)
    check("handshake_failure (received from peer)" in out,
          "tlsx-client should receive handshake_failure", out)


def tlsx_client_request_without_cert(args, server):
    code, out = tlsx_client(args, f"127.0.0.1:{server.port}",
                            client_args(args, ["--send", "optional\\n", "--idle", "1"],
                                        cert=False))
    check(code == 0, f"tlsx-client exited with {code}", out)
    check("client certificate signature" not in out, "no CertificateVerify expected", out)


def gnutls_serv(args, priority, extra):
    last = None
    for _ in range(3):
        port = free_port()
        cmd = ["gnutls-serv", "--port", str(port), "--x509certfile", pki(args, "server.pem"),
               "--x509keyfile", pki(args, "server.key"), "--x509cafile", pki(args, "ca.pem"),
               "--echo", "--priority", priority] + list(extra)
        try:
            return PeerServer(cmd, r"listening on IPv4 .*port (\d+)\.\.\.done")
        except Failure as e:
            last = e
    raise last


def tlsx_client_vs_gnutls(args, kx, gnutls_sig, sig):
    server = gnutls_serv(args, f"{TLS12}:-KX-ALL:+{kx}:-SIGN-ALL:+{gnutls_sig}",
                         ["--require-client-cert", "--verify-client-cert"])
    try:
        probe = f"hello gnutls {kx} {sig}"
        code, out = tlsx_client(args, f"127.0.0.1:{server.port}",
                                client_args(args, ["--send", probe + r"\n", "--idle", "1"]))
        check(code == 0, f"tlsx-client exited with {code}", out)
        check(f"client certificate signature: {sig}" in out, f"CertificateVerify {sig}", out)
        check(f"reply:\n{probe}\n" in out, "gnutls-serv should echo the line", out)
    finally:
        server.stop()


def tlsx_client_refused_by_gnutls(args):
    server = gnutls_serv(args, TLS12, ["--require-client-cert"])
    try:
        code, out = tlsx_client(args, f"127.0.0.1:{server.port}",
                                client_args(args, ["--send", ""], cert=False))
        check(code != 0, "tlsx-client should fail without a certificate", out)
        # GnuTLS 3.7 answers the empty Certificate with decode_error ("No certificate was
        # found"), not handshake_failure as OpenSSL does; any fatal alert will do, and the line
        # below shows which one came.
        check("(received from peer)" in out, "tlsx-client should receive an alert", out)
        print(f"gnutls-serv --require-client-cert answered: {out.strip().splitlines()[-1]}")
    finally:
        server.stop()


def usage_error(args, cmd, want):
    code, out = run(cmd, timeout=10)
    check(code == 2, f"exit status 2 expected, got {code}", out)
    check(want in out, f"expected '{want}'", out)


def main():
    args = parse_args(__doc__)
    require_tools("openssl")
    cases = Cases(args)
    require = TlsxServer(args, ["--client-auth", "require", "--client-ca", pki(args, "ca.pem")])
    request = TlsxServer(args, ["--client-auth", "request", "--client-ca", pki(args, "ca.pem")])
    s_servers = {}
    try:
        for kx, cipher, iana in SUITES:
            for sname, ossl_sig, sig, _ in SIGALGS:
                case = f"s_client {kx} {sname}"
                cases.add(case, s_client_case, args, require, case, cipher, iana, ossl_sig, sig)
        for cert, alert in [(None, "handshake_failure"), ("client-untrusted.pem", "unknown_ca"),
                            ("client-expired.pem", "certificate_expired"),
                            ("client-serverauth.pem", "unsupported_certificate")]:
            case = f"s_client refused {cert or 'no certificate'}"
            cases.add(case, s_client_refused, args, require, case, cert, alert)
        cases.add("s_client request without certificate", s_client_request_without_cert, args,
                  request, "s_client request without certificate")
        if shutil.which("gnutls-cli"):
            for kx, _, _ in SUITES:
                gkx = "ECDHE-RSA" if kx == "ECDHE" else "RSA"
                for sname, _, sig, gsig in SIGALGS:
                    case = f"gnutls-cli {kx} {sname}"
                    cases.add(case, gnutls_cli_case, args, require, case, gkx, gsig, sig)
        if shutil.which("curl"):
            for kx, cipher, iana in SUITES:
                case = f"curl {kx}"
                cases.add(case, curl_case, args, require, case, cipher, iana)
            cases.add("curl without certificate", curl_without_cert, args, require,
                      "curl without certificate")
        for kx, cipher, iana in SUITES:
            case = f"python ssl {kx}"
            cases.add(case, python_case, args, require, case, cipher, iana)

        for kx, cipher, _ in SUITES:
            for sname, ossl_sig, sig, _ in SIGALGS:
                server = openssl_server(args, ["-Verify", "1", "-CAfile", pki(args, "ca.pem"),
                                               "-client_sigalgs", ossl_sig, "-tls1_2"])
                s_servers[(kx, sname)] = server
                cases.add(f"tlsx-client vs s_server {kx} {sname}", tlsx_client_vs_s_server, args,
                          server, cipher, sig)
        strict = openssl_server(args, ["-Verify", "1", "-CAfile", pki(args, "ca.pem"), "-tls1_2"])
        optional = openssl_server(args, ["-verify", "1", "-CAfile", pki(args, "ca.pem"),
                                         "-tls1_2"])
        cases.add("tlsx-client without certificate vs s_server -Verify",
                  tlsx_client_refused_by_s_server, args, strict)
        cases.add("tlsx-client without certificate vs s_server -verify",
                  tlsx_client_request_without_cert, args, optional)
        if shutil.which("gnutls-serv"):
            for kx, _, _ in SUITES:
                gkx = "ECDHE-RSA" if kx == "ECDHE" else "RSA"
                for sname, _, sig, gsig in SIGALGS:
                    cases.add(f"tlsx-client vs gnutls-serv {kx} {sname}", tlsx_client_vs_gnutls,
                              args, gkx, gsig, sig)
            cases.add("tlsx-client without certificate vs gnutls-serv --require-client-cert",
                      tlsx_client_refused_by_gnutls, args)
        base = [args.server, "--cert", pki(args, "server.pem"), "--key", pki(args, "server.key")]
        cases.add("tlsx-server --client-auth without --client-ca", usage_error, args,
                  base + ["--client-auth", "require"], "needs --client-ca")
        cases.add("tlsx-server --client-auth bogus", usage_error, args,
                  base + ["--client-auth", "bogus"], "none, request or require")
        cases.add("tlsx-client --cert without --key", usage_error, args,
                  [args.client, "127.0.0.1:1", "--cert", pki(args, "client.pem")],
                  "--cert and --key go together")
        return cases.run()
    finally:
        PROCS.stop_all()


if __name__ == "__main__":
    sys.exit(main())
