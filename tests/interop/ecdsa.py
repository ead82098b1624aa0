#!/usr/bin/env python3
"""ECDSA certificates and secp256r1 over loopback (RFC 8422). tlsx-server with the P-256 leaf
under the P-384 intermediate and root (tests/data/pki/ec-*) against openssl s_client (every
ECDHE_ECDSA suite), gnutls-cli, curl and Python's ssl client; tlsx-server with an RSA and an ECDSA
chain choosing by the client's suites; tlsx-client against openssl s_server with the ECDSA chain
and with both chains (-cert/-key plus -dcert/-dkey), and against gnutls-serv; secp256r1 forced by
the peer on both sides; mutual TLS with the ECDSA client certificate in both directions."""

import os
import re
import socket
import ssl
import sys

from interop import (Cases, PeerServer, TlsxServer, check, free_port, http_get, interact,
                     parse_args, pki, require_tools, run, tlsx_client, Failure)

TLS12 = "NORMAL:-VERS-ALL:+VERS-TLS1.2"
EC_CERTS = (("ec-server-chain.pem", "ec-server.key"),)
DUAL_CERTS = (("server.pem", "server.key"), ("ec-server-chain.pem", "ec-server.key"))
EC_CLIENT_SUBJECT = "CN=tlsx test ECDSA client,O=tlsx tests"

ECDSA_SUITES = [
    ("TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256", "ECDHE-ECDSA-AES128-GCM-SHA256"),
    ("TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384", "ECDHE-ECDSA-AES256-GCM-SHA384"),
    ("TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305_SHA256", "ECDHE-ECDSA-CHACHA20-POLY1305"),
    ("TLS_ECDHE_ECDSA_WITH_AES_128_CBC_SHA256", "ECDHE-ECDSA-AES128-SHA256"),
    ("TLS_ECDHE_ECDSA_WITH_AES_256_CBC_SHA384", "ECDHE-ECDSA-AES256-SHA384"),
    ("TLS_ECDHE_ECDSA_WITH_AES_128_CBC_SHA", "ECDHE-ECDSA-AES128-SHA"),
    ("TLS_ECDHE_ECDSA_WITH_AES_256_CBC_SHA", "ECDHE-ECDSA-AES256-SHA"),
]


def path_of(case):
    return "/" + re.sub(r"[^A-Za-z0-9]+", "-", case)


def both_roots(cases):
    """A CA file with the RSA and the ECDSA test roots (for dual-chain servers)."""
    path = os.path.join(cases.tmp, "both-roots.pem")
    if not os.path.exists(path):
        with open(path, "w") as out:
            for name in ("ca.pem", "ec-ca.pem"):
                with open(pki(cases.args, name)) as f:
                    out.write(f.read())
    return path


def check_page(out, iana=None, kx="ECDHE_ECDSA", group=None, sig=None):
    """tlsx-server's page (and tlsx-client's summary) use the same field names."""
    check("cipher suite: " in out, "no negotiated parameters in the output", out)
    if iana is not None:
        check(f"cipher suite: {iana}\n" in out, f"expected suite {iana}", out)
    check(f"key exchange: {kx}" in out, f"expected key exchange {kx}", out)
    if group is not None:
        check(f"key exchange: {kx} ({group})" in out, f"expected group {group}", out)
    if sig is not None:
        check(f"signature: {sig}\n" in out, f"expected ServerKeyExchange signature {sig}", out)


# ---- tlsx-server with peers as clients ----

def s_client(args, port, cafile, extra, case):
    cmd = ["openssl", "s_client", "-connect", f"127.0.0.1:{port}", "-CAfile", cafile,
           "-verify_return_error", "-servername", "localhost", "-tls1_2", "-ign_eof"] + extra
    request = f"GET {path_of(case)} HTTP/1.1\r\nHost: localhost\r\n\r\n"
    code, out = run(cmd, request.encode())
    check(code == 0, f"s_client exited with {code}", out)
    check("HTTP/1.1 200 OK" in out, "no HTTP response", out)
    return out


def s_client_suite(args, server, case, iana, cipher):
    out = s_client(args, server.port, pki(args, "ec-ca.pem"), ["-cipher", cipher], case)
    check_page(out, iana, sig="ecdsa_secp256r1_sha256")
    # s_client verified the P-256 leaf through the P-384 intermediate to the P-384 root.
    check("Verify return code: 0 (ok)" in out, "s_client verification", out)
    check("Peer signature type: ECDSA" in out, "s_client saw no ECDSA signature", out)


def s_client_p256(args, server, case):
    out = s_client(args, server.port, pki(args, "ec-ca.pem"), ["-groups", "P-256"], case)
    check_page(out, group="secp256r1")
    check("Server Temp Key: ECDH, prime256v1" in out, "s_client: temp key P-256", out)


def s_client_dual(args, cases, server, case, cipher, kx):
    out = s_client(args, server.port, both_roots(cases), ["-cipher", cipher], case)
    check_page(out, kx=kx)
    want = "ECDSA intermediate" if kx == "ECDHE_ECDSA" else "CN = tlsx test root CA"
    check(re.search(r"i:.*" + re.escape(want), out) is not None,
          f"s_client should see the chain issued by {want}", out)


