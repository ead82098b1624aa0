#!/usr/bin/env python3
"""Records one TLS 1.2 connection between `openssl s_client` and `openssl s_server` on 127.0.0.1
through a small TCP relay, and writes the protected records with their keys as JSON test data.

Usage: capture_openssl.py CIPHER OUT.json [--no-etm]
  CIPHER  an OpenSSL cipher name, e.g. ECDHE-RSA-AES128-GCM-SHA256

What it does:
  1. makes a throw-away RSA-2048 key and self-signed certificate (openssl req) in a temp dir;
  2. starts s_server (-tls1_2 -cipher CIPHER -keylogfile) and a relay thread that logs every byte
     in each direction, then s_client through the relay;
  3. once the handshake is done the client sends CLIENT_MESSAGE, the server SERVER_MESSAGE, then the
     client's stdin is closed so it sends close_notify;
  4. cuts both byte streams into records, takes client/server random from the hellos and the
     master secret from the NSS key log, derives the key block with the TLS 1.2 PRF (RFC 5246 §5,
     §6.3; Python hmac/hashlib), and decrypts every protected record with the `cryptography`
     package to check the capture before writing it (Finished messages are recomputed too).
The JSON lists, per protected record: direction, sequence number, content type, the raw record
(header included) and the expected plaintext.
"""
import hashlib
import hmac
import json
import os
import socket
import subprocess
import sys
import tempfile
import threading
import time

from cryptography.hazmat.primitives.ciphers import Cipher, algorithms, modes
from cryptography.hazmat.primitives.ciphers.aead import AESGCM, ChaCha20Poly1305

CLIENT_MESSAGE = b"GET / HTTP/1.0\r\nHost: tlsx.test\r\n\r\n"
SERVER_MESSAGE = b"HTTP/1.0 200 OK\r\nContent-Length: 5\r\n\r\nhello"

# suite -> (kind, key size, mac/prf hash, fixed iv size)
SUITES = {
    "ECDHE-RSA-AES128-GCM-SHA256": ("gcm", 16, None, 4, "sha256"),
    "ECDHE-RSA-AES256-GCM-SHA384": ("gcm", 32, None, 4, "sha384"),
    "ECDHE-RSA-CHACHA20-POLY1305": ("chacha", 32, None, 12, "sha256"),
    "ECDHE-RSA-AES128-SHA": ("cbc", 16, "sha1", 16, "sha256"),
    "ECDHE-RSA-AES128-SHA256": ("cbc", 16, "sha256", 16, "sha256"),
    "ECDHE-RSA-AES256-SHA384": ("cbc", 32, "sha384", 16, "sha384"),
}


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def p_hash(name, secret, seed, size):
    out, a = b"", seed
    while len(out) < size:
        a = hmac.new(secret, a, name).digest()
        out += hmac.new(secret, a + seed, name).digest()
    return out[:size]


def prf(name, secret, label, seed, size):
    return p_hash(name, secret, label + seed, size)


def relay(listen, server_port, log):
    client, _ = listen.accept()
    upstream = socket.create_connection(("127.0.0.1", server_port))

    def pump(src, dst, direction):
        while True:
            data = src.recv(65536)
            if not data:
                try:
                    dst.shutdown(socket.SHUT_WR)
                except OSError:
                    pass
                return
            log.append((direction, data))
            dst.sendall(data)

    threads = [threading.Thread(target=pump, args=(client, upstream, "client_to_server")),
               threading.Thread(target=pump, args=(upstream, client, "server_to_client"))]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    client.close()
    upstream.close()


def records_of(stream):
    out = []
    while stream:
        length = int.from_bytes(stream[3:5], "big")
        out.append(stream[:5 + length])
        stream = stream[5 + length:]
    return out


def wait_for(predicate, what, timeout=10):
    deadline = time.time() + timeout
    while not predicate():
        if time.time() > deadline:
            raise SystemExit("timed out waiting for " + what)
        time.sleep(0.05)


