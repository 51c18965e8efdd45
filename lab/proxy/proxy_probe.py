#!/usr/bin/env python3
"""What does an HTTP proxy let through? One line per probe, python3 standard library only.

  proxy_probe.py --proxy 127.0.0.1:3128 [--ca FILE]... [--timeout 5] PROBE...

PROBE is one of
  connect:HOST:PORT     CONNECT only: the proxy's status line
  https:HOST[:PORT]/PATH  CONNECT + TLS + GET: status line, and who issued the server certificate
  wss:HOST[:PORT]/PATH  CONNECT + TLS + WebSocket upgrade (subprotocol xmpp); on 101 sends the
                        XMPP <open/> and waits for <stream:features>
  stun-tcp:HOST:PORT    CONNECT + STUN Binding request (RFC 5389 framing over TCP)
  stun-tls:HOST:PORT    CONNECT + TLS + STUN Binding request
  http:HOST[:PORT]/PATH plain proxied GET (absolute URI); OK on any 2xx/3xx
Output lines: "PROBE OK|FAIL detail". Exit status 0 always (the caller compares with what the
policy should do); 2 on usage errors. Each --ca is trusted in addition to none other (give the
lab CA and, for a TLS-intercepting proxy, its bump CA).
"""
import argparse
import base64
import hashlib
import os
import socket
import ssl
import struct
import sys


def parse_hostport(s, default_port):
    host, _, port = s.partition(':')
    return host, int(port) if port else default_port


def split_url(rest, default_port):
    hostport, _, path = rest.partition('/')
    host, port = parse_hostport(hostport, default_port)
    return host, port, '/' + path


def read_head(sock):
    data = b''
    while b'\r\n\r\n' not in data:
        chunk = sock.recv(4096)
        if not chunk:
            break
        data += chunk
    head, _, rest = data.partition(b'\r\n\r\n')
    lines = head.decode('latin1').split('\r\n')
    headers = {}
    for line in lines[1:]:
        k, _, v = line.partition(':')
        headers[k.strip().lower()] = v.strip()
    return lines[0] if lines and lines[0] else '(connection closed, no response)', headers, rest


def connect(args, host, port):
    s = socket.create_connection(parse_hostport(args.proxy, 3128), timeout=args.timeout)
    s.sendall(f'CONNECT {host}:{port} HTTP/1.1\r\nHost: {host}:{port}\r\n'
              'User-Agent: proxy_probe\r\n\r\n'.encode())
    status, _, rest = read_head(s)
    return s, status, rest


def tls_wrap(args, s, host):
    ctx = ssl.SSLContext(ssl.PROTOCOL_TLS_CLIENT)  # verifies the chain and the host name
    if not args.ca:
        ctx.load_default_certs()
    for ca in args.ca:
        ctx.load_verify_locations(ca)
    ctx.set_alpn_protocols(['http/1.1'])
    t = ctx.wrap_socket(s, server_hostname=host)
    cert = t.getpeercert()
    issuer = dict(x[0] for x in cert.get('issuer', ()))
    return t, issuer.get('commonName', '?')


def stun_binding(sock):
    txid = os.urandom(12)
    sock.sendall(struct.pack('!HHI', 0x0001, 0, 0x2112A442) + txid)
    data = b''
    while len(data) < 20:
        chunk = sock.recv(4096)
        if not chunk:
            break
        data += chunk
    if len(data) < 20:
        return False, f'no STUN answer ({len(data)} bytes: {data[:60]!r})'
    typ, length, cookie = struct.unpack('!HHI', data[:8])
    if cookie != 0x2112A442 or data[8:20] != txid:
        return False, f'not a STUN answer: {data[:60]!r}'
    return typ == 0x0101, f'STUN answer type 0x{typ:04x}'


