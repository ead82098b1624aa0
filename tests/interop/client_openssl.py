#!/usr/bin/env python3
"""tlsx-client against `openssl s_server -www`: every suite tlsx can use with an RSA server
certificate, verifying the test PKI chain, with and without extended master secret; ALPN; a CBC
suite with encrypt-then-MAC refused by the server; a server without EMS."""

import sys

from interop import (RSA_CERT_SUITES, Cases, PROCS, check, env_with, is_cbc,
                     openssl_conf_without_ems, openssl_server, parse_args, pki, require_tools,
                     tlsx_client)

REQUEST = r"GET / HTTP/1.0\r\n\r\n"


def client_case(args, server, extra, want):
    """Runs tlsx-client against server; want: substrings its output must contain."""
    code, out = tlsx_client(args, f"127.0.0.1:{server.port}",
                            ["--servername", "localhost", "--cafile", pki(args, "ca.pem"),
                             "--send", REQUEST, "--idle", "5"] + list(extra))
    check(code == 0, f"tlsx-client exited with {code}", out)
    check("version: TLS 1.2" in out, "no TLS 1.2", out)
    check("peer certificate: CN=localhost" in out, "peer certificate subject", out)
    check("verified by: CN=tlsx test root CA" in out, "chain not verified to the test root", out)
    # s_server -www answers with an HTML page that names the suite it negotiated.
    check("HTTP/1.0 200 ok" in out, "no page from s_server", out)
    check("--- end: server sent close_notify" in out, "s_server should close with close_notify",
          out)
    for text in want:
        check(text in out, f"expected '{text}'", out)


def main():
    args = parse_args(__doc__)
    require_tools("openssl")
    cases = Cases(args)
    no_ems_conf = openssl_conf_without_ems(cases.tmp)
    www = openssl_server(args, ["-www"])
    alpn = openssl_server(args, ["-www", "-alpn", "http/1.1"])
    no_etm = openssl_server(args, ["-www", "-no_etm"])
    no_ems = openssl_server(args, ["-www"], env=env_with(OPENSSL_CONF=no_ems_conf))
    try:
        for iana, ossl in RSA_CERT_SUITES:
            for ems in ("on", "off"):
                want = [f"cipher suite: {iana}", f"Cipher is {ossl}",
                        f"extended master secret: {'yes' if ems == 'on' else 'no'}"]
                if is_cbc(iana):
                    want.append("encrypt-then-MAC: yes")
                cases.add(f"s_server {ossl} ems={ems}", client_case, args, www,
                          ["--ciphers", iana, "--ems", ems], want)
        cases.add("s_server -alpn http/1.1", client_case, args, alpn,
                  ["--alpn", "h2,http/1.1"], ["ALPN: http/1.1"])
        cases.add("s_server -no_etm (CBC: MAC-then-encrypt)", client_case, args, no_etm,
                  ["--ciphers", "ECDHE-RSA-AES128-SHA256"],
                  ["cipher suite: TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA256", "encrypt-then-MAC: no"])
        cases.add("s_server without EMS, --ems on", client_case, args, no_ems, [],
                  ["extended master secret: no"])
        cases.add("OpenSSL names, colon-separated", client_case, args, www,
                  ["--ciphers", "AES256-SHA256:ECDHE-RSA-AES256-SHA384"],
                  ["cipher suite: TLS_RSA_WITH_AES_256_CBC_SHA256"])  # s_server follows client order
        return cases.run()
    finally:
        PROCS.stop_all()


if __name__ == "__main__":
    sys.exit(main())