def s_client_mtls(args, server, case):
    extra = ["-cert", pki(args, "ec-client.pem"), "-key", pki(args, "ec-client.key"),
             "-cert_chain", pki(args, "ec-intermediate.pem"), "-groups", "P-256"]
    out = s_client(args, server.port, pki(args, "ec-ca.pem"), extra, case)
    check_page(out, group="secp256r1")
    check(f"peer certificate: {EC_CLIENT_SUBJECT}" in out, "page: client certificate", out)
    check("client certificate signature: ecdsa_secp256r1_sha256" in out,
          "page: ECDSA CertificateVerify", out)
    log = server.log_line(re.escape(f'"GET {path_of(case)}'))
    check(log is not None and f'client="{EC_CLIENT_SUBJECT}"' in log,
          f"server log line: {log}", server.log.text())


def gnutls_cli_case(args, server, case, priority, group):
    cmd = ["gnutls-cli", "--x509cafile", pki(args, "ec-ca.pem"), "--port", str(server.port),
           "--sni-hostname", "localhost", "--verify-hostname", "localhost", "--priority",
           priority, "127.0.0.1"]
    code, out = interact(cmd,
                         f"GET {path_of(case)} HTTP/1.1\r\nHost: localhost\r\n\r\n".encode())
    check(code is not None, "gnutls-cli did not finish", out)
    check_page(out, group=group)
    check("ECDHE-ECDSA" in out or "ECDHE_ECDSA" in out, "gnutls-cli description", out)


def curl_case(args, server, case):
    cmd = ["curl", "-sS", "--max-time", "10", "--tlsv1.2", "--tls-max", "1.2", "--cacert",
           pki(args, "ec-ca.pem"), "--resolve", f"localhost:{server.port}:127.0.0.1",
           f"https://localhost:{server.port}{path_of(case)}"]
    code, out = run(cmd)
    check(code == 0, f"curl exited with {code}", out)
    check_page(out, sig="ecdsa_secp256r1_sha256")


def python_case(args, server, case):
    ctx = ssl.SSLContext(ssl.PROTOCOL_TLS_CLIENT)
    ctx.load_verify_locations(pki(args, "ec-ca.pem"))
    ctx.minimum_version = ctx.maximum_version = ssl.TLSVersion.TLSv1_2
    ctx.set_ecdh_curve("prime256v1")  # secp256r1 as the only group Python offers
    with socket.create_connection(("127.0.0.1", server.port), timeout=10) as raw:
        with ctx.wrap_socket(raw, server_hostname="localhost") as tls:
            data = http_get(tls, path_of(case))
            cipher = tls.cipher()[0]
    out = data.decode("utf-8", "replace")
    check(cipher.startswith("ECDHE-ECDSA-"), f"python negotiated {cipher}", out)
    check_page(out, group="secp256r1")


# ---- tlsx-client against peer servers ----

def s_server(args, extra):
    cmd = ["openssl", "s_server", "-accept", "127.0.0.1:0", "-tls1_2"] + list(extra)
    return PeerServer(cmd, r"^ACCEPT 127\.0\.0\.1:(\d+)")


EC_S_SERVER = ["-cert", "ec-server.pem", "-key", "ec-server.key", "-cert_chain",
               "ec-intermediate.pem"]


def with_pki(args, items):
    return [pki(args, x) if x.endswith((".pem", ".key")) else x for x in items]


def tlsx_client_case(args, cafile, server_extra, client_extra, kx, group=None, iana=None):
    server = s_server(args, with_pki(args, server_extra))
    try:
        code, out = tlsx_client(args, f"127.0.0.1:{server.port}",
                                ["--servername", "localhost", "--cafile", cafile, "--send",
                                 r"ecdsa-probe\n", "--idle", "1"] + client_extra)
        check(code == 0, f"tlsx-client exited with {code}", out)
        check_page(out, iana, kx=kx, group=group)
        check(server.log.wait_for(r"ecdsa-probe", timeout=5) is not None,
              "s_server did not receive the data", server.log.text())
        return server, out
    finally:
        server.stop()


def tlsx_client_mtls(args):
    server = s_server(args, with_pki(args, EC_S_SERVER + ["-Verify", "2", "-CAfile",
                                                          "ec-ca.pem"]))
    try:
        code, out = tlsx_client(args, f"127.0.0.1:{server.port}",
                                ["--servername", "localhost", "--cafile", pki(args, "ec-ca.pem"),
                                 "--cert", pki(args, "ec-client-chain.pem"), "--key",
                                 pki(args, "ec-client.key"), "--send", r"mtls-probe\n", "--idle",
                                 "1"])
        check(code == 0, f"tlsx-client exited with {code}", out)
        check("client certificate signature: ecdsa_secp256r1_sha256" in out,
              "tlsx-client: ECDSA CertificateVerify", out)
        check(server.log.wait_for(r"depth=0 O = tlsx tests, CN = tlsx test ECDSA client",
                                  timeout=5) is not None,
              "s_server did not verify the ECDSA client certificate", server.log.text())
        check(server.log.wait_for(r"mtls-probe", timeout=5) is not None,
              "s_server did not receive the data", server.log.text())
    finally:
        server.stop()