def ws_frame(opcode, payload):
    mask = os.urandom(4)
    n = len(payload)
    head = bytes([0x80 | opcode, 0x80 | n]) if n < 126 else bytes([0x80 | opcode, 0x80 | 126]) + struct.pack('!H', n)
    return head + mask + bytes(b ^ mask[i & 3] for i, b in enumerate(payload))


def probe(args, p):
    kind, _, rest = p.partition(':')
    try:
        if kind == 'connect':
            host, port = parse_hostport(rest, 443)
            s, status, _ = connect(args, host, port)
            s.close()
            return status.split(' ')[1:2] == ['200'], status
        if kind == 'http':
            host, port, path = split_url(rest, 80)
            s = socket.create_connection(parse_hostport(args.proxy, 3128), timeout=args.timeout)
            hp = host if port == 80 else f'{host}:{port}'
            s.sendall(f'GET http://{hp}{path} HTTP/1.1\r\nHost: {hp}\r\nConnection: close\r\n\r\n'.encode())
            status, hdr, _ = read_head(s)
            code = status.split(' ')[1:2]
            return bool(code) and code[0][0] in '23', f"{status} (Server: {hdr.get('server', '?')})"
        if kind in ('https', 'wss', 'stun-tls', 'stun-tcp'):
            if kind in ('https', 'wss'):
                host, port, path = split_url(rest, 443)
            else:
                host, port = parse_hostport(rest, 443)
            s, status, _ = connect(args, host, port)
            if status.split(' ')[1:2] != ['200']:
                return False, f'CONNECT refused: {status}'
            if kind == 'stun-tcp':
                return stun_binding(s)
            s, issuer = tls_wrap(args, s, host)
            if kind == 'stun-tls':
                ok, detail = stun_binding(s)
                return ok, f'{detail}; cert issuer "{issuer}"'
            if kind == 'https':
                s.sendall(f'GET {path} HTTP/1.1\r\nHost: {host}\r\nConnection: close\r\n\r\n'.encode())
                st, _, _ = read_head(s)
                return st.split(' ')[1:2] == ['200'], f'{st}; cert issuer "{issuer}"'
            key = base64.b64encode(os.urandom(16)).decode()
            s.sendall((f'GET {path} HTTP/1.1\r\nHost: {host}\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n'
                       f'Sec-WebSocket-Key: {key}\r\nSec-WebSocket-Version: 13\r\n'
                       f'Sec-WebSocket-Protocol: xmpp\r\nOrigin: https://{host}\r\n\r\n').encode())
            st, hdr, rest_bytes = read_head(s)
            if st.split(' ')[1:2] != ['101']:
                return False, f'upgrade refused: {st}; cert issuer "{issuer}"'
            want = base64.b64encode(hashlib.sha1((key + '258EAFA5-E914-47DA-95CA-C5AB0DC85B11').encode()).digest()).decode()
            if hdr.get('sec-websocket-accept') != want:
                return False, f'{st} but bad Sec-WebSocket-Accept'
            domain = host.split('.', 1)[1] if host.count('.') > 1 else host
            s.sendall(ws_frame(1, f'<open xmlns="urn:ietf:params:xml:ns:xmpp-framing" to="{domain}" version="1.0"/>'.encode()))
            data = rest_bytes
            while b'stream:features' not in data:
                chunk = s.recv(4096)
                if not chunk:
                    return False, f'{st}, then closed before <stream:features>'
                data += chunk
            return True, f'{st}, XMPP <stream:features> received; cert issuer "{issuer}"'
        return False, f'unknown probe kind {kind}'
    except (OSError, ssl.SSLError) as e:
        return False, f'{type(e).__name__}: {e}'


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument('--proxy', required=True)
    ap.add_argument('--ca', action='append', default=[])
    ap.add_argument('--timeout', type=float, default=5)
    ap.add_argument('probes', nargs='+')
    args = ap.parse_args()
    for p in args.probes:
        ok, detail = probe(args, p)
        print(f'{p} {"OK" if ok else "FAIL"} {detail}', flush=True)


if __name__ == '__main__':
    sys.exit(main())
