#!/usr/bin/env python3
"""tlsx-client refusing bad servers: wrong host name, untrusted root, expired certificate, and a
server without extended master secret when EMS is required. Each time tlsx-client must exit
non-zero naming the alert, and `openssl s_server` must report that it received that alert."""

import os
import subprocess
import sys

from interop import (Cases, Failure, PROCS, check, env_with, openssl_conf_without_ems,
                     openssl_server, parse_args, pki, require_tools, tlsx_client)

# RFC 5246 §7.2.2 alert numbers as OpenSSL prints them ("SSL alert number 42").
ALERT_NUMBERS = {"bad_certificate": 42, "certificate_expired": 45, "unknown_ca": 48,
                 "handshake_failure": 40}


def openssl(cmd, cwd):
    result = subprocess.run(["openssl"] + cmd, cwd=cwd, capture_output=True, timeout=30)
    if result.returncode != 0:
        raise Failure(f"openssl {' '.join(cmd)} failed:\n{result.stderr.decode()}")


def make_untrusted_root(args, tmp):
    """A self-signed root the client trusts instead of the real one (key reused: no keygen)."""
    path = os.path.join(tmp, "other-root.pem")
    openssl(["req", "-x509", "-new", "-key", pki(args, "ca.key"), "-subj", "/CN=other root",
             "-days", "1", "-out", path], tmp)
    return path


def make_expired_certificate(args, tmp):
    """A localhost certificate from the test CA that expired in 2021 (`openssl ca` can set any
    validity period; `openssl x509 -req` in OpenSSL 3.0 cannot)."""
    with open(os.path.join(tmp, "index.txt"), "w"):
        pass
    with open(os.path.join(tmp, "serial"), "w") as f:
        f.write("1000\n")
    conf = os.path.join(tmp, "ca.cnf")
    with open(conf, "w") as f:
        f.write(f"""[ca]
default_ca = test_ca
[test_ca]
database = {tmp}/index.txt
new_certs_dir = {tmp}
serial = {tmp}/serial
default_md = sha256
policy = policy_any
unique_subject = no
[policy_any]
commonName = supplied
[server_ext]
basicConstraints = critical,CA:false
keyUsage = critical,digitalSignature,keyEncipherment
extendedKeyUsage = serverAuth
subjectAltName = DNS:localhost,IP:127.0.0.1
""")
    csr = os.path.join(tmp, "expired.csr")
    cert = os.path.join(tmp, "expired.pem")
    openssl(["req", "-new", "-key", pki(args, "server.key"), "-subj", "/CN=localhost", "-out",
             csr], tmp)
    openssl(["ca", "-batch", "-config", conf, "-cert", pki(args, "ca.pem"), "-keyfile",
             pki(args, "ca.key"), "-in", csr, "-out", cert, "-startdate", "20200101000000Z",
             "-enddate", "20210101000000Z", "-extensions", "server_ext", "-notext"], tmp)
    return cert


def refused_case(args, server_extra, client_extra, alert, cert="server.pem", env=None):
    server = openssl_server(args, ["-naccept", "1", "-tls1_2"] + server_extra, cert=cert,
                            env=env)
    try:
        code, out = tlsx_client(args, f"127.0.0.1:{server.port}", client_extra)
        check(code == 1, f"tlsx-client should exit 1, not {code}", out)
        check(f"tlsx-client: handshake failed: {alert} (sent to peer)" in out,
              f"tlsx-client should name {alert}", out)
        number = ALERT_NUMBERS[alert]
        m = server.log.wait_for(rf"SSL alert number {number}\b", timeout=5)
        check(m is not None, f"s_server should have received alert {number} ({alert})",
              server.log.text())
    finally:
        server.stop()


def main():
    args = parse_args(__doc__)
    require_tools("openssl")
    cases = Cases(args)
    try:
        other_root = make_untrusted_root(args, cases.tmp)
        expired = make_expired_certificate(args, cases.tmp)
        no_ems_conf = openssl_conf_without_ems(cases.tmp)
        ca = pki(args, "ca.pem")
        cases.add("wrong host name -> bad_certificate", refused_case, args, [],
                  ["--cafile", ca, "--servername", "wrong.example.net"], "bad_certificate")
        cases.add("untrusted root -> unknown_ca", refused_case, args, [],
                  ["--cafile", other_root, "--servername", "localhost"], "unknown_ca")
        cases.add("expired certificate -> certificate_expired", refused_case, args, [],
                  ["--cafile", ca, "--servername", "localhost"], "certificate_expired", expired)
        cases.add("--ems require vs server without EMS -> handshake_failure", refused_case, args,
                  [], ["--cafile", ca, "--servername", "localhost", "--ems", "require"],
                  "handshake_failure", "server.pem", env_with(OPENSSL_CONF=no_ems_conf))
        return cases.run()
    finally:
        PROCS.stop_all()


if __name__ == "__main__":
    sys.exit(main())