def main():
    cipher, out_path = sys.argv[1], sys.argv[2]
    no_etm = "--no-etm" in sys.argv[3:]
    kind, key_size, mac, iv_size, prf_hash = SUITES[cipher]
    mac_size = hashlib.new(mac).digest_size if kind == "cbc" else 0
    tmp = tempfile.mkdtemp(prefix="tlsx-record-")
    key, cert, keylog = (os.path.join(tmp, n) for n in ("key.pem", "cert.pem", "keylog.txt"))
    subprocess.run(["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", key,
                    "-out", cert, "-days", "2", "-subj", "/CN=tlsx.test"], check=True,
                   capture_output=True)

    server_port, relay_port = free_port(), free_port()
    etm = ["-no_etm"] if no_etm else []
    server = subprocess.Popen(["openssl", "s_server", "-accept", f"127.0.0.1:{server_port}",
                               "-cert", cert, "-key", key, "-tls1_2", "-cipher", cipher,
                               "-naccept", "1", "-quiet"] + etm,
                              stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                              stderr=subprocess.DEVNULL)
    time.sleep(0.5)
    listen = socket.socket()
    listen.bind(("127.0.0.1", relay_port))
    listen.listen(1)
    log = []
    relay_thread = threading.Thread(target=relay, args=(listen, server_port, log))
    relay_thread.start()
    client = subprocess.Popen(["openssl", "s_client", "-connect", f"127.0.0.1:{relay_port}",
                               "-tls1_2", "-cipher", cipher, "-keylogfile", keylog, "-quiet",
                               "-no_ign_eof"] + etm,
                              stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                              stderr=subprocess.DEVNULL)
    wait_for(lambda: os.path.exists(keylog) and os.path.getsize(keylog) > 0, "the key log")
    time.sleep(0.3)
    client.stdin.write(CLIENT_MESSAGE)
    client.stdin.flush()
    time.sleep(0.3)
    server.stdin.write(SERVER_MESSAGE)
    server.stdin.flush()
    time.sleep(0.3)
    client.stdin.close()
    client.wait(timeout=10)
    relay_thread.join(timeout=10)
    server.kill()
    server.wait()

    streams = {"client_to_server": b"", "server_to_client": b""}
    for direction, data in log:
        streams[direction] += data
    records = {d: records_of(s) for d, s in streams.items()}

    client_hello = records["client_to_server"][0]
    server_hello = records["server_to_client"][0]
    client_random = client_hello[5 + 4 + 2:5 + 4 + 2 + 32]
    server_random = server_hello[5 + 4 + 2:5 + 4 + 2 + 32]
    master = None
    for line in open(keylog):
        parts = line.split()
        if parts[:2] == ["CLIENT_RANDOM", client_random.hex()]:
            master = bytes.fromhex(parts[2])
    assert master, "no key log line for this connection"

    key_block = prf(prf_hash, master, b"key expansion", server_random + client_random,
                    2 * (mac_size + key_size + iv_size))
    pieces, at = [], 0
    for size in (mac_size, mac_size, key_size, key_size, iv_size, iv_size):
        pieces.append(key_block[at:at + size])
        at += size
    keys = {"client_to_server": (pieces[0], pieces[2], pieces[4]),
            "server_to_client": (pieces[1], pieces[3], pieces[5])}

    # Protected records: everything after each direction's ChangeCipherSpec, numbered from 0.
    protected = []
    for direction in ("client_to_server", "server_to_client"):
        seq = None
        for rec in records[direction]:
            if rec[0] == 20:
                seq = 0
                continue
            if seq is None:
                continue
            protected.append((direction, seq, rec))
            seq += 1
    # Rebuild the transcript in protocol order: ClientHello, server flight, client flight.
    def plain_handshake(direction):
        out = b""
        for rec in records[direction]:
            if rec[0] == 20:
                break
            if rec[0] == 22:
                out += rec[5:]
        return out
    c_plain, s_plain = plain_handshake("client_to_server"), plain_handshake("server_to_client")
    ch_len = 4 + int.from_bytes(c_plain[1:4], "big")
    client_hello_msg, client_rest = c_plain[:ch_len], c_plain[ch_len:]
    # The server's plaintext flight ends with ServerHelloDone; a NewSessionTicket after it belongs
    # between the client's Finished and the server's.
    at = 0
    while True:
        msg_type, msg_len = s_plain[at], int.from_bytes(s_plain[at + 1:at + 4], "big")
        at += 4 + msg_len
        if msg_type == 14:
            break
    server_flight, server_ticket = s_plain[:at], s_plain[at:]
    hs = client_hello_msg + server_flight + client_rest

    out_records = []
    client_finished = None
    for direction, seq, rec in protected:
        mac_key, enc_key, fixed_iv = keys[direction]
        ctype, version, frag = rec[0], rec[1:3], rec[5:]
        if kind in ("gcm", "chacha"):
            if kind == "gcm":
                nonce, body = fixed_iv + frag[:8], frag[8:]
                aead = AESGCM(enc_key)
            else:
                padded = (b"\0" * 4) + seq.to_bytes(8, "big")
                nonce, body = bytes(a ^ b for a, b in zip(fixed_iv, padded)), frag
                aead = ChaCha20Poly1305(enc_key)
            aad = seq.to_bytes(8, "big") + bytes([ctype]) + version + \
                (len(body) - 16).to_bytes(2, "big")
            plain = aead.decrypt(nonce, body, aad)
            iv = frag[:8].hex() if kind == "gcm" else ""
        else:
            iv, ct = frag[:16], frag[16:]
            if not no_etm:
                tag, ct = ct[-mac_size:], ct[:-mac_size]
                mac_in = seq.to_bytes(8, "big") + bytes([ctype]) + version + \
                    (16 + len(ct)).to_bytes(2, "big") + iv + ct
                assert hmac.compare_digest(hmac.new(mac_key, mac_in, mac).digest(), tag)
            dec = Cipher(algorithms.AES(enc_key), modes.CBC(iv)).decryptor()
            padded = dec.update(ct) + dec.finalize()
            pad = padded[-1]
            assert padded[-pad - 1:] == bytes([pad]) * (pad + 1)
            body = padded[:-pad - 1]
            if no_etm:
                plain, tag = body[:-mac_size], body[-mac_size:]
                mac_in = seq.to_bytes(8, "big") + bytes([ctype]) + version + \
                    len(plain).to_bytes(2, "big") + plain
                assert hmac.compare_digest(hmac.new(mac_key, mac_in, mac).digest(), tag)
            else:
                plain = body
            iv = iv.hex()
        if ctype == 22:  # Finished: check verify_data against the transcript
            assert plain[:4] == b"\x14\x00\x00\x0c"
            if direction == "client_to_server":
                label, messages = b"client finished", hs
                client_finished = plain
            else:
                label, messages = b"server finished", hs + client_finished + server_ticket
            want = prf(prf_hash, master, label, hashlib.new(prf_hash, messages).digest(), 12)
            assert plain[4:] == want, "Finished verify_data mismatch"
        elif ctype == 23:
            assert plain in (CLIENT_MESSAGE, SERVER_MESSAGE)
        out_records.append({"direction": direction, "seq_num": seq, "content_type": ctype,
                            "record_iv_or_explicit_nonce": iv, "record_hex": rec.hex(),
                            "plaintext_hex": plain.hex()})

    json.dump({
        "description": "TLS 1.2 connection openssl s_client <-> s_server on 127.0.0.1, "
                       "captured by tests/data/record/capture_openssl.py",
        "openssl": subprocess.run(["openssl", "version"], capture_output=True,
                                  text=True).stdout.strip(),
        "cipher": cipher,
        "encrypt_then_mac": kind == "cbc" and not no_etm,
        "prf_hash": prf_hash,
        "mac": mac if kind == "cbc" else None,
        "client_random": client_random.hex(),
        "server_random": server_random.hex(),
        "master_secret": master.hex(),
        "key_block": key_block.hex(),
        "client_write_mac_key": pieces[0].hex(), "server_write_mac_key": pieces[1].hex(),
        "client_write_key": pieces[2].hex(), "server_write_key": pieces[3].hex(),
        "client_write_iv": pieces[4].hex(), "server_write_iv": pieces[5].hex(),
        "records": out_records,
    }, open(out_path, "w"), indent=1)
    print(f"{out_path}: {len(out_records)} protected records")


if __name__ == "__main__":
    main()