def tlsx_client_gnutls(args):
    last = None
    for _ in range(3):
        port = free_port()
        cmd = ["gnutls-serv", "--port", str(port), "--x509certfile",
               pki(args, "ec-server-chain.pem"), "--x509keyfile", pki(args, "ec-server.key"),
               "--priority", TLS12 + ":-GROUP-ALL:+GROUP-SECP256R1", "--echo"]
        try:
            server = PeerServer(cmd, r"listening on IPv4 .*port (\d+)\.\.\.done")
            break
        except Failure as e:
            last = e
    else:
        raise last
    try:
        code, out = tlsx_client(args, f"127.0.0.1:{port}",
                                ["--servername", "localhost", "--cafile", pki(args, "ec-ca.pem"),
                                 "--send", r"gnutls-probe\n", "--idle", "1"])
        check(code == 0, f"tlsx-client exited with {code}", out)
        check_page(out, group="secp256r1")
        check("gnutls-probe" in out.split("reply:", 1)[-1], "no echo from gnutls-serv", out)
    finally:
        server.stop()


def main():
    args = parse_args(__doc__)
    require_tools("openssl", "gnutls-cli", "gnutls-serv", "curl")
    cases = Cases(args)
    ec_server = TlsxServer(args, [], certs=EC_CERTS)
    dual_server = TlsxServer(args, [], certs=DUAL_CERTS)
    mtls_server = TlsxServer(args, ["--client-auth", "require", "--client-ca",
                                    pki(args, "ec-ca.pem")], certs=EC_CERTS)
    try:
        for iana, cipher in ECDSA_SUITES:
            name = f"s_client {cipher}"
            cases.add(name, s_client_suite, args, ec_server, name, iana, cipher)
        cases.add("s_client -groups P-256", s_client_p256, args, ec_server,
                  "s_client -groups P-256")
        for cipher, kx in (("ECDHE-ECDSA-AES128-GCM-SHA256", "ECDHE_ECDSA"),
                           ("ECDHE-RSA-AES128-GCM-SHA256", "ECDHE_RSA"),
                           ("ECDHE-ECDSA-AES256-SHA:AES256-SHA", "ECDHE_ECDSA"),
                           ("AES256-SHA", "RSA")):
            name = f"dual chains s_client {cipher}"
            cases.add(name, s_client_dual, args, cases, dual_server, name, cipher, kx)
        cases.add("mTLS s_client ECDSA client certificate", s_client_mtls, args, mtls_server,
                  "mTLS s_client ECDSA client certificate")
        cases.add("gnutls-cli TLS 1.2", gnutls_cli_case, args, ec_server, "gnutls-cli TLS 1.2",
                  TLS12, None)
        cases.add("gnutls-cli SECP256R1 only", gnutls_cli_case, args, ec_server,
                  "gnutls-cli SECP256R1 only", TLS12 + ":-GROUP-ALL:+GROUP-SECP256R1",
                  "secp256r1")
        cases.add("curl", curl_case, args, ec_server, "curl")
        cases.add("python ssl prime256v1", python_case, args, ec_server, "python ssl prime256v1")

        ec_ca = pki(args, "ec-ca.pem")
        cases.add("tlsx-client vs s_server ECDSA chain", tlsx_client_case, args, ec_ca,
                  EC_S_SERVER, [], "ECDHE_ECDSA")
        cases.add("tlsx-client vs s_server -curves prime256v1", tlsx_client_case, args, ec_ca,
                  EC_S_SERVER + ["-curves", "prime256v1"], [], "ECDHE_ECDSA", "secp256r1")
        cases.add("tlsx-client --groups P-256 --ciphers CHACHA20", tlsx_client_case, args, ec_ca,
                  EC_S_SERVER, ["--groups", "P-256", "--ciphers",
                                "ECDHE-ECDSA-CHACHA20-POLY1305"], "ECDHE_ECDSA", "secp256r1",
                  "TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305_SHA256")
        dual_s_server = ["-cert", "server.pem", "-key", "server.key", "-dcert", "ec-server.pem",
                         "-dkey", "ec-server.key", "-dcert_chain", "ec-intermediate.pem"]
        for cipher, kx in (("ECDHE-ECDSA-AES256-GCM-SHA384", "ECDHE_ECDSA"),
                           ("ECDHE-RSA-AES256-GCM-SHA384", "ECDHE_RSA")):
            cases.add(f"tlsx-client vs s_server both chains {cipher}", tlsx_client_case, args,
                      both_roots(cases), dual_s_server, ["--ciphers", cipher], kx)
        cases.add("tlsx-client mTLS ECDSA client certificate vs s_server", tlsx_client_mtls,
                  args)
        cases.add("tlsx-client vs gnutls-serv SECP256R1 only", tlsx_client_gnutls, args)
        return cases.run()
    finally:
        for server in (ec_server, dual_server, mtls_server):
            server.stop()


if __name__ == "__main__":
    sys.exit(main())
