#!/usr/bin/env python3
"""tlsx-client against `gnutls-serv --echo` (default, no EMS, CBC without encrypt-then-MAC,
ALPN) and against a Python ssl server (every ECDHE suite)."""

import shutil
import socket
import ssl
import sys
import threading

from interop import (RSA_CERT_SUITES, Cases, PROCS, check, gnutls_server, is_ecdhe, parse_args,
                     pki, tlsx_client)

TLS12 = "NORMAL:-VERS-ALL:+VERS-TLS1.2"


def client_args(args, extra):
    return ["--servername", "localhost", "--cafile", pki(args, "ca.pem")] + list(extra)


def gnutls_case(args, server, extra, want):
    probe = "hello gnutls " + "-".join(extra)
    code, out = tlsx_client(args, f"127.0.0.1:{server.port}",
                            client_args(args, ["--send", probe + r"\n", "--idle", "0.5"] + extra))
    check(code == 0, f"tlsx-client exited with {code}", out)
    check("verified by: CN=tlsx test root CA" in out, "chain not verified", out)
    check(f"reply:\n{probe}\n" in out, "gnutls-serv should echo the line", out)
    for text in want:
        check(text in out, f"expected '{text}'", out)


class PythonServer:
    """A TLS 1.2 server on Python's ssl module, in this process: answers each line with
    'python: <line>' and then closes with close_notify."""

    def __init__(self, args):
        self.ctx = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
        self.ctx.load_cert_chain(pki(args, "server.pem"), pki(args, "server.key"))
        self.ctx.minimum_version = ssl.TLSVersion.TLSv1_2
        self.ctx.maximum_version = ssl.TLSVersion.TLSv1_2
        self.ctx.set_ciphers("ALL")
        self.ctx.set_alpn_protocols(["http/1.1"])
        self.sock = socket.create_server(("127.0.0.1", 0))
        self.sock.settimeout(0.5)
        self.port = self.sock.getsockname()[1]
        self.stopping = False
        self.errors = []
        self.thread = threading.Thread(target=self._serve, daemon=True)
        self.thread.start()

    def _serve(self):
        while not self.stopping:
            try:
                raw, _ = self.sock.accept()
            except socket.timeout:
                continue
            threading.Thread(target=self._handle, args=(raw,), daemon=True).start()

    def _handle(self, raw):
        try:
            raw.settimeout(10)
            with self.ctx.wrap_socket(raw, server_side=True) as tls:
                data = b""
                while not data.endswith(b"\n"):
                    chunk = tls.recv(4096)
                    if not chunk:
                        break
                    data += chunk
                tls.sendall(b"python: " + data + f"cipher={tls.cipher()[0]}\n".encode())
                tls.unwrap()
        except (OSError, ssl.SSLError) as e:
            self.errors.append(repr(e))

    def stop(self):
        self.stopping = True
        self.thread.join(timeout=5)
        self.sock.close()


def python_case(args, server, iana, ossl):
    code, out = tlsx_client(args, f"127.0.0.1:{server.port}",
                            client_args(args, ["--ciphers", iana, "--alpn", "http/1.1",
                                               "--send", r"ping\n"]))
    check(code == 0, f"tlsx-client exited with {code}", out)
    check(f"cipher suite: {iana}" in out, "client's suite", out)
    check(f"python: ping\ncipher={ossl}\n" in out, "reply from the Python server", out)
    check("ALPN: http/1.1" in out, "ALPN", out)
    check("--- end: server sent close_notify" in out, "Python should close with close_notify", out)


def gnutls_echo_server(args, priority, extra=()):
    # gnutls-serv asks for an optional client certificate by default: tlsx-client (without
    # --cert) answers the CertificateRequest with an empty Certificate (RFC 5246 §7.4.6).
    return gnutls_server(args, ["--echo", "--priority", priority] + list(extra))


def main():
    args = parse_args(__doc__)
    cases = Cases(args)
    python_server = PythonServer(args)
    try:
        if shutil.which("gnutls-serv"):
            default = gnutls_echo_server(args, TLS12)
            no_ems = gnutls_echo_server(args, TLS12 + ":%NO_SESSION_HASH")
            no_etm = gnutls_echo_server(args, TLS12 + ":%NO_ETM")
            alpn = gnutls_echo_server(args, TLS12, ["--alpn", "http/1.1"])
            cases.add("gnutls-serv default", gnutls_case, args, default, [],
                      ["extended master secret: yes"])
            for iana, _ in RSA_CERT_SUITES:
                if iana.endswith("_CBC_SHA") or "GCM" in iana or "CHACHA" in iana:
                    cases.add(f"gnutls-serv {iana}", gnutls_case, args, default,
                              ["--ciphers", iana], [f"cipher suite: {iana}"])
            cases.add("gnutls-serv %NO_SESSION_HASH", gnutls_case, args, no_ems, [],
                      ["extended master secret: no"])
            cases.add("gnutls-serv %NO_ETM, CBC", gnutls_case, args, no_etm,
                      ["--ciphers", "ECDHE-RSA-AES128-SHA"], ["encrypt-then-MAC: no"])
            cases.add("gnutls-serv --alpn http/1.1", gnutls_case, args, alpn,
                      ["--alpn", "h2,http/1.1"], ["ALPN: http/1.1"])
        for iana, ossl in RSA_CERT_SUITES:
            if is_ecdhe(iana):
                cases.add(f"python ssl server {ossl}", python_case, args, python_server, iana,
                          ossl)
        return cases.run()
    finally:
        python_server.stop()
        PROCS.stop_all()


if __name__ == "__main__":
    sys.exit(main())
